import { LitElement, css, html } from 'lit';
import type { LoginResponse } from '@loket/engine/protocol';
import { t, type Locale } from '../i18n/messages.js';
import { apiRequest } from '../net/api.js';

/** Detail of `loket-login`. */
export interface LoginDetail {
  token: string;
}

/**
 * Sign-in form for a device (display or kiosk) that has no token yet.
 *
 * @fires loket-login - `{ token }` after a successful sign-in.
 * @csspart form - the form.
 */
export class LoketLogin extends LitElement {
  static override styles = css`
    form {
      display: grid;
      gap: 1rem;
      max-width: 26rem;
      margin: 10vh auto;
      padding: 2rem;
      background: #fff;
      color: #111;
      border-radius: 0.75rem;
      font-size: 1.25rem;
    }
    h1 {
      margin: 0;
      font-size: 1.6rem;
    }
    label {
      display: grid;
      gap: 0.3rem;
    }
    input,
    button {
      font: inherit;
      min-height: 3rem;
      padding: 0 0.75rem;
      border: 2px solid #333;
      border-radius: 0.4rem;
    }
    button {
      background: #0b3d91;
      color: #fff;
      cursor: pointer;
    }
    .error {
      color: #a00000;
      margin: 0;
    }
  `;

  static override properties = {
    locale: { type: String },
    apiBase: { type: String, attribute: 'api-base' },
    _error: { state: true },
  };

  /** UI language. */
  declare locale: Locale;
  /** Engine origin; empty = this page. */
  declare apiBase: string;
  declare private _error: string;

  constructor() {
    super();
    this.locale = 'id';
    this.apiBase = '';
    this._error = '';
  }

  override render() {
    return html`<form part="form" @submit=${this._onSubmit}>
      <h1>${t(this.locale, 'login.title')}</h1>
      <label>${t(this.locale, 'login.username')}<input name="username" autocomplete="username" required /></label>
      <label
        >${t(this.locale, 'login.password')}<input name="password" type="password" autocomplete="current-password" required
      /></label>
      ${this._error ? html`<p class="error" role="alert">${this._error}</p>` : null}
      <button type="submit">${t(this.locale, 'login.submit')}</button>
    </form>`;
  }

  private async _onSubmit(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const data = new FormData(e.target as HTMLFormElement);
    try {
      const res = await apiRequest<LoginResponse>(this.apiBase, 'POST', '/api/v1/auth/login', {
        body: { username: String(data.get('username')), password: String(data.get('password')) },
      });
      this._error = '';
      this.dispatchEvent(new CustomEvent<LoginDetail>('loket-login', { detail: { token: res.token }, bubbles: true, composed: true }));
    } catch {
      this._error = t(this.locale, 'login.failed');
    }
  }
}

customElements.define('loket-login', LoketLogin);

declare global {
  interface HTMLElementTagNameMap {
    'loket-login': LoketLogin;
  }
}
