import { LitElement, html } from 'lit';
import type { AccountCreated, AccountInfo } from '@loket/engine/protocol';
import { adminApi, fieldProblems } from '../admin-api.js';
import { sitePath } from '../api.js';
import { errorText } from '../error-text.js';
import { LangController, t, type MessageKey } from '../i18n/i18n.js';
import { theme } from '../theme.js';
import { adminStyles, fieldError, type SiteConfig } from './admin-parts.js';
import { tableStyles } from './table-styles.js';

const ROLES = ['staff', 'supervisor', 'admin'] as const;
const ROLE_TEXT: Record<string, MessageKey> = {
  staff: 'adm_role_staff',
  supervisor: 'adm_role_supervisor',
  admin: 'adm_role_admin',
  kiosk: 'adm_role_kiosk',
  display: 'adm_role_display',
};

/**
 * Staff accounts: list, add (role, agency, counters), disable or enable, and a
 * set-password link shown this once.
 */
export class LoketAdminAccounts extends LitElement {
  static override styles = [theme, tableStyles, adminStyles];
  static override properties = {
    siteId: { type: String },
    token: { type: String },
    config: { attribute: false },
    _accounts: { state: true },
    _agencyId: { state: true },
    _link: { state: true },
    _problems: { state: true },
    _error: { state: true },
  };
  declare siteId: string;
  declare token: string;
  declare config: SiteConfig | null;
  declare private _accounts: AccountInfo[];
  declare private _agencyId: string;
  declare private _link: { username: string; url: string } | null;
  declare private _problems: Record<string, string>;
  declare private _error: string;
  private readonly _lang = new LangController(this);

  constructor() {
    super();
    this.siteId = '';
    this.token = '';
    this.config = null;
    this._accounts = [];
    this._agencyId = '';
    this._link = null;
    this._problems = {};
    this._error = '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this._load();
  }

  override render() {
    const agencies = this.config?.agencies ?? [];
    const counters = (this.config?.counters ?? []).filter((c) => c.agencyId === this._agencyId);
    return html`<section aria-labelledby="acc-title">
      <h2 id="acc-title">${t('adm_tab_accounts')}</h2>
      <form @submit=${this._onSubmit} data-form="account">
        <label>${t('username')}<input name="username" required maxlength="64" />${fieldError(this._problems, 'username')}</label>
        <label>${t('adm_displayName')}<input name="displayName" /></label>
        <label
          >${t('adm_role')}<select name="role">
            ${ROLES.map((r) => html`<option value=${r}>${t(`adm_role_${r}`)}</option>`)}
          </select></label
        >
        <label
          >${t('adm_agency')}<select name="agencyId" @change=${(e: Event) => (this._agencyId = (e.target as HTMLSelectElement).value)}>
            <option value="">—</option>
            ${agencies.map((a) => html`<option value=${a.id}>${a.name}</option>`)}
          </select>${fieldError(this._problems, 'agencyIds')}</label
        >
        ${counters.length
          ? html`<fieldset>
              <legend>${t('adm_counters')}</legend>
              ${counters.map((c) => html`<label><input type="checkbox" name="counterIds" value=${c.id} /> ${c.name ?? c.id}</label>`)}
            </fieldset>`
          : null}
        <div class="actions"><button class="primary" type="submit">${t('adm_add')}</button></div>
      </form>
      ${this._link
        ? html`<div class="once" data-once="password-link" role="status">
            <strong>${t('adm_linkOnce', { user: this._link.username })}</strong>
            <code>${this._link.url}</code>
            <button @click=${() => void navigator.clipboard?.writeText(this._link!.url)}>${t('adm_copy')}</button>
            <button @click=${() => (this._link = null)}>${t('adm_hide')}</button>
          </div>`
        : null}
      <p class="error" role="alert">${this._error}</p>
      <table>
        <thead>
          <tr><th>${t('username')}</th><th>${t('adm_role')}</th><th>${t('adm_agency')}</th><th>${t('adm_counters')}</th><th>${t('adm_state')}</th><th></th></tr>
        </thead>
        <tbody>
          ${this._accounts.map(
            (a) => html`<tr data-account=${a.username}>
              <td>${a.displayName ? html`${a.displayName} <small>(${a.username})</small>` : a.username}</td>
              <td>${ROLE_TEXT[a.role] ? t(ROLE_TEXT[a.role]!) : a.role}</td>
              <td>${a.agencyIds.length > 3 ? t('adm_nAgencies', { n: a.agencyIds.length }) : a.agencyIds.join(', ')}</td>
              <td>${a.counterIds.join(', ')}</td>
              <td>${a.disabled ? t('adm_disabled') : a.hasPassword ? t('adm_active') : t('adm_noPassword')}</td>
              <td>
                <button class=${a.disabled ? '' : 'danger'} data-toggle=${a.username} @click=${() => this._toggle(a)}>${a.disabled ? t('adm_enable') : t('adm_disable')}</button>
                <button data-link=${a.username} @click=${() => this._newLink(a.username)}>${t('adm_passwordLink')}</button>
              </td>
            </tr>`,
          )}
        </tbody>
      </table>
    </section>`;
  }

  private _show(created: AccountCreated): void {
    this._link = { username: created.account.username, url: new URL(created.setPasswordUrl, location.origin).href };
  }

  private async _load(): Promise<void> {
    try {
      this._accounts = (await adminApi<{ accounts: AccountInfo[] }>(sitePath(this.siteId, '/accounts'), { token: this.token })).accounts;
    } catch (err) {
      this._error = errorText(err);
    }
  }

  private async _onSubmit(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const data = new FormData(form);
    const agencyId = String(data.get('agencyId') ?? '');
    const displayName = String(data.get('displayName') ?? '').trim();
    this._error = '';
    this._problems = {};
    try {
      const created = await adminApi<AccountCreated>(sitePath(this.siteId, '/accounts'), {
        method: 'POST',
        token: this.token,
        body: {
          username: String(data.get('username') ?? ''),
          role: String(data.get('role')),
          agencyIds: agencyId ? [agencyId] : [],
          counterIds: data.getAll('counterIds').map(String),
          displayName: displayName || undefined,
        },
      });
      this._show(created);
      form.reset();
      this._agencyId = '';
      await this._load();
    } catch (err) {
      this._problems = fieldProblems(err);
      this._error = errorText(err);
    }
  }

  private async _toggle(a: AccountInfo): Promise<void> {
    try {
      await adminApi(sitePath(this.siteId, `/accounts/${encodeURIComponent(a.username)}`), { method: 'PATCH', token: this.token, body: { disabled: !a.disabled } });
      await this._load();
    } catch (err) {
      this._error = errorText(err);
    }
  }

  private async _newLink(username: string): Promise<void> {
    try {
      this._show(await adminApi<AccountCreated>(sitePath(this.siteId, `/accounts/${encodeURIComponent(username)}/password-link`), { method: 'POST', token: this.token }));
    } catch (err) {
      this._error = errorText(err);
    }
  }
}
customElements.define('loket-admin-accounts', LoketAdminAccounts);

declare global {
  interface HTMLElementTagNameMap {
    'loket-admin-accounts': LoketAdminAccounts;
  }
}
