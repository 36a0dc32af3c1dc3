import { LitElement, css, html } from 'lit';
import type { SessionUser } from '@loket/engine/protocol';
import { adminApi } from '../admin-api.js';
import { sitePath } from '../api.js';
import { errorText } from '../error-text.js';
import { LangController, t, type MessageKey } from '../i18n/i18n.js';
import { theme } from '../theme.js';
import { CHANGED, type SiteConfig } from './admin-parts.js';
import type { AdminPanel } from './admin-panel.js';
import './loket-admin-services.js';
import './loket-admin-counters.js';
import './loket-admin-hours.js';
import './loket-admin-breaks.js';
import './loket-admin-holidays.js';
import './loket-admin-displays.js';
import './loket-admin-devices.js';
import './loket-admin-accounts.js';
import './loket-admin-audit.js';
import './loket-admin-webhooks.js';

const TABS = ['services', 'counters', 'hours', 'breaks', 'holidays', 'displays', 'devices', 'accounts', 'audit', 'webhooks'] as const;
type Tab = (typeof TABS)[number];

/**
 * The administration console of `/admin`: one tab per part of the site an
 * admin changes without a restart. Reads the live definition (`GET .../config`)
 * and again after each change.
 */
export class LoketAdmin extends LitElement {
  static override styles = [
    theme,
    css`
      nav {
        display: flex;
        flex-wrap: wrap;
        gap: 0.4rem;
        margin-bottom: 1rem;
        border-bottom: 3px solid var(--primary);
        padding-bottom: 0.5rem;
      }
    `,
  ];

  static override properties = {
    siteId: { type: String },
    token: { type: String },
    user: { attribute: false },
    _tab: { state: true },
    _config: { state: true },
    _error: { state: true },
  };
  declare siteId: string;
  declare token: string;
  declare user: SessionUser | null;
  declare private _tab: Tab;
  declare private _config: SiteConfig | null;
  declare private _error: string;
  private readonly _lang = new LangController(this);

  constructor() {
    super();
    this.siteId = '';
    this.token = '';
    this.user = null;
    this._tab = 'services';
    this._config = null;
    this._error = '';
    this.addEventListener(CHANGED, () => void this._load());
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this._load();
  }

  override render() {
    if (this.user && this.user.role !== 'admin') return html`<p class="error" role="alert">${t('err_liveForbidden')}</p>`;
    return html`<nav aria-label=${t('adm_sections')}>
        ${TABS.map(
          (tab) => html`<button data-tab=${tab} aria-pressed=${this._tab === tab ? 'true' : 'false'} @click=${() => this._open(tab)}>${t(`adm_tab_${tab}` as MessageKey)}</button>`,
        )}
      </nav>
      ${this._error ? html`<p class="error" role="alert">${this._error}</p>` : null} ${this._config ? this._renderTab(this._config) : html`<p role="status">${t('loading')}</p>`}`;
  }

  /** The open tab's panel: kept while the tab is open (it keeps its form), new when another tab opens. */
  private _panel: { tab: Tab; el: AdminPanel } | null = null;

  private _renderTab(config: SiteConfig) {
    if (this._panel?.tab !== this._tab) this._panel = { tab: this._tab, el: document.createElement(`loket-admin-${this._tab}`) as AdminPanel };
    const el = this._panel.el;
    el.siteId = this.siteId;
    el.token = this.token;
    el.config = config;
    return el;
  }

  /** Opens a tab with the definition as it is now (another admin may have changed it). */
  private _open(tab: Tab): void {
    this._tab = tab;
    void this._load();
  }

  private async _load(): Promise<void> {
    if (!this.siteId || !this.token) return;
    try {
      this._config = await adminApi<SiteConfig>(sitePath(this.siteId, '/config'), { token: this.token });
      this._error = '';
    } catch (err) {
      this._error = errorText(err);
    }
  }
}
customElements.define('loket-admin', LoketAdmin);

declare global {
  interface HTMLElementTagNameMap {
    'loket-admin': LoketAdmin;
  }
}
