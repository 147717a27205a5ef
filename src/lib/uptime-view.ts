/**
 * What the service page shows of the uptime engine (./uptime.ts) for one
 * service or feature: the uptime figures as shown, the day bars, and the
 * `data-uptime-*` hooks (SPEC.md), computed once so that the figure on the
 * page and its hook cannot disagree.
 */
import { formatDuration } from './format.ts';
import type { Translate } from './i18n/translate.ts';
import type { Service, StatusModel } from './model.ts';
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

/** The uptime of a service and of each of its features. */
export interface ServiceUptimeView {
  service: UptimeView;
  /** By feature id, in the service's order. */
  features: ReadonlyMap<string, UptimeView>;
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
 * {@link getUptimeView} of a service and of each of its features.
 * @example getServiceUptimeView(model, kakaotalk, now, 'Asia/Seoul').features.get('media')?.uptime[90] // '99.12'
 */
export function getServiceUptimeView(
  model: StatusModel,
  service: Service,
  now: Instant,
  timezone: string,
): ServiceUptimeView {
  return {
    service: getUptimeView(model, { service: service.id }, now, timezone),
    features: new Map(
      service.features.map((f) => [f.id, getUptimeView(model, { service: service.id, feature: f.id }, now, timezone)]),
    ),
  };
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
 * The id of a day's details on the service page, which the overview's bars
 * link to: `day-2022-10-15` for the service, `media-day-2022-10-15` for its
 * feature `media` (feature ids are slugs, so the two never collide).
 */
export function getDayAnchor(day: string, feature?: string): string {
  return feature === undefined ? `day-${day}` : `${feature}-day-${day}`;
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
