import { html } from 'lit';
import { t } from '../i18n/i18n.js';
import type { DisplayDef } from './admin-parts.js';
import { EditorPanel } from './admin-editor.js';

interface Draft {
  id: string;
  name: string;
  all: boolean;
  agencies: string[];
  runningText: string;
}
const toDraft = (x: DisplayDef): Draft => ({ id: x.id, name: x.name, all: x.agencies === 'all', agencies: x.agencies === 'all' ? [] : [...x.agencies], runningText: x.runningText ?? '' });

/**
 * Lobby displays: which agencies' calls each shows and the running text at its
 * foot. A screen picks a change up at once, without a reload.
 * @fires loket-admin-changed - after a display is saved or removed
 */
export class LoketAdminDisplays extends EditorPanel<Draft> {
  protected blank(): Draft {
    return { id: '', name: '', all: true, agencies: [], runningText: '' };
  }

  override render() {
    const agencies = this.config?.agencies ?? [];
    const d = this._draft;
    const set = (patch: Partial<Draft>) => this.setDraft(patch);
    const agencyNames = (x: DisplayDef) => (x.agencies === 'all' ? t('adm_allAgencies') : x.agencies.map((a) => agencies.find((g) => g.id === a)?.name ?? a).join(', '));
    return html`<section aria-labelledby="dsp-title">
      <h2 id="dsp-title">${t('adm_tab_displays')}</h2>
      <form @submit=${this.onSubmitForm} data-form="display">
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
        ${this.formActions()}
      </form>
      ${this.renderStatus()}
      ${this.table([t('adm_id'), t('adm_name'), t('adm_shows'), t('adm_runningText'), ''], (this.config?.displays ?? []).map(
            (x) => html`<tr data-display=${x.id}>
              <td><a href=${`/display/${encodeURIComponent(x.id)}`} target="_blank" rel="noopener">${x.id}</a></td><td>${x.name}</td><td>${agencyNames(x)}</td>
              <td>${x.runningText ?? html`<small>${t('adm_defaultText')}</small>`}</td>
              <td>${this.rowButtons(x.id, () => toDraft(x), { path: `/displays/${encodeURIComponent(x.id)}`, name: x.name })}</td>
            </tr>`,
          ))}
    </section>`;
  }

  protected async submitDraft(d: Draft): Promise<void> {
    const body: Record<string, unknown> = { name: d.name, agencies: d.all ? 'all' : d.agencies, runningText: d.runningText.trim() };
    if (!this._editing) {
      body.id = d.id;
      if (!d.runningText.trim()) delete body.runningText;
    }
    await this.saveDraft(this.upsert('/displays', body), t('adm_saved', { what: d.name || d.id }));
  }
}
customElements.define('loket-admin-displays', LoketAdminDisplays);

declare global {
  interface HTMLElementTagNameMap {
    'loket-admin-displays': LoketAdminDisplays;
  }
}
