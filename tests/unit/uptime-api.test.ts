/**
 * `/api/uptime.json` (src/lib/api/uptime.ts): the uptime engine's figures
 * per service, feature and window, and the day bars, as a typed object.
 */
import { describe, expect, test } from 'vitest';
import { buildUptimeJson, type UptimeJson, type UptimeJsonService } from '../../src/lib/api/uptime.ts';
import type { StatusModel } from '../../src/lib/model.ts';
import {
  formatUptime,
  getDailyStates,
  getStateTimeline,
  getUptime,
  getUptimeWindow,
  UPTIME_PERIODS,
  type UptimeTarget,
} from '../../src/lib/uptime.ts';
import {
  buildModel,
  contentWith,
  incidentFields,
  incidentFile,
  kst,
  maintenanceFields,
  serviceFile,
  siteYaml,
  type Fields,
} from './builders.ts';

const NOW = kst('2022-10-31T12:00');
const TZ = 'Asia/Seoul';

/** KakaoTalk as in builders.ts, with extra fields (`since`). */
function kakaotalk(extra: Fields = {}) {
  return serviceFile('kakaotalk', {
    name: { ko: '카카오톡', en: 'KakaoTalk' },
    order: 1,
    features: [
      { id: 'messages', name: { ko: '메시지 송수신', en: 'Messages' } },
      { id: 'media', name: { ko: '사진·동영상 전송', en: 'Photos and videos' } },
      { id: 'pc-login', name: { ko: 'PC 로그인', en: 'PC login' } },
    ],
    ...extra,
  });
}

/** The default content with incidents `a`, `b`, … and KakaoTalk's extra fields. */
function modelWith(incidents: Fields[], talk: Fields = {}, site: Fields = {}): StatusModel {
  return buildModel(
    contentWith(
      siteYaml(site),
      kakaotalk(talk),
      ...incidents.map((fields, i) => incidentFile(String.fromCharCode(97 + i), fields)),
    ),
  );
}

/** A KakaoTalk incident (KST wall clock); `features` makes it hit only those features. */
function outage(started: string, resolved: string | undefined, status: string, features?: Record<string, string>) {
  return incidentFields({ started, resolved, affected: [{ service: 'kakaotalk', status, features }] });
}

function service(json: UptimeJson, id: string): UptimeJsonService {
  const found = json.services.find((s) => s.id === id);
  if (!found) throw new Error(`no service ${id} in ${json.services.map((s) => s.id).join(', ')}`);
  return found;
}

/** The fire-like content every figure test uses: a partial outage, a feature outage, a maintenance. */
const MODEL = modelWith([
  outage('2022-10-15T15:30', '2022-10-16T02:16', 'partial_outage', { media: 'major_outage' }),
  outage('2022-10-30T23:00', undefined, 'major_outage'),
  maintenanceFields({ scheduled: { start: '2022-10-20T02:00', end: '2022-10-20T04:00' } }),
  incidentFields({
    started: '2022-09-01T10:00',
    resolved: '2022-09-01T10:06',
    affected: [{ service: 'kakaobank', status: 'major_outage', features: { transfer: 'major_outage' } }],
  }),
]);

describe('buildUptimeJson: the shape', () => {
  const json = buildUptimeJson(MODEL, NOW, { timezone: TZ, siteUrl: 'https://status.example.com/' });

  test('the header says when, where and how the windows are cut', () => {
    expect({ ...json, services: undefined }).toEqual({
      generated_at: '2022-10-31T12:00:00+09:00',
      time_zone: 'Asia/Seoul',
      url: 'https://status.example.com/',
      window_definition: 'last N calendar days in Asia/Seoul, today until generated_at',
      downtime_weights: {
        operational: 0,
        under_maintenance: 0,
        degraded_performance: 0,
        partial_outage: 0.3,
        major_outage: 1,
      },
      periods: [30, 90, 365],
      services: undefined,
    });
    expect(buildUptimeJson(MODEL, NOW, { timezone: TZ }).url).toBeNull();
  });

  test('every service in page order, with its features, names in the default locale', () => {
    expect(json.services.map((s) => [s.id, s.name, s.features.map((f) => [f.id, f.name])])).toEqual([
      [
        'kakaotalk',
        '카카오톡',
        [
          ['messages', '메시지 송수신'],
          ['media', '사진·동영상 전송'],
          ['pc-login', 'PC 로그인'],
        ],
      ],
      [
        'kakaobank',
        '카카오뱅크',
        [
          ['deposit', '입금'],
          ['transfer', '송금'],
        ],
      ],
    ]);
    const english = buildUptimeJson(modelWith([], {}, { defaultLocale: 'en', locales: ['en', 'ko'] }), NOW, {
      timezone: TZ,
    });
    expect(english.services.map((s) => s.name)).toEqual(['KakaoTalk', 'KakaoBank']);
  });

  test('each service and feature has the three windows and 90 days, oldest first, ending today', () => {
    for (const target of json.services.flatMap((s) => [s, ...s.features])) {
      expect(Object.keys(target.uptime)).toEqual(['30d', '90d', '365d']);
      expect(target.days).toHaveLength(90);
      expect(target.days[0]?.date).toBe('2022-08-03');
      expect(target.days.at(-1)?.date).toBe('2022-10-31');
      expect(Object.keys(target.days[0] ?? {})).toEqual(['date', 'status', 'downtime_minutes', 'incidents']);
    }
    expect(Object.keys(service(json, 'kakaotalk'))).toEqual(['id', 'name', 'since', 'uptime', 'days', 'features']);
    expect(Object.keys(service(json, 'kakaotalk').features[0] ?? {})).toEqual(['id', 'name', 'uptime', 'days']);
  });

  test('`days` sets how many day bars, and must be a whole number ≥ 1', () => {
    const short = buildUptimeJson(MODEL, NOW, { timezone: TZ, days: 7 });
    expect(service(short, 'kakaotalk').days.map((d) => d.date)).toEqual([
      '2022-10-25',
      '2022-10-26',
      '2022-10-27',
      '2022-10-28',
      '2022-10-29',
      '2022-10-30',
      '2022-10-31',
    ]);
    expect(service(short, 'kakaotalk').uptime).toEqual(service(json, 'kakaotalk').uptime);
    expect(() => buildUptimeJson(MODEL, NOW, { timezone: TZ, days: 0 })).toThrow(RangeError);
  });

  test('days are calendar days of the timezone given, not of the machine', () => {
    const utc = buildUptimeJson(MODEL, kst('2022-11-01T08:00'), { timezone: 'UTC' });
    expect(utc.generated_at).toBe('2022-10-31T23:00:00+00:00');
    expect(service(utc, 'kakaotalk').days.at(-1)?.date).toBe('2022-10-31');
    expect(utc.window_definition).toBe('last N calendar days in UTC, today until generated_at');
  });

  test('survives JSON.stringify unchanged (no undefined, no NaN)', () => {
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
  });
});

describe('buildUptimeJson: the figures are the uptime engine’s', () => {
  const json = buildUptimeJson(MODEL, NOW, { timezone: TZ });
  const targets: [string, UptimeTarget][] = [
    ['kakaotalk', { service: 'kakaotalk' }],
    ['kakaotalk media', { service: 'kakaotalk', feature: 'media' }],
    ['kakaotalk messages', { service: 'kakaotalk', feature: 'messages' }],
    ['kakaobank', { service: 'kakaobank' }],
    ['kakaobank transfer', { service: 'kakaobank', feature: 'transfer' }],
    ['kakaobank deposit', { service: 'kakaobank', feature: 'deposit' }],
  ];
  const pick = (target: UptimeTarget) => {
    const s = service(json, target.service);
    return target.feature === undefined ? s : s.features.find((f) => f.id === target.feature);
  };

  test.each(targets.flatMap(([name, target]) => UPTIME_PERIODS.map((period) => ({ name, target, period }))))(
    '$name over $period days',
    ({ target, period }) => {
      const expected = getUptime(getStateTimeline(MODEL, target, NOW), getUptimeWindow(period, NOW, TZ));
      const shown = pick(target)?.uptime[`${period}d`];
      expect(shown?.percent).toBe(Number(formatUptime(expected.percent ?? Number.NaN)));
      expect(shown?.downtime_minutes).toBeCloseTo(expected.downtimeMinutes, 2);
      expect(shown?.tracked_minutes).toBeCloseTo(expected.trackedMinutes, 2);
    },
  );

  test.each(targets)('%s: the days are getDailyStates’ bars', (_, target) => {
    const expected = getDailyStates(getStateTimeline(MODEL, target, NOW), { days: 90, now: NOW, timezone: TZ });
    expect(pick(target)?.days).toEqual(
      expected.map((d) => ({
        date: d.day,
        status: d.status,
        downtime_minutes: Math.round(d.downtimeMinutes * 100) / 100,
        incidents: d.incidents,
      })),
    );
  });

  test.each([
    // 30 days at noon: 29.5 × 1440 = 42,480 tracked minutes.
    // Partial 10-15 15:30 → 10-16 02:16 (646 min × 0.3 = 193.8) + open major 10-30 23:00 → 12:00 (780).
    {
      name: 'kakaotalk',
      id: 'kakaotalk',
      feature: undefined,
      key: '30d',
      percent: 97.7,
      downtime: 973.8,
      tracked: 42_480,
    },
    // The photos feature was in major outage for the 646 minutes, and in the open outage (no features map).
    {
      name: 'kakaotalk media',
      id: 'kakaotalk',
      feature: 'media',
      key: '30d',
      percent: 96.64,
      downtime: 1426,
      tracked: 42_480,
    },
    // 364.5 days; six minutes in 524,880 is 99.9988…: truncated to 99.99, never rounded up to 100.
    {
      name: 'kakaobank: six minutes',
      id: 'kakaobank',
      feature: undefined,
      key: '365d',
      percent: 99.99,
      downtime: 6,
      tracked: 524_880,
    },
    {
      name: 'kakaobank deposit: maintenance is no downtime',
      id: 'kakaobank',
      feature: 'deposit',
      key: '30d',
      percent: 100,
      downtime: 0,
      tracked: 42_480,
    },
  ] as const)('$name over $key: $percent', ({ id, feature, key, percent, downtime, tracked }) => {
    const s = service(json, id);
    const target = feature === undefined ? s : s.features.find((f) => f.id === feature);
    expect(target?.uptime[key]).toEqual({ percent, downtime_minutes: downtime, tracked_minutes: tracked });
  });

  test('a day bar: the worst state, its minutes and its incidents', () => {
    const day = (id: string, date: string, feature?: string) => {
      const s = service(json, id);
      return (feature === undefined ? s : s.features.find((f) => f.id === feature))?.days.find((d) => d.date === date);
    };
    expect(day('kakaotalk', '2022-10-15')).toEqual({
      date: '2022-10-15',
      status: 'partial_outage',
      downtime_minutes: 153, // 15:30 to midnight: 510 × 0.3
      incidents: ['a'],
    });
    expect(day('kakaotalk', '2022-10-15', 'media')).toEqual({
      date: '2022-10-15',
      status: 'major_outage',
      downtime_minutes: 510,
      incidents: ['a'],
    });
    expect(day('kakaobank', '2022-10-20')).toEqual({
      date: '2022-10-20',
      status: 'under_maintenance',
      downtime_minutes: 0,
      incidents: ['c'],
    });
    expect(day('kakaobank', '2022-10-21')).toEqual({
      date: '2022-10-21',
      status: 'operational',
      downtime_minutes: 0,
      incidents: [],
    });
  });
});

describe('buildUptimeJson: `since`', () => {
  const incidents = [outage('2022-10-15T23:00', '2022-10-16T01:00', 'major_outage')];

  test('days before since are no_data, the day it begins counts from it, percent counts from it', () => {
    const json = buildUptimeJson(modelWith(incidents, { since: '2022-10-16' }), NOW, { timezone: TZ });
    const talk = service(json, 'kakaotalk');
    expect(talk.since).toBe('2022-10-16T00:00:00+09:00');
    for (const target of [talk, ...talk.features]) {
      const byDate = new Map(target.days.map((d) => [d.date, d]));
      expect(target.days.filter((d) => d.status === 'no_data')).toHaveLength(74); // 08-03 … 10-15
      expect(byDate.get('2022-10-15')).toEqual({
        date: '2022-10-15',
        status: 'no_data',
        downtime_minutes: 0,
        incidents: [],
      });
      expect(byDate.get('2022-10-16')).toEqual({
        date: '2022-10-16',
        status: 'major_outage',
        downtime_minutes: 60,
        incidents: ['a'],
      });
      // 15.5 days tracked, in every window: the hour before since does not count.
      for (const key of ['30d', '90d', '365d'] as const) {
        expect(target.uptime[key]).toEqual({ percent: 99.73, downtime_minutes: 60, tracked_minutes: 22_320 });
      }
    }
    // The other service has no since: its days are all data.
    expect(service(json, 'kakaobank').since).toBeNull();
    expect(service(json, 'kakaobank').days.every((d) => d.status === 'operational')).toBe(true);
  });

  test.each([
    { name: 'since after now: nothing tracked yet', since: '2022-11-15', tracked: [null, null, null], noData: 90 },
    // Since 2022-09-01: the 30 days are all tracked (120 / 42,480 minutes down); 90 and 365 days
    // only from 09-01 (120 / 87,120).
    { name: 'since inside the 90 days', since: '2022-09-01', tracked: [99.71, 99.86, 99.86], noData: 29 },
  ])('$name', ({ since, tracked, noData }) => {
    const json = buildUptimeJson(modelWith(incidents, { since }), NOW, { timezone: TZ });
    const talk = service(json, 'kakaotalk');
    expect([talk.uptime['30d'].percent, talk.uptime['90d'].percent, talk.uptime['365d'].percent]).toEqual(tracked);
    expect(talk.days.filter((d) => d.status === 'no_data')).toHaveLength(noData);
    if (tracked[0] === null)
      expect(talk.uptime['30d']).toEqual({ percent: null, downtime_minutes: 0, tracked_minutes: 0 });
  });
});

describe('buildUptimeJson: only the windows count, however long the history', () => {
  test.each([
    {
      name: 'an outage resolved before the 365 days changes nothing',
      extra: outage('2020-03-02T08:58', '2020-03-02T10:17', 'major_outage'),
      downtime365: 0,
    },
    {
      name: 'an outage started years ago and still open counts over the whole window',
      extra: outage('2020-03-02T08:58', undefined, 'major_outage'),
      downtime365: 364.5 * 1440,
    },
    {
      name: 'an outage over the start of the 365 days counts from it (2021-11-01 00:00)',
      extra: outage('2021-10-31T23:00', '2021-11-01T02:00', 'major_outage'),
      downtime365: 120,
    },
    {
      name: 'an outage started before the 365 days and made worse in them counts both states',
      extra: incidentFields({
        started: '2021-06-01T00:00',
        resolved: '2022-10-31T00:00',
        affected: [{ service: 'kakaotalk', status: 'partial_outage' }],
        updates: [
          {
            at: '2022-10-30T00:00',
            status: 'identified',
            message: '악화',
            affected: [{ service: 'kakaotalk', status: 'major_outage' }],
          },
        ],
      }),
      downtime365: 363 * 1440 * 0.3 + 1440,
    },
    {
      name: 'a maintenance held before the 365 days changes nothing',
      extra: maintenanceFields({
        scheduled: { start: '2021-06-01T02:00', end: '2021-06-01T04:00' },
        affected: [{ service: 'kakaotalk', status: 'major_outage' }],
      }),
      downtime365: 0,
    },
  ])('$name', ({ extra, downtime365 }) => {
    const model = modelWith([extra]);
    const talk = service(buildUptimeJson(model, NOW, { timezone: TZ }), 'kakaotalk');
    expect(talk.uptime['365d'].downtime_minutes).toBeCloseTo(downtime365, 2);
    const timeline = getStateTimeline(model, { service: 'kakaotalk' }, NOW);
    expect(talk.days.map((d) => d.status)).toEqual(
      getDailyStates(timeline, { days: 90, now: NOW, timezone: TZ }).map((d) => d.status),
    );
  });
});
