/** The two UI languages of every Loket page: Indonesian first, English second. */
export const LOCALES = ['id', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

/** The other locale (a page switches between the two). */
export function otherLocale(locale: Locale): Locale {
  return locale === 'id' ? 'en' : 'id';
}

/** A language's own name, as the switch offers it. */
export const LANGUAGE_NAME: Record<Locale, string> = { id: 'Bahasa Indonesia', en: 'English' };

/** The switch's accessible name, in the current language. */
export const SWITCH_LABEL: Record<Locale, string> = {
  id: 'Ganti bahasa ke English',
  en: 'Switch language to Bahasa Indonesia',
};
