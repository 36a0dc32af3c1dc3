import { LitElement, html } from 'lit';
import { LangController, lang, setLang, t } from '../i18n/i18n.js';
import { theme } from '../theme.js';

/**
 * Switches all texts between Indonesian and English.
 * @csspart button - the switch button
 */
export class LoketLangSwitch extends LitElement {
  static override styles = [theme];
  private readonly _lang = new LangController(this);

  override render() {
    return html`<button part="button" lang=${lang() === 'id' ? 'en' : 'id'} @click=${this._onClick}>
      ${t('langSwitch')}
    </button>`;
  }

  private _onClick(): void {
    setLang(lang() === 'id' ? 'en' : 'id');
  }
}
customElements.define('loket-lang-switch', LoketLangSwitch);

declare global {
  interface HTMLElementTagNameMap {
    'loket-lang-switch': LoketLangSwitch;
  }
}
