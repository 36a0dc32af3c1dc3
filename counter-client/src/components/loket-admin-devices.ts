import { LitElement, html } from 'lit';
import type { DeviceCreated, DeviceInfo } from '@loket/engine/protocol';
import { adminApi, fieldProblems } from '../admin-api.js';
import { sitePath } from '../api.js';
import { errorText } from '../error-text.js';
import { LangController, lang, t } from '../i18n/i18n.js';
import { dateTime } from '../time-format.js';
import { theme } from '../theme.js';
import { adminStyles, fieldError } from './admin-parts.js';
import { tableStyles } from './table-styles.js';

/**
 * Device tokens of kiosks and lobby screens: create (the token is shown this
 * once, with a copy button), list, revoke.
 */
export class LoketAdminDevices extends LitElement {
  static override styles = [theme, tableStyles, adminStyles];
  static override properties = {
    siteId: { type: String },
    token: { type: String },
    _devices: { state: true },
    _created: { state: true },
    _copied: { state: true },
    _problems: { state: true },
    _error: { state: true },
  };
  declare siteId: string;
  declare token: string;
  declare private _devices: DeviceInfo[];
  declare private _created: DeviceCreated | null;
  declare private _copied: boolean;
  declare private _problems: Record<string, string>;
  declare private _error: string;
  private readonly _lang = new LangController(this);

  constructor() {
    super();
    this.siteId = '';
    this.token = '';
    this._devices = [];
    this._created = null;
    this._copied = false;
    this._problems = {};
    this._error = '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this._load();
  }

  override render() {
    return html`<section aria-labelledby="dev-title">
      <h2 id="dev-title">${t('adm_tab_devices')}</h2>
      <form @submit=${this._onSubmit} data-form="device">
        <label
          >${t('adm_role')}<select name="role">
            <option value="kiosk">${t('adm_role_kiosk')}</option>
            <option value="display">${t('adm_role_display')}</option>
          </select></label
        >
        <label>${t('adm_name')}<input name="name" required maxlength="100" />${fieldError(this._problems, 'name')}</label>
        <div class="actions"><button class="primary" type="submit">${t('adm_createDevice')}</button></div>
      </form>
      ${this._created
        ? html`<div class="once" data-once="device" role="status">
            <strong>${t('adm_tokenOnce')}</strong>
            <code data-token>${this._created.token}</code>
            <button @click=${() => this._copy(this._created!.token)}>${this._copied ? t('adm_copied') : t('adm_copy')}</button>
            <button @click=${() => (this._created = null)}>${t('adm_hide')}</button>
          </div>`
        : null}
      <p class="error" role="alert">${this._error}</p>
      <table>
        <thead>
          <tr><th>${t('adm_id')}</th><th>${t('adm_name')}</th><th>${t('adm_role')}</th><th>${t('adm_createdAt')}</th><th>${t('adm_state')}</th><th></th></tr>
        </thead>
        <tbody>
          ${this._devices.map(
            (d) => html`<tr data-device=${d.id}>
              <td>${d.id}</td><td>${d.name ?? ''}</td><td>${t(d.role === 'kiosk' ? 'adm_role_kiosk' : 'adm_role_display')}</td>
              <td>${dateTime(d.createdAt, lang())}</td><td>${d.expired ? t('adm_expired') : d.demo ? t('adm_demo') : t('adm_active')}</td>
              <td><button class="danger" data-revoke=${d.id} @click=${() => this._revoke(d)}>${t('adm_revoke')}</button></td>
            </tr>`,
          )}
        </tbody>
      </table>
    </section>`;
  }

  private async _load(): Promise<void> {
    try {
      this._devices = (await adminApi<{ devices: DeviceInfo[] }>(sitePath(this.siteId, '/devices'), { token: this.token })).devices;
    } catch (err) {
      this._error = errorText(err);
    }
  }

  private async _onSubmit(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const data = new FormData(form);
    this._error = '';
    this._problems = {};
    try {
      this._created = await adminApi<DeviceCreated>(sitePath(this.siteId, '/devices'), {
        method: 'POST',
        token: this.token,
        body: { role: String(data.get('role')), name: String(data.get('name') ?? '') },
      });
      this._copied = false;
      form.reset();
      await this._load();
    } catch (err) {
      this._problems = fieldProblems(err);
      this._error = errorText(err);
    }
  }

  private async _copy(text: string): Promise<void> {
    try {
      await navigator.clipboard.writeText(text);
      this._copied = true;
    } catch {
      this._error = t('adm_copyFailed');
    }
  }

  private async _revoke(d: DeviceInfo): Promise<void> {
    if (!confirm(t('adm_revokeConfirm', { name: d.name ?? d.id }))) return;
    try {
      await adminApi(sitePath(this.siteId, `/devices/${encodeURIComponent(d.id)}`), { method: 'DELETE', token: this.token });
      await this._load();
    } catch (err) {
      this._error = errorText(err);
    }
  }
}
customElements.define('loket-admin-devices', LoketAdminDevices);

declare global {
  interface HTMLElementTagNameMap {
    'loket-admin-devices': LoketAdminDevices;
  }
}
