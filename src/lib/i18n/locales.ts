/**
 * Locales the UI is translated into, and how author text in several languages
 * is chosen for one of them.
 */

/** Locales with translated UI strings. The first is the product's default. */
export const LOCALES = ['ko', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

/**
 * Author text: a plain string (written in the site's default locale) or one
 * text per locale, `{ ko: "...", en: "..." }`.
 */
export type LocalizedText = string | Partial<Record<Locale, string | undefined>>;

/**
 * The text for `locale`; the default locale's text where the author wrote none
 * for it; then any text at all, so nothing an author wrote is ever dropped.
 * @example
 * localize({ ko: '카카오톡', en: 'KakaoTalk' }, 'en', 'ko') // 'KakaoTalk'
 * localize('카카오톡', 'en', 'ko') // '카카오톡'
 */
export function localize(text: LocalizedText, locale: Locale, defaultLocale: Locale): string {
  if (typeof text === 'string') return text;
  return text[locale] ?? text[defaultLocale] ?? Object.values(text).find((v) => v !== undefined) ?? '';
}

/**
 * The language `text` shows in on a page in `locale`, when that is another
 * one, for a `lang` attribute (screen readers switch voice): the locale a
 * localized text falls back to, or `ko` for a plain text in Hangul on a page
 * in another language. `undefined` when it is the page's own (or unknown: a
 * plain text without Hangul, such as a name in Latin letters).
 * @example
 * getTextLang({ ko: '메시지 송수신' }, 'en', 'ko') // 'ko'
 * getTextLang('KakaoTalk', 'ko', 'ko') // undefined
 */
export function getTextLang(text: LocalizedText, locale: Locale, defaultLocale: Locale): Locale | undefined {
  if (typeof text === 'string') return locale !== 'ko' && /\p{Script=Hangul}/u.test(text) ? 'ko' : undefined;
  if (text[locale] !== undefined) return undefined;
  const used = text[defaultLocale] !== undefined ? defaultLocale : LOCALES.find((l) => text[l] !== undefined);
  return used === locale ? undefined : used;
}

/** Whether `value` is one of {@link LOCALES}. */
export function isLocale(value: string): value is Locale {
  return (LOCALES as readonly string[]).includes(value);
}
