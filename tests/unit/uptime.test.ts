/**
 * The uptime engine (issue 9): downtime = major + 0.3 × partial minutes,
 * merged across overlapping incidents, as known at `now`; day bars are
 * calendar days of the site timezone.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { loadContentModel } from '../../src/data/read-content.ts';
import type { StatusModel } from '../../src/lib/model.ts';
import { getDayStart } from '../../src/lib/time.ts';
import {
  formatUptime,
  getDailyStates,
  getTargetUptime,
  getStateTimeline,
  getUptime,
  getUptimeWindow,
  UPTIME_PERIODS,
  type DayState,
  type StateSegment,
  type UptimeTarget,
} from '../../src/lib/uptime.ts';
import {
  buildModel,
  contentWith,
  incidentFields,
  incidentFile,
  kst,
  maintenanceFields,
  siteYaml,
  type Fields,
} from './builders.ts';

const HOUR = 3_600_000;

/** The default content (KakaoTalk, KakaoBank in Asia/Seoul) with incidents `a`, `b`, … */
function modelWith(incidents: Fields[], site: Fields = {}): StatusModel {
  return buildModel(
    contentWith(siteYaml(site), ...incidents.map((fields, i) => incidentFile(String.fromCharCode(97 + i), fields))),
  );
}

/** A KakaoTalk incident from `started` to `resolved` (KST wall clock) in one state. */
function outage(started: string, resolved: string | undefined, status: string, extra: Fields = {}): Fields {
  return incidentFields({ started, resolved, affected: [{ service: 'kakaotalk', status }], ...extra });
}

const say = (at: string, status: string, extra: Fields = {}) => ({ at, status, message: `${status} 공지`, ...extra });

/** `[day, status, downtime minutes, incidents]` of each bar, for compact expectations. */
function bars(days: DayState[]): [string, string, number, string[]][] {
  return days.map((d) => [d.day, d.status, Math.round(d.downtimeMinutes * 1000) / 1000, d.incidents]);
}

describe('getUptime over 30 × 24 hours (2022-10-01 to 10-31 KST): major + 0.3 × partial, merged', () => {
  const now = kst('2022-10-31T00:00');
  const window = { from: kst('2022-10-01T00:00'), to: now };
  const kakaotalk: UptimeTarget = { service: 'kakaotalk' };

  test.each<{ name: string; incidents: Fields[]; downtime: number; shown: string }>([
    { name: 'no incident', incidents: [], downtime: 0, shown: '100.00' },
    {
      name: 'a major outage of 60 minutes (99.861…, truncated)',
      incidents: [outage('2022-10-15T15:30', '2022-10-15T16:30', 'major_outage')],
      downtime: 60,
      shown: '99.86',
    },
    {
      name: 'a partial outage of 60 minutes counts 0.3',
      incidents: [outage('2022-10-15T15:30', '2022-10-15T16:30', 'partial_outage')],
      downtime: 18,
      shown: '99.95',
    },
    {
      name: 'degraded performance counts 0',
      incidents: [outage('2022-10-15T15:30', '2022-10-15T16:30', 'degraded_performance')],
      downtime: 0,
      shown: '100.00',
    },
    {
      name: 'maintenance counts 0',
      incidents: [
        maintenanceFields({
          scheduled: { start: '2022-10-20T02:00', end: '2022-10-20T04:00' },
          affected: [{ service: 'kakaotalk', status: 'under_maintenance' }],
        }),
      ],
      downtime: 0,
      shown: '100.00',
    },
    {
      name: 'two overlapping major outages count once (15:30-16:30 and 16:00-17:00: 90 minutes)',
      incidents: [
        outage('2022-10-15T15:30', '2022-10-15T16:30', 'major_outage'),
        outage('2022-10-15T16:00', '2022-10-15T17:00', 'major_outage'),
      ],
      downtime: 90,
      shown: '99.79',
    },
    {
      name: 'a major outage inside a partial one: the worst wins (60 major + 90 × 0.3)',
      incidents: [
        outage('2022-10-15T15:30', '2022-10-15T18:00', 'partial_outage'),
        outage('2022-10-15T16:00', '2022-10-15T17:00', 'major_outage'),
      ],
      downtime: 60 + 27,
      shown: '99.79',
    },
    {
      name: "an update's affected list changes the state from its time (60 major, then 60 partial)",
      incidents: [
        outage('2022-10-15T15:30', '2022-10-15T17:30', 'major_outage', {
          updates: [
            say('2022-10-15T16:30', 'monitoring', { affected: [{ service: 'kakaotalk', status: 'partial_outage' }] }),
          ],
        }),
      ],
      downtime: 60 + 18,
      shown: '99.81',
    },
    {
      name: 'an open incident counts until now',
      incidents: [outage('2022-10-30T23:00', undefined, 'major_outage')],
      downtime: 60,
      shown: '99.86',
    },
    {
      name: 'nothing after now: a later update and the resolution do not count',
      incidents: [
        outage('2022-10-30T23:00', '2022-10-31T03:00', 'partial_outage', {
          updates: [
            say('2022-10-31T01:00', 'identified', { affected: [{ service: 'kakaotalk', status: 'major_outage' }] }),
          ],
        }),
      ],
      downtime: 18,
      shown: '99.95',
    },
    {
      name: 'clipped at the start of the window (09-30 23:00 to 10-01 01:00)',
      incidents: [outage('2022-09-30T23:00', '2022-10-01T01:00', 'major_outage')],
      downtime: 60,
      shown: '99.86',
    },
    {
      name: 'an incident of another service does not count',
      incidents: [
        incidentFields({
          started: '2022-10-15T15:30',
          resolved: '2022-10-15T16:30',
          affected: [{ service: 'kakaobank', status: 'major_outage' }],
        }),
      ],
      downtime: 0,
      shown: '100.00',
    },
    {
      name: 'six minutes: 99.986… shows 99.98, not a rounded 99.99',
      incidents: [outage('2022-10-15T15:30', '2022-10-15T15:36', 'major_outage')],
      downtime: 6,
      shown: '99.98',
    },
  ])('$name', ({ incidents, downtime, shown }) => {
    const uptime = getUptime(getStateTimeline(modelWith(incidents), kakaotalk, now), window);
    expect(uptime.trackedMinutes).toBe(30 * 24 * 60);
    expect(uptime.downtimeMinutes).toBeCloseTo(downtime, 9);
    expect(formatUptime(uptime.percent ?? Number.NaN)).toBe(shown);
  });

  test('clipped at the end of the window: an incident over its end counts only inside it', () => {
    const model = modelWith([outage('2022-10-30T23:30', '2022-10-31T00:30', 'major_outage')]);
    const timeline = getStateTimeline(model, kakaotalk, kst('2022-11-05T00:00'));
    expect(getUptime(timeline, window).downtimeMinutes).toBe(30);
  });

  test.each<{ name: string; since: string; tracked: number; downtime: number; percent: string | undefined }>([
    // The outage 10-15 23:00 to 10-16 01:00: only its hour after `since` counts, over 15 tracked days.
    {
      name: 'since in the middle of the window',
      since: '2022-10-16T00:00',
      tracked: 15 * 1440,
      downtime: 60,
      percent: '99.72',
    },
    {
      name: 'since before the window changes nothing',
      since: '2020-01-01T00:00',
      tracked: 30 * 1440,
      downtime: 120,
      percent: '99.72',
    },
    {
      name: 'since after the window: nothing tracked',
      since: '2022-11-01T00:00',
      tracked: 0,
      downtime: 0,
      percent: undefined,
    },
  ])('$name', ({ since, tracked, downtime, percent }) => {
    const model = modelWith([outage('2022-10-15T23:00', '2022-10-16T01:00', 'major_outage')]);
    const uptime = getUptime(getStateTimeline(model, kakaotalk, now), window, kst(since));
    expect(uptime.trackedMinutes).toBe(tracked);
    expect(uptime.downtimeMinutes).toBe(downtime);
    expect(uptime.percent === undefined ? undefined : formatUptime(uptime.percent)).toBe(percent);
  });
});

describe('getStateTimeline', () => {
  const now = kst('2022-10-31T00:00');

  test('overlapping incidents become one sorted list of spans, each with its worst state and incidents', () => {
    const model = modelWith([
      outage('2022-10-15T15:30', '2022-10-15T18:00', 'partial_outage'),
      outage('2022-10-15T16:00', '2022-10-15T17:00', 'major_outage'),
    ]);
    expect(getStateTimeline(model, { service: 'kakaotalk' }, now)).toEqual<StateSegment[]>([
      { from: kst('2022-10-15T15:30'), to: kst('2022-10-15T16:00'), status: 'partial_outage', incidents: ['a'] },
      { from: kst('2022-10-15T16:00'), to: kst('2022-10-15T17:00'), status: 'major_outage', incidents: ['a', 'b'] },
      { from: kst('2022-10-15T17:00'), to: kst('2022-10-15T18:00'), status: 'partial_outage', incidents: ['a'] },
    ]);
  });

  test('updates that keep the state do not split a span; one that restores the service ends it', () => {
    const model = modelWith([
      outage('2022-10-15T15:30', '2022-10-15T18:00', 'major_outage', {
        updates: [
          say('2022-10-15T16:00', 'identified'),
          say('2022-10-15T17:00', 'monitoring', { affected: [{ service: 'kakaotalk', status: 'operational' }] }),
        ],
      }),
    ]);
    expect(getStateTimeline(model, { service: 'kakaotalk' }, now)).toEqual([
      { from: kst('2022-10-15T15:30'), to: kst('2022-10-15T17:00'), status: 'major_outage', incidents: ['a'] },
    ]);
  });

  test('an incident that has not started by now is not there yet', () => {
    const model = modelWith([outage('2022-11-01T10:00', '2022-11-01T11:00', 'major_outage')]);
    expect(getStateTimeline(model, { service: 'kakaotalk' }, now)).toEqual([]);
  });

  test('as known at now: an open incident, and one whose later updates and resolution are in the file, end at now', () => {
    const model = modelWith([
      outage('2022-10-30T20:00', undefined, 'partial_outage'),
      outage('2022-10-30T22:00', '2022-10-31T03:00', 'major_outage', {
        updates: [
          say('2022-10-31T01:00', 'monitoring', { affected: [{ service: 'kakaotalk', status: 'operational' }] }),
        ],
      }),
    ]);
    expect(getStateTimeline(model, { service: 'kakaotalk' }, now)).toEqual([
      { from: kst('2022-10-30T20:00'), to: kst('2022-10-30T22:00'), status: 'partial_outage', incidents: ['a'] },
      { from: kst('2022-10-30T22:00'), to: now, status: 'major_outage', incidents: ['a', 'b'] },
    ]);
  });

  test('a maintenance lasts its window', () => {
    const model = modelWith([maintenanceFields({ scheduled: { start: '2022-10-20T02:00', end: '2022-10-20T04:00' } })]);
    expect(getStateTimeline(model, { service: 'kakaobank' }, now)).toEqual([
      { from: kst('2022-10-20T02:00'), to: kst('2022-10-20T04:00'), status: 'under_maintenance', incidents: ['a'] },
    ]);
  });

  test('a maintenance that completes early ends with its completed update', () => {
    const model = modelWith([
      maintenanceFields({
        scheduled: { start: '2022-10-20T02:00', end: '2022-10-20T04:00' },
        updates: [say('2022-10-20T03:00', 'completed')],
      }),
    ]);
    expect(getStateTimeline(model, { service: 'kakaobank' }, now)).toEqual([
      { from: kst('2022-10-20T02:00'), to: kst('2022-10-20T03:00'), status: 'under_maintenance', incidents: ['a'] },
    ]);
  });

  describe('features: a map names the features it affects; without one, every feature', () => {
    const model = modelWith([
      outage('2022-10-15T10:00', '2022-10-15T11:00', 'partial_outage', {
        affected: [{ service: 'kakaotalk', status: 'partial_outage', features: { media: 'major_outage' } }],
      }),
      outage('2022-10-15T12:00', '2022-10-15T13:00', 'degraded_performance'),
    ]);
    test.each<[string, string | undefined, [string, string, string, string[]][]]>([
      [
        'the service as a whole',
        undefined,
        [
          ['10:00', '11:00', 'partial_outage', ['a']],
          ['12:00', '13:00', 'degraded_performance', ['b']],
        ],
      ],
      [
        'a feature in the map',
        'media',
        [
          ['10:00', '11:00', 'major_outage', ['a']],
          ['12:00', '13:00', 'degraded_performance', ['b']],
        ],
      ],
      [
        'a feature not in the map: only the incident without a map',
        'messages',
        [['12:00', '13:00', 'degraded_performance', ['b']]],
      ],
    ])('%s', (_, feature, expected) => {
      const timeline = getStateTimeline(model, { service: 'kakaotalk', feature }, now);
      expect(timeline).toEqual(
        expected.map(([from, to, status, incidents]) => ({
          from: kst(`2022-10-15T${from}`),
          to: kst(`2022-10-15T${to}`),
          status,
          incidents,
        })),
      );
    });
  });

  test('an incident that leaves a feature alone is not linked to it', () => {
    const model = modelWith([
      outage('2022-10-15T10:00', '2022-10-15T11:00', 'partial_outage', {
        affected: [{ service: 'kakaotalk', status: 'partial_outage', features: { media: 'major_outage' } }],
      }),
      outage('2022-10-15T10:00', '2022-10-15T11:00', 'degraded_performance'),
    ]);
    expect(getStateTimeline(model, { service: 'kakaotalk', feature: 'messages' }, now)).toEqual([
      { from: kst('2022-10-15T10:00'), to: kst('2022-10-15T11:00'), status: 'degraded_performance', incidents: ['b'] },
    ]);
  });

  test.each<[string, UptimeTarget, string]>([
    ['an unknown service', { service: 'kakaopay' }, 'unknown service "kakaopay"'],
    ['an unknown feature', { service: 'kakaotalk', feature: 'taxi' }, 'unknown feature "taxi" of service "kakaotalk"'],
  ])('%s is an error, not a 100 percent uptime', (_, target, message) => {
    expect(() => getStateTimeline(modelWith([]), target, now)).toThrow(message);
  });
});

describe('formatUptime: 2 decimals, truncated', () => {
  test.each<[number, string]>([
    [100, '100.00'],
    [99.999, '99.99'],
    [99.9999999, '99.99'],
    [99.995, '99.99'],
    [99.98611, '99.98'],
    [99.861111, '99.86'],
    // 99.92999999999999 as a float: still the 99.93 it stands for.
    [100 * (1 - 0.0007), '99.93'],
    [50, '50.00'],
    [0, '0.00'],
  ])('%s → %s', (percent, shown) => {
    expect(formatUptime(percent)).toBe(shown);
  });
});

describe('getUptimeWindow: the last N calendar days of the site, today until now', () => {
  test.each<[string, number, number, string, string, number]>([
    ['30 days in Seoul', 30, kst('2022-10-15T17:00'), 'Asia/Seoul', '2022-09-16T00:00+09:00', 29 * 1440 + 17 * 60],
    ['1 day is today until now', 1, kst('2022-10-15T17:00'), 'Asia/Seoul', '2022-10-15T00:00+09:00', 17 * 60],
    // 2022-10-15 17:00 KST is 08:00 UTC: the UTC day began 8 hours ago.
    ['1 day in UTC', 1, kst('2022-10-15T17:00'), 'UTC', '2022-10-15T00:00Z', 8 * 60],
    // Across the spring-forward of 2021-03-14: one hour less.
    [
      '30 days in New York',
      30,
      Date.parse('2021-03-20T12:00-04:00'),
      'America/New_York',
      '2021-02-19T00:00-05:00',
      29 * 1440 - 60 + 12 * 60,
    ],
  ])('%s', (_, days, now, timezone, from, minutes) => {
    const window = getUptimeWindow(days, now, timezone);
    expect(window).toEqual({ from: Date.parse(from), to: now });
    expect((window.to - window.from) / 60_000).toBe(minutes);
  });

  test.each([0, 1.5, -3])('%s days is an error', (days) => {
    expect(() => getUptimeWindow(days, 0, 'UTC')).toThrow(RangeError);
    expect(() => getDailyStates([], { days, now: 0, timezone: 'UTC' })).toThrow(RangeError);
  });
});

describe('getDayStart (time.ts): where each day bar begins', () => {
  test.each<[string, string, string]>([
    ['2022-10-16', 'Asia/Seoul', '2022-10-16T00:00+09:00'],
    ['2021-03-14', 'America/New_York', '2021-03-14T00:00-05:00'],
    ['2021-03-15', 'America/New_York', '2021-03-15T00:00-04:00'],
    // Summer time starting at midnight: the day begins when the clocks resume, at 01:00.
    ['2022-09-11', 'America/Santiago', '2022-09-11T01:00-03:00'],
    ['2021-03-14', 'America/Havana', '2021-03-14T01:00-04:00'],
    ['2023-04-28', 'Africa/Cairo', '2023-04-28T01:00+03:00'],
  ])('%s in %s starts at %s', (day, timezone, start) => {
    expect(getDayStart(day, timezone)).toBe(Date.parse(start));
  });

  test.each(['2022-02-30', '2022-1-5', '2022-10-16T01:00', ''])('%j is not a day', (day) => {
    expect(getDayStart(day, 'Asia/Seoul')).toBeUndefined();
  });
});

describe('getDailyStates: one bar per calendar day of the site timezone', () => {
  // 2022-10-16 01:00-02:00 KST is 2022-10-15 16:00-17:00 UTC: a different day.
  const incident = outage('2022-10-16T01:00+09:00', '2022-10-16T02:00+09:00', 'major_outage');
  // 08:00 KST is still 10-16 in UTC: each site's "today" is its own.
  const now = Date.parse('2022-10-17T08:00+09:00');

  test.each<[string, string, [string, string, number, string[]][]]>([
    [
      'in KST the outage is on 10-16',
      'Asia/Seoul',
      [
        ['2022-10-15', 'operational', 0, []],
        ['2022-10-16', 'major_outage', 60, ['a']],
        ['2022-10-17', 'operational', 0, []],
      ],
    ],
    [
      'in UTC the same outage is on 10-15',
      'UTC',
      [
        ['2022-10-14', 'operational', 0, []],
        ['2022-10-15', 'major_outage', 60, ['a']],
        ['2022-10-16', 'operational', 0, []],
      ],
    ],
  ])('%s', (_, timezone, expected) => {
    const timeline = getStateTimeline(modelWith([incident], { timezone }), { service: 'kakaotalk' }, now);
    expect(bars(getDailyStates(timeline, { days: 3, now, timezone }))).toEqual(expected);
  });

  test.each<[string, string, string, number]>([
    ['spring forward: 2021-03-14 has 23 hours', '2021-03-14', '2021-03-15', 23 * 60],
    ['fall back: 2021-11-07 has 25 hours', '2021-11-07', '2021-11-08', 25 * 60],
  ])('America/New_York, %s', (_, day, next, minutes) => {
    const timezone = 'America/New_York';
    const model = modelWith([outage(`${day}T00:00`, `${next}T00:00`, 'major_outage')], { timezone });
    const now = (getDayStart(next, timezone) ?? Number.NaN) + 12 * HOUR;
    const days = getDailyStates(getStateTimeline(model, { service: 'kakaotalk' }, now), { days: 3, now, timezone });
    expect(days.map((d) => [d.day, d.status, d.downtimeMinutes])).toEqual([
      [expect.any(String), 'operational', 0],
      [day, 'major_outage', minutes],
      [next, 'operational', 0],
    ]);
    const bar = days[1];
    expect(bar && (bar.to - bar.from) / 60_000).toBe(minutes);
  });

  test('the day bars do not depend on the machine timezone', () => {
    const model = modelWith([incident]);
    const compute = () =>
      getDailyStates(getStateTimeline(model, { service: 'kakaotalk' }, now), { days: 3, now, timezone: 'Asia/Seoul' });
    const expected = compute();
    const machine = process.env.TZ;
    try {
      for (const tz of ['America/Los_Angeles', 'Pacific/Chatham', 'UTC']) {
        process.env.TZ = tz;
        expect(compute()).toEqual(expected);
      }
    } finally {
      if (machine === undefined) delete process.env.TZ;
      else process.env.TZ = machine;
    }
  });

  test('today counts until now; a day when the clocks skip midnight starts when they resume', () => {
    const timezone = 'America/Santiago';
    const model = modelWith([outage('2022-09-11T01:00', undefined, 'partial_outage')], { timezone });
    const now = Date.parse('2022-09-11T03:00-03:00');
    const [day] = getDailyStates(getStateTimeline(model, { service: 'kakaotalk' }, now), { days: 1, now, timezone });
    // 00:00 never happened that day: it began at 01:00 -03:00.
    expect(day).toEqual({
      day: '2022-09-11',
      from: Date.parse('2022-09-11T01:00-03:00'),
      to: now,
      status: 'partial_outage',
      downtimeMinutes: 120 * 0.3,
      incidents: ['a'],
    });
  });

  test('days before since are no_data, the day it began counts from since', () => {
    const model = modelWith([
      outage('2022-10-15T10:00', '2022-10-15T11:00', 'major_outage'),
      // On the day tracking began, before it: not counted, not linked.
      outage('2022-10-16T08:00', '2022-10-16T09:00', 'major_outage'),
      outage('2022-10-16T11:00', '2022-10-16T13:00', 'partial_outage'),
    ]);
    const timeline = getStateTimeline(model, { service: 'kakaotalk' }, now);
    const since = kst('2022-10-16T12:00');
    expect(bars(getDailyStates(timeline, { days: 4, now, timezone: 'Asia/Seoul', since }))).toEqual([
      ['2022-10-14', 'no_data', 0, []],
      ['2022-10-15', 'no_data', 0, []],
      ['2022-10-16', 'partial_outage', 18, ['c']],
      ['2022-10-17', 'operational', 0, []],
    ]);
  });
});

describe('the sample content: the 2022 Pangyo data centre fire', () => {
  const contentDir = fileURLToPath(new URL('../../content', import.meta.url));
  const sample = loadContentModel(contentDir, { fresh: true });
  const FIRE = '2022-10-15-pangyo-datacenter-fire';
  const timezone = sample.site.timezone;
  const year2022 = { from: kst('2022-01-01T00:00'), to: kst('2023-01-01T00:00') };
  const timelineOf = (target: UptimeTarget) => getStateTimeline(sample, target, year2022.to);

  // KakaoTalk: major 15:30 10-15 to 02:16 10-16 (646 min), then partial until 23:00 10-20
  // (7004 min × 0.3): the step-by-step recovery. Counted as one major outage it would be
  // 127.5 h = 7650 min, 98.54 %.
  test.each<[string, UptimeTarget, number, string]>([
    ['KakaoTalk', { service: 'kakaotalk' }, 646 + 7004 * 0.3, '99.47'],
    // Major until the 14:30 update on 10-16 (23 h), then degraded: 0.
    ['KakaoBank', { service: 'kakaobank' }, 23 * 60, '99.73'],
    // Major until 02:16, partial until 07:24 (308 min), degraded until 14:30, then operational.
    ['KakaoTalk messages', { service: 'kakaotalk', feature: 'messages' }, 646 + 308 * 0.3, '99.85'],
    // Major until 14:30 on 10-16 (1380 min), partial until the end (6270 min).
    ['KakaoTalk photos and videos', { service: 'kakaotalk', feature: 'media' }, 1380 + 6270 * 0.3, '99.37'],
  ])('%s in 2022', (name, target, downtime, shown) => {
    const uptime = getUptime(timelineOf(target), year2022);
    console.log(`${name}, 2022: ${formatUptime(uptime.percent ?? 0)}% (${uptime.downtimeMinutes} min of downtime)`);
    expect(uptime.trackedMinutes).toBe(365 * 1440);
    expect(uptime.downtimeMinutes).toBeCloseTo(downtime, 6);
    expect(formatUptime(uptime.percent ?? 0)).toBe(shown);
  });

  test("KakaoTalk's bars during the fire, day by day", () => {
    const now = kst('2022-10-21T12:00');
    const days = getDailyStates(getStateTimeline(sample, { service: 'kakaotalk' }, now), { days: 8, now, timezone });
    expect(bars(days)).toEqual([
      ['2022-10-14', 'operational', 0, []],
      ['2022-10-15', 'major_outage', 510, [FIRE]],
      ['2022-10-16', 'major_outage', 136 + 1304 * 0.3, [FIRE]],
      ['2022-10-17', 'partial_outage', 432, [FIRE]],
      ['2022-10-18', 'partial_outage', 432, [FIRE]],
      ['2022-10-19', 'partial_outage', 432, [FIRE]],
      ['2022-10-20', 'partial_outage', 1380 * 0.3, [FIRE]],
      ['2022-10-21', 'operational', 0, []],
    ]);
  });

  test.each([30, 90, 365])('the %s-day figure is what its day bars add up to', (n) => {
    const now = kst('2022-12-31T18:00');
    const timeline = getStateTimeline(sample, { service: 'kakaotalk' }, now);
    const uptime = getUptime(timeline, getUptimeWindow(n, now, timezone));
    const days = getDailyStates(timeline, { days: n, now, timezone });
    expect(days).toHaveLength(n);
    expect(days.reduce((sum, d) => sum + d.downtimeMinutes, 0)).toBeCloseTo(uptime.downtimeMinutes, 6);
    expect(days.reduce((sum, d) => sum + (d.to - d.from), 0) / 60_000).toBe(uptime.trackedMinutes);
    expect(days[0]?.from).toBe(getUptimeWindow(n, now, timezone).from);
  });

  test('365 days at the end of 2022 hold the fire and nothing else', () => {
    const now = kst('2022-12-31T18:00');
    const days = getDailyStates(getStateTimeline(sample, { service: 'kakaotalk' }, now), { days: 365, now, timezone });
    expect(days[0]?.day).toBe('2022-01-01');
    expect(days.filter((d) => d.status !== 'operational').map((d) => d.day)).toEqual([
      '2022-10-15',
      '2022-10-16',
      '2022-10-17',
      '2022-10-18',
      '2022-10-19',
      '2022-10-20',
    ]);
    expect(days.at(-1)?.to).toBe(now);
  });
});

describe('getStateTimeline bounded by from', () => {
  const contentDir = fileURLToPath(new URL('../../content', import.meta.url));
  const sample = loadContentModel(contentDir, { fresh: true });
  const now = kst('2024-06-01T12:00');

  test.each([
    ['in the middle of the fire', kst('2022-10-17T00:00')],
    ['between incidents', kst('2023-06-01T00:00')],
    ['after everything', kst('2024-05-30T00:00')],
  ])('from %s: the same spans from there on as the whole history', (_, from) => {
    for (const service of sample.services) {
      const whole = getStateTimeline(sample, { service: service.id }, now).filter((s) => s.to > from);
      const bounded = getStateTimeline(sample, { service: service.id }, now, { from }).filter((s) => s.to > from);
      expect(bounded, service.id).toEqual(whole);
    }
  });

  test('incidents over before from are not looked at', () => {
    const from = kst('2023-06-01T00:00');
    const slugs = getStateTimeline(sample, { service: 'kakaotalk' }, now, { from }).flatMap((s) => s.incidents);
    expect(slugs).not.toContain('2022-10-15-pangyo-datacenter-fire');
    expect(new Set(slugs)).toEqual(
      new Set([
        '2024-05-13-kakaotalk-message-delay',
        '2024-05-20-kakaotalk-load-balancer-error',
        '2024-05-21-kakaotalk-server-work-error',
      ]),
    );
  });
});

describe('the sample content on 2024-06-01 at 12:00 KST: the hand calculation of the closing note', () => {
  const sample = loadContentModel(fileURLToPath(new URL('../../content', import.meta.url)), { fresh: true });
  const now = kst('2024-06-01T12:00');
  const options = { now, timezone: 'Asia/Seoul', days: 90 };
  // In the last 365 days KakaoTalk had three incidents, all in May 2024:
  //   05-13 13:44-13:50 major (6 min; features: messages only) -> 6
  //   05-20 14:52-14:58 partial (6 min, every feature)          -> 1.8
  //   05-21 08:30-09:24 partial (54 min, every feature)         -> 16.2
  // Downtime 24 minutes for the service and for messages, 18 for the other features.
  // 30 days: 2024-05-03 00:00 to 06-01 12:00 = 29.5 × 1440 = 42,480 minutes tracked.
  // 90 days: from 2024-03-04 00:00, 89.5 days = 128,880. 365 days: from 2023-06-03, 364.5 days = 524,880.
  test.each<[string, UptimeTarget, number, [string, string, string]]>([
    // 100 × (1 − 24 / 42480) = 99.9435…; 1 − 24/128880 = 99.9813…; 1 − 24/524880 = 99.9954…
    ['KakaoTalk', { service: 'kakaotalk' }, 24, ['99.94', '99.98', '99.99']],
    ['KakaoTalk messages', { service: 'kakaotalk', feature: 'messages' }, 24, ['99.94', '99.98', '99.99']],
    // 100 × (1 − 18 / 42480) = 99.9576…; 99.9860…; 99.9965…
    ['KakaoTalk photos and videos', { service: 'kakaotalk', feature: 'media' }, 18, ['99.95', '99.98', '99.99']],
  ])('%s', (_name, target, downtime, shown) => {
    const { uptime, days } = getTargetUptime(sample, target, options);
    expect([uptime[30].trackedMinutes, uptime[90].trackedMinutes, uptime[365].trackedMinutes]).toEqual([
      42_480, 128_880, 524_880,
    ]);
    for (const period of UPTIME_PERIODS) expect(uptime[period].downtimeMinutes).toBeCloseTo(downtime, 9);
    expect(UPTIME_PERIODS.map((period) => formatUptime(uptime[period].percent ?? 0))).toEqual(shown);
    expect(days.filter((d) => d.status !== 'operational').map((d) => [d.day, d.status])).toEqual(
      [
        ['2024-05-13', target.feature === 'media' ? 'operational' : 'major_outage'],
        ['2024-05-20', 'partial_outage'],
        ['2024-05-21', 'partial_outage'],
      ].filter(([, status]) => status !== 'operational'),
    );
  });
});
