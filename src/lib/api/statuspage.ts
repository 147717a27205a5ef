/**
 * A read-only, Statuspage-compatible JSON API (`/api/v2/*.json`), so that
 * existing Statuspage clients (bots, dashboards, `statuspage.js`) read this
 * page unchanged.
 *
 * Data only: `src/pages/api/v2/[...endpoint].ts` serialises what
 * {@link buildStatuspageResponses} returns with `JSON.stringify`.
 *
 * Field names, enums and orderings follow the public API of a Statuspage page
 * (https://confluence.status.atlassian.com/api is one, and MongoDB mirrors the
 * spec at https://www.mongodb.com/docs/api/doc/cloud-status/); the project's
 * summary is /work/shared/STATUSPAGE_API.md. Where the model says nothing
 * (component creation dates, tweets), the value is derived from the content
 * deterministically, never from the clock, so two builds at the same
 * `STATUS_NOW` write the same bytes.
 *
 * Ids are readable and stable, derived from the content's own ids:
 * - a service is a component with the service id (`kakaotalk`);
 * - a feature is a component `<service id>.<feature id>` (`kakaotalk.messages`);
 *   the dot cannot occur in a service id, so the two never collide;
 * - an incident or maintenance has its slug;
 * - an update is `<slug>.<anchor>`, the anchor being the update's fragment id
 *   on the incident page (`fire.update-20221015-1550`, src/lib/anchors.ts),
 *   which stays the same when later updates are appended.
 */
import { getSnapshotAnchors } from '../anchors.ts';
import { localize, type LocalizedText } from '../i18n/locales.ts';
import { createTranslator, type Translate } from '../i18n/translate.ts';
import { toPlainText } from '../markdown.ts';
import type { Affected, Incident, Service, StatusModel, Update } from '../model.ts';
import type { IncidentSnapshot, StatusSnapshot } from '../status.ts';
import { toIsoString, type Instant } from '../time.ts';
import {
  COMPONENT_STATUSES,
  INCIDENT_STATES,
  MAINTENANCE_STATES,
  worstOf,
  type ComponentStatus,
  type Impact,
  type IncidentState,
  type MaintenanceState,
  type UpdateState,
} from '../vocabulary.ts';

/** How many incidents `incidents.json` and maintenances `scheduled-maintenances.json` list, as Statuspage does. */
export const STATUSPAGE_LIST_LIMIT = 50;

/**
 * The `page` object every response starts with.
 * @see https://www.mongodb.com/docs/api/doc/cloud-status/operation/operation-getstatussummary
 */
export interface StatuspagePage {
  /** 12 base-36 characters derived from the site URL ({@link getPageId}). */
  id: string;
  /** The site title in the default locale. */
  name: string;
  /** The absolute URL of the site's root, base path included. */
  url: string;
  /** The site's IANA timezone (real payloads carry it; some docs omit it). */
  time_zone: string;
  /** The moment the build describes (`STATUS_NOW`), ISO 8601 with the site's offset. */
  updated_at: string;
}

/** The words of Statuspage's `status.description` that this page uses. */
export type StatusDescription =
  | 'All Systems Operational'
  | 'Minor Service Outage'
  | 'Partial System Outage'
  | 'Major System Outage'
  | 'Service Under Maintenance';

/**
 * Statuspage's `status.indicator`: the page's four words (`data-indicator`,
 * badges) and `maintenance`, which real Statuspage pages send while a
 * maintenance is in progress and nothing worse is open (the official
 * `@statuspage/status-widget` shows it blue; clients tolerate unknown values).
 * The official docs list only the four; `maintenance` comes from real payloads.
 * @see https://confluence.status.atlassian.com/api#status
 */
export type StatuspageIndicator = Impact | 'maintenance';

/** The page's overall state (`status.json`, `summary.json`). */
export interface StatuspageStatus {
  /** The worst impact among open incidents and maintenance in progress; `maintenance` when that is `none` during maintenance. */
  indicator: StatuspageIndicator;
  description: StatusDescription;
}

/**
 * A service (a group when it has features) or one of its features.
 * @see https://confluence.status.atlassian.com/api#components
 */
export interface StatuspageComponent {
  /** `kakaotalk` for a service, `kakaotalk.messages` for a feature. */
  id: string;
  /** In the default locale. */
  name: string;
  status: ComponentStatus;
  /** The earliest time the content knows of (the same for every component). */
  created_at: string;
  /** The latest time (at or before now) an incident or maintenance affecting it began, ended or was updated; else the page's `updated_at`. */
  updated_at: string;
  /** 1-based order within its parent: services in page order, features in their service's order. */
  position: number;
  /** The service's description as plain text; `null` for features and services without one. */
  description: string | null;
  /** Uptime showcase: the API publishes no uptime. */
  showcase: boolean;
  start_date: string | null;
  /** The service id for a feature; `null` for a service. */
  group_id: string | null;
  page_id: string;
  /** Whether this is a service with features. */
  group: boolean;
  only_show_if_degraded: boolean;
  /** Only on groups: the ids of the service's features, in order. */
  components?: string[];
}

/** One component an update changes, from the affected list in force before it to the update's. */
export interface StatuspageAffectedComponent {
  /** The component id. */
  code: string;
  name: string;
  old_status: ComponentStatus;
  new_status: ComponentStatus;
}

/**
 * One timeline entry of an incident or maintenance.
 * @see https://confluence.status.atlassian.com/api#incidents
 */
export interface StatuspageIncidentUpdate<State extends UpdateState = UpdateState> {
  /** `<slug>.<anchor>`, e.g. `fire.update-20221015-1550`. */
  id: string;
  incident_id: string;
  status: State;
  /** The message's Markdown in the default locale. */
  body: string;
  created_at: string;
  updated_at: string;
  display_at: string;
  /** For an update that replaces the affected list: every component either list names. Else `null`. */
  affected_components: StatuspageAffectedComponent[] | null;
  deliver_notifications: boolean;
  custom_tweet: string | null;
  tweet_id: string | null;
}

/** Fields incidents and scheduled maintenances share. */
interface StatuspageIncidentBase {
  /** The slug. */
  id: string;
  /** The title in the default locale. */
  name: string;
  created_at: string;
  updated_at: string;
  started_at: string;
  monitoring_at: string | null;
  resolved_at: string | null;
  /** The absolute URL of the incident's page. */
  shortlink: string;
  page_id: string;
  /**
   * Every component it hits in any affected list known by now, as full
   * component objects at now, in page order: each service it names and, of
   * that service's features, those the entry's `features` map lists (all of
   * them when the entry has no map).
   */
  components: StatuspageComponent[];
}

/** An incident (`incidents.json`, `incidents/unresolved.json`, `summary.json`). */
export interface StatuspageIncident extends StatuspageIncidentBase {
  status: IncidentState;
  impact: Impact;
  /** Newest first: clients compare `incident_updates[0]` between polls. */
  incident_updates: StatuspageIncidentUpdate<IncidentState>[];
}

/** A maintenance (`scheduled-maintenances*.json`, `summary.json`). */
export interface StatuspageScheduledMaintenance extends StatuspageIncidentBase {
  status: MaintenanceState;
  impact: 'maintenance';
  /** Newest first. */
  incident_updates: StatuspageIncidentUpdate<MaintenanceState>[];
  scheduled_for: string;
  scheduled_until: string;
}

/** The body of every endpoint, by its path below `/api/v2/`. */
export interface StatuspageResponses {
  'summary.json': {
    page: StatuspagePage;
    status: StatuspageStatus;
    components: StatuspageComponent[];
    /** Unresolved incidents. */
    incidents: StatuspageIncident[];
    /** Maintenance in progress, then upcoming. */
    scheduled_maintenances: StatuspageScheduledMaintenance[];
  };
  'status.json': { page: StatuspagePage; status: StatuspageStatus };
  'components.json': { page: StatuspagePage; components: StatuspageComponent[] };
  /** The 50 most recently started incidents, any status. */
  'incidents.json': { page: StatuspagePage; incidents: StatuspageIncident[] };
  /** Investigating, identified or monitoring. */
  'incidents/unresolved.json': { page: StatuspagePage; incidents: StatuspageIncident[] };
  /** The 50 most recent maintenances (latest window first), any status. */
  'scheduled-maintenances.json': { page: StatuspagePage; scheduled_maintenances: StatuspageScheduledMaintenance[] };
  /** Status `scheduled`, soonest first. */
  'scheduled-maintenances/upcoming.json': {
    page: StatuspagePage;
    scheduled_maintenances: StatuspageScheduledMaintenance[];
  };
  /** Status `in_progress` or `verifying`, soonest to end first. */
  'scheduled-maintenances/active.json': {
    page: StatuspagePage;
    scheduled_maintenances: StatuspageScheduledMaintenance[];
  };
}

/** A path below `/api/v2/`, e.g. `incidents/unresolved.json`. */
export type StatuspageEndpoint = keyof StatuspageResponses;

/** Every endpoint, in Statuspage's documentation order. */
export const STATUSPAGE_ENDPOINTS = [
  'summary.json',
  'status.json',
  'components.json',
  'incidents.json',
  'incidents/unresolved.json',
  'scheduled-maintenances.json',
  'scheduled-maintenances/upcoming.json',
  'scheduled-maintenances/active.json',
] as const satisfies readonly StatuspageEndpoint[];

/** What the API needs besides the model and the snapshot. */
export interface StatuspageOptions {
  /** The moment the build describes (the snapshot's). */
  now: Instant;
  /** Every time is written with this timezone's offset. */
  timezone: string;
  /** The absolute URL of the site's root, base path included (`https://example.com/status/`). */
  siteUrl: string;
  /** The site title in the default locale. */
  pageName: string;
  /** The absolute URL of an incident's page. */
  incidentUrl: (slug: string) => string;
}

const PAGE_ID_LENGTH = 12;
const FNV_OFFSET = 0xcbf29ce484222325n;
const FNV_PRIME = 0x100000001b3n;
const MASK_64 = (1n << 64n) - 1n;

/**
 * A Statuspage-like page id: 12 base-36 characters, a hash (64-bit FNV-1a) of
 * the site URL, so it stays the same from build to build and differs between
 * sites.
 * @example getPageId('https://status.example.com/status/') // 12 characters of [0-9a-z], always the same
 */
export function getPageId(siteUrl: string): string {
  let hash = FNV_OFFSET;
  for (const byte of new TextEncoder().encode(siteUrl)) {
    hash = ((hash ^ BigInt(byte)) * FNV_PRIME) & MASK_64;
  }
  return (hash % 36n ** BigInt(PAGE_ID_LENGTH)).toString(36).padStart(PAGE_ID_LENGTH, '0');
}

const DESCRIPTIONS: Record<StatuspageIndicator, StatusDescription> = {
  none: 'All Systems Operational',
  maintenance: 'Service Under Maintenance',
  minor: 'Minor Service Outage',
  major: 'Partial System Outage',
  critical: 'Major System Outage',
};

/**
 * The API's `status.indicator` for the page's indicator: `maintenance` while a
 * maintenance is in progress and nothing worse is open, as real Statuspage
 * pages send it; else the page's own word. The page's `data-indicator` and the
 * badges keep the SPEC's four words (`none` and a maintenance tone).
 * @see https://confluence.status.atlassian.com/api#status
 * @example
 * getStatuspageIndicator('none', true) // 'maintenance'
 * getStatuspageIndicator('minor', true) // 'minor'
 */
export function getStatuspageIndicator(indicator: Impact, maintenanceInProgress: boolean): StatuspageIndicator {
  return indicator === 'none' && maintenanceInProgress ? 'maintenance' : indicator;
}

/**
 * Statuspage's words for the overall indicator: a calm page with maintenance
 * in progress says "Service Under Maintenance" (indicator `maintenance`).
 * @see https://confluence.status.atlassian.com/api#status
 * @example describeStatus('major', false) // 'Partial System Outage'
 */
export function describeStatus(indicator: Impact, maintenanceInProgress: boolean): StatusDescription {
  return DESCRIPTIONS[getStatuspageIndicator(indicator, maintenanceInProgress)];
}

/**
 * The component id of a service, or of one of its features.
 * @example getComponentId('kakaotalk', 'media') // 'kakaotalk.media'
 */
export function getComponentId(serviceId: string, featureId?: string): string {
  return featureId === undefined ? serviceId : `${serviceId}.${featureId}`;
}

/** Whether an affected entry says anything about a feature (without a `features` map it covers all). */
function coversFeature(entry: Affected, featureId: string): boolean {
  return entry.features === undefined || featureId in entry.features;
}

/** What an affected list makes of a service (`featureId` undefined) or one of its features. */
function getListedStatus(list: readonly Affected[], serviceId: string, featureId?: string): ComponentStatus {
  const statuses: ComponentStatus[] = [];
  for (const entry of list) {
    if (entry.service !== serviceId) continue;
    const status = featureId === undefined || !entry.features ? entry.status : entry.features[featureId];
    if (status) statuses.push(status);
  }
  return worstOf(COMPONENT_STATUSES, statuses);
}

/** Every affected list an incident has had by `now`: its own, then each visible update's. */
function getKnownAffectedLists(snapshot: IncidentSnapshot): Affected[][] {
  const lists = [snapshot.incident.affected];
  for (const update of snapshot.updates) if (update.affected) lists.push(update.affected);
  return lists;
}

/**
 * The ids of the components the affected lists set a state for: each service
 * an entry names, and those of its features the entry covers (every feature
 * without a `features` map).
 */
function getHitComponentIds(lists: readonly (readonly Affected[])[], services: readonly Service[]): Set<string> {
  const hit = new Set<string>();
  for (const entry of lists.flat()) {
    const service = services.find((s) => s.id === entry.service);
    if (!service) continue;
    hit.add(getComponentId(service.id));
    for (const feature of service.features) {
      if (coversFeature(entry, feature.id)) hit.add(getComponentId(service.id, feature.id));
    }
  }
  return hit;
}

/** Times (at or before `now`) an incident began, ended or was updated. */
function getKnownTimes(snapshot: IncidentSnapshot, now: Instant): Instant[] {
  const times = snapshot.updates.map((u) => u.at);
  if (snapshot.incident.started <= now) times.push(snapshot.incident.started);
  if (snapshot.endedAt !== undefined) times.push(snapshot.endedAt);
  return times;
}

/** When the public first knew of it: its start, or a maintenance's first announcement. */
function getAnnouncedAt(incident: Incident): Instant {
  return Math.min(incident.started, incident.updates[0]?.at ?? incident.started);
}

/** `state` if it is in `vocabulary`; validated content never has anything else. */
function narrowState<T extends UpdateState>(vocabulary: readonly T[], state: UpdateState, slug: string): T {
  const found = vocabulary.find((word) => word === state);
  if (found === undefined) throw new Error(`${slug}: "${state}" is not one of ${vocabulary.join(', ')}`);
  return found;
}

/** Everything the responses share, computed once. */
interface ApiContext {
  model: StatusModel;
  snapshot: StatusSnapshot;
  options: StatuspageOptions;
  page: StatuspagePage;
  text: (value: LocalizedText) => string;
  iso: (instant: Instant) => string;
  /** UI strings in the default locale. */
  t: Translate;
  components: StatuspageComponent[];
}

function buildComponents(ctx: Omit<ApiContext, 'components'>): StatuspageComponent[] {
  const { snapshot, options, page, text, iso } = ctx;
  // Nothing says when a service was added: the earliest time the content knows of stands in for all.
  const createdAt = iso(
    snapshot.known.flatMap((s) => getKnownTimes(s, options.now)).reduce((a, b) => Math.min(a, b), options.now),
  );

  /** The latest time something affecting the component happened, or the page's time. */
  const getUpdatedAt = (service: Service, featureId?: string): string => {
    let latest: Instant | undefined;
    for (const known of snapshot.known) {
      const touches = getKnownAffectedLists(known).some((list) =>
        list.some(
          (entry) => entry.service === service.id && (featureId === undefined || coversFeature(entry, featureId)),
        ),
      );
      if (!touches) continue;
      for (const time of getKnownTimes(known, options.now)) if (latest === undefined || time > latest) latest = time;
    }
    return latest === undefined ? page.updated_at : iso(latest);
  };

  /** One component, its fields in the order of Statuspage's documentation. */
  const component = (fields: {
    id: string;
    name: string;
    status: ComponentStatus;
    updatedAt: string;
    position: number;
    description: string | null;
    groupId: string | null;
    children?: string[] | undefined;
  }): StatuspageComponent => ({
    id: fields.id,
    name: fields.name,
    status: fields.status,
    created_at: createdAt,
    updated_at: fields.updatedAt,
    position: fields.position,
    description: fields.description,
    showcase: false,
    start_date: null,
    group_id: fields.groupId,
    page_id: page.id,
    group: fields.children !== undefined,
    only_show_if_degraded: false,
    ...(fields.children === undefined ? {} : { components: fields.children }),
  });

  const components: StatuspageComponent[] = [];
  snapshot.services.forEach((state, index) => {
    const { service } = state;
    const description = toPlainText(service.description);
    components.push(
      component({
        id: getComponentId(service.id),
        name: text(service.name),
        status: state.status,
        updatedAt: getUpdatedAt(service),
        position: index + 1,
        description: description === '' ? null : description,
        groupId: null,
        children:
          service.features.length > 0 ? service.features.map((f) => getComponentId(service.id, f.id)) : undefined,
      }),
    );
    state.features.forEach(({ feature, status }, featureIndex) => {
      components.push(
        component({
          id: getComponentId(service.id, feature.id),
          name: text(feature.name),
          status,
          updatedAt: getUpdatedAt(service, feature.id),
          position: featureIndex + 1,
          description: null,
          groupId: service.id,
        }),
      );
    });
  });
  return components;
}

/**
 * What an update that replaces the affected list changes: the services either
 * list names (in page order), each followed by those of its features either
 * list covers; a component a list does not name is `operational` in it.
 */
function getAffectedComponents(
  before: readonly Affected[],
  after: readonly Affected[],
  ctx: ApiContext,
): StatuspageAffectedComponent[] {
  const rows: StatuspageAffectedComponent[] = [];
  const named = (list: readonly Affected[], service: Service) => list.filter((e) => e.service === service.id);
  for (const service of ctx.model.services) {
    const old = named(before, service);
    const current = named(after, service);
    if (old.length === 0 && current.length === 0) continue;
    rows.push({
      code: getComponentId(service.id),
      name: ctx.text(service.name),
      old_status: getListedStatus(before, service.id),
      new_status: getListedStatus(after, service.id),
    });
    for (const feature of service.features) {
      if (![...old, ...current].some((entry) => coversFeature(entry, feature.id))) continue;
      rows.push({
        code: getComponentId(service.id, feature.id),
        name: ctx.text(feature.name),
        old_status: getListedStatus(before, service.id, feature.id),
        new_status: getListedStatus(after, service.id, feature.id),
      });
    }
  }
  return rows;
}

/** The fields incidents and maintenances share; the update states are checked by the caller. */
function buildIncidentBase(known: IncidentSnapshot, ctx: ApiContext) {
  const { incident } = known;
  const { iso, options, t } = ctx;
  // Covers the synthetic opening entry too, which `incident.updates` lacks.
  const anchors = getSnapshotAnchors(known, options.timezone);

  // The affected list in force before each update, in authored order.
  const before = new Map<Update, Affected[]>();
  let inForce = incident.affected;
  for (const update of incident.updates) {
    before.set(update, inForce);
    if (update.affected) inForce = update.affected;
  }

  const updates = known.updates.map((update) => ({
    id: `${incident.slug}.${anchors.get(update) ?? ''}`,
    incident_id: incident.slug,
    status: update.status,
    body: update.synthetic === 'resolved' ? t('incident.resolvedMessage') : ctx.text(update.message),
    created_at: iso(update.at),
    updated_at: iso(update.at),
    display_at: iso(update.at),
    affected_components: update.affected
      ? getAffectedComponents(before.get(update) ?? incident.affected, update.affected, ctx)
      : null,
    deliver_notifications: true,
    custom_tweet: null,
    tweet_id: null,
  }));

  const hit = getHitComponentIds(getKnownAffectedLists(known), ctx.model.services);
  const createdAt = incident.kind === 'maintenance' ? getAnnouncedAt(incident) : incident.started;
  const updatedAt = Math.max(createdAt, ...getKnownTimes(known, options.now));
  const monitoringAt = known.updates.findLast((u) => u.status === 'monitoring')?.at;

  return {
    id: incident.slug,
    name: ctx.text(incident.title),
    created_at: iso(createdAt),
    updated_at: iso(updatedAt),
    started_at: iso(incident.started),
    monitoring_at: monitoringAt === undefined ? null : iso(monitoringAt),
    resolved_at: known.endedAt === undefined ? null : iso(known.endedAt),
    shortlink: options.incidentUrl(incident.slug),
    page_id: ctx.page.id,
    incident_updates: updates,
    components: ctx.components.filter((c) => hit.has(c.id)),
  };
}

function buildIncident(known: IncidentSnapshot, ctx: ApiContext): StatuspageIncident {
  const { id, name, incident_updates, components, ...rest } = buildIncidentBase(known, ctx);
  return {
    id,
    name,
    status: narrowState(INCIDENT_STATES, known.state, id),
    impact: known.incident.impact,
    ...rest,
    incident_updates: incident_updates.map((u) => ({ ...u, status: narrowState(INCIDENT_STATES, u.status, id) })),
    components,
  };
}

function buildScheduledMaintenance(known: IncidentSnapshot, ctx: ApiContext): StatuspageScheduledMaintenance {
  const { id, name, incident_updates, components, ...rest } = buildIncidentBase(known, ctx);
  const { incident } = known;
  // Validated maintenance always has a window; its start and end stand in otherwise.
  const window = incident.scheduled ?? { start: incident.started, end: known.endedAt ?? incident.started };
  return {
    id,
    name,
    status: narrowState(MAINTENANCE_STATES, known.state, id),
    impact: 'maintenance',
    ...rest,
    incident_updates: incident_updates.map((u) => ({ ...u, status: narrowState(MAINTENANCE_STATES, u.status, id) })),
    components,
    scheduled_for: ctx.iso(window.start),
    scheduled_until: ctx.iso(window.end),
  };
}

const UNRESOLVED: ReadonlySet<IncidentState> = new Set(['investigating', 'identified', 'monitoring']);
const ACTIVE: ReadonlySet<MaintenanceState> = new Set(['in_progress', 'verifying']);

/**
 * The body of every `/api/v2/` endpoint, as the page stands at `options.now`:
 * only what was known then (the snapshot already hides incidents not yet
 * started, maintenance not yet announced and later updates). Texts are in the
 * site's default locale; times are ISO 8601 with the offset of
 * `options.timezone`.
 *
 * Components are listed in page order, each service followed by its features.
 * @example
 * const api = buildStatuspageResponses(model, getStatusSnapshot(model, now), {
 *   now, timezone: 'Asia/Seoul', siteUrl: 'https://status.example.com/', pageName: '카카오 서비스 상태',
 *   incidentUrl: (slug) => `https://status.example.com/incidents/${slug}/`,
 * });
 * JSON.stringify(api['status.json']) // {"page":{...},"status":{"indicator":"critical","description":"Major System Outage"}}
 */
export function buildStatuspageResponses(
  model: StatusModel,
  snapshot: StatusSnapshot,
  options: StatuspageOptions,
): StatuspageResponses {
  const { defaultLocale } = model.site;
  const iso = (instant: Instant) => toIsoString(instant, options.timezone);
  const page: StatuspagePage = {
    id: getPageId(options.siteUrl),
    name: options.pageName,
    url: options.siteUrl,
    time_zone: options.timezone,
    updated_at: iso(options.now),
  };
  const partial = {
    model,
    snapshot,
    options,
    page,
    text: (value: LocalizedText) => localize(value, defaultLocale, defaultLocale),
    iso,
    t: createTranslator(defaultLocale),
  };
  const ctx: ApiContext = { ...partial, components: buildComponents(partial) };
  const { components } = ctx;

  // Each incident object is built once, when a list first shows it, and shared by the lists that
  // show it: the lists hold the newest 50, the open ones and the maintenance windows of the moment,
  // not the whole record (10,000 objects for 50 at that size).
  const incidents = new Map<IncidentSnapshot, StatuspageIncident>();
  const maintenances = new Map<IncidentSnapshot, StatuspageScheduledMaintenance>();
  const incidentOf = (known: IncidentSnapshot): StatuspageIncident => {
    let built = incidents.get(known);
    if (!built) incidents.set(known, (built = buildIncident(known, ctx)));
    return built;
  };
  const maintenanceOf = (known: IncidentSnapshot): StatuspageScheduledMaintenance => {
    let built = maintenances.get(known);
    if (!built) maintenances.set(known, (built = buildScheduledMaintenance(known, ctx)));
    return built;
  };
  const isMaintenance = (known: IncidentSnapshot) => known.incident.kind === 'maintenance';
  /** The newest `STATUSPAGE_LIST_LIMIT` of the record that are maintenance windows, or that are not. */
  const newest = (maintenance: boolean): IncidentSnapshot[] => {
    const list: IncidentSnapshot[] = [];
    for (const known of snapshot.known) {
      if (list.length === STATUSPAGE_LIST_LIMIT) break;
      if (isMaintenance(known) === maintenance) list.push(known);
    }
    return list;
  };
  const incidentsOf = (list: readonly IncidentSnapshot[]) =>
    list.flatMap((s) => (isMaintenance(s) ? [] : [incidentOf(s)])).filter((i) => UNRESOLVED.has(i.status));
  const maintenancesOf = (list: readonly IncidentSnapshot[], states: ReadonlySet<MaintenanceState>) =>
    list.flatMap((s) => (isMaintenance(s) ? [maintenanceOf(s)] : [])).filter((m) => states.has(m.status));

  const maintenanceInProgress = snapshot.activeMaintenance.length > 0;
  const status: StatuspageStatus = {
    indicator: getStatuspageIndicator(snapshot.indicator, maintenanceInProgress),
    description: describeStatus(snapshot.indicator, maintenanceInProgress),
  };
  const unresolved = incidentsOf(snapshot.openIncidents);
  const active = maintenancesOf(snapshot.activeMaintenance, ACTIVE);
  const upcoming = maintenancesOf(snapshot.upcomingMaintenance, new Set(['scheduled']));

  return {
    'summary.json': {
      page,
      status,
      components,
      incidents: unresolved,
      scheduled_maintenances: [...active, ...upcoming],
    },
    'status.json': { page, status },
    'components.json': { page, components },
    'incidents.json': { page, incidents: newest(false).map(incidentOf) },
    'incidents/unresolved.json': { page, incidents: unresolved },
    'scheduled-maintenances.json': {
      page,
      scheduled_maintenances: newest(true).map(maintenanceOf),
    },
    'scheduled-maintenances/upcoming.json': { page, scheduled_maintenances: upcoming },
    'scheduled-maintenances/active.json': { page, scheduled_maintenances: active },
  };
}
