/**
 * The one place where date-times are parsed and formatted.
 *
 * Inside the program a moment is a number: UTC milliseconds since the epoch.
 * Strings enter through {@link parseDateTime} (an ISO 8601 date-time without
 * offset is read in the *site* timezone, never the build machine's) and leave
 * through the formatters below, which always take the timezone explicitly.
 * That is what keeps a build on a `TZ=America/Los_Angeles` laptop and one on
 * a UTC CI runner byte-identical.
 */
import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc.js';

// Only dayjs's UTC mode is used, for format patterns. Its timezone plugin is
// not: `.tz()` re-reads its output in the *machine's* local time (a site time
// in the machine's spring-forward hour comes out an hour late) and guesses
// offsets for naive times from the current date. Offsets come from Intl,
// which carries the IANA database, and nothing here reads the machine's zone.
dayjs.extend(utc);

/** A moment: UTC milliseconds since 1970-01-01T00:00:00Z. */
export type Instant = number;

const ISO_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/** What a date-time string looks like, for error messages. */
export const DATE_TIME_HINT =
  'an ISO 8601 date-time such as 2022-10-15T15:30 (read in the site timezone) or 2022-10-15T15:30+09:00';

/** Whether `name` is an IANA timezone this runtime knows, e.g. `Asia/Seoul`. */
export function isValidTimezone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** A date-time read from text: the instant, or why there is none. */
export type DateTimeResult = { ok: true; instant: Instant } | { ok: false; reason: string };

/** UTC offsets in use anywhere: from -12:00 to +14:00 (Kiribati); ±14:00 is accepted either way. */
const MAX_OFFSET_MINUTES = 14 * 60;

/**
 * Reads an ISO 8601 date-time. With an offset (`Z`, `+09:00`) it is exact;
 * without one it is wall-clock time in `timezone`.
 * Anything else is refused with a reason: not the format, an impossible date
 * (02-30) or time (25:00), an offset beyond ±14:00 or with minutes over 59,
 * or a wall-clock time that does not exist in `timezone` (summer time starting).
 * @example
 * readDateTime('2020-03-02T08:58', 'Asia/Seoul') // { ok: true, instant: Date.UTC(2020, 2, 1, 23, 58) }
 * readDateTime('2021-07-16T16:30+99:99', 'Asia/Seoul').ok // false
 */
export function readDateTime(text: string, timezone: string): DateTimeResult {
  const match = ISO_DATE_TIME.exec(text.trim());
  if (!match) return { ok: false, reason: `is not a date-time; expected ${DATE_TIME_HINT}` };
  const [, y, mo, d, h, mi, s = '0', ms = '0', offset] = match;
  const fields = [y, mo, d, h, mi, s].map(Number) as [number, number, number, number, number, number];
  const [year, month, day, hour, minute, second] = fields;
  const millis = Number(ms.padEnd(3, '0'));
  // Reject 2022-02-30 and 25:00: Date.UTC would silently roll them over.
  const wall = Date.UTC(year, month - 1, day, hour, minute, second, millis);
  const check = new Date(wall);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) {
    return { ok: false, reason: `is not a calendar date (${y}-${mo}-${d} does not exist); expected ${DATE_TIME_HINT}` };
  }
  if (check.getUTCHours() !== hour || minute > 59 || second > 59) {
    return {
      ok: false,
      reason: `is not a time of day (hours 00-23, minutes and seconds 00-59); expected ${DATE_TIME_HINT}`,
    };
  }
  if (offset) {
    const minutes = parseOffsetMinutes(offset);
    if (minutes === undefined) {
      return {
        ok: false,
        reason: `has the offset ${offset}, which is not a UTC offset; offsets go from -14:00 to +14:00 with minutes 00-59 (Korea: +09:00)`,
      };
    }
    return { ok: true, instant: wall - minutes * 60_000 };
  }
  const instant = fromWallClock(wall, timezone);
  if (instant !== undefined) return { ok: true, instant };
  return { ok: false, reason: describeGap(wall, timezone) };
}

/**
 * Like {@link readDateTime}, without the reason.
 * @example
 * parseDateTime('2020-03-02T08:58', 'Asia/Seoul') // Date.UTC(2020, 2, 1, 23, 58)
 * parseDateTime('2020-03-02T08:58:00Z', 'Asia/Seoul') // Date.UTC(2020, 2, 2, 8, 58)
 */
export function parseDateTime(text: string, timezone: string): Instant | undefined {
  const result = readDateTime(text, timezone);
  return result.ok ? result.instant : undefined;
}

/**
 * Why a wall-clock time does not exist in `timezone`: it falls in the hour
 * the clocks skip when summer time starts.
 */
function describeGap(wall: number, timezone: string): string {
  const before = getOffsetMinutes(wall - 86_400_000, timezone);
  const after = getOffsetMinutes(wall + 86_400_000, timezone);
  // The instant the offset changes, to the minute, between a day before and a day after.
  let low = wall - before * 60_000 - 86_400_000;
  let high = wall - after * 60_000 + 86_400_000;
  while (high - low > 60_000) {
    const middle = low + Math.floor((high - low) / 120_000) * 60_000;
    if (getOffsetMinutes(middle, timezone) === before) low = middle;
    else high = middle;
  }
  const clock = (instant: number) => dayjs.utc(instant).format('HH:mm');
  return (
    `does not exist in ${timezone}: on ${dayjs.utc(wall).format('YYYY-MM-DD')} the clocks went from ` +
    `${clock(high + before * 60_000)} straight to ${clock(high + after * 60_000)} (summer time); ` +
    `give a time outside that gap, or the offset (${formatOffset(before)} before it, ${formatOffset(after)} after)`
  );
}

function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/**
 * The offset of `timezone` from UTC at `instant`, in minutes (Seoul: 540).
 * Computed from Intl's wall clock, so it does not depend on the machine's zone.
 */
export function getOffsetMinutes(instant: Instant, timezone: string): number {
  // Every time of an incident is shown on several pages in several locales;
  // Intl's formatting is the slowest step of a build, so remember answers.
  let known = offsetCache.get(timezone);
  if (!known) {
    known = new Map();
    offsetCache.set(timezone, known);
  }
  let offset = known.get(instant);
  if (offset === undefined) {
    offset = computeOffsetMinutes(instant, timezone);
    known.set(instant, offset);
  }
  return offset;
}

const offsetCache = new Map<string, Map<Instant, number>>();

/** How Intl writes the wall clock an offset is read from. */
interface WallClockFormat {
  format: Intl.DateTimeFormat;
  /** Whether `format()` writes the en-US layout `10/15/2022, 17:00:00`, which {@link EN_US_WALL_CLOCK} reads. */
  enUsLayout: boolean;
}

const EN_US_WALL_CLOCK = /^(\d+)\/(\d+)\/(\d+), (\d+):(\d+):(\d+)$/;
const EN_US_PART_TYPES = 'month,literal,day,literal,year,literal,hour,literal,minute,literal,second';

const wallClockFormats = new Map<string, WallClockFormat>();

function getWallClockFormat(timezone: string): WallClockFormat {
  let known = wallClockFormats.get(timezone);
  if (!known) {
    const format = new Intl.DateTimeFormat('en-US', {
      timeZone: timezone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    // A formatter has one pattern: the order of its parts is the same for every instant.
    const types = format.formatToParts(0).map((part) => part.type);
    known = { format, enUsLayout: types.join(',') === EN_US_PART_TYPES };
    wallClockFormats.set(timezone, known);
  }
  return known;
}

/**
 * The wall clock of `timezone` at `instant`, to the second, written as if it
 * were UTC (the time of day Intl shows, read as a UTC time).
 */
function getWallClock(instant: Instant, timezone: string): number {
  const { format, enUsLayout } = getWallClockFormat(timezone);
  // format() writes the same text as formatToParts() (the parts' values,
  // joined) in a third of the time, and reading a date-time without offset
  // takes three offsets (fromWallClock): 10,000 of them for 1,000 incidents.
  // So the text is read where it has the en-US layout the parts showed; the
  // parts remain the way for any other.
  const match = enUsLayout ? EN_US_WALL_CLOCK.exec(format.format(instant)) : null;
  if (match) {
    const [month = 1, day = 1, year = 0, hour = 0, minute = 0, second = 0] = match.slice(1).map(Number);
    return Date.UTC(year, month - 1, day, hour, minute, second);
  }
  const parts: Record<string, number> = {};
  for (const part of format.formatToParts(instant)) parts[part.type] = Number(part.value);
  return Date.UTC(
    parts.year ?? 0,
    (parts.month ?? 1) - 1,
    parts.day ?? 1,
    parts.hour ?? 0,
    parts.minute ?? 0,
    parts.second ?? 0,
  );
}

function computeOffsetMinutes(instant: Instant, timezone: string): number {
  const wall = getWallClock(instant, timezone);
  return Math.round((wall - (instant - (((instant % 1000) + 1000) % 1000))) / 60_000);
}

/**
 * The instant at which clocks in `timezone` show `wall` (a wall-clock time
 * written as if it were UTC). Where the clock shows it twice (summer time
 * ending) the first is taken; where never (summer time starting) there is none.
 */
function fromWallClock(wall: number, timezone: string): Instant | undefined {
  // The offsets in use around it: the zone's offsets at the midnights (UTC) from the day before
  // to two days after, which hold any change within a day of `wall`. The same four instants
  // for every time of a day, so Intl is asked once per day for them (offsets are remembered),
  // not twice per time read: 40,000 times for 10,000 incidents.
  const day = Math.floor(wall / DAY_MS) * DAY_MS;
  const offsets = new Set(
    [day - DAY_MS, day, day + DAY_MS, day + 2 * DAY_MS].map((probe) => getOffsetMinutes(probe, timezone)),
  );
  const matches = [...offsets]
    .map((offset) => wall - offset * 60_000)
    .filter((instant) => instant + getOffsetMinutes(instant, timezone) * 60_000 === wall)
    .sort((a, b) => a - b);
  return matches[0];
}

const DAY_MS = 86_400_000;

/** Formats `instant` as the wall clock of `timezone` with a dayjs pattern (`Z` is the offset). */
function formatIn(instant: Instant, timezone: string, pattern: string): string {
  // Remembered for the same reason as offsets: each time appears on many pages. Keyed by
  // the number itself, under its zone and pattern: a string key per call cost more than the lookup.
  const zoneAndPattern = `${timezone}\u0000${pattern}`;
  let byInstant = formatted.get(zoneAndPattern);
  if (!byInstant) formatted.set(zoneAndPattern, (byInstant = new Map<Instant, string>()));
  let text = byInstant.get(instant);
  if (text === undefined) {
    const offset = getOffsetMinutes(instant, timezone);
    text = dayjs
      .utc(instant + offset * 60_000)
      .utcOffset(offset, true)
      .format(pattern);
    byInstant.set(instant, text);
  }
  return text;
}

const formatted = new Map<string, Map<Instant, string>>();

/** Minutes east of UTC, or `undefined` beyond ±14:00 or with minutes over 59. */
function parseOffsetMinutes(offset: string): number | undefined {
  if (offset.toUpperCase() === 'Z') return 0;
  const sign = offset.startsWith('-') ? -1 : 1;
  const digits = offset.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = Number(digits.slice(2, 4) || '0');
  const total = hours * 60 + minutes;
  return minutes > 59 || total > MAX_OFFSET_MINUTES ? undefined : sign * total;
}

/**
 * ISO 8601 with the timezone's offset, for `<time datetime>` and JSON.
 * @example toIsoString(Date.UTC(2022, 9, 15, 8), 'Asia/Seoul') // '2022-10-15T17:00:00+09:00'
 */
export function toIsoString(instant: Instant, timezone: string): string {
  return formatIn(instant, timezone, 'YYYY-MM-DDTHH:mm:ssZ');
}

/** `YYYY-MM-DD` of the calendar day `instant` falls on in `timezone`. */
export function toDateKey(instant: Instant, timezone: string): string {
  return formatIn(instant, timezone, 'YYYY-MM-DD');
}

/**
 * The first instant of the calendar day `dateKey` (`YYYY-MM-DD`) in `timezone`:
 * its midnight, or, where the clocks skip midnight because summer time starts
 * at 00:00 (America/Santiago, America/Havana, Africa/Cairo), the moment the
 * skipped hour ends. `undefined` when `dateKey` is not a calendar date.
 * Day bars and bare dates (`since: 2020-01-01`) start here, so that a day is
 * a day of the site's calendar (23 or 25 hours long across summer time), never
 * a UTC day or one of the build machine.
 * @example
 * getDayStart('2022-10-16', 'Asia/Seoul') // Date.UTC(2022, 9, 15, 15)
 * getDayStart('2022-09-11', 'America/Santiago') // Date.UTC(2022, 8, 11, 4): 01:00 -03:00, 00:00 never happened
 */
export function getDayStart(dateKey: string, timezone: string): Instant | undefined {
  const date = readDateTime(`${dateKey}T00:00Z`, 'UTC');
  if (!date.ok || !/^\d{4}-\d{2}-\d{2}$/.test(dateKey)) return undefined;
  const wall = date.instant;
  const midnight = fromWallClock(wall, timezone);
  if (midnight !== undefined) return midnight;
  // Midnight is in the gap: the day starts at the change of offset, found to the millisecond.
  const after = getOffsetMinutes(wall + 86_400_000, timezone);
  let low = wall - after * 60_000;
  let high = wall - getOffsetMinutes(wall - 86_400_000, timezone) * 60_000;
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (getOffsetMinutes(middle, timezone) === after) high = middle;
    else low = middle;
  }
  return high;
}

/** `YYYY-MM` of the calendar month `instant` falls in, in `timezone`. */
export function toMonthKey(instant: Instant, timezone: string): string {
  return formatIn(instant, timezone, 'YYYY-MM');
}

// Intl's short names for Asian zones are "GMT+9"; readers expect the abbreviation.
const ZONE_ABBREVIATIONS: Record<string, string> = {
  'Asia/Seoul': 'KST',
  'Asia/Tokyo': 'JST',
  'Asia/Shanghai': 'CST',
  'Asia/Taipei': 'CST',
  'Asia/Hong_Kong': 'HKT',
  'Asia/Singapore': 'SGT',
  'Asia/Kolkata': 'IST',
  UTC: 'UTC',
  'Etc/UTC': 'UTC',
};

/**
 * The label shown after a time: `KST` for Asia/Seoul, Intl's short name
 * (`PDT`, `CET`, `GMT+4`) elsewhere.
 */
export function getTimezoneLabel(timezone: string, instant: Instant): string {
  const known = ZONE_ABBREVIATIONS[timezone];
  if (known) return known;
  let format = zoneNameFormats.get(timezone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone: timezone, timeZoneName: 'short' });
    zoneNameFormats.set(timezone, format);
  }
  const part = format.formatToParts(instant).find((p) => p.type === 'timeZoneName');
  return part?.value ?? timezone;
}

const zoneNameFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * A time as readers see it: `2022-10-15 17:00 KST`. Numeric, so it reads the
 * same in Korean and English and sorts as text.
 */
export function formatDateTime(instant: Instant, timezone: string): string {
  return `${formatIn(instant, timezone, 'YYYY-MM-DD HH:mm')} ${getTimezoneLabel(timezone, instant)}`;
}

/** Only the clock time with its label, for a timeline inside one day: `17:00 KST`. */
export function formatTime(instant: Instant, timezone: string): string {
  return `${formatIn(instant, timezone, 'HH:mm')} ${getTimezoneLabel(timezone, instant)}`;
}

/** Only the date: `2022-10-15`. */
export function formatDate(instant: Instant, timezone: string): string {
  return toDateKey(instant, timezone);
}

/** A span split into whole days, hours and minutes, for "지속 시간" texts. */
export interface DurationParts {
  days: number;
  hours: number;
  minutes: number;
}

/**
 * Splits the time between two instants (rounded down to the minute).
 * @example getDurationParts(0, 127.5 * 3_600_000) // { days: 5, hours: 7, minutes: 30 }
 */
export function getDurationParts(from: Instant, to: Instant): DurationParts {
  const totalMinutes = Math.max(0, Math.floor((to - from) / 60_000));
  return {
    days: Math.floor(totalMinutes / 1440),
    hours: Math.floor((totalMinutes % 1440) / 60),
    minutes: totalMinutes % 60,
  };
}

/**
 * A `YYYY-MM` month key as a heading: `2022년 10월`, `October 2022`.
 */
export function formatMonth(monthKey: string, locale: string): string {
  const [year, month] = monthKey.split('-').map(Number) as [number, number];
  if (locale === 'ko') return `${year}년 ${month}월`;
  let format = monthFormats.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'long', timeZone: 'UTC' });
    monthFormats.set(locale, format);
  }
  return format.format(Date.UTC(year, month - 1, 1));
}

// One formatter per locale: making one is slow, and the archive index names every month on every page.
const monthFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * The moment a build describes: `STATUS_NOW` when set (read in the site
 * timezone if it has no offset), else the build's clock.
 * @returns the instant, or an error message naming what is allowed.
 */
export function resolveNow(
  value: string | undefined,
  timezone: string,
  clock: Instant,
): { ok: true; instant: Instant } | { ok: false; message: string } {
  if (value === undefined || value.trim() === '') return { ok: true, instant: clock };
  const result = readDateTime(value, timezone);
  return result.ok ? result : { ok: false, message: `"${value}" ${result.reason}` };
}
