/**
 * The banner in plain words (lib/banner.ts): per affected service, what does
 * not work and what still works; the category only as a headline over several.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { loadContentModel } from '../../src/data/read-content.ts';
import { BANNER_SERVICE_LINES, getBannerText } from '../../src/lib/banner.ts';
import { localize, type Locale } from '../../src/lib/i18n/locales.ts';
import { createTranslator } from '../../src/lib/i18n/translate.ts';
import type { StatusModel } from '../../src/lib/model.ts';
import { getStatusSnapshot } from '../../src/lib/status.ts';
import { buildModel, contentWith, incidentFields, incidentFile, kst, serviceFile, type Fields } from './builders.ts';

function banner(model: StatusModel, at: number, locale: Locale = 'ko') {
  const snapshot = getStatusSnapshot(model, at);
  return getBannerText({
    indicator: snapshot.indicator,
    locale,
    services: snapshot.services,
    t: createTranslator(locale),
    text: (value) => localize(value, locale, 'ko'),
  });
}

const NOW = kst('2024-06-01T12:00');
const open = (affected: Fields[]) => incidentFields({ started: '2024-06-01T10:00', affected });

describe('one service affected: its sentence is the headline', () => {
  test('some features down, others working: what does not work, then what still does', () => {
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
      headline: '카카오톡 일부 기능 장애: 사진·동영상 전송, PC 로그인이 되지 않습니다 (메시지 송수신은 가능)',
      lines: [],
      more: 0,
    });
    expect(banner(model, NOW, 'en').headline).toBe(
      'KakaoTalk, some features down: Photos and videos, PC login not working (Messages working)',
    );
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
    expect(banner(model, NOW, 'en').headline).toBe('KakaoTalk is down. Restart the app');
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
    expect(banner(model, NOW).headline).toBe(
      '카카오톡 일부 기능 지연: 메시지 송수신이 느릴 수 있습니다 (사진·동영상 전송, PC 로그인은 가능)',
    );
  });

  test('nothing affected: all operational', () => {
    expect(banner(buildModel(contentWith()), NOW)).toEqual({
      headline: '모든 서비스가 정상 운영 중입니다',
      lines: [],
      more: 0,
    });
  });
});

test('several services: the category as headline, a sentence each, worst first, then a count', () => {
  const services = ['s1', 's2', 's3', 's4', 's5'].map((id, i) =>
    serviceFile(id, { name: { ko: `서비스${i + 1}`, en: `Service ${i + 1}` }, order: i + 3 }),
  );
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
  // The category is the indicator's (the incident's impact), as before.
  expect(text.headline).toBe('일부 서비스 이용에 문제가 있습니다');
  expect(text.lines).toHaveLength(BANNER_SERVICE_LINES);
  expect(text.lines).toEqual([
    '서비스2: 이용할 수 없습니다.',
    '서비스4: 이용할 수 없습니다.',
    '서비스1: 일부 이용자가 이용할 수 없습니다.',
  ]);
  expect(text.more).toBe(2);
});

test.each([
  ['가입', '이'],
  ['결제', '가'],
  ['PC', '가'],
  ['URL', '이'],
  ['5G', '가'],
  ['알림(푸시)', '이'],
])('the particle after %s is %s', (name, particle) => {
  const model = buildModel(
    contentWith(
      serviceFile('kakaotalk', {
        name: { ko: '카카오톡', en: 'KakaoTalk' },
        order: 1,
        features: [
          { id: 'x', name },
          { id: 'ok', name: '다른 기능' },
        ],
      }),
      incidentFile('a', open([{ service: 'kakaotalk', status: 'partial_outage', features: { x: 'major_outage' } }])),
    ),
  );
  expect(banner(model, NOW).headline).toBe(
    `카카오톡 일부 기능 장애: ${name}${particle} 되지 않습니다 (다른 기능은 가능)`,
  );
});

describe('the sample content during the 2022 fire', () => {
  const model = loadContentModel(fileURLToPath(new URL('../../content', import.meta.url)), { fresh: true });

  test('2022-10-16 08:30: KakaoTalk says what works (text messages) and what does not', () => {
    const text = banner(model, kst('2022-10-16T08:30'));
    expect(text.headline).toBe('주요 서비스에 대규모 장애가 발생했습니다');
    expect(text.lines).toContain(
      '카카오톡 일부 기능 장애: 사진·동영상 전송, PC 로그인, 로그인, 알림, 가입이 되지 않습니다, 메시지 송수신이 느릴 수 있습니다',
    );
    expect(text.lines.length + text.more).toBe(4);
  });
});

test('은/는 follows the last working feature: 결제는, not 결제은', () => {
  const model = buildModel(
    contentWith(
      serviceFile('kakaopay', {
        name: { ko: '카카오페이', en: 'KakaoPay' },
        order: 3,
        features: [
          { id: 'login', name: '로그인' },
          { id: 'pay', name: '결제' },
        ],
      }),
      incidentFile('a', open([{ service: 'kakaopay', status: 'major_outage', features: { login: 'major_outage' } }])),
    ),
  );
  expect(banner(model, NOW).headline).toBe('카카오페이 일부 기능 장애: 로그인이 되지 않습니다 (결제는 가능)');
});
