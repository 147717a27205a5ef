/**
 * The uptime engine: how much of the last 30, 90 or 365 days each
 * service and feature was down, and one bar per calendar day.
 *
 * Everything is *as of* `now`, like the status engine it is built on
 * (status.ts): the state at any past moment is what {@link getIncidentSnapshot}
 * and {@link getServiceStates} say it was then, so an update that replaces the
 * `affected` list (the 2022 fire's step-by-step recovery) changes the state
 * from its own time on, an open incident counts until `now`, and nothing after
 * `now` counts.
 *
 * Downtime follows the Statuspage-style rule (documented by Instatus; see
 * shared/STATUSPAGE_API.md): minutes in `major_outage` count fully, minutes in
 * `partial_outage` count 0.3, everything else 0 ({@link DOWNTIME_WEIGHTS}).
 *
 * **The window.** "The last N days" is the last N *calendar days in the site
 * timezone*, today included and counted until `now` ({@link getUptimeWindow}).
 * It is the span the N day bars of {@link getDailyStates} cover, so the
 * figure under the bars is exactly their minutes of downtime over their
 * minutes tracked: a reader who adds up the bars gets the percentage shown.
 * (A rolling N×24 hours would start in the middle of the first bar and count
 * part of its downtime only, so the 90-day figure and the 90 bars would
 * disagree after an outage near the edge.) The window is thus between N−1 and
 * N days long, depending on the time of day of `now`.
 */
import type { Incident, Service, StatusModel } from './model.ts';
import { getIncidentSnapshot, getServiceStates, type IncidentSnapshot } from './status.ts';
import { getDayStart, toDateKey, type Instant } from './time.ts';
import { COMPONENT_STATUSES, worstOf, type ComponentStatus } from './vocabulary.ts';

/** A service, or one feature of it. */
export interface UptimeTarget {
  /** Service id. */
  service: string;
  /** Feature id of that service; without it, the service as a whole. */
  feature?: string | undefined;
}

/** A span of time, `from` included, `to` excluded (UTC ms). */
export interface TimeSpan {
  from: Instant;
  to: Instant;
}

/** A span during which a service or feature was in one state other than `operational`. */
export interface StateSegment extends TimeSpan {
  /** The worst state of the incidents and maintenance active then. */
  status: ComponentStatus;
  /** Slugs of those that put it in a state other than `operational`, earliest started first. */
  incidents: string[];
}

/** Uptime over a window. */
export interface Uptime {
  /** 100 × (1 − downtime / tracked); `undefined` when no time of the window is tracked. */
  percent: number | undefined;
  /** Minutes of `major_outage` plus 0.3 × minutes of `partial_outage` (not rounded). */
  downtimeMinutes: number;
  /** Minutes of the window from `since` on. */
  trackedMinutes: number;
}

/** One day bar. */
export interface DayState {
  /** The calendar day in the site timezone, `YYYY-MM-DD` (the `data-day` hook). */
  day: string;
  /** The day's start in the site timezone, and its end (or `now`, for today). */
  from: Instant;
  to: Instant;
  /** The worst state that day; `no_data` for a day entirely before tracking began. */
  status: ComponentStatus | 'no_data';
  /** Weighted minutes of downtime that day, as in {@link getUptime}. */
  downtimeMinutes: number;
  /** Slugs of that day's incidents and maintenance, earliest started first. */
  incidents: string[];
}

/** Options of {@link getDailyStates}. */
export interface DailyStatesOptions {
  /** How many days, ending with the day of `now`. */
  days: number;
  now: Instant;
  /** IANA timezone of the site: its calendar days are the bars. */
  timezone: string;
  /** When tracking of the service began ({@link Service.since}). */
  since?: Instant | undefined;
}

/** The windows the issue asks for, in days. */
export const UPTIME_PERIODS = [30, 90, 365] as const;

/**
 * How much a minute in each state counts as downtime (Statuspage's weighting):
 * a partial outage counts 30 %, degraded performance and maintenance not at all.
 * @example DOWNTIME_WEIGHTS.partial_outage // 0.3
 */
export const DOWNTIME_WEIGHTS: Readonly<Record<ComponentStatus, number>> = {
  operational: 0,
  under_maintenance: 0,
  degraded_performance: 0,
  partial_outage: 0.3,
  major_outage: 1,
};

const MINUTE = 60_000;

/**
 * The state of a service (or of one feature) over time, as known at `now`:
 * the spans in which it was not `operational`, sorted and non-overlapping;
 * time outside them is `operational`.
 *
 * Overlapping incidents are merged, the worst state winning at each moment
 * ({@link worstOf}), so nothing is counted twice. Each incident contributes
 * the affected list in force at each moment (its own from `started`, then
 * each update's from that update's `at`), from its start to its end (the
 * resolution; a maintenance: its window's end or its `completed` update), or
 * to `now` while open. A feature's state comes from the entries' `features`
 * maps like on the status page: an entry with a map affects the features it
 * lists, one without a map every feature.
 *
 * The work is a sweep, linear in the number of incidents (plus the sort):
 * each incident's contribution is worked out once, at its own instants only
 * ({@link getContributionChanges}), and the contributions are then combined
 * in time order ({@link sweepContributions}), keeping only the incidents that
 * contribute at that moment. (It used to ask every incident for its state at
 * every instant of every other. Measured for one target: 1,000 incidents
 * crowded into one year took 0.4 s, 4,000 took 4.7 s, now 0.02 s and 0.16 s;
 * the 10,000-incident, ten-year history of scripts/bench took 7 s, now 0.09 s.)
 *
 * `from` bounds the work further: only incidents that can be active at or
 * after it are looked at (that history, all 18 targets of the sample's
 * services with the 365-day bound: 0.9 s before the sweep, 0.4 s now). The
 * spans before `from` may then be missing; the ones from `from` on are exact.
 * @throws {RangeError} for a service or feature that is not in the model.
 * @example
 * // The 2022 fire, KakaoTalk as a whole: down until the 02:16 update, then partly down.
 * getStateTimeline(model, { service: 'kakaotalk' }, Date.parse('2022-12-31T00:00+09:00'))
 * // [{ from: 15:30 10-15, to: 02:16 10-16, status: 'major_outage', incidents: [fire] },
 * //  { from: 02:16 10-16, to: 23:00 10-20, status: 'partial_outage', incidents: [fire] }]
 */
export function getStateTimeline(
  model: StatusModel,
  target: UptimeTarget,
  now: Instant,
  { from = Number.NEGATIVE_INFINITY }: { from?: Instant } = {},
): StateSegment[] {
  const service = model.services.find((s) => s.id === target.service);
  if (!service) throw new RangeError(`unknown service "${target.service}"`);
  const { feature } = target;
  if (feature !== undefined && !service.features.some((f) => f.id === feature)) {
    throw new RangeError(`unknown feature "${feature}" of service "${service.id}"`);
  }
  // Earliest started first (a stable sort): the order of the slugs in a segment.
  const incidents = model.incidents
    .filter((incident) => incident.started < now && mentions(incident, service.id) && mayCountFrom(incident, from))
    .sort((a, b) => a.started - b.started);
  const changes = incidents
    .flatMap((incident, rank) => getContributionChanges(incident, rank, service, feature, now))
    .sort((a, b) => a.at - b.at);
  return sweepContributions(
    changes,
    incidents.map((incident) => incident.slug),
    now,
  );
}

/** From `at` on, the incident of rank `rank` puts the target in `status` (`operational`: it does not count). */
interface ContributionChange {
  at: Instant;
  /** Its index in the incidents sorted earliest started first. */
  rank: number;
  status: ComponentStatus;
}

/**
 * What one incident does to the target over time, as the moments it changes:
 * at each of its own instants before `now`, the status page's own rule
 * ({@link getIncidentSnapshot}, then {@link getTargetStatus} when it is
 * active). Its snapshot can change only at its own instants (status.ts
 * compares `at` with nothing else), so it holds from each to the next, and
 * before the first one nobody knew of it. Only real changes are returned.
 */
function getContributionChanges(
  incident: Incident,
  rank: number,
  service: Service,
  feature: string | undefined,
  now: Instant,
): ContributionChange[] {
  const instants = [...new Set(getOwnInstants(incident).filter((at) => at < now))].sort((a, b) => a - b);
  const changes: ContributionChange[] = [];
  let previous: ComponentStatus = 'operational';
  for (const at of instants) {
    const snapshot = getIncidentSnapshot(incident, at);
    const status = snapshot?.isActive === true ? getTargetStatus(service, feature, snapshot) : 'operational';
    if (status !== previous) changes.push({ at, rank, status });
    previous = status;
  }
  return changes;
}

/**
 * The segments made of every incident's changes (sorted by `at`): after the
 * changes of one instant, the worst status among the incidents that count then
 * holds until the next instant (or `now`), with their slugs in rank order.
 * Adjacent spans in the same state with the same incidents are one segment.
 */
function sweepContributions(
  changes: readonly ContributionChange[],
  slugs: readonly string[],
  now: Instant,
): StateSegment[] {
  /** The status of each incident that counts now, by rank. */
  const statuses = new Map<number, ComponentStatus>();
  /** Their ranks, ascending. */
  const ranks: number[] = [];
  const segments: StateSegment[] = [];
  let i = 0;
  while (i < changes.length) {
    const from = changes[i]?.at ?? now;
    for (let change = changes[i]; change?.at === from; change = changes[++i]) {
      applyChange(change, statuses, ranks);
    }
    if (ranks.length === 0) continue;
    const to = changes[i]?.at ?? now;
    const status = worstOf(COMPONENT_STATUSES, statuses.values());
    const incidents = ranks.map((rank) => slugs[rank] ?? '');
    const last = segments.at(-1);
    if (last?.to === from && last.status === status && sameList(last.incidents, incidents)) {
      last.to = to;
    } else {
      segments.push({ from, to, status, incidents });
    }
  }
  return segments;
}

/** Records one change in the incidents that count now: `statuses`, and `ranks` kept sorted. */
function applyChange(change: ContributionChange, statuses: Map<number, ComponentStatus>, ranks: number[]): void {
  const { rank, status } = change;
  const counted = statuses.has(rank);
  if (status === 'operational') {
    if (!counted) return;
    statuses.delete(rank);
    ranks.splice(findRank(ranks, rank), 1);
    return;
  }
  if (!counted) ranks.splice(findRank(ranks, rank), 0, rank);
  statuses.set(rank, status);
}

/** Where `rank` is, or goes, in the ascending `ranks` (binary search). */
function findRank(ranks: readonly number[], rank: number): number {
  let low = 0;
  let high = ranks.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((ranks[middle] ?? Number.POSITIVE_INFINITY) < rank) low = middle + 1;
    else high = middle;
  }
  return low;
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((value, i) => value === b[i]);
}

/** The instants at which the incident's state can change: start, end, window and updates. */
function getOwnInstants(incident: Incident): Instant[] {
  const { started, resolved, scheduled, updates } = incident;
  const instants = [started, resolved, scheduled?.start, scheduled?.end, ...updates.map((u) => u.at)];
  return instants.filter((at): at is Instant => at !== undefined);
}

/** Whether any affected list of the incident, its own or an update's, names the service. */
function mentions(incident: Incident, serviceId: string): boolean {
  const lists = [incident.affected, ...incident.updates.map((u) => u.affected ?? [])];
  return lists.some((list) => list.some((entry) => entry.service === serviceId));
}

/** What one active incident does to the service or feature: the status page's own rule. */
function getTargetStatus(service: Service, feature: string | undefined, snapshot: IncidentSnapshot): ComponentStatus {
  const [state] = getServiceStates([service], [snapshot]);
  if (!state) return 'operational';
  if (feature === undefined) return state.status;
  return state.features.find((f) => f.feature.id === feature)?.status ?? 'operational';
}

/**
 * Uptime over `window`, counting from `since` when tracking began later:
 * downtime is the minutes of `major_outage` plus 0.3 × the minutes of
 * `partial_outage` ({@link DOWNTIME_WEIGHTS}) inside the tracked part of the
 * window, and `percent` is 100 × (1 − downtime / tracked). Segments are clipped
 * at both edges. `window.to` should not be after the `now` of the timeline
 * (use {@link getUptimeWindow}): time after it would count as up.
 * @example
 * // One hour of major outage in 30 × 24 hours:
 * getUptime([{ from: t, to: t + 3_600_000, status: 'major_outage', incidents: ['x'] }], { from: t - 29 * 86_400_000, to: t + 86_400_000 })
 * // { percent: 99.8611…, downtimeMinutes: 60, trackedMinutes: 43200 }
 */
export function getUptime(timeline: readonly StateSegment[], window: TimeSpan, since?: Instant): Uptime {
  const from = since === undefined ? window.from : Math.max(window.from, since);
  const { to } = window;
  if (to <= from) return { percent: undefined, downtimeMinutes: 0, trackedMinutes: 0 };
  let downtime = 0;
  for (const segment of timeline) {
    const overlap = Math.min(segment.to, to) - Math.max(segment.from, from);
    if (overlap > 0) downtime += overlap * DOWNTIME_WEIGHTS[segment.status];
  }
  const tracked = to - from;
  return {
    percent: 100 * (1 - downtime / tracked),
    downtimeMinutes: downtime / MINUTE,
    trackedMinutes: tracked / MINUTE,
  };
}

/**
 * The window of "the last `days` days" at `now`: from the start of the
 * calendar day `days − 1` days before today, in `timezone`, to `now` (see the
 * module comment for why calendar days and not N × 24 hours). The same days
 * as the bars of {@link getDailyStates}.
 * @throws {RangeError} unless `days` is a whole number ≥ 1.
 * @example
 * // At 2022-10-15 17:00 KST, the last 30 days began on 2022-09-16 at 00:00 KST.
 * getUptimeWindow(30, Date.parse('2022-10-15T17:00+09:00'), 'Asia/Seoul')
 * // { from: Date.parse('2022-09-16T00:00+09:00'), to: Date.parse('2022-10-15T17:00+09:00') }
 */
export function getUptimeWindow(days: number, now: Instant, timezone: string): TimeSpan {
  checkDays(days);
  return { from: startOf(addDays(toDateKey(now, timezone), 1 - days), timezone), to: now };
}

/**
 * An uptime percentage as shown, with 2 decimals, **truncated**, not rounded:
 * 99.999 shows `99.99`, and `100.00` only when there was no downtime at all
 * (Statuspage-like pages never round an outage away). The text has no `%`, as
 * in the `data-uptime-30d` hooks; the page adds it.
 * @example
 * formatUptime(99.8611) // '99.86'
 * formatUptime(99.9999) // '99.99'
 * formatUptime(100) // '100.00'
 */
export function formatUptime(percent: number): string {
  // The tiny allowance keeps 99.94 from showing as 99.93 when the float is 99.93999…;
  // below 100 it is capped so that it can never reach 100.00.
  const hundredths = Math.min(Math.floor(percent * 100 + 1e-6), percent < 100 ? 9999 : 10_000);
  return (hundredths / 100).toFixed(2);
}

/**
 * The day bars: the last `days` calendar days in `timezone`, oldest first,
 * ending with the day of `now` (counted until `now`). Each day has its worst
 * state, its weighted minutes of downtime and the incidents that made them.
 * Days are the site's calendar days (23 or 25 hours across summer time),
 * whatever the machine's timezone. Days entirely before `since` are
 * `no_data`, not up; a day in which tracking began counts from `since`.
 * The days are those of {@link getUptimeWindow}, so the bars add up to the
 * uptime figure.
 * @throws {RangeError} unless `days` is a whole number ≥ 1.
 * @example
 * getDailyStates(getStateTimeline(model, { service: 'kakaotalk' }, now), { days: 90, now, timezone: 'Asia/Seoul' })
 * // [..., { day: '2022-10-15', status: 'major_outage', downtimeMinutes: 510, incidents: [fire], ... }, ...]
 */
export function getDailyStates(timeline: readonly StateSegment[], options: DailyStatesOptions): DayState[] {
  const { days, now, timezone, since } = options;
  checkDays(days);
  const today = toDateKey(now, timezone);
  return Array.from({ length: days }, (_, i): DayState => {
    const day = addDays(today, i + 1 - days);
    const from = startOf(day, timezone);
    const to = Math.min(startOf(addDays(day, 1), timezone), now);
    if (since !== undefined && to <= since) {
      return { day, from, to, status: 'no_data', downtimeMinutes: 0, incidents: [] };
    }
    const tracked = since === undefined ? from : Math.max(from, since);
    const overlapping = timeline.filter((segment) => segment.from < to && segment.to > tracked);
    return {
      day,
      from,
      to,
      status: worstOf(
        COMPONENT_STATUSES,
        overlapping.map((segment) => segment.status),
      ),
      downtimeMinutes: getUptime(timeline, { from, to }, since).downtimeMinutes,
      incidents: [...new Set(overlapping.flatMap((segment) => segment.incidents))],
    };
  });
}

function checkDays(days: number): void {
  if (!Number.isInteger(days) || days < 1) throw new RangeError(`days must be a whole number ≥ 1, got ${days}`);
}

/** The start of a calendar day that toDateKey produced (always a calendar date). */
function startOf(day: string, timezone: string): Instant {
  const start = getDayStart(day, timezone);
  if (start === undefined) throw new RangeError(`"${day}" is not a calendar date`);
  return start;
}

/** The calendar date `delta` days after `day` (`YYYY-MM-DD`): date arithmetic only, no timezone. */
function addDays(day: string, delta: number): string {
  const [year = 0, month = 1, date = 1] = day.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, date + delta)).toISOString().slice(0, 10);
}

/**
 * Whether the incident can be active at or after `from`. Its state changes
 * only at its own instants (getStateTimeline relies on the same), so one that
 * is not active at `from` and has no instant after it stays inactive: the
 * status engine's rule, not a copy of it.
 */
function mayCountFrom(incident: Incident, from: Instant): boolean {
  if (from === Number.NEGATIVE_INFINITY) return true;
  if (getOwnInstants(incident).some((at) => at > from)) return true;
  return getIncidentSnapshot(incident, from)?.isActive === true;
}

/** Options of {@link getTargetUptime}. */
export interface TargetUptimeOptions {
  now: Instant;
  /** The site timezone, whose calendar days make the windows and the days. */
  timezone: string;
  /** How many day states, ending today. */
  days: number;
}

/** The uptime of one service or feature: per window of {@link UPTIME_PERIODS}, and per day. */
export interface TargetUptime {
  /** From the service's `since`. */
  since: Instant | undefined;
  uptime: Record<(typeof UPTIME_PERIODS)[number], Uptime>;
  /** The last `days` days, oldest first. */
  days: DayState[];
}

/**
 * Everything the pages and `/api/uptime.json` show of a service or feature,
 * from one state timeline bounded to what the longest window and the days
 * can show (see {@link getStateTimeline}).
 * @example
 * getTargetUptime(model, { service: 'kakaotalk' }, { now, timezone: 'Asia/Seoul', days: 90 }).uptime[30].percent // 99.86…
 */
export function getTargetUptime(model: StatusModel, target: UptimeTarget, options: TargetUptimeOptions): TargetUptime {
  // The pages' bars and api/uptime.json ask the same of each target: computed once per build.
  let known = targetUptimes.get(model);
  if (!known) targetUptimes.set(model, (known = new Map<string, TargetUptime>()));
  const key = JSON.stringify([target.service, target.feature, options.now, options.timezone, options.days]);
  let uptime = known.get(key);
  if (!uptime) known.set(key, (uptime = measureTargetUptime(model, target, options)));
  return uptime;
}

const targetUptimes = new WeakMap<StatusModel, Map<string, TargetUptime>>();

function measureTargetUptime(model: StatusModel, target: UptimeTarget, options: TargetUptimeOptions): TargetUptime {
  const { now, timezone, days } = options;
  const since = model.services.find((s) => s.id === target.service)?.since;
  const windows = UPTIME_PERIODS.map((period) => [period, getUptimeWindow(period, now, timezone)] as const);
  const from = Math.min(...windows.map(([, window]) => window.from), getUptimeWindow(days, now, timezone).from);
  const timeline = getStateTimeline(model, target, now, { from });
  const uptime = Object.fromEntries(
    windows.map(([period, window]) => [period, getUptime(timeline, window, since)]),
    // Object.fromEntries loses the keys' type; they are UPTIME_PERIODS.
  ) as TargetUptime['uptime'];
  return { since, uptime, days: getDailyStates(timeline, { days, now, timezone, since }) };
}
