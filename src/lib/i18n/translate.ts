import type { Locale } from './locales.ts';
import { STRINGS, type StringKey } from './strings.ts';

/** A bound translator: `t('status.partial_outage')`, `t('site.asOf', { time })`. */
export type Translate = (key: StringKey, params?: Record<string, string | number>) => string;

/**
 * Creates the translator for one locale.
 * @example
 * const t = createTranslator('ko');
 * t('site.asOf', { time: '2022-10-15 17:00 KST' }) // '2022-10-15 17:00 KST 기준'
 */
export function createTranslator(locale: Locale): Translate {
  return (key, params) => {
    const template: string = STRINGS[key][locale];
    if (!params) return template;
    return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
  };
}
