import { LitElement, css, html } from 'lit';
import type { LoginResponse } from '@loket/engine/protocol';
import { ApiError, api } from '../api.js';
import { errorText } from '../error-text.js';
import { LangController, t } from '../i18n/i18n.js';
import { theme } from '../theme.js';

/**
 * Username and password form for staff and supervisors.
 * @fires loket-login - `CustomEvent<LoginResponse>` after a successful login
 * @csspart form - the form
 */
export class LoketLoginForm extends LitElement {
  static override styles = [
    theme,
    css`
      form {
        display: grid;
        gap: 0.75rem;
        max-width: 24rem;
      }
      label {
        display: grid;
        gap: 0.25rem;
        font-weight: 600;
      }
    `,
  ];

  static override properties = { _busy: { state: true }, _error: { state: true } };
  declare private _busy: boolean;
  declare private _error: string;
  private readonly _lang = new LangController(this);

  constructor() {
    super();
    this._busy = false;
    this._error = '';
  }

  override render() {
    return html`<form part="form" @submit=${this._onSubmit} aria-labelledby="login-title">
      <h2 id="login-title">${t('loginTitle')}</h2>
      <label>${t('username')}<input name="username" autocomplete="username" required /></label>
      <label>${t('password')}<input name="password" type="password" autocomplete="current-password" required /></label>
      <button class="primary" type="submit" ?disabled=${this._busy}>${this._busy ? t('loggingIn') : t('loginButton')}</button>
      <p class="error" role="alert">${this._error}</p>
    </form>`;
  }

  private async _onSubmit(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    if (this._busy) return;
    const data = new FormData(e.target as HTMLFormElement);
    this._busy = true;
    this._error = '';
    try {
      const res = await api<LoginResponse>('/api/v1/auth/login', {
        method: 'POST',
        body: { username: String(data.get('username') ?? ''), password: String(data.get('password') ?? '') },
      });
      this.dispatchEvent(new CustomEvent<LoginResponse>('loket-login', { detail: res, bubbles: true, composed: true }));
    } catch (err) {
      this._error = err instanceof ApiError && (err.status === 401 || err.status === 400) ? t('err_loginFailed') : errorText(err);
    } finally {
      this._busy = false;
    }
  }
}
customElements.define('loket-login-form', LoketLoginForm);

declare global {
  interface HTMLElementTagNameMap {
    'loket-login-form': LoketLoginForm;
  }
}
