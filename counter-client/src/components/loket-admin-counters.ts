import { LitElement, html } from 'lit';
import { adminApi, fieldProblems } from '../admin-api.js';
import { sitePath } from '../api.js';
import { errorText } from '../error-text.js';
import { LangController, t } from '../i18n/i18n.js';
import { theme } from '../theme.js';
import { adminStyles, fieldError, fireChanged, type CounterDef, type SiteConfig } from './admin-parts.js';
import { tableStyles } from './table-styles.js';

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

/**
 * Counters: the list, and a form that adds one or edits one (agency, then its
 * tiers picked from that agency's services).
 * @fires loket-admin-changed - after a counter is saved
 */
export class LoketAdminCounters extends LitElement {
  static override styles = [theme, tableStyles, adminStyles];
  static override properties = {
    siteId: { type: String },
    token: { type: String },
    config: { attribute: false },
    _draft: { state: true },
    _editing: { state: true },
    _problems: { state: true },
    _error: { state: true },
    _notice: { state: true },
  };
  declare siteId: string;
  declare token: string;
  declare config: SiteConfig | null;
  declare private _draft: Draft;
  declare private _editing: string | null;
  declare private _problems: Record<string, string>;
  declare private _error: string;
  declare private _notice: string;
  private readonly _lang = new LangController(this);

  constructor() {
    super();
    this.siteId = '';
    this.token = '';
    this.config = null;
    this._draft = empty();
    this._editing = null;
    this._problems = {};
    this._error = '';
    this._notice = '';
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
        ${fieldError(this._problems, tier === 0 ? 'services' : 'services.1')}
      </fieldset>`;
    return html`<section aria-labelledby="ctr-title">
      <h2 id="ctr-title">${t('adm_tab_counters')}</h2>
      <form @submit=${this._onSubmit} data-form="counter">
        <label
          >${t('adm_id')}<input name="id" class="short" required .value=${d.id} ?readonly=${this._editing !== null} @input=${(e: Event) => (this._draft = { ...this._draft, id: (e.target as HTMLInputElement).value })} />${fieldError(
            this._problems,
            'id',
          )}</label
        >
        <label
          >${t('adm_name')}<input name="name" .value=${d.name} @input=${(e: Event) => (this._draft = { ...this._draft, name: (e.target as HTMLInputElement).value })} />${fieldError(
            this._problems,
            'name',
          )}</label
        >
        <label
          >${t('adm_agency')}<select name="agencyId" required @change=${(e: Event) => (this._draft = { ...this._draft, agencyId: (e.target as HTMLSelectElement).value, tiers: [[], []], rest: [] })}>
            <option value="">—</option>
            ${agencies.map((a) => html`<option value=${a.id} ?selected=${a.id === d.agencyId}>${a.name}</option>`)}
          </select>${fieldError(this._problems, 'agencyId')}</label
        >
        ${agency ? html`${tierField(0)} ${tierField(1)}` : html`<p>${t('adm_pickAgency')}</p>`}
        <div class="actions">
          <button class="primary" type="submit">${this._editing ? t('adm_save') : t('adm_add')}</button>
          ${this._editing ? html`<button type="button" @click=${this._reset}>${t('adm_cancel')}</button>` : null}
        </div>
      </form>
      <p class="error" role="alert">${this._error}</p>
      <p class="notice" role="status">${this._notice}</p>
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
  }

  private _reset(): void {
    this._editing = null;
    this._draft = empty();
    this._problems = {};
  }

  private async _onSubmit(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const d = this._draft;
    const services = [...d.tiers, ...d.rest].filter((tier) => tier.length > 0);
    const body: Record<string, unknown> = { name: d.name.trim() || undefined, agencyId: d.agencyId, services };
    if (!this._editing) body.id = d.id;
    this._error = '';
    this._notice = '';
    try {
      const path = this._editing ? `/counters/${encodeURIComponent(this._editing)}` : '/counters';
      await adminApi(sitePath(this.siteId, path), { method: this._editing ? 'PATCH' : 'POST', token: this.token, body });
      this._notice = t('adm_saved', { what: d.name || d.id });
      this._reset();
      fireChanged(this);
    } catch (err) {
      this._problems = fieldProblems(err);
      this._error = errorText(err);
    }
  }
}
customElements.define('loket-admin-counters', LoketAdminCounters);

declare global {
  interface HTMLElementTagNameMap {
    'loket-admin-counters': LoketAdminCounters;
  }
}
