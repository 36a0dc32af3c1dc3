import { LitElement, css, html, type PropertyDeclarations } from 'lit';
import { LANGUAGE_NAME, SWITCH_LABEL, otherLocale, type Locale } from './locale.js';

/** Detail of `loket-locale-change`. */
export interface LocaleChangeDetail {
  locale: Locale;
}

/**
 * A button that offers the other language (Indonesian / English). It does not store the
 * choice: the page that owns the texts does, on `loket-locale-change`.
 *
 * @fires loket-locale-change - `{ locale }` when pressed; bubbles and crosses shadow roots.
 * @csspart button - the switch button.
 * @cssprop --loket-switch-min-height - the button's least height (default 2.75em).
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

  static override properties: PropertyDeclarations = { locale: { type: String, reflect: true } };
  /** Current locale; the button offers the other one. */
  declare locale: Locale;

  constructor() {
    super();
    this.locale = 'id';
  }

  override render() {
    const other = otherLocale(this.locale);
    return html`<button part="button" lang=${other} aria-label=${SWITCH_LABEL[this.locale]} @click=${this._onClick}>
      ${LANGUAGE_NAME[other]}
    </button>`;
  }

  private _onClick(): void {
    const detail: LocaleChangeDetail = { locale: otherLocale(this.locale) };
    this.dispatchEvent(new CustomEvent<LocaleChangeDetail>('loket-locale-change', { detail, bubbles: true, composed: true }));
  }
}

// Both client bundles may sit on one page: the first one defines the tag.
if (!customElements.get('loket-lang-switch')) customElements.define('loket-lang-switch', LoketLangSwitch);

declare global {
  interface HTMLElementTagNameMap {
    'loket-lang-switch': LoketLangSwitch;
  }
  interface HTMLElementEventMap {
    'loket-locale-change': CustomEvent<LocaleChangeDetail>;
  }
}
