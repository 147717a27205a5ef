/**
 * A service's record year by year, as known at `now`: how many incidents it
 * had, how long it was down, how long an incident took to resolve on
 * average (MTTR) and which was the longest. The news counts outages per year
 * ("6 in 2017, 5 in 2018, 2 in 2019"); this is the same count from the
 * content, next to the downtime that makes it comparable.
 *
 * - An incident belongs to the calendar year (site timezone) it started in,
 *   and to the services its affected lists name as known at `now`
 *   ({@link getAffectedServiceIds}, the service page's rule). Maintenance is
 *   not an incident and is not counted.
 * - Downtime is the uptime engine's ({@link getUptime}): minutes of major
 *   outage plus 0.3 × minutes of partial outage, overlapping incidents
 *   merged, split at midnight of 1 January, counted until `now`. An incident
 *   from 31 December to 1 January counts once, in the year it started, but its
 *   downtime falls where its minutes do.
 * - MTTR is the mean time from `started` to `resolved` of the year's resolved
 *   incidents; one still open at `now` counts in `incidents` and `open`, not in
 *   MTTR, and as the longest only with its duration so far.
 */
import type { StatusModel } from './model.ts';
import { getAffectedServiceIds, getIncidentSnapshot } from './status.ts';
import { getDayStart, toDateKey, type Instant } from './time.ts';
import { getStateTimeline, getUptime } from './uptime.ts';

const MINUTE = 60_000;

/** One year of a service's record. */
export interface YearStats {
  year: number;
  /** Incidents that started this year and affect the service. */
  incidents: number;
  /** Of those, the ones still open at `now`. */
  open: number;
  /** Weighted minutes of downtime within this calendar year (see the module comment). */
  downtimeMinutes: number;
  /** Mean minutes from start to resolution of this year's resolved incidents; `undefined` when none is. */
  mttrMinutes: number | undefined;
  /** The incident of this year that lasted longest (an open one: so far; a tie: the first begun). */
  longest: { slug: string; minutes: number; open: boolean } | undefined;
}

/**
 * The record of `serviceId` for every year from its first incident or
 * maintenance (or its `since`, if earlier) to the year of `now`, oldest
 * first; years without an incident are there with zeros. A service with
 * none of these gets the year of `now` alone.
 * @throws {RangeError} for a service that is not in the model.
 * @example
 * getYearlyStats(model, 'kakaotalk', Date.parse('2024-06-01T12:00+09:00'), 'Asia/Seoul')
 * // [{ year: 2020, incidents: 3, ... }, ..., { year: 2022, incidents: 1, mttrMinutes: 7650, longest: { slug: fire, ... } }, ...]
 */
export function getYearlyStats(model: StatusModel, serviceId: string, now: Instant, timezone: string): YearStats[] {
  const service = model.services.find((s) => s.id === serviceId);
  if (!service) throw new RangeError(`unknown service "${serviceId}"`);
  const yearOf = (instant: Instant) => Number(toDateKey(instant, timezone).slice(0, 4));

  const entries = model.incidents.flatMap((incident) => {
    const snapshot = getIncidentSnapshot(incident, now);
    if (!snapshot || !getAffectedServiceIds(snapshot).includes(serviceId)) return [];
    const { endedAt } = snapshot;
    return [
      {
        slug: incident.slug,
        kind: incident.kind,
        started: incident.started,
        year: yearOf(incident.started),
        open: endedAt === undefined,
        minutes: ((endedAt ?? now) - incident.started) / MINUTE,
      },
    ];
  });
  const incidents = entries.filter((e) => e.kind === 'incident');

  const firstYear = Math.min(
    yearOf(now),
    ...entries.map((e) => e.year),
    ...(service.since === undefined ? [] : [yearOf(service.since)]),
  );
  const timeline = getStateTimeline(model, { service: serviceId }, now);
  const years: YearStats[] = [];
  for (let year = firstYear; year <= yearOf(now); year += 1) {
    const ofYear = incidents.filter((i) => i.year === year);
    const resolved = ofYear.filter((i) => !i.open);
    const from = yearStart(year, timezone);
    const to = Math.min(yearStart(year + 1, timezone), now);
    const longest = ofYear.reduce<(typeof ofYear)[number] | undefined>(
      // A tie goes to the one that began first.
      (best, i) =>
        best === undefined || i.minutes > best.minutes || (i.minutes === best.minutes && i.started < best.started)
          ? i
          : best,
      undefined,
    );
    years.push({
      year,
      incidents: ofYear.length,
      open: ofYear.length - resolved.length,
      downtimeMinutes: getUptime(timeline, { from, to }, service.since).downtimeMinutes,
      mttrMinutes:
        resolved.length === 0 ? undefined : resolved.reduce((sum, i) => sum + i.minutes, 0) / resolved.length,
      longest: longest && { slug: longest.slug, minutes: longest.minutes, open: longest.open },
    });
  }
  return years;
}

/** Midnight of 1 January of `year` in `timezone`. */
function yearStart(year: number, timezone: string): Instant {
  const start = getDayStart(`${String(year).padStart(4, '0')}-01-01`, timezone);
  if (start === undefined) throw new RangeError(`no 1 January in ${year}`);
  return start;
}
