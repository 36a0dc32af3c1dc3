import { LitElement, html } from 'lit';
import { adminApi, fieldProblems } from '../admin-api.js';
import { sitePath } from '../api.js';
import { errorText } from '../error-text.js';
import { LangController, t } from '../i18n/i18n.js';
import { theme } from '../theme.js';
import { adminStyles, fieldError, fireChanged, type ServiceDef, type SiteConfig } from './admin-parts.js';
import { tableStyles } from './table-styles.js';

type Draft = Record<string, string>;
const EMPTY: Draft = { agencyId: '', id: '', prefix: '', name: '', nameEn: '', avgServiceMinutes: '', slaMinutes: '30', quotaPerDay: '' };

const toDraft = (agencyId: string, s: ServiceDef): Draft => ({
  agencyId,
  id: s.id,
  prefix: s.prefix,
  name: s.name,
  nameEn: s.nameEn ?? '',
  avgServiceMinutes: String(s.avgServiceMinutes),
  slaMinutes: String(s.sla?.minutes ?? 30),
  quotaPerDay: s.quotaPerDay === undefined ? '' : String(s.quotaPerDay),
});

/**
 * Services of each agency: the list, and a form that adds one or edits one.
 * A refused field shows the engine's message next to it.
 * @fires loket-admin-changed - after a service is saved
 */
export class LoketAdminServices extends LitElement {
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
    this._draft = { ...EMPTY };
    this._editing = null;
    this._problems = {};
    this._error = '';
    this._notice = '';
  }

  override render() {
    const agencies = this.config?.agencies ?? [];
    const d = this._draft;
    const input = (name: string, label: string, type = 'text', cls = '') =>
      html`<label
        >${label}<input
          name=${name}
          type=${type}
          class=${cls}
          step=${type === 'number' ? 'any' : ''}
          .value=${d[name] ?? ''}
          ?readonly=${name === 'id' && this._editing !== null}
          aria-invalid=${this._problems[name === 'slaMinutes' ? 'sla.minutes' : name] ? 'true' : 'false'}
          aria-describedby=${`err-${name === 'slaMinutes' ? 'sla.minutes' : name}`} />${fieldError(this._problems, name === 'slaMinutes' ? 'sla.minutes' : name)}</label
      >`;
    return html`<section aria-labelledby="svc-title">
      <h2 id="svc-title">${t('adm_tab_services')}</h2>
      <form @input=${this._onInput} @submit=${this._onSubmit} data-form="service">
        <label
          >${t('adm_agency')}<select name="agencyId" required .value=${d.agencyId}>
            <option value="">—</option>
            ${agencies.map((a) => html`<option value=${a.id} ?selected=${a.id === d.agencyId}>${a.name}</option>`)}
          </select>${fieldError(this._problems, 'agencyId')}</label
        >
        ${input('id', t('adm_id'), 'text', 'short')} ${input('prefix', t('adm_prefix'), 'text', 'short')} ${input('name', t('adm_name'))}
        ${input('nameEn', t('adm_nameEn'))} ${input('avgServiceMinutes', t('adm_avgMinutes'), 'number', 'short')}
        ${input('slaMinutes', t('adm_slaMinutes'), 'number', 'short')} ${input('quotaPerDay', t('adm_quota'), 'number', 'short')}
        <div class="actions">
          <button class="primary" type="submit">${this._editing ? t('adm_save') : t('adm_add')}</button>
          ${this._editing ? html`<button type="button" @click=${this._reset}>${t('adm_cancel')}</button>` : null}
        </div>
      </form>
      <p class="error" role="alert">${this._error}</p>
      <p class="notice" role="status">${this._notice}</p>
      <table>
        <thead>
          <tr>
            <th>${t('adm_id')}</th><th>${t('adm_prefix')}</th><th>${t('adm_name')}</th><th>${t('adm_nameEn')}</th>
            <th>${t('adm_avgMinutes')}</th><th>${t('adm_slaMinutes')}</th><th>${t('adm_quota')}</th><th></th>
          </tr>
        </thead>
        <tbody>
          ${agencies.map(
            (a) => html`<tr class="agency"><th colspan="8">${a.name}</th></tr>
              ${a.services.map(
                (s) => html`<tr data-service=${s.id}>
                  <td>${s.id}</td><td>${s.prefix}</td><td>${s.name}</td><td>${s.nameEn ?? ''}</td>
                  <td class="n">${s.avgServiceMinutes}</td><td class="n">${s.sla?.minutes ?? ''}</td><td class="n">${s.quotaPerDay ?? '—'}</td>
                  <td><button data-edit=${s.id} @click=${() => this._edit(a.id, s)}>${t('adm_edit')}</button></td>
                </tr>`,
              )}`,
          )}
        </tbody>
      </table>
    </section>`;
  }

  private _onInput(e: Event): void {
    const el = e.target as HTMLInputElement;
    this._draft = { ...this._draft, [el.name]: el.value };
  }

  private _edit(agencyId: string, s: ServiceDef): void {
    this._editing = s.id;
    this._draft = toDraft(agencyId, s);
    this._problems = {};
    this._notice = '';
    this.renderRoot.querySelector('form')?.scrollIntoView?.({ block: 'nearest' });
  }

  private _reset(): void {
    this._editing = null;
    this._draft = { ...EMPTY };
    this._problems = {};
  }

  private async _onSubmit(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const d = this._draft;
    const num = (s: string | undefined) => (s === undefined || s.trim() === '' ? undefined : Number(s));
    const current = this.config?.agencies.flatMap((a) => a.services).find((s) => s.id === this._editing);
    const body: Record<string, unknown> = {
      agencyId: d.agencyId,
      prefix: d.prefix,
      name: d.name,
      nameEn: d.nameEn?.trim() ? d.nameEn : undefined,
      avgServiceMinutes: num(d.avgServiceMinutes),
      sla: { minutes: num(d.slaMinutes), share: current?.sla?.share ?? 0.8 },
      quotaPerDay: num(d.quotaPerDay),
    };
    if (!this._editing) body.id = d.id;
    this._error = '';
    this._notice = '';
    try {
      const path = this._editing ? `/services/${encodeURIComponent(this._editing)}` : '/services';
      await adminApi(sitePath(this.siteId, path), { method: this._editing ? 'PATCH' : 'POST', token: this.token, body });
      this._notice = t('adm_saved', { what: `${d.prefix} · ${d.name}` });
      this._reset();
      fireChanged(this);
    } catch (err) {
      this._problems = fieldProblems(err);
      this._error = errorText(err);
    }
  }
}
customElements.define('loket-admin-services', LoketAdminServices);

declare global {
  interface HTMLElementTagNameMap {
    'loket-admin-services': LoketAdminServices;
  }
}
