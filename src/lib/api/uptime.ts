/**
 * `/api/uptime.json`: the uptime figures and day bars of every service and
 * feature, as the uptime engine (src/lib/uptime.ts) computes them, for
 * scripts and dashboards. Not part of the Statuspage v2 API (its files under
 * `/api/v2/` stay exactly as real pages send them); the field names are
 * snake_case like Statuspage's so that one client reads both.
 *
 * Data only: `src/pages/api/uptime.json.ts` serialises what
 * {@link buildUptimeJson} returns with `JSON.stringify`.
 */
import { localize } from '../i18n/locales.ts';
import type { StatusModel } from '../model.ts';
import { toIsoString, type Instant } from '../time.ts';
import {
  DOWNTIME_WEIGHTS,
  formatUptime,
  getTargetUptime,
  UPTIME_PERIODS,
  type DayState,
  type UptimeTarget,
} from '../uptime.ts';
import type { ComponentStatus } from '../vocabulary.ts';

/** How many day bars each service and feature carries unless told otherwise, as on the pages. */
export const UPTIME_JSON_DAYS = 90;

/** A window of {@link UPTIME_PERIODS} as a key: `30d`, `90d`, `365d`. */
export type UptimePeriodKey = `${(typeof UPTIME_PERIODS)[number]}d`;

/** Uptime over one window. */
export interface UptimeJsonFigures {
  /**
   * 100 × (1 − downtime / tracked), with 2 decimals **truncated** like the
   * pages' `data-uptime-30d` hooks (`99.94`; `100` only without any downtime);
   * `null` when no minute of the window is tracked (`since` after it).
   */
  percent: number | null;
  /** Minutes of `major_outage` + 0.3 × minutes of `partial_outage` ({@link UptimeJson.downtime_weights}), rounded to 2 decimals. */
  downtime_minutes: number;
  /** Minutes of the window from `since` on, until `generated_at`, rounded to 2 decimals. */
  tracked_minutes: number;
}

/** One calendar day of the site timezone (a day bar). */
export interface UptimeJsonDay {
  /** `YYYY-MM-DD` in the site timezone (the pages' `data-day`). */
  date: string;
  /** The worst state that day (the pages' `data-status`); `no_data` for a day entirely before `since`. */
  status: ComponentStatus | 'no_data';
  /** Weighted minutes of downtime that day, rounded to 2 decimals. */
  downtime_minutes: number;
  /** Slugs of the incidents and maintenance that put it in a state other than `operational` that day, earliest started first. */
  incidents: string[];
}

/** What a service and each of its features have. */
interface UptimeJsonTarget {
  /** The name in the site's default locale. */
  name: string;
  /** One entry per window of {@link UptimeJson.periods}. */
  uptime: Record<UptimePeriodKey, UptimeJsonFigures>;
  /** The last days (90 unless told otherwise), oldest first, the last one being the day of `generated_at`. */
  days: UptimeJsonDay[];
}

/** A feature of a service. */
export interface UptimeJsonFeature extends UptimeJsonTarget {
  /** The feature id within its service (`messages`; the v2 component id is `<service id>.<feature id>`). */
  id: string;
}

/** A service, with its features. */
export interface UptimeJsonService extends UptimeJsonTarget {
  /** The service id (`kakaotalk`), as in `/api/v2/components.json`. */
  id: string;
  /** When tracking began (the `since` field), ISO 8601 with the site's offset; `null` when not given (everything the content knows counts). */
  since: string | null;
  /** In the service's order; their `since` is the service's. */
  features: UptimeJsonFeature[];
}

/** The body of `/api/uptime.json`. */
export interface UptimeJson {
  /** The moment the figures describe (`STATUS_NOW`), ISO 8601 with the site's offset; windows and today end here. */
  generated_at: string;
  /** The site's IANA timezone, whose calendar days make the windows and the days. */
  time_zone: string;
  /** The absolute URL of the site's root; `null` when not given. */
  url: string | null;
  /** How the windows are cut, in words: `last N calendar days in Asia/Seoul, today until generated_at`. */
  window_definition: string;
  /** How much a minute in each state counts as downtime (major 1, partial 0.3, others 0). */
  downtime_weights: Readonly<Record<ComponentStatus, number>>;
  /** The windows, in days: the keys of every `uptime` are these with a `d`. */
  periods: number[];
  /** In page order. */
  services: UptimeJsonService[];
}

/** What {@link buildUptimeJson} needs besides the model and the moment. */
export interface UptimeJsonOptions {
  /** The site's IANA timezone. */
  timezone: string;
  /** The absolute URL of the site's root, base path included. */
  siteUrl?: string | undefined;
  /** How many day bars per service and feature; {@link UPTIME_JSON_DAYS} by default. */
  days?: number | undefined;
}

/**
 * The uptime of every service and feature as of `now`: per window of
 * {@link UPTIME_PERIODS} (the last N calendar days of `timezone`, today until
 * `now`: `getUptimeWindow` in ../uptime.ts) and per day for the last `days` days, from
 * the same state timelines as the pages, so the figures are the ones shown.
 * @throws {RangeError} unless `days` is a whole number ≥ 1.
 * @example
 * buildUptimeJson(model, Date.parse('2024-06-01T12:00+09:00'), { timezone: 'Asia/Seoul' }).services[0]
 * // { id: 'kakaotalk', name: '카카오톡', since: null,
 * //   uptime: { '30d': { percent: 99.86, downtime_minutes: 60, tracked_minutes: 42480 }, '90d': …, '365d': … },
 * //   days: [{ date: '2024-03-04', status: 'operational', downtime_minutes: 0, incidents: [] }, …],
 * //   features: [{ id: 'messages', name: '메시지 송수신', uptime: …, days: … }, …] }
 */
export function buildUptimeJson(model: StatusModel, now: Instant, options: UptimeJsonOptions): UptimeJson {
  const { timezone, siteUrl, days = UPTIME_JSON_DAYS } = options;
  const { defaultLocale } = model.site;
  const describe = (target: UptimeTarget): Omit<UptimeJsonTarget, 'name'> => {
    const measured = getTargetUptime(model, target, { now, timezone, days });
    const uptime = Object.fromEntries(
      UPTIME_PERIODS.map((period) => {
        const { percent, downtimeMinutes, trackedMinutes } = measured.uptime[period];
        const figures: UptimeJsonFigures = {
          percent: percent === undefined ? null : Number(formatUptime(percent)),
          downtime_minutes: roundMinutes(downtimeMinutes),
          tracked_minutes: roundMinutes(trackedMinutes),
        };
        return [`${period}d`, figures];
      }),
      // Object.fromEntries loses the keys' type; they are UPTIME_PERIODS with a `d`, as the type says.
    ) as Record<UptimePeriodKey, UptimeJsonFigures>;
    return { uptime, days: measured.days.map(toJsonDay) };
  };

  return {
    generated_at: toIsoString(now, timezone),
    time_zone: timezone,
    url: siteUrl ?? null,
    window_definition: `last N calendar days in ${timezone}, today until generated_at`,
    downtime_weights: DOWNTIME_WEIGHTS,
    periods: [...UPTIME_PERIODS],
    services: model.services.map((service) => {
      const { uptime, days: serviceDays } = describe({ service: service.id });
      return {
        id: service.id,
        name: localize(service.name, defaultLocale, defaultLocale),
        since: service.since === undefined ? null : toIsoString(service.since, timezone),
        uptime,
        days: serviceDays,
        features: service.features.map((feature) => ({
          id: feature.id,
          name: localize(feature.name, defaultLocale, defaultLocale),
          ...describe({ service: service.id, feature: feature.id }),
        })),
      };
    }),
  };
}

function toJsonDay(day: DayState): UptimeJsonDay {
  return {
    date: day.day,
    status: day.status,
    downtime_minutes: roundMinutes(day.downtimeMinutes),
    incidents: day.incidents,
  };
}

/** Minutes to 2 decimals: 0.3 × 60 is 18.000000000000004 in floating point, and no reader wants that. */
function roundMinutes(minutes: number): number {
  return Math.round(minutes * 100) / 100;
}
