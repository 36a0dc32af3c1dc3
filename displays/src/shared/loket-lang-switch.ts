import { LitElement, css, html } from 'lit';
import { otherLocale, storeLocale, t, type Locale } from '../i18n/messages.js';

/** Detail of `loket-locale-change`. */
export interface LocaleChangeDetail {
  locale: Locale;
}

/**
 * A button that switches between Indonesian and English and remembers the choice.
 *
 * @fires loket-locale-change - `{ locale }` after a switch; bubbles and crosses shadow roots.
 * @csspart button - the switch button.
 */
export class LoketLangSwitch extends LitElement {
  static override styles = css`
    button {
      font: inherit;
      font-size: 1em;
      min-height: var(--loket-switch-min-height, 2.75em);
      padding: 0.4em 0.9em;
      border-radius: 0.4em;
      border: 2px solid currentColor;
      background: transparent;
      color: inherit;
      cursor: pointer;
    }
    button:focus-visible {
      outline: 3px solid #ffd400;
      outline-offset: 2px;
    }
  `;

  static override properties = {
    locale: { type: String, reflect: true },
  };

  /** Current locale; the button offers the other one. */
  declare locale: Locale;

  constructor() {
    super();
    this.locale = 'id';
  }

  override render() {
    const other = otherLocale(this.locale);
    return html`<button part="button" lang=${other} aria-label=${t(this.locale, 'lang.switchLabel')} @click=${this._onClick}>
      ${t(this.locale, 'lang.other')}
    </button>`;
  }

  private _onClick(): void {
    const locale = otherLocale(this.locale);
    storeLocale(locale);
    this.dispatchEvent(
      new CustomEvent<LocaleChangeDetail>('loket-locale-change', { detail: { locale }, bubbles: true, composed: true }),
    );
  }
}

customElements.define('loket-lang-switch', LoketLangSwitch);

declare global {
  interface HTMLElementTagNameMap {
    'loket-lang-switch': LoketLangSwitch;
  }
}
