/**
 * time.ts: the one place where date-times are read and shown. Every time on
 * the page must be the site's wall-clock time, whatever the build machine's
 * timezone is.
 */
import { execFileSync } from 'node:child_process';
import { describe, expect, test } from 'vitest';
import { formatDuration } from '../../src/lib/format.ts';
import { createTranslator } from '../../src/lib/i18n/translate.ts';
import {
  DATE_TIME_HINT,
  formatDate,
  formatDateTime,
  formatMonth,
  formatTime,
  getDurationParts,
  getOffsetMinutes,
  getTimezoneLabel,
  isValidTimezone,
  parseDateTime,
  resolveNow,
  toDateKey,
  toIsoString,
  toMonthKey,
} from '../../src/lib/time.ts';

const SEOUL = 'Asia/Seoul';
/** 2022-10-15 17:00 KST. */
const FIRE_17 = Date.UTC(2022, 9, 15, 8, 0);

describe('parseDateTime', () => {
  test.each([
    // Without an offset: wall-clock time in the site timezone.
    ['2020-03-02T08:58', SEOUL, Date.UTC(2020, 2, 1, 23, 58)],
    ['2020-03-02 08:58', SEOUL, Date.UTC(2020, 2, 1, 23, 58)],
    ['  2020-03-02T08:58  ', SEOUL, Date.UTC(2020, 2, 1, 23, 58)],
    ['2020-03-02T08:58:30', SEOUL, Date.UTC(2020, 2, 1, 23, 58, 30)],
    ['2020-03-02T08:58:30.5', SEOUL, Date.UTC(2020, 2, 1, 23, 58, 30, 500)],
    ['2020-03-02T08:58:30.123456', SEOUL, Date.UTC(2020, 2, 1, 23, 58, 30, 123)],
    ['2022-10-15T15:30', 'UTC', Date.UTC(2022, 9, 15, 15, 30)],
    ['2022-10-15T17:00', 'Asia/Kathmandu', Date.UTC(2022, 9, 15, 11, 15)],
    ['2022-01-15T12:00', 'America/Los_Angeles', Date.UTC(2022, 0, 15, 20, 0)],
    ['2022-07-15T12:00', 'America/Los_Angeles', Date.UTC(2022, 6, 15, 19, 0)],
    ['2024-02-29T00:00', SEOUL, Date.UTC(2024, 1, 28, 15, 0)],
    // With an offset: exact, whatever the site timezone.
    ['2020-03-02T08:58Z', SEOUL, Date.UTC(2020, 2, 2, 8, 58)],
    ['2020-03-02T08:58:00z', SEOUL, Date.UTC(2020, 2, 2, 8, 58)],
    ['2020-03-02T08:58+09:00', 'UTC', Date.UTC(2020, 2, 1, 23, 58)],
    ['2020-03-02T08:58+0900', 'UTC', Date.UTC(2020, 2, 1, 23, 58)],
    ['2020-03-02T08:58+09', 'UTC', Date.UTC(2020, 2, 1, 23, 58)],
    ['2020-03-02T08:58-07:00', SEOUL, Date.UTC(2020, 2, 2, 15, 58)],
    ['2020-03-02T08:58+05:45', SEOUL, Date.UTC(2020, 2, 2, 3, 13)],
    ['2020-03-02T08:58:30.250+09:00', 'UTC', Date.UTC(2020, 2, 1, 23, 58, 30, 250)],
  ])('%s in %s', (text, timezone, expected) => {
    expect(parseDateTime(text, timezone)).toBe(expected);
  });

  test.each([
    '2022-02-30T10:00',
    '2021-02-29T10:00',
    '2022-13-01T10:00',
    '2022-10-15T24:00',
    '2022-10-15T24:00+09:00',
    '2022-10-15T23:60',
    '2022-10-15T23:59:60',
    '2022-10-15T9:00',
    '2022-10-15',
    '2022/10/15 17:00',
    'yesterday',
    '',
  ])('rejects %j', (text) => {
    expect(parseDateTime(text, SEOUL)).toBeUndefined();
  });

  test('a wall time that happens twice (summer time ending) is the first one', () => {
    expect(parseDateTime('2022-11-06T01:30', 'America/New_York')).toBe(Date.UTC(2022, 10, 6, 5, 30));
    expect(parseDateTime('2022-11-06T00:59', 'America/New_York')).toBe(Date.UTC(2022, 10, 6, 4, 59));
    expect(parseDateTime('2022-11-06T02:00', 'America/New_York')).toBe(Date.UTC(2022, 10, 6, 7, 0));
  });

  test('a wall time that never happens (summer time starting) is rejected', () => {
    expect(parseDateTime('2022-03-13T02:30', 'America/New_York')).toBeUndefined();
    expect(parseDateTime('2022-03-13T03:00', 'America/New_York')).toBe(Date.UTC(2022, 2, 13, 7, 0));
  });
});

// Reading a wall time asks for the offsets in use around it at a few probes a day (time.ts,
// fromWallClock). The oracle asks every offset the zone has ever had instead: the earliest instant
// that shows the wall time, or none. Checked around every change of offset from 1900 to 2040
// (gaps and repeats, 30-minute summer time, the whole days Samoa and Kiribati skipped) and at
// random times.
describe('wall times against every offset the zone has had', () => {
  const HOUR = 3_600_000;
  const DAY = 24 * HOUR;
  const FROM = Date.UTC(1900, 0, 1);
  const TO = Date.UTC(2040, 0, 1);

  /** Where the offset changes, to the minute, with the offsets either side. */
  function findChanges(timezone: string) {
    const changes: { at: number; before: number; after: number }[] = [];
    let previous = getOffsetMinutes(FROM, timezone);
    for (let day = FROM + DAY; day <= TO; day += DAY) {
      const offset = getOffsetMinutes(day, timezone);
      if (offset === previous) continue;
      let low = day - DAY;
      let high = day;
      while (high - low > 60_000) {
        const middle = low + Math.floor((high - low) / 120_000) * 60_000;
        if (getOffsetMinutes(middle, timezone) === previous) low = middle;
        else high = middle;
      }
      changes.push({ at: high, before: previous, after: offset });
      previous = offset;
    }
    return changes;
  }

  function oracle(wall: number, offsets: ReadonlySet<number>, timezone: string): number | undefined {
    const matches = [...offsets]
      .map((offset) => wall - offset * 60_000)
      .filter((instant) => instant + getOffsetMinutes(instant, timezone) * 60_000 === wall);
    return matches.length === 0 ? undefined : Math.min(...matches);
  }

  const wallText = (wall: number) => new Date(wall).toISOString().slice(0, 16);

  test.each([
    'Asia/Seoul',
    'America/New_York',
    'Australia/Lord_Howe',
    'Pacific/Apia',
    'Pacific/Kiritimati',
    'Europe/Moscow',
  ])('%s', (timezone) => {
    const changes = findChanges(timezone);
    expect(changes.length).toBeGreaterThan(2);
    const offsets = new Set(changes.flatMap((c) => [c.before, c.after]));
    const walls: number[] = [];
    for (const { at, before, after } of changes) {
      for (const offset of [before, after]) {
        for (let minutes = -120; minutes <= 120; minutes += 15) walls.push(at + offset * 60_000 + minutes * 60_000);
      }
    }
    // A fixed sequence (a linear congruential generator), so a failure repeats.
    let seed = 12_345;
    for (let i = 0; i < 2000; i += 1) {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      walls.push(FROM + Math.floor((seed / 2_147_483_648) * ((TO - FROM) / 60_000)) * 60_000);
    }
    const wrong = walls
      .filter((wall) => parseDateTime(wallText(wall), timezone) !== oracle(wall, offsets, timezone))
      .map(wallText);
    expect(wrong).toEqual([]);
  });
});

describe('formatting, always in the given timezone', () => {
  test.each([
    [SEOUL, '2022-10-15T17:00:00+09:00', '2022-10-15 17:00 KST', '17:00 KST'],
    ['UTC', '2022-10-15T08:00:00+00:00', '2022-10-15 08:00 UTC', '08:00 UTC'],
    ['America/Los_Angeles', '2022-10-15T01:00:00-07:00', '2022-10-15 01:00 PDT', '01:00 PDT'],
    ['Asia/Kathmandu', '2022-10-15T13:45:00+05:45', '2022-10-15 13:45 GMT+5:45', '13:45 GMT+5:45'],
    ['Pacific/Kiritimati', '2022-10-15T22:00:00+14:00', '2022-10-15 22:00 GMT+14', '22:00 GMT+14'],
    ['Pacific/Pago_Pago', '2022-10-14T21:00:00-11:00', '2022-10-14 21:00 GMT-11', '21:00 GMT-11'],
  ])('%s: toIsoString, formatDateTime, formatTime', (timezone, iso, dateTime, time) => {
    expect(toIsoString(FIRE_17, timezone)).toBe(iso);
    expect(formatDateTime(FIRE_17, timezone)).toBe(dateTime);
    expect(formatTime(FIRE_17, timezone)).toBe(time);
    expect(Date.parse(iso)).toBe(FIRE_17);
  });

  test('toIsoString round-trips through parseDateTime', () => {
    const instant = Date.UTC(2024, 4, 13, 4, 44);
    for (const timezone of [SEOUL, 'UTC', 'Europe/Berlin', 'Asia/Kathmandu']) {
      expect(parseDateTime(toIsoString(instant, timezone), 'UTC')).toBe(instant);
    }
  });

  test('across a DST change of the site timezone the offset and label follow it', () => {
    // America/Los_Angeles springs forward at 2022-03-13 02:00 PST (10:00Z).
    expect(formatDateTime(Date.UTC(2022, 2, 13, 9, 59), 'America/Los_Angeles')).toBe('2022-03-13 01:59 PST');
    expect(formatDateTime(Date.UTC(2022, 2, 13, 10, 0), 'America/Los_Angeles')).toBe('2022-03-13 03:00 PDT');
    expect(toIsoString(Date.UTC(2022, 2, 13, 10, 0), 'America/Los_Angeles')).toBe('2022-03-13T03:00:00-07:00');
  });

  // 2022-10-31 15:30Z is 2022-11-01 00:30 in Seoul: the day and month are the site's.
  test.each([
    [SEOUL, '2022-11-01', '2022-11'],
    ['UTC', '2022-10-31', '2022-10'],
    ['America/Los_Angeles', '2022-10-31', '2022-10'],
  ])('%s: toDateKey, formatDate and toMonthKey', (timezone, day, month) => {
    const instant = Date.UTC(2022, 9, 31, 15, 30);
    expect(toDateKey(instant, timezone)).toBe(day);
    expect(formatDate(instant, timezone)).toBe(day);
    expect(toMonthKey(instant, timezone)).toBe(month);
  });
});

describe('getTimezoneLabel', () => {
  test.each([
    [SEOUL, Date.UTC(2022, 6, 1), 'KST'],
    ['Asia/Tokyo', Date.UTC(2022, 6, 1), 'JST'],
    ['Asia/Shanghai', Date.UTC(2022, 6, 1), 'CST'],
    ['Asia/Singapore', Date.UTC(2022, 6, 1), 'SGT'],
    ['UTC', Date.UTC(2022, 6, 1), 'UTC'],
    ['Etc/UTC', Date.UTC(2022, 6, 1), 'UTC'],
    ['America/Los_Angeles', Date.UTC(2022, 0, 15), 'PST'],
    ['America/Los_Angeles', Date.UTC(2022, 6, 15), 'PDT'],
    ['Europe/Berlin', Date.UTC(2022, 0, 15), 'GMT+1'],
    ['Europe/Berlin', Date.UTC(2022, 6, 15), 'GMT+2'],
  ])('%s at %i: %s', (timezone, instant, label) => {
    expect(getTimezoneLabel(timezone, instant)).toBe(label);
  });
});

describe('isValidTimezone', () => {
  test.each([
    [SEOUL, true],
    ['UTC', true],
    ['America/Los_Angeles', true],
    ['Asia/Seul', false],
    ['KST', false],
    ['', false],
  ])('%j: %s', (name, valid) => {
    expect(isValidTimezone(name)).toBe(valid);
  });
});

describe('durations', () => {
  const fireStart = Date.UTC(2022, 9, 15, 6, 30); // 15:30 KST
  const fireEnd = Date.UTC(2022, 9, 20, 14, 0); // 10-20 23:00 KST

  test.each([
    [fireStart, fireEnd, { days: 5, hours: 7, minutes: 30 }],
    [0, 127.5 * 3_600_000, { days: 5, hours: 7, minutes: 30 }],
    [0, 59_999, { days: 0, hours: 0, minutes: 0 }],
    [0, 60_000, { days: 0, hours: 0, minutes: 1 }],
    [0, 86_400_000, { days: 1, hours: 0, minutes: 0 }],
    [60_000, 0, { days: 0, hours: 0, minutes: 0 }],
  ])('getDurationParts(%i, %i)', (from, to, parts) => {
    expect(getDurationParts(from, to)).toEqual(parts);
  });

  test.each([
    [0, 127.5 * 3_600_000, '5일 7시간 30분', '5 d 7 h 30 min'],
    [0, 2 * 3_600_000, '2시간', '2 h'],
    [0, 86_400_000 + 5 * 60_000, '1일 5분', '1 d 5 min'],
    [0, 6 * 60_000, '6분', '6 min'],
    [0, 30_000, '0분', '0 min'],
  ])('formatDuration(%i, %i): %s / %s', (from, to, ko, en) => {
    expect(formatDuration(from, to, createTranslator('ko'))).toBe(ko);
    expect(formatDuration(from, to, createTranslator('en'))).toBe(en);
  });
});

describe('formatMonth', () => {
  test.each([
    ['2022-10', 'ko', '2022년 10월'],
    ['2020-01', 'ko', '2020년 1월'],
    ['2022-10', 'en', 'October 2022'],
    ['2020-01', 'en', 'January 2020'],
  ] as const)('%s in %s: %s', (month, locale, text) => {
    expect(formatMonth(month, locale)).toBe(text);
  });
});

describe('resolveNow (STATUS_NOW)', () => {
  const clock = Date.UTC(2026, 10, 22);
  test.each([
    [undefined, { ok: true, instant: clock }],
    ['', { ok: true, instant: clock }],
    ['  ', { ok: true, instant: clock }],
    ['2022-10-15T17:00', { ok: true, instant: FIRE_17 }],
    ['2022-10-15T17:00:00+09:00', { ok: true, instant: FIRE_17 }],
    ['2022-10-15T08:00Z', { ok: true, instant: FIRE_17 }],
  ])('%j', (value, result) => {
    expect(resolveNow(value, SEOUL, clock)).toEqual(result);
  });

  test('a value that is not a date-time is an error saying what is allowed', () => {
    expect(resolveNow('tomorrow', SEOUL, clock)).toEqual({
      ok: false,
      message: `"tomorrow" is not a date-time; expected ${DATE_TIME_HINT}`,
    });
  });

  test.each([
    ['2021-07-16T16:30+99:99', 'has the offset +99:99, which is not a UTC offset'],
    ['2021-07-16T16:30+09:75', 'has the offset +09:75, which is not a UTC offset'],
    ['2022-02-30T10:00', 'is not a calendar date'],
  ])('%s is refused like a date-time in the content', (value, reason) => {
    const result = resolveNow(value, SEOUL, clock);
    expect(result.ok ? '' : result.message).toContain(reason);
  });

  test('a STATUS_NOW in the summer-time gap of the site timezone says why it does not exist', () => {
    expect(resolveNow('2021-03-14T02:30', 'America/New_York', clock)).toEqual({
      ok: false,
      message:
        '"2021-03-14T02:30" does not exist in America/New_York: on 2021-03-14 the clocks went from 02:00 straight to 03:00 (summer time); give a time outside that gap, or the offset (-05:00 before it, -04:00 after)',
    });
  });

  test('a naive STATUS_NOW is read in the site timezone', () => {
    expect(resolveNow('2022-10-15T17:00', 'UTC', clock)).toEqual({ ok: true, instant: Date.UTC(2022, 9, 15, 17) });
  });
});

describe('getOffsetMinutes', () => {
  // Read from Intl's formatted text where it has the en-US layout; the offset
  // must be the one Intl's parts give, at every change of offset too.
  const formats = new Map<string, Intl.DateTimeFormat>();
  const wallClock = (instant: number, timeZone: string) => {
    const format =
      formats.get(timeZone) ??
      new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    formats.set(timeZone, format);
    const parts: Record<string, number> = {};
    for (const part of format.formatToParts(instant)) parts[part.type] = Number(part.value);
    const { year = 0, month = 1, day = 1, hour = 0, minute = 0, second = 0 } = parts;
    return Date.UTC(year, month - 1, day, hour, minute, second);
  };
  const fromParts = (instant: number, timeZone: string) =>
    Math.round((wallClock(instant, timeZone) - (instant - (((instant % 1000) + 1000) % 1000))) / 60_000);

  test.each([
    SEOUL, // +08:27:52 local mean time until 1908, +08:30, summer time in 1948-1960 and 1987-1988
    'America/Santiago', // summer time starting at midnight
    'Australia/Lord_Howe', // half an hour of summer time
    'Asia/Kathmandu', // +05:45
    'Europe/Dublin', // "negative" summer time in the tz data
    'Pacific/Apia', // skipped 2011-12-30 entirely
    'UTC',
  ])('%s: as Intl parts give it, at every change of offset from 1880 to 2040', (timezone) => {
    const instants = [-8.64e15, 8.64e15, -62_135_596_800_000, Date.UTC(100, 0, 1) - 1, 0, -1, -999, -1001];
    const week = 7 * 86_400_000;
    let previous = Date.UTC(1880, 0, 1);
    for (let at = previous + week; at < Date.UTC(2040, 0, 1); at += week) {
      if (fromParts(at, timezone) !== fromParts(previous, timezone)) {
        let low = previous;
        let high = at;
        while (high - low > 1) {
          const middle = Math.floor((low + high) / 2);
          if (fromParts(middle, timezone) === fromParts(previous, timezone)) low = middle;
          else high = middle;
        }
        for (const delta of [-60_000, -1000, -1, 0, 1, 999, 1000, 60_000]) instants.push(high + delta);
      }
      previous = at;
    }
    expect(instants.map((instant) => getOffsetMinutes(instant, timezone))).toEqual(
      instants.map((instant) => fromParts(instant, timezone)),
    );
  });
});

describe('independence from the build machine timezone', () => {
  const timeModule = new URL('../../src/lib/time.ts', import.meta.url).href;
  // Runs in a fresh Node process (which strips the types of time.ts itself).
  const script = `
    import * as t from ${JSON.stringify(timeModule)};
    const fire = t.parseDateTime('2022-10-15T17:00', 'Asia/Seoul');
    const lateOctober = t.parseDateTime('2022-10-31T23:30', 'Asia/Seoul');
    const la = t.parseDateTime('2022-07-01T09:00', 'America/Los_Angeles');
    console.log(JSON.stringify({
      machineOffset: new Date(Date.UTC(2022, 6, 1)).getTimezoneOffset(),
      result: {
        fire,
        naiveSeconds: t.parseDateTime('2020-03-02T08:58:30.5', 'Asia/Seoul'),
        withOffset: t.parseDateTime('2020-03-02T08:58+09:00', 'UTC'),
        la,
        formatted: t.formatDateTime(fire, 'Asia/Seoul'),
        time: t.formatTime(fire, 'Asia/Seoul'),
        iso: t.toIsoString(fire, 'Asia/Seoul'),
        isoLa: t.toIsoString(la, 'America/Los_Angeles'),
        isoKathmandu: t.toIsoString(fire, 'Asia/Kathmandu'),
        day: t.toDateKey(lateOctober, 'Asia/Seoul'),
        month: t.toMonthKey(lateOctober, 'Asia/Seoul'),
        monthUtc: t.toMonthKey(lateOctober, 'UTC'),
        monthHeading: t.formatMonth('2022-10', 'en'),
        // 02:30 KST on 2022-03-13 is inside Los Angeles' spring-forward hour.
        springForwardElsewhere: t.formatDateTime(Date.parse('2022-03-13T02:30:00+09:00'), 'Asia/Seoul'),
        // 01:30 happens twice in New York that night: always the first (EDT).
        ambiguous: t.parseDateTime('2022-11-06T01:30', 'America/New_York'),
        gap: t.parseDateTime('2022-03-13T02:30', 'America/New_York') ?? null,
      },
    }));
  `;
  const runIn = (TZ: string) =>
    JSON.parse(
      execFileSync(process.execPath, ['--input-type=module', '-e', script], {
        env: { ...process.env, TZ },
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      }),
    ) as { machineOffset: number; result: Record<string, unknown> };

  const machines = ['UTC', 'America/Los_Angeles', 'Asia/Kathmandu', 'Pacific/Kiritimati'];
  const runs = machines.map((tz) => ({ tz, ...runIn(tz) }));

  test('the child processes really ran in four different timezones', () => {
    expect(runs.map((r) => r.machineOffset)).toEqual([0, 420, -345, -840]);
  });

  test.each(machines)('TZ=%s gives the same times as everywhere else', (tz) => {
    expect(runs.find((r) => r.tz === tz)?.result).toEqual({
      fire: FIRE_17,
      naiveSeconds: Date.UTC(2020, 2, 1, 23, 58, 30, 500),
      withOffset: Date.UTC(2020, 2, 1, 23, 58),
      la: Date.UTC(2022, 6, 1, 16, 0),
      formatted: '2022-10-15 17:00 KST',
      time: '17:00 KST',
      iso: '2022-10-15T17:00:00+09:00',
      isoLa: '2022-07-01T09:00:00-07:00',
      isoKathmandu: '2022-10-15T13:45:00+05:45',
      day: '2022-10-31',
      month: '2022-10',
      monthUtc: '2022-10',
      monthHeading: 'October 2022',
      springForwardElsewhere: '2022-03-13 02:30 KST',
      ambiguous: Date.UTC(2022, 10, 6, 5, 30),
      gap: null,
    });
  });
});
