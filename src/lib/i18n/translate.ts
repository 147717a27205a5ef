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
  // Each template is split once: a build fills the same few templates on every page.
  const parsed = new Map<StringKey, string[]>();
  return (key, params) => {
    const template: string = STRINGS[key][locale];
    if (!params) return template;
    let parts = parsed.get(key);
    if (!parts) parsed.set(key, (parts = template.split(PLACEHOLDER)));
    // Text at even indexes, placeholder names at odd ones; an unknown name stays as written.
    let text = '';
    for (let i = 0; i < parts.length; i += 1) {
      const part = parts[i] ?? '';
      text += i % 2 === 0 ? part : part in params ? String(params[part]) : `{${part}}`;
    }
    return text;
  };
}

const PLACEHOLDER = /\{(\w+)\}/;
