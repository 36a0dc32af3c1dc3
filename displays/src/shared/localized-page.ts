/** Base of the three page elements (lobby display, kiosk, ticket status): engine origin and UI language. */
import { LitElement, type PropertyDeclarations, type PropertyValues } from 'lit';
import type { LocaleChangeDetail } from '@loket/web-common/loket-lang-switch';
import { initialLocale, storeLocale, type Locale } from '../i18n/messages.js';

/** Not an element itself: the pages extend it and bind `_onLocale` to their `<loket-lang-switch>`. */
export abstract class LocalizedPage extends LitElement {
  static override properties: PropertyDeclarations = {
    apiBase: { type: String, attribute: 'api-base' },
    locale: { type: String, reflect: true },
  };

  /** Engine origin; empty = this page's origin. */
  declare apiBase: string;
  /** UI language (the lobby's announcements stay Indonesian). */
  declare locale: Locale;

  constructor() {
    super();
    this.apiBase = '';
    this.locale = initialLocale();
  }

  /** Keeps the host's `lang` on the UI language. */
  override updated(changed: PropertyValues): void {
    if (changed.has('locale')) this.lang = this.locale;
  }

  protected _onLocale(e: CustomEvent<LocaleChangeDetail>): void {
    this.locale = e.detail.locale;
    storeLocale(this.locale);
  }
}
