import { LitElement, html } from 'lit';
import { WEBHOOK_EVENT, type WebhookDelivery, type WebhookDto } from '@loket/engine/protocol';
import { adminApi, fieldProblems } from '../admin-api.js';
import { sitePath } from '../api.js';
import { errorText } from '../error-text.js';
import { LangController, lang, t } from '../i18n/i18n.js';
import { dateTime } from '../time-format.js';
import { theme } from '../theme.js';
import { adminStyles, fieldError } from './admin-parts.js';
import { tableStyles } from './table-styles.js';

/**
 * Outgoing webhooks: add (url, events; the secret shown once), list, delete,
 * and an endpoint's deliveries with redelivery.
 */
export class LoketAdminWebhooks extends LitElement {
  static override styles = [theme, tableStyles, adminStyles];
  static override properties = {
    siteId: { type: String },
    token: { type: String },
    _hooks: { state: true },
    _secret: { state: true },
    _open: { state: true },
    _deliveries: { state: true },
    _problems: { state: true },
    _error: { state: true },
  };
  declare siteId: string;
  declare token: string;
  declare private _hooks: WebhookDto[];
  declare private _secret: string;
  declare private _open: string | null;
  declare private _deliveries: WebhookDelivery[];
  declare private _problems: Record<string, string>;
  declare private _error: string;
  private readonly _lang = new LangController(this);

  constructor() {
    super();
    this.siteId = '';
    this.token = '';
    this._hooks = [];
    this._secret = '';
    this._open = null;
    this._deliveries = [];
    this._problems = {};
    this._error = '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this._load();
  }

  override render() {
    return html`<section aria-labelledby="wh-title">
      <h2 id="wh-title">${t('adm_tab_webhooks')}</h2>
      <form @submit=${this._onSubmit} data-form="webhook">
        <label>URL<input name="url" type="url" required size="40" />${fieldError(this._problems, 'url')}</label>
        <fieldset>
          <legend>${t('adm_events')}</legend>
          ${Object.values(WEBHOOK_EVENT).map((ev) => html`<label><input type="checkbox" name="events" value=${ev} /> ${ev}</label>`)}
          ${fieldError(this._problems, 'events')}
        </fieldset>
        <div class="actions"><button class="primary" type="submit">${t('adm_add')}</button></div>
      </form>
      ${this._secret
        ? html`<div class="once" data-once="webhook" role="status">
            <strong>${t('adm_secretOnce')}</strong><code>${this._secret}</code>
            <button @click=${() => void navigator.clipboard?.writeText(this._secret)}>${t('adm_copy')}</button>
            <button @click=${() => (this._secret = '')}>${t('adm_hide')}</button>
          </div>`
        : null}
      <p class="error" role="alert">${this._error}</p>
      <table>
        <thead>
          <tr><th>URL</th><th>${t('adm_events')}</th><th>${t('adm_state')}</th><th></th></tr>
        </thead>
        <tbody>
          ${this._hooks.map(
            (h) => html`<tr data-webhook=${h.id}>
              <td>${h.url}</td><td>${h.events.join(', ')}</td>
              <td>${h.disabled ? t('adm_disabled') : t('adm_active')}${h.failuresInRow ? ` (${t('adm_failures', { n: h.failuresInRow })})` : ''}</td>
              <td>
                <button aria-pressed=${this._open === h.id ? 'true' : 'false'} @click=${() => this._showDeliveries(h.id)}>${t('adm_deliveries')}</button>
                <button class="danger" @click=${() => this._remove(h)}>${t('adm_delete')}</button>
              </td>
            </tr>`,
          )}
        </tbody>
      </table>
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
              <td><button @click=${() => this._redeliver(hookId, d.id)}>${t('adm_redeliver')}</button></td>
            </tr>`,
          )}
        </tbody>
      </table>`;
  }

  private async _load(): Promise<void> {
    try {
      this._hooks = (await adminApi<{ webhooks: WebhookDto[] }>(sitePath(this.siteId, '/webhooks'), { token: this.token })).webhooks;
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
      const { webhook } = await adminApi<{ webhook: WebhookDto }>(sitePath(this.siteId, '/webhooks'), {
        method: 'POST',
        token: this.token,
        body: { url: String(data.get('url') ?? ''), events: data.getAll('events').map(String) },
      });
      this._secret = webhook.secret ?? '';
      form.reset();
      await this._load();
    } catch (err) {
      this._problems = fieldProblems(err);
      this._error = errorText(err);
    }
  }

  private async _showDeliveries(id: string): Promise<void> {
    if (this._open === id) {
      this._open = null;
      return;
    }
    try {
      this._deliveries = (await adminApi<{ deliveries: WebhookDelivery[] }>(sitePath(this.siteId, `/webhooks/${encodeURIComponent(id)}/deliveries`), { token: this.token })).deliveries;
      this._open = id;
    } catch (err) {
      this._error = errorText(err);
    }
  }

  private async _redeliver(hookId: string, msgId: string): Promise<void> {
    try {
      await adminApi(sitePath(this.siteId, `/webhooks/${encodeURIComponent(hookId)}/deliveries/${encodeURIComponent(msgId)}/redeliver`), { method: 'POST', token: this.token });
      this._open = null;
      await this._showDeliveries(hookId);
    } catch (err) {
      this._error = errorText(err);
    }
  }

  private async _remove(h: WebhookDto): Promise<void> {
    if (!confirm(t('adm_deleteConfirm', { name: h.url }))) return;
    try {
      await adminApi(sitePath(this.siteId, `/webhooks/${encodeURIComponent(h.id)}`), { method: 'DELETE', token: this.token });
      if (this._open === h.id) this._open = null;
      await this._load();
    } catch (err) {
      this._error = errorText(err);
    }
  }
}
customElements.define('loket-admin-webhooks', LoketAdminWebhooks);

declare global {
  interface HTMLElementTagNameMap {
    'loket-admin-webhooks': LoketAdminWebhooks;
  }
}
