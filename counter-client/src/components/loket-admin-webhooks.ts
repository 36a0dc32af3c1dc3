import { html } from 'lit';
import { WEBHOOK_EVENT, type WebhookDelivery, type WebhookDto } from '@loket/engine/protocol';
import { lang, t } from '../i18n/i18n.js';
import { dateTime } from '../time-format.js';
import { AdminPanel } from './admin-panel.js';
import { onceBox } from './admin-parts.js';

const hookPath = (id: string, rest = '') => `/webhooks/${encodeURIComponent(id)}${rest}`;

/**
 * Outgoing webhooks: add (url, events; the secret shown once), list, delete,
 * and an endpoint's deliveries with redelivery.
 */
export class LoketAdminWebhooks extends AdminPanel {
  static override properties = { _hooks: { state: true }, _secret: { state: true }, _open: { state: true }, _deliveries: { state: true } };
  declare private _hooks: WebhookDto[];
  declare private _secret: string;
  declare private _open: string | null;
  declare private _deliveries: WebhookDelivery[];

  constructor() {
    super();
    this._hooks = [];
    this._secret = '';
    this._open = null;
    this._deliveries = [];
  }

  protected override async load(): Promise<void> {
    await this.read<{ webhooks: WebhookDto[] }>('/webhooks', (r) => (this._hooks = r.webhooks));
    if (this._open) await this.read<{ deliveries: WebhookDelivery[] }>(hookPath(this._open, '/deliveries'), (r) => (this._deliveries = r.deliveries));
  }

  override render() {
    return html`<section aria-labelledby="wh-title">
      <h2 id="wh-title">${t('adm_tab_webhooks')}</h2>
      <form @submit=${this._onSubmit} data-form="webhook">
        <label>URL<input name="url" type="url" required size="40" />${this.errorAt('url')}</label>
        <fieldset>
          <legend>${t('adm_events')}</legend>
          ${Object.values(WEBHOOK_EVENT).map((ev) => html`<label><input type="checkbox" name="events" value=${ev} /> ${ev}</label>`)} ${this.errorAt('events')}
        </fieldset>
        <div class="actions">${this.submitButton(t('adm_add'))}</div>
      </form>
      ${this._secret ? onceBox('webhook', t('adm_secretOnce'), this._secret, () => (this._secret = '')) : null} ${this.renderStatus()}
      ${this.table(['URL', t('adm_events'), t('adm_state'), ''], this._hooks.map(
            (h) => html`<tr data-webhook=${h.id}>
              <td>${h.url}</td><td>${h.events.join(', ')}</td>
              <td>${h.disabled ? t('adm_disabled') : t('adm_active')}${h.failuresInRow ? ` (${t('adm_failures', { n: h.failuresInRow })})` : ''}</td>
              <td>
                <button aria-pressed=${this._open === h.id ? 'true' : 'false'} @click=${() => this._toggleDeliveries(h.id)}>${t('adm_deliveries')}</button>
                <button class="danger" @click=${() => this._remove(h)}>${t('adm_delete')}</button>
              </td>
            </tr>`,
          ))}
      ${this._open ? this._renderDeliveries(this._open) : null}
    </section>`;
  }

  private _renderDeliveries(hookId: string) {
    if (this._deliveries.length === 0) return html`<p>${t('adm_noDeliveries')}</p>`;
    return html`<h3>${t('adm_deliveries')}</h3>
      <table data-deliveries>
        <thead>
          <tr><th>${t('adm_time')}</th><th>${t('adm_event')}</th><th>${t('adm_state')}</th><th>${t('adm_attempts')}</th><th>${t('adm_lastAnswer')}</th><th></th></tr>
        </thead>
        <tbody>
          ${this._deliveries.map(
            (d) => html`<tr data-delivery=${d.id}>
              <td>${dateTime(d.at, lang())}</td><td>${d.type}</td><td>${t(`adm_delivery_${d.state}`)}</td><td class="n">${d.attempts}</td>
              <td>${d.lastStatus ?? d.lastError ?? ''}</td>
              <td><button @click=${() => this.run(() => this.call(hookPath(hookId, `/deliveries/${encodeURIComponent(d.id)}/redeliver`), { method: 'POST' }), { changed: false })}>${t('adm_redeliver')}</button></td>
            </tr>`,
          )}
        </tbody>
      </table>`;
  }

  private async _onSubmit(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const data = new FormData(form);
    const body = { url: String(data.get('url') ?? ''), events: data.getAll('events').map(String) };
    const made = await this.run(async () => (this._secret = (await this.call<{ webhook: WebhookDto }>('/webhooks', { method: 'POST', body })).webhook.secret ?? ''), { changed: false });
    if (made) form.reset();
  }

  private async _toggleDeliveries(id: string): Promise<void> {
    this._open = this._open === id ? null : id;
    this._deliveries = [];
    await this.load();
  }

  private _remove(h: WebhookDto): Promise<boolean> {
    if (this._open === h.id) this._open = null;
    return this.run(() => this.call(hookPath(h.id), { method: 'DELETE' }), { changed: false, confirm: t('adm_deleteConfirm', { name: h.url }) });
  }
}
customElements.define('loket-admin-webhooks', LoketAdminWebhooks);

declare global {
  interface HTMLElementTagNameMap {
    'loket-admin-webhooks': LoketAdminWebhooks;
  }
}
