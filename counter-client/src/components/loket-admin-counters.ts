import { html } from 'lit';
import { t } from '../i18n/i18n.js';
import { type CounterDef } from './admin-parts.js';
import { AdminPanel } from './admin-panel.js';

interface Draft {
  id: string;
  name: string;
  agencyId: string;
  /** Tier 1 and tier 2: service ids picked from the agency's services. */
  tiers: [string[], string[]];
  /** Tiers 3 and beyond of an edited counter: not in the form, kept as they are. */
  rest: string[][];
}
const empty = (): Draft => ({ id: '', name: '', agencyId: '', tiers: [[], []], rest: [] });

/** `?moveStrandedTo=<service>` when the admin chose where stranded tickets go. */
const moveQuery = (to?: string) => (to ? `?moveStrandedTo=${encodeURIComponent(to)}` : '');

/**
 * Counters: the list, and a form that adds one or edits one (agency, then its
 * tiers picked from that agency's services). An edit that would leave waiting
 * tickets without a counter offers to move them.
 * @fires loket-admin-changed - after a counter is saved
 */
export class LoketAdminCounters extends AdminPanel {
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
    const agency = agencies.find((a) => a.id === d.agencyId);
    const agencyName = (id: string) => agencies.find((a) => a.id === id)?.name ?? id;
    const tierField = (tier: 0 | 1) =>
      html`<fieldset data-tier=${tier + 1}>
        <legend>${t('adm_tier', { n: tier + 1 })}</legend>
        ${(agency?.services ?? []).map(
          (s) =>
            html`<label
              ><input type="checkbox" name=${`tier${tier + 1}`} value=${s.id} .checked=${d.tiers[tier].includes(s.id)} @change=${(e: Event) => this._pick(tier, s.id, (e.target as HTMLInputElement).checked)} />
              ${s.prefix} · ${s.name}</label
            >`,
        )}
        ${this.errorAt(tier === 0 ? 'services' : 'services.1')}
      </fieldset>`;
    return html`<section aria-labelledby="ctr-title">
      <h2 id="ctr-title">${t('adm_tab_counters')}</h2>
      <form @submit=${this._onSubmit} data-form="counter">
        ${this.field('id', t('adm_id'), d.id, { cls: 'short', required: true, readonly: this._editing !== null, onInput: (v) => (this._draft = { ...this._draft, id: v }) })}
        ${this.field('name', t('adm_name'), d.name, { onInput: (v) => (this._draft = { ...this._draft, name: v }) })}
        <label
          >${t('adm_agency')}<select name="agencyId" required @change=${(e: Event) => (this._draft = { ...this._draft, agencyId: (e.target as HTMLSelectElement).value, tiers: [[], []], rest: [] })}>
            <option value="">—</option>
            ${agencies.map((a) => html`<option value=${a.id} ?selected=${a.id === d.agencyId}>${a.name}</option>`)}
          </select>${this.errorAt('agencyId')}</label
        >
        ${agency ? html`${tierField(0)} ${tierField(1)}` : html`<p>${t('adm_pickAgency')}</p>`}
        <div class="actions">
          ${this.submitButton(this._editing ? t('adm_save') : t('adm_add'))}
          ${this._editing ? html`<button type="button" @click=${this._reset}>${t('adm_cancel')}</button>` : null}
        </div>
      </form>
      ${this.renderStatus()}
      <table>
        <thead>
          <tr><th>${t('adm_id')}</th><th>${t('adm_name')}</th><th>${t('adm_agency')}</th><th>${t('adm_tiers')}</th><th></th></tr>
        </thead>
        <tbody>
          ${(this.config?.counters ?? []).map(
            (c) => html`<tr data-counter=${c.id}>
              <td>${c.id}</td><td>${c.name ?? `Loket ${c.id}`}</td><td>${agencyName(c.agencyId)}</td><td>${c.services.map((tier) => tier.join(', ')).join(' | ')}</td>
              <td><button data-edit=${c.id} @click=${() => this._edit(c)}>${t('adm_edit')}</button></td>
            </tr>`,
          )}
        </tbody>
      </table>
    </section>`;
  }

  private _pick(tier: 0 | 1, serviceId: string, on: boolean): void {
    const tiers: [string[], string[]] = [[...this._draft.tiers[0]], [...this._draft.tiers[1]]];
    tiers[tier] = on ? [...tiers[tier].filter((s) => s !== serviceId), serviceId] : tiers[tier].filter((s) => s !== serviceId);
    if (on) tiers[tier === 0 ? 1 : 0] = tiers[tier === 0 ? 1 : 0].filter((s) => s !== serviceId);
    this._draft = { ...this._draft, tiers };
  }

  private _edit(c: CounterDef): void {
    this._editing = c.id;
    this._draft = { id: c.id, name: c.name ?? '', agencyId: c.agencyId, tiers: [[...(c.services[0] ?? [])], [...(c.services[1] ?? [])]], rest: c.services.slice(2) };
    this._problems = {};
    this._notice = '';
    this._stranded = null;
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
    const services = [...d.tiers, ...d.rest].filter((tier) => tier.length > 0);
    const body: Record<string, unknown> = { name: d.name.trim() || undefined, agencyId: d.agencyId, services };
    if (!editing) body.id = d.id;
    const change = (moveTo?: string) =>
      this.call(editing ? `/counters/${encodeURIComponent(editing)}${moveQuery(moveTo)}` : '/counters', { method: editing ? 'PATCH' : 'POST', body });
    if (await this.run(change, { notice: t('adm_saved', { what: d.name || d.id }) })) this._reset();
  }
}
customElements.define('loket-admin-counters', LoketAdminCounters);

declare global {
  interface HTMLElementTagNameMap {
    'loket-admin-counters': LoketAdminCounters;
  }
}
