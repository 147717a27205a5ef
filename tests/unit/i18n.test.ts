/**
 * UI strings and author texts in several languages: nothing shows up blank
 * or untranslated, and nothing an author wrote is dropped.
 */
import { describe, expect, test } from 'vitest';
import {
  createTranslator,
  getTextLang,
  isLocale,
  LOCALES,
  localize,
  type Locale,
  type LocalizedText,
} from '../../src/lib/i18n/index.ts';
import { STRINGS, type StringKey } from '../../src/lib/i18n/strings.ts';
import { COMPONENT_STATUSES, IMPACTS, INCIDENT_STATES, MAINTENANCE_STATES } from '../../src/lib/vocabulary.ts';

describe('localize', () => {
  test.each<[LocalizedText, Locale, Locale, string]>([
    ['카카오톡', 'ko', 'ko', '카카오톡'],
    ['카카오톡', 'en', 'ko', '카카오톡'],
    [{ ko: '카카오톡', en: 'KakaoTalk' }, 'ko', 'ko', '카카오톡'],
    [{ ko: '카카오톡', en: 'KakaoTalk' }, 'en', 'ko', 'KakaoTalk'],
    // No English text: the default locale's.
    [{ ko: '카카오톡' }, 'en', 'ko', '카카오톡'],
    // Neither this locale nor the default: any text rather than nothing.
    [{ en: 'KakaoTalk' }, 'ko', 'ko', 'KakaoTalk'],
    [{ ko: '카카오톡' }, 'en', 'en', '카카오톡'],
    [{}, 'ko', 'ko', ''],
  ])('%j in %s (default %s): %j', (text, locale, defaultLocale, expected) => {
    expect(localize(text, locale, defaultLocale)).toBe(expected);
  });
});

describe('getTextLang: the lang of author text not in the page language', () => {
  test.each([
    [{ ko: '메시지 송수신' }, 'en', 'ko'],
    [{ ko: '메시지 송수신', en: 'Messages' }, 'en', undefined],
    [{ en: 'Messages' }, 'ko', 'en'],
    [{ ko: '메시지', en: 'Messages' }, 'ko', undefined],
    ['본문은 한국어로 씁니다', 'en', 'ko'],
    ['본문은 한국어로 씁니다', 'ko', undefined],
    // A name in Latin letters is read as it is in any language.
    ['KakaoTalk', 'en', undefined],
    ['KakaoTalk', 'ko', undefined],
  ] as const)('%j on a page in %s: %s', (text, locale, lang) => {
    expect(getTextLang(text, locale, 'ko')).toBe(lang);
  });
});

describe('isLocale', () => {
  test.each([
    ['ko', true],
    ['en', true],
    ['ja', false],
    ['KO', false],
    ['', false],
  ])('%j: %s', (value, expected) => {
    expect(isLocale(value)).toBe(expected);
  });
});

describe('createTranslator', () => {
  test.each<[StringKey, Record<string, string | number> | undefined, string, string]>([
    ['status.partial_outage', undefined, '부분 장애', 'Partial outage'],
    ['state.identified', undefined, '원인 파악', 'Identified'],
    ['site.asOf', { time: '2022-10-15 17:00 KST' }, '2022-10-15 17:00 KST 기준', 'As of 2022-10-15 17:00 KST'],
    ['feed.moreServices', { first: '카카오톡', n: 3 }, '카카오톡 외 3', '카카오톡 +3'],
    ['history.page', { page: 2, pages: 5 }, '2 / 5 페이지', 'Page 2 of 5'],
    ['duration.minutes', { n: 0 }, '0분', '0 min'],
    // A missing parameter stays visible instead of becoming "undefined".
    ['feed.moreServices', { first: '카카오톡' }, '카카오톡 외 {n}', '카카오톡 +{n}'],
    // Unused parameters are ignored.
    ['site.home', { time: 'x' }, '현재 상태', 'Current status'],
  ])('%s %j', (key, params, ko, en) => {
    expect(createTranslator('ko')(key, params)).toBe(ko);
    expect(createTranslator('en')(key, params)).toBe(en);
  });

  test('a parameter value containing braces is inserted as is', () => {
    expect(createTranslator('en')('site.asOf', { time: '{time}' })).toBe('As of {time}');
  });

  test('every template is filled as a replace over its placeholders would fill it, call after call', () => {
    const params = { time: '17:00', n: 3, first: '카카오톡', page: 2, pages: 5, name: '$& $1' };
    for (const locale of LOCALES) {
      const t = createTranslator(locale);
      for (const [key, texts] of Object.entries(STRINGS) as [StringKey, Record<Locale, string>][]) {
        const expected = texts[locale].replace(/\{(\w+)\}/g, (whole, name: string) =>
          name in params ? String(params[name as keyof typeof params]) : whole,
        );
        expect(t(key, params)).toBe(expected);
        expect(t(key, params)).toBe(expected);
        expect(t(key, {})).toBe(texts[locale]);
      }
    }
  });
});

describe('the strings table', () => {
  const entries = Object.entries(STRINGS) as [StringKey, Record<Locale, string>][];
  const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

  test.each(entries)('%s has a non-empty text in every locale, with the same placeholders', (_, texts) => {
    for (const locale of LOCALES) expect(texts[locale].trim()).not.toBe('');
    expect(Object.keys(texts).sort()).toEqual([...LOCALES].sort());
    expect(placeholders(texts.en)).toEqual(placeholders(texts.ko));
  });

  test('every vocabulary word has a label', () => {
    const keys = new Set<string>(Object.keys(STRINGS));
    const needed = [
      ...COMPONENT_STATUSES.map((w) => `status.${w}`),
      ...[...INCIDENT_STATES, ...MAINTENANCE_STATES].map((w) => `state.${w}`),
      ...IMPACTS.map((w) => `impact.${w}`),
      ...IMPACTS.map((w) => `banner.${w}`),
    ];
    expect(needed.filter((key) => !keys.has(key))).toEqual([]);
  });

  test('Korean is Korean: the status words read as the spec says', () => {
    const t = createTranslator('ko');
    expect(COMPONENT_STATUSES.map((s) => t(`status.${s}`))).toEqual([
      '정상',
      '점검 중',
      '성능 저하',
      '부분 장애',
      '전면 장애',
    ]);
    expect(INCIDENT_STATES.map((s) => t(`state.${s}`))).toEqual([
      '조사 중',
      '원인 파악',
      '모니터링 중',
      '해결',
      '사후 분석',
    ]);
    expect(MAINTENANCE_STATES.map((s) => t(`state.${s}`))).toEqual(['예정', '진행 중', '확인 중', '완료']);
  });
});
