import { LitElement, css, html } from 'lit';
import type { LoginResponse, SessionUser } from '@loket/engine/protocol';
import { ApiError, api } from '../api.js';
import { errorText } from '../error-text.js';
import { LangController, lang, setLang, t } from '../i18n/i18n.js';
import { currentUser, forgetUrlToken, resolveSiteId, storeToken, storedToken } from '../session.js';
import { theme } from '../theme.js';
import '@loket/web-common/loket-lang-switch';
import type { LocaleChangeDetail } from '@loket/web-common/loket-lang-switch';
import './loket-login-form.js';

/**
 * Page shell of `/counter` and `/supervisor`: finds the site, restores or
 * asks for a login, and shows the desk or the floor.
 * @csspart header - the top bar
 */
export class LoketStaffApp extends LitElement {
  static override styles = [
    theme,
    css`
      header {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 1rem;
        padding: 0.75rem 1.25rem;
        background: #0b2545;
        color: #fff;
      }
      header h1 {
        margin: 0;
        font-size: 1.6rem;
        flex: 1;
      }
      header button {
        border-color: #fff;
      }
      main {
        padding: 1rem 1.25rem;
      }
    `,
  ];

  static override properties = {
    view: { type: String },
    setPasswordToken: { attribute: false },
    _siteId: { state: true },
    _token: { state: true },
    _user: { state: true },
    _error: { state: true },
    _loading: { state: true },
  };
  /** `desk` (counter staff), `floor` (supervisor), `report` (the day's report) or `admin` (the console). */
  declare view: 'desk' | 'floor' | 'report' | 'admin';
  /** On `/admin#set-password=<token>`: the link's token; the page then sets a password, no login. */
  declare setPasswordToken: string;
  declare private _siteId: string | null;
  declare private _token: string | null;
  declare private _user: SessionUser | null;
  declare private _error: string;
  declare private _loading: boolean;
  private readonly _lang = new LangController(this);

  constructor() {
    super();
    this.view = 'desk';
    this.setPasswordToken = '';
    this._siteId = null;
    this._token = null;
    this._user = null;
    this._error = '';
    this._loading = true;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this._init();
  }

  override render() {
    const title = this.view === 'floor' ? t('appFloor') : this.view === 'report' ? t('appReport') : this.view === 'admin' ? t('appAdmin') : t('appDesk');
    document.title = `${title} · Loket`;
    return html`<header part="header">
        <h1>${title}</h1>
        ${this._user ? html`<span>${t('loggedInAs', { user: this._user.displayName ?? this._user.username })}</span>` : null}
        <loket-lang-switch .locale=${lang()} @loket-locale-change=${this._onLocale}></loket-lang-switch>
        ${this._user ? html`<button @click=${this._onLogout}>${t('logout')}</button>` : null}
      </header>
      <main>${this._renderMain()}</main>`;
  }

  private _renderMain() {
    if (this.setPasswordToken) return html`<loket-set-password .linkToken=${this.setPasswordToken}></loket-set-password>`;
    if (this._loading) return html`<p role="status">${t('loading')}</p>`;
    if (this._error && !this._siteId) return html`<p class="error" role="alert">${this._error}</p>`;
    if (!this._user || !this._token || !this._siteId) {
      return html`<p class="error" role="alert">${this._error}</p><loket-login-form @loket-login=${this._onLogin}></loket-login-form>`;
    }
    // The floor and the report show the whole mall's figures: only supervisors and administrators open them.
    if (this.view !== 'desk' && this._user.role !== 'supervisor' && this._user.role !== 'admin') {
      const q = new URLSearchParams({ site: this._siteId });
      return html`<section class="not-allowed" role="alert" data-not-allowed>
        <h2>${t('notAllowedTitle')}</h2>
        <p>${t('notAllowedBody', { user: this._user.displayName ?? this._user.username })}</p>
        <p><a href=${`/counter?${q.toString()}`}>${t('goToDesk')}</a></p>
      </section>`;
    }
    if (this.view === 'admin') return html`<loket-admin .siteId=${this._siteId} .token=${this._token} .user=${this._user}></loket-admin>`;
    if (this.view === 'report') return html`<loket-report-page .siteId=${this._siteId} .token=${this._token} .user=${this._user}></loket-report-page>`;
    return this.view === 'floor'
      ? html`<loket-supervisor-floor .siteId=${this._siteId} .token=${this._token} .user=${this._user}></loket-supervisor-floor>`
      : html`<loket-counter-desk .siteId=${this._siteId} .token=${this._token} .user=${this._user}></loket-counter-desk>`;
  }

  private async _init(): Promise<void> {
    try {
      this._siteId = await resolveSiteId();
      const token = storedToken();
      if (token) {
        storeToken(token);
        forgetUrlToken();
        try {
          this._user = await currentUser(token);
          this._token = token;
        } catch (err) {
          if (err instanceof ApiError && err.status === 401) storeToken(null);
          else this._error = errorText(err);
        }
      }
    } catch (err) {
      this._error = errorText(err);
    } finally {
      this._loading = false;
    }
  }

  private _onLocale(e: CustomEvent<LocaleChangeDetail>): void {
    setLang(e.detail.locale);
  }

  private _onLogin(e: CustomEvent<LoginResponse>): void {
    storeToken(e.detail.token);
    this._token = e.detail.token;
    this._user = e.detail.user;
    this._error = '';
  }

  private async _onLogout(): Promise<void> {
    const token = this._token;
    storeToken(null);
    this._token = null;
    this._user = null;
    try {
      await api('/api/v1/auth/logout', { method: 'POST', token });
    } catch {
      /* the token is dropped here anyway */
    }
  }
}
customElements.define('loket-staff-app', LoketStaffApp);

declare global {
  interface HTMLElementTagNameMap {
    'loket-staff-app': LoketStaffApp;
  }
}
