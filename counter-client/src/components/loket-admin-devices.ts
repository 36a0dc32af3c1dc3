import { html } from 'lit';
import type { DeviceCreated, DeviceInfo } from '@loket/engine/protocol';
import { lang, t } from '../i18n/i18n.js';
import { dateTime } from '../time-format.js';
import { AdminPanel } from './admin-panel.js';
import { onceBox } from './admin-parts.js';

/**
 * Device tokens of kiosks and lobby screens: create (the token is shown this
 * once, with a copy button), list, revoke.
 */
export class LoketAdminDevices extends AdminPanel {
  static override properties = { _devices: { state: true }, _created: { state: true } };
  declare private _devices: DeviceInfo[];
  declare private _created: DeviceCreated | null;

  constructor() {
    super();
    this._devices = [];
    this._created = null;
  }

  protected override load(): Promise<void> {
    return this.read<{ devices: DeviceInfo[] }>('/devices', (r) => (this._devices = r.devices));
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
        <label>${t('adm_name')}<input name="name" required maxlength="100" />${this.errorAt('name')}</label>
        <div class="actions">${this.submitButton(t('adm_createDevice'))}</div>
      </form>
      ${this._created ? onceBox('device', t('adm_tokenOnce'), this._created.token, () => (this._created = null)) : null} ${this.renderStatus()}
      ${this.table([t('adm_id'), t('adm_name'), t('adm_role'), t('adm_createdAt'), t('adm_state'), ''], this._devices.map(
            (d) => html`<tr data-device=${d.id}>
              <td>${d.id}</td><td>${d.name ?? ''}</td><td>${t(d.role === 'kiosk' ? 'adm_role_kiosk' : 'adm_role_display')}</td>
              <td>${dateTime(d.createdAt, lang())}</td><td>${d.expired ? t('adm_expired') : d.demo ? t('adm_demo') : t('adm_active')}</td>
              <td>
                <button
                  class="danger"
                  data-revoke=${d.id}
                  @click=${() => this.run(() => this.call(`/devices/${encodeURIComponent(d.id)}`, { method: 'DELETE' }), { confirm: t('adm_revokeConfirm', { name: d.name ?? d.id }) })}>
                  ${t('adm_revoke')}
                </button>
              </td>
            </tr>`,
          ))}
    </section>`;
  }

  private async _onSubmit(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const data = new FormData(form);
    const body = { role: String(data.get('role')), name: String(data.get('name') ?? '') };
    if (await this.run(async () => (this._created = await this.call<DeviceCreated>('/devices', { method: 'POST', body })))) form.reset();
  }
}
customElements.define('loket-admin-devices', LoketAdminDevices);

declare global {
  interface HTMLElementTagNameMap {
    'loket-admin-devices': LoketAdminDevices;
  }
}
