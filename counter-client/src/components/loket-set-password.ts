import { LitElement, css, html } from 'lit';
import { adminApi, fieldProblems } from '../admin-api.js';
import { errorText } from '../error-text.js';
import { LangController, t } from '../i18n/i18n.js';
import { theme } from '../theme.js';
import { fieldError } from './admin-parts.js';

/**
 * The page of a set-password link (`/admin#set-password=<token>`): a new
 * password, typed twice, sent with the one-time token.
 */
export class LoketSetPassword extends LitElement {
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
  static override properties = { linkToken: { type: String }, _done: { state: true }, _error: { state: true }, _problems: { state: true } };
  declare linkToken: string;
  declare private _done: boolean;
  declare private _error: string;
  declare private _problems: Record<string, string>;
  private readonly _lang = new LangController(this);

  constructor() {
    super();
    this.linkToken = '';
    this._done = false;
    this._error = '';
    this._problems = {};
  }

  override render() {
    if (this._done) return html`<p class="notice" role="status">${t('adm_passwordSet')}</p><p><a href="/counter">${t('appDesk')}</a> · <a href="/admin">${t('appAdmin')}</a></p>`;
    return html`<form @submit=${this._onSubmit}>
      <h2>${t('adm_setPasswordTitle')}</h2>
      <label>${t('adm_newPassword')}<input name="password" type="password" autocomplete="new-password" minlength="8" required />${fieldError(this._problems, 'password')}</label>
      <label>${t('adm_repeatPassword')}<input name="again" type="password" autocomplete="new-password" required /></label>
      <button class="primary" type="submit">${t('adm_save')}</button>
      <p class="error" role="alert">${this._error}</p>
    </form>`;
  }

  private async _onSubmit(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const data = new FormData(e.target as HTMLFormElement);
    const password = String(data.get('password') ?? '');
    this._problems = {};
    if (password !== String(data.get('again') ?? '')) {
      this._error = t('adm_passwordsDiffer');
      return;
    }
    try {
      await adminApi('/api/v1/auth/set-password', { method: 'POST', body: { token: this.linkToken, password } });
      this._done = true;
      history.replaceState(null, '', location.pathname + location.search);
    } catch (err) {
      this._problems = fieldProblems(err);
      this._error = errorText(err);
    }
  }
}
customElements.define('loket-set-password', LoketSetPassword);

declare global {
  interface HTMLElementTagNameMap {
    'loket-set-password': LoketSetPassword;
  }
}
