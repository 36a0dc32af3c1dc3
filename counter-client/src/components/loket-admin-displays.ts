import { html } from 'lit';
import { t } from '../i18n/i18n.js';
import type { DisplayDef } from './admin-parts.js';
import { AdminPanel } from './admin-panel.js';

interface Draft {
  id: string;
  name: string;
  all: boolean;
  agencies: string[];
  runningText: string;
}
const empty = (): Draft => ({ id: '', name: '', all: true, agencies: [], runningText: '' });

/**
 * Lobby displays: which agencies' calls each shows and the running text at its
 * foot. A screen picks a change up at once, without a reload.
 * @fires loket-admin-changed - after a display is saved or removed
 */
export class LoketAdminDisplays extends AdminPanel {
  static override properties = { _draft: { state: true }, _editing: { state: true } };
  declare private _draft: Draft;
  declare private _editing: string | null;

  constructor() {
    super();
    this._draft = empty();
    this._editing = null;
  }

  override render() {
    const agencies = this.config?.agencies ?? [];
    const d = this._draft;
    const set = (patch: Partial<Draft>) => (this._draft = { ...this._draft, ...patch });
    const agencyNames = (x: DisplayDef) => (x.agencies === 'all' ? t('adm_allAgencies') : x.agencies.map((a) => agencies.find((g) => g.id === a)?.name ?? a).join(', '));
    return html`<section aria-labelledby="dsp-title">
      <h2 id="dsp-title">${t('adm_tab_displays')}</h2>
      <form @submit=${this._onSubmit} data-form="display">
        ${this.field('id', t('adm_id'), d.id, { cls: 'short', required: true, readonly: this._editing !== null, onInput: (v) => set({ id: v }) })}
        ${this.field('name', t('adm_name'), d.name, { required: true, onInput: (v) => set({ name: v }) })}
        <fieldset data-agencies aria-describedby="err-agencies">
          <legend>${t('adm_shows')}</legend>
          <label><input type="checkbox" name="all" .checked=${d.all} @change=${(e: Event) => set({ all: (e.target as HTMLInputElement).checked })} /> ${t('adm_allAgencies')}</label>
          ${d.all
            ? null
            : agencies.map(
                (a) =>
                  html`<label
                    ><input
                      type="checkbox"
                      name="agencies"
                      value=${a.id}
                      .checked=${d.agencies.includes(a.id)}
                      @change=${(e: Event) => set({ agencies: (e.target as HTMLInputElement).checked ? [...d.agencies, a.id] : d.agencies.filter((x) => x !== a.id) })} />
                    ${a.name}</label
                  >`,
              )}
          ${this.errorAt('agencies')}
        </fieldset>
        <label class="wide"
          >${t('adm_runningText')}<textarea
            name="runningText"
            rows="2"
            maxlength="500"
            .value=${d.runningText}
            aria-invalid=${this._problems.runningText ? 'true' : 'false'}
            aria-describedby="err-runningText"
            placeholder=${t('adm_runningTextHint')}
            @input=${(e: Event) => set({ runningText: (e.target as HTMLTextAreaElement).value })}></textarea
          >${this.errorAt('runningText')}</label
        >
        <div class="actions">
          ${this.submitButton(this._editing ? t('adm_save') : t('adm_add'))}
          ${this._editing ? html`<button type="button" @click=${this._reset}>${t('adm_cancel')}</button>` : null}
        </div>
      </form>
      ${this.renderStatus()}
      <table>
        <thead>
          <tr><th>${t('adm_id')}</th><th>${t('adm_name')}</th><th>${t('adm_shows')}</th><th>${t('adm_runningText')}</th><th></th></tr>
        </thead>
        <tbody>
          ${(this.config?.displays ?? []).map(
            (x) => html`<tr data-display=${x.id}>
              <td><a href=${`/display/${encodeURIComponent(x.id)}`} target="_blank" rel="noopener">${x.id}</a></td><td>${x.name}</td><td>${agencyNames(x)}</td>
              <td>${x.runningText ?? html`<small>${t('adm_defaultText')}</small>`}</td>
              <td>
                <button data-edit=${x.id} @click=${() => this._edit(x)}>${t('adm_edit')}</button>
                <button
                  class="danger"
                  data-remove=${x.id}
                  @click=${() => this.run(() => this.call(`/displays/${encodeURIComponent(x.id)}`, { method: 'DELETE' }), { confirm: t('adm_deleteConfirm', { name: x.name }) })}>
                  ${t('adm_delete')}
                </button>
              </td>
            </tr>`,
          )}
        </tbody>
      </table>
    </section>`;
  }

  private _edit(x: DisplayDef): void {
    this._editing = x.id;
    this._draft = { id: x.id, name: x.name, all: x.agencies === 'all', agencies: x.agencies === 'all' ? [] : [...x.agencies], runningText: x.runningText ?? '' };
    this._problems = {};
    this.renderRoot.querySelector('form')?.scrollIntoView?.({ block: 'nearest' });
  }

  private _reset(): void {
    this._editing = null;
    this._draft = empty();
    this._problems = {};
  }

  private async _onSubmit(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const d = this._draft;
    const editing = this._editing;
    const body: Record<string, unknown> = { name: d.name, agencies: d.all ? 'all' : d.agencies, runningText: d.runningText.trim() };
    if (!editing) {
      body.id = d.id;
      if (!d.runningText.trim()) delete body.runningText;
    }
    const path = editing ? `/displays/${encodeURIComponent(editing)}` : '/displays';
    if (await this.run(() => this.call(path, { method: editing ? 'PATCH' : 'POST', body }), { notice: t('adm_saved', { what: d.name || d.id }) })) this._reset();
  }
}
customElements.define('loket-admin-displays', LoketAdminDisplays);

declare global {
  interface HTMLElementTagNameMap {
    'loket-admin-displays': LoketAdminDisplays;
  }
}
