import { html } from 'lit';
import type { AuditEntry } from '@loket/engine/protocol';
import { sitePath } from '../api.js';
import { errorText } from '../error-text.js';
import { lang, t } from '../i18n/i18n.js';
import { dateTime } from '../time-format.js';
import { AdminPanel } from './admin-panel.js';

const short = (v: unknown): string => (v === undefined || v === null ? '' : JSON.stringify(v).slice(0, 120));

/**
 * The audit log between two dates (the site's zone): who changed what, with
 * before and after, and the same lines as a CSV download.
 */
export class LoketAdminAudit extends AdminPanel {
  static override properties = { _entries: { state: true }, _csvUrl: { state: true } };
  declare private _entries: AuditEntry[] | null;
  declare private _csvUrl: string;
  private _from = '';
  private _to = '';

  constructor() {
    super();
    this._entries = null;
    this._csvUrl = '';
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    if (this._csvUrl) URL.revokeObjectURL(this._csvUrl);
  }

  override render() {
    return html`<section aria-labelledby="aud-title">
      <h2 id="aud-title">${t('adm_tab_audit')}</h2>
      <form @submit=${this._onSubmit} data-form="audit">
        <label>${t('adm_from')}<input type="date" name="from" .value=${this._from} /></label>
        <label>${t('adm_to')}<input type="date" name="to" .value=${this._to} /></label>
        <div class="actions">
          <button class="primary" type="submit">${t('adm_show')}</button>
          ${this._csvUrl ? html`<a href=${this._csvUrl} download=${`audit-${this.siteId}.csv`} data-csv>${t('adm_csv')}</a>` : null}
        </div>
      </form>
      ${this.renderStatus()}
      ${this._entries === null
        ? html`<p role="status">${t('loading')}</p>`
        : this._entries.length === 0
          ? html`<p>${t('adm_noEntries')}</p>`
          : html`<table data-audit>
              <thead>
                <tr><th>${t('adm_time')}</th><th>${t('adm_actor')}</th><th>${t('adm_action')}</th><th>${t('adm_target')}</th><th>${t('adm_before')}</th><th>${t('adm_after')}</th></tr>
              </thead>
              <tbody>
                ${this._entries.map(
                  (e) => html`<tr data-action=${e.action} data-target=${e.target}>
                    <td>${dateTime(e.at, lang())}</td><td>${e.actor} <small>(${e.role})</small></td><td>${e.action}</td><td>${e.target}</td>
                    <td><small>${short(e.before)}</small></td><td><small>${short(e.after)}</small></td>
                  </tr>`,
                )}
              </tbody>
            </table>`}
    </section>`;
  }

  private _onSubmit(e: SubmitEvent): void {
    e.preventDefault();
    const data = new FormData(e.target as HTMLFormElement);
    this._from = String(data.get('from') ?? '');
    this._to = String(data.get('to') ?? '');
    void this.load();
  }

  protected override async load(): Promise<void> {
    const q = new URLSearchParams();
    if (this._from) q.set('from', this._from);
    if (this._to) q.set('to', this._to);
    this._error = '';
    try {
      const { entries } = await this.call<{ entries: AuditEntry[] }>(`/audit?${q}&format=json`);
      this._entries = [...entries].reverse();
      const res = await fetch(sitePath(this.siteId, `/audit?${q}&format=csv`), { headers: { Authorization: `Bearer ${this.token}` } });
      if (this._csvUrl) URL.revokeObjectURL(this._csvUrl);
      this._csvUrl = res.ok ? URL.createObjectURL(await res.blob()) : '';
    } catch (err) {
      this._error = errorText(err);
    }
  }
}
customElements.define('loket-admin-audit', LoketAdminAudit);

declare global {
  interface HTMLElementTagNameMap {
    'loket-admin-audit': LoketAdminAudit;
  }
}
