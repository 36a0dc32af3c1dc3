import { html } from 'lit';
import type { AccountCreated, AccountInfo } from '@loket/engine/protocol';
import { t, type MessageKey } from '../i18n/i18n.js';
import { AdminPanel } from './admin-panel.js';
import { onceBox } from './admin-parts.js';

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
export class LoketAdminAccounts extends AdminPanel {
  static override properties = { _accounts: { state: true }, _agencyId: { state: true }, _link: { state: true } };
  declare private _accounts: AccountInfo[];
  declare private _agencyId: string;
  declare private _link: { username: string; url: string } | null;

  constructor() {
    super();
    this._accounts = [];
    this._agencyId = '';
    this._link = null;
  }

  protected override load(): Promise<void> {
    return this.read<{ accounts: AccountInfo[] }>('/accounts', (r) => (this._accounts = r.accounts));
  }

  override render() {
    const agencies = this.config?.agencies ?? [];
    const counters = (this.config?.counters ?? []).filter((c) => c.agencyId === this._agencyId);
    return html`<section aria-labelledby="acc-title">
      <h2 id="acc-title">${t('adm_tab_accounts')}</h2>
      <form @submit=${this._onSubmit} data-form="account">
        <label>${t('username')}<input name="username" required maxlength="64" />${this.errorAt('username')}</label>
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
          </select>${this.errorAt('agencyIds')}</label
        >
        ${counters.length
          ? html`<fieldset>
              <legend>${t('adm_counters')}</legend>
              ${counters.map((c) => html`<label><input type="checkbox" name="counterIds" value=${c.id} /> ${c.name ?? c.id}</label>`)}
            </fieldset>`
          : null}
        <div class="actions">${this.submitButton(t('adm_add'))}</div>
      </form>
      ${this._link ? onceBox('password-link', t('adm_linkOnce', { user: this._link.username }), this._link.url, () => (this._link = null)) : null} ${this.renderStatus()}
      ${this.table([t('username'), t('adm_role'), t('adm_agency'), t('adm_counters'), t('adm_state'), ''], this._accounts.map(
            (a) => html`<tr data-account=${a.username}>
              <td>${a.displayName ? html`${a.displayName} <small>(${a.username})</small>` : a.username}</td>
              <td>${ROLE_TEXT[a.role] ? t(ROLE_TEXT[a.role]!) : a.role}</td>
              <td>${a.agencyIds.length > 3 ? t('adm_nAgencies', { n: a.agencyIds.length }) : a.agencyIds.join(', ')}</td>
              <td>${a.counterIds.join(', ')}</td>
              <td>${a.disabled ? t('adm_disabled') : a.hasPassword ? t('adm_active') : t('adm_noPassword')}</td>
              <td>
                <button
                  class=${a.disabled ? '' : 'danger'}
                  data-toggle=${a.username}
                  @click=${() => this.run(() => this.call(`/accounts/${encodeURIComponent(a.username)}`, { method: 'PATCH', body: { disabled: !a.disabled } }))}>
                  ${a.disabled ? t('adm_enable') : t('adm_disable')}
                </button>
                <button data-link=${a.username} @click=${() => this._newLink(a.username)}>${t('adm_passwordLink')}</button>
              </td>
            </tr>`,
          ))}
    </section>`;
  }

  private _show(created: AccountCreated): void {
    this._link = { username: created.account.username, url: new URL(created.setPasswordUrl, location.origin).href };
  }

  private async _onSubmit(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const data = new FormData(form);
    const agencyId = String(data.get('agencyId') ?? '');
    const displayName = String(data.get('displayName') ?? '').trim();
    const body = {
      username: String(data.get('username') ?? ''),
      role: String(data.get('role')),
      agencyIds: agencyId ? [agencyId] : [],
      counterIds: data.getAll('counterIds').map(String),
      displayName: displayName || undefined,
    };
    if (await this.run(async () => this._show(await this.call<AccountCreated>('/accounts', { method: 'POST', body })))) {
      form.reset();
      this._agencyId = '';
    }
  }

  private _newLink(username: string): Promise<boolean> {
    return this.run(async () => this._show(await this.call<AccountCreated>(`/accounts/${encodeURIComponent(username)}/password-link`, { method: 'POST' })), { changed: false });
  }
}
customElements.define('loket-admin-accounts', LoketAdminAccounts);

declare global {
  interface HTMLElementTagNameMap {
    'loket-admin-accounts': LoketAdminAccounts;
  }
}
