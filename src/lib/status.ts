/**
 * The status engine: the state of every incident, maintenance, service and
 * feature at a moment `at` (SPEC.md, "What now means").
 *
 * A static page is true as of the moment it was built, and the content may
 * already hold what came after it (a build replayed at 2022-10-15 17:00 from
 * today's files). So everything here is *as of* `at`: incidents that had not
 * started are unknown, updates announced later are hidden, and a resolution
 * after `at` has not happened yet.
 */
import type { Affected, Feature, Incident, Service, StatusModel, Update } from './model.ts';
import type { Instant } from './time.ts';
import {
  CLOSING_STATES,
  COMPONENT_STATUSES,
  IMPACTS,
  worstOf,
  type ComponentStatus,
  type Impact,
  type UpdateState,
} from './vocabulary.ts';

/**
 * Where an incident or maintenance stands at a moment. Incidents are `open`
 * or `resolved`; maintenance is `upcoming`, `in_progress` or `completed`.
 */
export type Phase = 'open' | 'resolved' | 'upcoming' | 'in_progress' | 'completed';

/** An incident or maintenance as known at a moment. */
export interface IncidentSnapshot {
  incident: Incident;
  phase: Phase;
  /** Its state word at that moment (the latest announced, or implied by the clock for maintenance). */
  state: UpdateState;
  /** Whether it counts toward service states now: an open incident or maintenance in progress. */
  isActive: boolean;
  /** The updates announced by then, newest first (the order readers and Statuspage clients expect). */
  updates: Update[];
  /** The affected list in force: the latest update that changed it, or the incident's own. */
  affected: Affected[];
  /** When it ended, if it had by then. */
  endedAt?: Instant | undefined;
  /**
   * The Markdown body as it may be shown at that moment ('' when it may not):
   * see {@link getVisibleBody}.
   */
  body: string;
  /** Whether the incident has a body that is held back until it is resolved. */
  bodyWithheld: boolean;
}

export interface FeatureState {
  feature: Feature;
  status: ComponentStatus;
}

/** A degraded-feature note and the incident it comes from. */
export interface ServiceNote {
  slug: string;
  note: NonNullable<Affected['note']>;
}

export interface ServiceState {
  service: Service;
  status: ComponentStatus;
  features: FeatureState[];
  /** What works and what does not, from every active incident and maintenance. */
  notes: ServiceNote[];
  /** Slugs of the active incidents and maintenance that affect it. */
  activeSlugs: string[];
}

/** The whole page at one moment. */
export interface StatusSnapshot {
  at: Instant;
  /** Statuspage `status.indicator`: the worst impact among active incidents and maintenance. */
  indicator: Impact;
  services: ServiceState[];
  /** Open incidents, most recently started first. */
  openIncidents: IncidentSnapshot[];
  /** Maintenance in progress, soonest to end first. */
  activeMaintenance: IncidentSnapshot[];
  /** Announced maintenance not yet started, soonest first. */
  upcomingMaintenance: IncidentSnapshot[];
  /** Everything known by then, newest first (by start). */
  known: IncidentSnapshot[];
}

/** When an incident ends for good, as far as the content says (maintenance: the end of its window unless resolved). */
function getEnd(incident: Incident): Instant | undefined {
  if (incident.kind === 'maintenance') return incident.resolved ?? incident.scheduled?.end;
  return incident.resolved;
}

/**
 * The incident as known at `at`, or `undefined` if nobody knew of it yet
 * (an incident not started; a maintenance not announced).
 * @example
 * // The 2022 fire, seen at 17:00 on the first day: open, state "identified".
 * getIncidentSnapshot(fire, Date.parse('2022-10-15T17:00+09:00'))?.phase // 'open'
 */
export function getIncidentSnapshot(incident: Incident, at: Instant): IncidentSnapshot | undefined {
  const updates = incident.updates.filter((u) => u.at <= at);
  const latest = updates.at(-1);
  const end = getEnd(incident);
  const endedAt = end !== undefined && end <= at ? end : undefined;
  const affected = updates.findLast((u) => u.affected)?.affected ?? incident.affected;
  const body = getVisibleBody(incident, endedAt !== undefined);
  const base = {
    incident,
    updates: updates.reverse(),
    endedAt,
    body,
    bodyWithheld: body === '' && incident.body !== '',
  };

  if (incident.kind === 'maintenance') {
    const announced = Math.min(incident.started, incident.updates[0]?.at ?? Number.NEGATIVE_INFINITY);
    if (at < announced) return undefined;
    if (endedAt !== undefined) {
      return { ...base, phase: 'completed', state: 'completed', isActive: false, affected: incident.affected };
    }
    if (at < incident.started) {
      return { ...base, phase: 'upcoming', state: 'scheduled', isActive: false, affected };
    }
    const state = latest?.status === 'verifying' ? 'verifying' : 'in_progress';
    return { ...base, phase: 'in_progress', state, isActive: true, affected };
  }

  if (at < incident.started) return undefined;
  if (endedAt !== undefined) {
    const state = latest && CLOSING_STATES.has(latest.status) ? latest.status : 'resolved';
    return { ...base, phase: 'resolved', state, isActive: false, affected: incident.affected };
  }
  return {
    ...base,
    updates: base.updates.length > 0 ? base.updates : [getOpeningUpdate(incident)],
    phase: 'open',
    state: latest?.status ?? 'investigating',
    isActive: true,
    affected,
  };
}

/**
 * The first timeline entry of an open incident that has no update yet: at
 * `started`, `investigating`, with the first note of its affected list, else
 * its title. Readers, feed readers and Statuspage clients then always have a
 * newest update to show (`statuspage.js` reads `incident_updates[0]`).
 */
export function getOpeningUpdate(incident: Incident): Update {
  const note = incident.affected.find((entry) => entry.note)?.note;
  return { at: incident.started, status: 'investigating', message: note ?? incident.title, synthetic: 'opened' };
}

/**
 * The body an incident may show, `ended` or not (SPEC.md: nothing written
 * after the moment shows). The file cannot say when its body was written, so:
 * - an incident's body is the write-up (cause, impact, postmortem): shown once
 *   it is resolved; while it is open, its updates and notes speak;
 * - an incident with no update of its own at all shows its body from its
 *   start, since that is all there is;
 * - a maintenance's body is the plan: shown from the announcement on.
 * @example getVisibleBody(fire, false) // '' (open, with updates: the report follows)
 */
export function getVisibleBody(incident: Incident, ended: boolean): string {
  if (incident.kind === 'maintenance' || ended) return incident.body;
  return incident.updates.some((u) => !u.synthetic) ? '' : incident.body;
}

/**
 * The state of every service and feature, given the active incidents and
 * maintenance: the worst status among the entries that affect it.
 *
 * An entry without a `features` map applies its status to every feature (the
 * whole service is down); an entry with one affects only the features listed.
 */
export function getServiceStates(services: readonly Service[], active: readonly IncidentSnapshot[]): ServiceState[] {
  return services.map((service) => {
    const statuses: ComponentStatus[] = [];
    const featureStatuses = new Map<string, ComponentStatus[]>(service.features.map((f) => [f.id, []]));
    const notes: ServiceNote[] = [];
    const activeSlugs: string[] = [];
    for (const snapshot of active) {
      for (const entry of snapshot.affected) {
        if (entry.service !== service.id) continue;
        statuses.push(entry.status);
        if (!activeSlugs.includes(snapshot.incident.slug)) activeSlugs.push(snapshot.incident.slug);
        if (entry.note) notes.push({ slug: snapshot.incident.slug, note: entry.note });
        for (const [id, list] of featureStatuses) {
          const status = entry.features ? entry.features[id] : entry.status;
          if (status) list.push(status);
        }
      }
    }
    return {
      service,
      status: worstOf(COMPONENT_STATUSES, statuses),
      features: service.features.map((feature) => ({
        feature,
        status: worstOf(COMPONENT_STATUSES, featureStatuses.get(feature.id) ?? []),
      })),
      notes,
      activeSlugs,
    };
  });
}

/**
 * Everything on the status page at moment `at`.
 * @example
 * const snapshot = getStatusSnapshot(model, Date.parse('2022-10-15T17:00:00+09:00'));
 * snapshot.indicator // 'critical'
 */
export function getStatusSnapshot(model: StatusModel, at: Instant): StatusSnapshot {
  const known: IncidentSnapshot[] = [];
  for (const incident of model.incidents) {
    const snapshot = getIncidentSnapshot(incident, at);
    if (snapshot) known.push(snapshot);
  }
  const active = known.filter((s) => s.isActive);
  const byStart = (a: IncidentSnapshot, b: IncidentSnapshot) => a.incident.started - b.incident.started;
  return {
    at,
    indicator: worstOf(
      IMPACTS,
      active.map((s) => s.incident.impact),
    ),
    services: getServiceStates(model.services, active),
    openIncidents: active.filter((s) => s.phase === 'open'),
    activeMaintenance: active
      .filter((s) => s.phase === 'in_progress')
      .sort((a, b) => (getEnd(a.incident) ?? 0) - (getEnd(b.incident) ?? 0)),
    upcomingMaintenance: known.filter((s) => s.phase === 'upcoming').sort(byStart),
    known,
  };
}

/** Services shown together under a group heading; `group` is undefined for ungrouped ones. */
export interface ServiceGroup {
  group?: Service['group'];
  /** The worst state among its services. */
  status: ComponentStatus;
  services: ServiceState[];
}

/**
 * Groups service states by their `group`, keeping display order: a group sits
 * where its first service is.
 */
export function groupServiceStates(states: readonly ServiceState[]): ServiceGroup[] {
  const groups = new Map<string, ServiceGroup>();
  for (const state of states) {
    const key = JSON.stringify(state.service.group ?? null);
    const group = groups.get(key) ?? { group: state.service.group, status: 'operational', services: [] };
    group.services.push(state);
    group.status = worstOf(COMPONENT_STATUSES, [group.status, state.status]);
    groups.set(key, group);
  }
  return [...groups.values()];
}

/**
 * Ids of the services `snapshot` affects: its own `affected` list, then the
 * lists of the updates known by then (a later update may name a service the
 * incident spread to). Updates announced after the snapshot's moment do not
 * count: the feed must not tell what was not known yet.
 * @example
 * // affected: [kakaotalk]; a 13:00 update's affected: [kakaotalk, kakaobank]
 * getAffectedServiceIds(getIncidentSnapshot(incident, at1200)!) // ['kakaotalk']
 * getAffectedServiceIds(getIncidentSnapshot(incident, at1400)!) // ['kakaotalk', 'kakaobank']
 */
export function getAffectedServiceIds(snapshot: IncidentSnapshot): string[] {
  const lists = [snapshot.incident.affected, ...snapshot.updates.toReversed().map((u) => u.affected ?? [])];
  return [...new Set(lists.flatMap((list) => list.map((a) => a.service)))];
}

/**
 * The entries (`known`, in their order) that affect `serviceId` by
 * {@link getAffectedServiceIds}: what its page, its history and its feed list.
 */
export function getServiceEntries(known: readonly IncidentSnapshot[], serviceId: string): IncidentSnapshot[] {
  return known.filter((snapshot) => getAffectedServiceIds(snapshot).includes(serviceId));
}

/**
 * The incident as the content tells it at `now`: updates announced later are
 * not known yet, and neither is a resolution after `now`.
 */
function getKnownAt(incident: Incident, now: Instant): Incident {
  return {
    ...incident,
    updates: incident.updates.filter((u) => u.at <= now),
    resolved: incident.resolved !== undefined && incident.resolved <= now ? incident.resolved : undefined,
  };
}

/** At most this many scheduled changes are handed to the browser (the soonest). */
export const MAX_SCHEDULED_CHANGES = 16;

/**
 * What the page will show at each later moment the clock alone changes it: the
 * start and the end of every announced maintenance window, as far as the
 * content is known at `now` (no update, incident or resolution written after
 * `now` counts). The same engine as the page ({@link getStatusSnapshot}) at
 * each of those moments, so the browser flips a window from "예정" to "진행
 * 중" and then "완료" by the build's own rule (scripts/live.ts applies them).
 * Soonest first, at most {@link MAX_SCHEDULED_CHANGES}.
 * @example
 * // A window 02:00-06:00, built at 01:00: snapshots at 02:00 and 06:00.
 * getScheduledSnapshots(model, Date.parse('2024-06-02T01:00+09:00')).map((s) => s.at)
 */
export function getScheduledSnapshots(model: StatusModel, now: Instant): StatusSnapshot[] {
  const incidents = model.incidents
    .filter((incident) => getIncidentSnapshot(incident, now) !== undefined)
    .map((incident) => getKnownAt(incident, now));
  const moments = new Set<Instant>();
  for (const incident of incidents) {
    if (incident.kind !== 'maintenance') continue;
    for (const moment of [incident.started, getEnd(incident)]) {
      if (moment !== undefined && moment > now) moments.add(moment);
    }
  }
  const known = { ...model, incidents };
  return [...moments]
    .sort((a, b) => a - b)
    .slice(0, MAX_SCHEDULED_CHANGES)
    .map((at) => getStatusSnapshot(known, at));
}
