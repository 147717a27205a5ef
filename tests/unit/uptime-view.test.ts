/**
 * The service page's view of the uptime engine: the figures as shown and in
 * their hooks, the 90 bars, which days are calm, and downtime in words.
 */
import { describe, expect, test } from 'vitest';
import { createTranslator } from '../../src/lib/i18n/translate.ts';
import {
  BAR_DAYS,
  formatDowntime,
  getDayAnchor,
  getServiceUptimeView,
  getUptimeHooks,
  getUptimeView,
  isCalmDay,
  type UptimeView,
} from '../../src/lib/uptime-view.ts';
import type { DayState } from '../../src/lib/uptime.ts';
import { buildModel, contentWith, incidentFields, incidentFile, KAKAOTALK, kst, serviceFile } from './builders.ts';

const NOW = kst('2022-10-21T12:00');
const TZ = 'Asia/Seoul';

/** KakaoTalk down for one hour on 2022-10-15 (media only), with `since` when given. */
function model(since?: string) {
  const kakaotalk =
    since === undefined
      ? KAKAOTALK
      : { ...KAKAOTALK, text: KAKAOTALK.text.replace('order: 1', `order: 1\nsince: '${since}'`) };
  return buildModel(
    contentWith(
      kakaotalk,
      incidentFile(
        'media',
        incidentFields({
          started: '2022-10-15T10:00',
          resolved: '2022-10-15T11:00',
          affected: [{ service: 'kakaotalk', status: 'major_outage', features: { media: 'major_outage' } }],
        }),
      ),
    ),
  );
}

describe('getUptimeView', () => {
  test('the service: 90 bars ending today, one hour down on the day of the incident', () => {
    const view = getUptimeView(model(), { service: 'kakaotalk' }, NOW, TZ);
    expect(view.days).toHaveLength(BAR_DAYS);
    expect(view.days.at(-1)?.day).toBe('2022-10-21');
    const down = view.days.filter((d) => !isCalmDay(d));
    expect(down.map((d) => [d.day, d.status, d.downtimeMinutes, d.incidents])).toEqual([
      ['2022-10-15', 'major_outage', 60, ['media']],
    ]);
    // 60 minutes in 29.5 days (today until noon): 99.85…, truncated.
    expect(view.uptime[30]).toBe('99.85');
    expect(view.uptime[365]).toBe('99.98');
  });

  test.each([
    ['media', 'major_outage'],
    ['messages', 'operational'],
  ])('a feature has its own bars: %s on 2022-10-15 is %s', (feature, status) => {
    const view = getUptimeView(model(), { service: 'kakaotalk', feature }, NOW, TZ);
    expect(view.days.find((d) => d.day === '2022-10-15')?.status).toBe(status);
    expect(view.uptime[90] === '100.00').toBe(status === 'operational');
  });

  test('before `since` the bars have no data and the figures count from it', () => {
    const view = getUptimeView(model('2022-10-20'), { service: 'kakaotalk' }, NOW, TZ);
    expect(view.days.filter((d) => d.status === 'no_data')).toHaveLength(BAR_DAYS - 2);
    expect(view.days.slice(-2).map((d) => d.status)).toEqual(['operational', 'operational']);
    expect(view.uptime).toEqual({ 30: '100.00', 90: '100.00', 365: '100.00' });
  });

  test('a window with nothing tracked has no figure', () => {
    const view = getUptimeView(model('2022-10-22'), { service: 'kakaotalk' }, NOW, TZ);
    expect(view.uptime).toEqual({ 30: undefined, 90: undefined, 365: undefined });
    expect(getUptimeHooks(view)).toEqual({ 'data-uptime-30d': '', 'data-uptime-90d': '', 'data-uptime-365d': '' });
  });

  test('an unknown feature is an error, as in the engine', () => {
    expect(() => getUptimeView(model(), { service: 'kakaotalk', feature: 'nope' }, NOW, TZ)).toThrow(RangeError);
  });

  test('a service without incidents is up every day', () => {
    const files = contentWith(serviceFile('calm', { name: '조용한 서비스' }));
    const view = getUptimeView(buildModel(files), { service: 'calm' }, NOW, TZ);
    expect(view.days.every((d) => d.status === 'operational')).toBe(true);
    expect(view.uptime[30]).toBe('100.00');
  });
});

test('getUptimeHooks carries the figures as shown, without %', () => {
  const view: UptimeView = { uptime: { 30: '99.94', 90: '99.98', 365: '100.00' }, days: [] };
  expect(getUptimeHooks(view)).toEqual({
    'data-uptime-30d': '99.94',
    'data-uptime-90d': '99.98',
    'data-uptime-365d': '100.00',
  });
});

test.each<[DayState['status'], boolean]>([
  ['operational', true],
  ['no_data', true],
  ['under_maintenance', false],
  ['degraded_performance', false],
  ['partial_outage', false],
  ['major_outage', false],
])('isCalmDay(%s) is %s', (status, calm) => {
  const day: DayState = { day: '2022-10-15', from: 0, to: 1, status, downtimeMinutes: 0, incidents: [] };
  expect(isCalmDay(day)).toBe(calm);
});

test.each([
  [0, 'ko', '0분'],
  [432.4, 'ko', '7시간 12분'],
  [510, 'en', '8 h 30 min'],
  [1440, 'en', '1 d'],
  [59.6, 'en', '1 h'],
] as const)('formatDowntime(%s) in %s is %s', (minutes, locale, text) => {
  expect(formatDowntime(minutes, createTranslator(locale))).toBe(text);
});

test('getDayAnchor: the service day and a feature day never share an id', () => {
  expect(getDayAnchor('2022-10-15')).toBe('day-2022-10-15');
  expect(getDayAnchor('2022-10-15', 'media')).toBe('media-day-2022-10-15');
});

test('getServiceUptimeView: the service and every feature, each as getUptimeView gives it', () => {
  const m = model();
  const [kakaotalk] = m.services;
  if (!kakaotalk) throw new Error('no service');
  const view = getServiceUptimeView(m, kakaotalk, NOW, TZ);
  expect(view.service).toEqual(getUptimeView(m, { service: kakaotalk.id }, NOW, TZ));
  expect([...view.features.keys()]).toEqual(kakaotalk.features.map((f) => f.id));
  for (const f of kakaotalk.features)
    expect(view.features.get(f.id)).toEqual(getUptimeView(m, { service: kakaotalk.id, feature: f.id }, NOW, TZ));
  expect(view.features.get('media')?.uptime[30]).not.toBe('100.00');
  expect(view.features.get('messages')?.uptime[30]).toBe('100.00');
});
