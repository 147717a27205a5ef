/**
 * What the service page shows of the uptime engine (./uptime.ts) for one
 * service or feature: the uptime figures as shown, the day bars, and the
 * `data-uptime-*` hooks (SPEC.md), computed once so that the figure on the
 * page and its hook cannot disagree.
 */
import { formatDuration } from './format.ts';
import type { Translate } from './i18n/translate.ts';
import type { StatusModel } from './model.ts';
import type { Instant } from './time.ts';
import { formatUptime, getTargetUptime, UPTIME_PERIODS, type DayState, type UptimeTarget } from './uptime.ts';

/** One of the windows shown: 30, 90 or 365 days. */
export type UptimePeriod = (typeof UPTIME_PERIODS)[number];

/** How many day bars the service page shows. */
export const BAR_DAYS = 90;

/** The uptime of one service or feature, ready to render. */
export interface UptimeView {
  /** {@link formatUptime} of each window (`'99.94'`), `undefined` when none of it is tracked. */
  uptime: Record<UptimePeriod, string | undefined>;
  /** The last {@link BAR_DAYS} days, oldest first. */
  days: DayState[];
}

/** The `data-uptime-30d` … attributes of an element. */
export type UptimeHooks = Record<`data-uptime-${UptimePeriod}d`, string>;

/**
 * The uptime figures and day bars of a service or feature as known at `now`,
 * on the calendar days of `timezone`, counted from the service's `since`.
 * @throws {RangeError} for a service or feature that is not in the model.
 * @example
 * getUptimeView(model, { service: 'kakaotalk' }, now, 'Asia/Seoul').uptime[30] // '97.12'
 */
export function getUptimeView(model: StatusModel, target: UptimeTarget, now: Instant, timezone: string): UptimeView {
  const { uptime, days } = getTargetUptime(model, target, { now, timezone, days: BAR_DAYS });
  const shown = Object.fromEntries(
    UPTIME_PERIODS.map((period) => {
      const { percent } = uptime[period];
      return [period, percent === undefined ? undefined : formatUptime(percent)];
    }),
  ) as UptimeView['uptime'];
  return { uptime: shown, days };
}

/**
 * The hooks of an element that shows `view`: the figures as shown, without
 * `%`; an empty value for a window with no data.
 * @example getUptimeHooks(view) // { 'data-uptime-30d': '99.94', 'data-uptime-90d': '99.98', 'data-uptime-365d': '99.99' }
 */
export function getUptimeHooks(view: UptimeView): UptimeHooks {
  return Object.fromEntries(
    UPTIME_PERIODS.map((days) => [`data-uptime-${days}d`, view.uptime[days] ?? '']),
  ) as UptimeHooks;
}

/**
 * Whether a day bar has nothing to tell beyond its date and state: a day
 * entirely operational, or one before tracking began. Such days, most of
 * them, are rendered as a bare bar; the others open to their details.
 */
export function isCalmDay(day: DayState): boolean {
  return day.status === 'operational' || day.status === 'no_data';
}

/**
 * A day's weighted minutes of downtime as a duration, to the nearest minute:
 * `8시간 30분`, `7 h 12 min`, `0분`.
 * @example formatDowntime(432.4, t) // '7시간 12분'
 */
export function formatDowntime(minutes: number, t: Translate): string {
  return formatDuration(0, Math.round(minutes) * 60_000, t);
}
