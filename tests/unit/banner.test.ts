/**
 * The banner in plain words (lib/banner.ts): per affected service, what still
 * works and what does not; the category only as a headline over several; at
 * most BANNER_MAX_LINES lines on a phone (estimated here; measured in Chromium
 * by tests/gates/layout.test.ts).
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { loadContentModel } from '../../src/data/read-content.ts';
import { BANNER_MAX_LINES, estimateLines, getBannerText, getBannerView } from '../../src/lib/banner.ts';
import { localize, type Locale } from '../../src/lib/i18n/locales.ts';
import { createTranslator } from '../../src/lib/i18n/translate.ts';
import type { StatusModel } from '../../src/lib/model.ts';
import { getStatusSnapshot } from '../../src/lib/status.ts';
import { buildModel, contentWith, incidentFields, incidentFile, kst, serviceFile, type Fields } from './builders.ts';

function banner(model: StatusModel, at: number, locale: Locale = 'ko') {
  const snapshot = getStatusSnapshot(model, at);
  return getBannerText({
    indicator: snapshot.indicator,
    services: snapshot.services,
    t: createTranslator(locale),
    text: (value) => localize(value, locale, 'ko'),
  });
}

const NOW = kst('2024-06-01T12:00');
const open = (affected: Fields[]) => incidentFields({ started: '2024-06-01T10:00', affected });

describe('one service affected: its sentence is the headline', () => {
  test('some features down, others working: what works first, then what does not', () => {
    const model = buildModel(
      contentWith(
        incidentFile(
          'a',
          open([
            {
              service: 'kakaotalk',
              status: 'partial_outage',
              features: { media: 'major_outage', 'pc-login': 'partial_outage' },
            },
          ]),
        ),
      ),
    );
    expect(banner(model, NOW)).toEqual({
      headline: '카카오톡: 메시지 송수신 가능, 사진·동영상 전송, PC 로그인 불가',
      lines: [],
      more: 0,
    });
    expect(banner(model, NOW, 'en').headline).toBe('KakaoTalk: Messages working; Photos and videos, PC login down');
  });

  test('everything down: the state in words and the first note', () => {
    const model = buildModel(
      contentWith(
        incidentFile(
          'a',
          open([
            {
              service: 'kakaotalk',
              status: 'major_outage',
              note: { ko: '앱을 다시 시작해 보세요', en: 'Restart the app' },
            },
          ]),
        ),
      ),
    );
    expect(banner(model, NOW).headline).toBe('카카오톡: 이용할 수 없습니다. 앱을 다시 시작해 보세요');
    expect(banner(model, NOW, 'en').headline).toBe('KakaoTalk: down. Restart the app');
  });

  test('only slow: a slowdown, not an outage', () => {
    const model = buildModel(
      contentWith(
        incidentFile(
          'a',
          open([
            { service: 'kakaotalk', status: 'degraded_performance', features: { messages: 'degraded_performance' } },
          ]),
        ),
      ),
    );
    expect(banner(model, NOW).headline).toBe('카카오톡: 사진·동영상 전송, PC 로그인 가능, 메시지 송수신 지연');
  });

  test('nothing affected: all operational', () => {
    expect(banner(buildModel(contentWith()), NOW)).toEqual({
      headline: '모든 서비스 정상 운영 중',
      lines: [],
      more: 0,
    });
  });
});

describe('several services', () => {
  const services = ['s1', 's2', 's3', 's4', 's5'].map((id, i) =>
    serviceFile(id, { name: { ko: `서비스${i + 1}`, en: `Service ${i + 1}` }, order: i + 3 }),
  );

  test('services wholly down share one sentence, worst state first; the category heads them', () => {
    const model = buildModel(
      contentWith(
        ...services,
        incidentFile(
          'a',
          open([
            { service: 's1', status: 'partial_outage' },
            { service: 's2', status: 'major_outage' },
            { service: 's3', status: 'degraded_performance' },
            { service: 's4', status: 'major_outage' },
            { service: 's5', status: 'partial_outage' },
          ]),
        ),
      ),
    );
    const text = banner(model, NOW);
    // The category is the indicator's (the incident's impact).
    expect(text.headline).toBe('일부 서비스 이용에 문제');
    expect(text.lines).toEqual(['서비스2, 서비스4: 이용할 수 없습니다', '서비스1, 서비스5: 일부 이용자 이용 불가']);
    // The slow one did not fit: counted, behind the link to every service.
    expect(text.more).toBe(1);
  });

  test('an incident written with impact: none still says there are problems, in the minor colour', () => {
    const model = buildModel(
      contentWith(
        ...services,
        incidentFile('a', {
          ...open([
            { service: 's1', status: 'major_outage' },
            { service: 's2', status: 'degraded_performance' },
          ]),
          impact: 'none',
        }),
      ),
    );
    const snapshot = getStatusSnapshot(model, NOW);
    expect(snapshot.indicator).toBe('none');
    const t = createTranslator('ko');
    const view = getBannerView({
      indicator: snapshot.indicator,
      services: snapshot.services,
      maintenance: false,
      t,
      text: (value) => localize(value, 'ko', 'ko'),
    });
    expect(view).toMatchObject({ headline: '일부 서비스 이용에 문제', tone: 'minor', indicator: 'none' });
  });

  test('one sentence for all of them is the headline', () => {
    const model = buildModel(
      contentWith(
        ...services,
        incidentFile('a', open(services.map((_, i) => ({ service: `s${i + 1}`, status: 'major_outage' })))),
      ),
    );
    expect(banner(model, NOW)).toEqual({
      headline: '서비스1, 서비스2, 서비스3, 서비스4, 서비스5: 이용할 수 없습니다',
      lines: [],
      more: 0,
    });
  });

  test('a service with working features comes first: what still works is what people act on', () => {
    const model = buildModel(
      contentWith(
        ...services,
        incidentFile(
          'a',
          open([
            { service: 's1', status: 'major_outage' },
            { service: 'kakaotalk', status: 'partial_outage', features: { media: 'major_outage' } },
          ]),
        ),
      ),
    );
    expect(banner(model, NOW).lines[0]).toBe('카카오톡: 메시지 송수신, PC 로그인 가능, 사진·동영상 전송 불가');
  });
});

describe('within BANNER_MAX_LINES lines on a phone', () => {
  const features = ['가입', '로그인', '알림', '사진·동영상 전송', '선물하기', '송금', '프로필 편집'];
  const model = buildModel(
    contentWith(
      serviceFile('kakaotalk', {
        name: { ko: '카카오톡', en: 'KakaoTalk' },
        order: 1,
        features: [...features, '메시지 송수신'].map((name, i) => ({ id: `f${i}`, name })),
      }),
      serviceFile('bank', { name: { ko: '카카오뱅크', en: 'KakaoBank' }, order: 2 }),
      incidentFile(
        'a',
        open([
          {
            service: 'kakaotalk',
            status: 'major_outage',
            features: Object.fromEntries(features.map((_, i) => [`f${i}`, 'major_outage'])),
          },
          { service: 'bank', status: 'major_outage' },
        ]),
      ),
    ),
  );

  test.each(['ko', 'en'] as const)(
    '%s: long feature lists are cut to names and a count, and the rest is counted',
    (locale) => {
      const text = banner(model, NOW, locale);
      const lines = estimateLines(text.headline, 16) + text.lines.reduce((n, line) => n + estimateLines(line, 19), 0);
      expect(lines).toBeLessThanOrEqual(BANNER_MAX_LINES);
      expect(text.lines[0]).toBe(
        locale === 'ko'
          ? '카카오톡: 메시지 송수신 가능, 가입, 로그인 외 5개 불가'
          : 'KakaoTalk: 메시지 송수신 working; 가입, 로그인 and 5 more down',
      );
      expect(text.more).toBe(1);
    },
  );
});

test('estimateLines wraps between words; a word wider than the line breaks', () => {
  expect(estimateLines('모든 서비스 정상 운영 중', 16)).toBe(1);
  expect(estimateLines('가나다라마 바사아자차', 6)).toBe(2);
  expect(estimateLines('가나다라마바사아자차카타파하', 5)).toBe(3);
  expect(estimateLines('', 10)).toBe(1);
});

describe('the sample content during the 2022 fire', () => {
  const model = loadContentModel(fileURLToPath(new URL('../../content', import.meta.url)), { fresh: true });

  test('2022-10-15 17:00: the four services, down, in the headline', () => {
    expect(banner(model, kst('2022-10-15T17:00'))).toEqual({
      headline: '카카오톡, 카카오뱅크, 카카오 T, 카카오스토리: 이용할 수 없습니다',
      lines: [],
      more: 0,
    });
  });

  test('2022-10-16 08:30: KakaoTalk says what works (messages, slowly) and what does not', () => {
    const text = banner(model, kst('2022-10-16T08:30'));
    expect(text.headline).toBe('주요 서비스 대규모 장애');
    expect(text.lines).toEqual(['카카오톡: 메시지 송수신 지연, 사진·동영상 전송, PC 로그인 외 3개 불가']);
    expect(text.more).toBe(3);
    expect(banner(model, kst('2022-10-16T08:30'), 'en').lines).toEqual([
      'KakaoTalk: Sending and receiving messages slow; 5 features down',
    ]);
  });
});
