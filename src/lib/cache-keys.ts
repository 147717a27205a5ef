/**
 * The incremental build's cache keys (`experimental.incrementalBuild`, see
 * astro.config.mjs). Astro reuses a page's previous output when its
 * `cacheKey` and its code are unchanged, so a key must change whenever
 * anything the page shows changes: each is a digest of exactly the inputs
 * its page renders from.
 *
 * Two kinds of page:
 * - **Closed records** (a resolved incident, a completed maintenance): their
 *   page shows the record as it stands, with no "as of" moment of the build
 *   ({@link getClosedAt}), so their key is a digest of what is on the page:
 *   the snapshot, the names of the services it names, the site's frame.
 *   Another incident, a later build or a new update elsewhere leaves it alone.
 * - **Pages of the moment** (overview, services, open incidents, history,
 *   feeds, API, calendars, badges): they say "as of" the build's moment and
 *   show states, durations and uptime that change with it, so their key is the
 *   moment and the whole content ({@link getContentDigest}). They are rendered
 *   again by every build whose moment or content differs.
 *
 * Code and configuration are Astro's part: a changed module, `site`, `base`
 * or lockfile invalidates the cache by itself.
 */
import { createHash } from 'node:crypto';
import type { Locale } from './i18n/locales.ts';
import type { Affected, Service, Site, StatusModel } from './model.ts';
import type { IncidentSnapshot } from './status.ts';
import type { Instant } from './time.ts';

/** What Astro's `getStaticPaths` takes as `cacheKey`. */
export type CacheKey = string;

/** SHA-256 (base64url) of `value` as JSON. */
export function digest(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('base64url');
}

/** What every page's frame shows besides its own content: the site's texts and links, and its URLs. */
export interface FrameInput {
  site: Site;
  siteUrl: string;
  basePath: string;
}

/** The digest of the frame of every page (title, links, locales, timezone, canonical URLs). */
export function getFrameDigest({ site, siteUrl, basePath }: FrameInput): string {
  return digest({ site, siteUrl, basePath });
}

/**
 * The digest of the whole content: the key's part of every page of the
 * moment. Computed once per build.
 */
export function getContentDigest(model: StatusModel): string {
  return digest(model);
}

/**
 * When a record closed, if it has: the time of its latest entry (a
 * postmortem after the resolution moves it on) or of its end. `undefined`
 * while it is open, in progress or upcoming. A closed record's page shows
 * this moment instead of the build's, and nothing that depends on the clock.
 */
export function getClosedAt(snapshot: IncidentSnapshot): Instant | undefined {
  if (snapshot.phase !== 'resolved' && snapshot.phase !== 'completed') return undefined;
  let at = snapshot.endedAt ?? snapshot.incident.started;
  for (const update of snapshot.updates) at = Math.max(at, update.at);
  return at;
}

/** The services a record names anywhere on its page: its affected list and every update's. */
function getNamedServices(snapshot: IncidentSnapshot, services: ReadonlyMap<string, Service>) {
  const lists: (readonly Affected[])[] = [snapshot.affected, snapshot.incident.affected];
  for (const update of snapshot.updates) if (update.affected) lists.push(update.affected);
  const ids = [...new Set(lists.flat().map((a) => a.service))].sort();
  // Only what the page shows of a service: its name and its features' names.
  return ids.map((id) => {
    const service = services.get(id);
    return service ? { id, name: service.name, features: service.features } : { id };
  });
}

/** The inputs of one locale's page of a record. */
export interface RecordKeyInput {
  frame: string;
  locale: Locale;
  snapshot: IncidentSnapshot;
  services: ReadonlyMap<string, Service>;
  /** The build's moment: part of the key only while the record is open. */
  now: Instant;
  /** {@link getContentDigest}: part of the key only while the record is open. */
  content: string;
}

/**
 * The key of an incident or maintenance page: what it shows, if closed;
 * else, as every page of the moment, the moment and the whole content
 * (its page carries the live script, whose data covers every service).
 */
export function getRecordKey(input: RecordKeyInput): CacheKey {
  const { frame, locale, snapshot, services } = input;
  const closedAt = getClosedAt(snapshot);
  if (closedAt === undefined) return getMomentKey({ ...input, route: `incident:${snapshot.incident.slug}` });
  return digest({ kind: 'record', frame, locale, closedAt, record: getRecordDigest(snapshot, services) });
}

/** Per services map and snapshot: both locales' pages show the same record. */
const recordDigests = new WeakMap<ReadonlyMap<string, Service>, WeakMap<IncidentSnapshot, string>>();

function getRecordDigest(snapshot: IncidentSnapshot, services: ReadonlyMap<string, Service>): string {
  let bySnapshot = recordDigests.get(services);
  if (!bySnapshot) recordDigests.set(services, (bySnapshot = new WeakMap()));
  let value = bySnapshot.get(snapshot);
  if (value === undefined) {
    value = digest({
      // The snapshot is the incident as known at the moment (status.ts): its known updates are
      // those up to the moment, so their number says which (an entry dated later changes the
      // key once the moment passes it); its body and updates are the incident's, not digested
      // twice (a third of the digests' time at 10,000 incidents).
      snapshot: {
        incident: snapshot.incident,
        phase: snapshot.phase,
        state: snapshot.state,
        known: snapshot.updates.length,
        affected: snapshot.affected,
        endedAt: snapshot.endedAt,
        bodyWithheld: snapshot.bodyWithheld,
      },
      services: getNamedServices(snapshot, services),
    });
    bySnapshot.set(snapshot, value);
  }
  return value;
}

/**
 * When the last of a list's records closed, if every one has: a history page
 * of closed records is itself a closed record (its rows show no duration
 * that runs on). `undefined` if any is open or upcoming, or the list is empty.
 */
export function getListClosedAt(entries: readonly IncidentSnapshot[]): Instant | undefined {
  let latest: Instant | undefined;
  for (const entry of entries) {
    const closedAt = getClosedAt(entry);
    if (closedAt === undefined) return undefined;
    latest = latest === undefined ? closedAt : Math.max(latest, closedAt);
  }
  return latest;
}

/** The inputs of one locale's page of a history list. */
export interface ListKeyInput {
  frame: string;
  locale: Locale;
  /** Which page of its route, e.g. `history:3`. */
  route: string;
  /** The records it lists. */
  entries: readonly IncidentSnapshot[];
  /**
   * Everything else the page shows: pager, month links, the archive index.
   * Objects shared by many pages are digested once.
   */
  rest: Record<string, unknown>;
  services: ReadonlyMap<string, Service>;
  now: Instant;
  content: string;
}

/** Per shared object: the archive index every history page shows, say. */
const sharedDigests = new WeakMap<object, string>();

function digestShared(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  let result = sharedDigests.get(value);
  if (result === undefined) sharedDigests.set(value, (result = digest(value)));
  return result;
}

/**
 * The key of a history page: what it shows, if every record on it is closed;
 * else, as a page of the moment, the moment and the whole content.
 */
export function getListKey(input: ListKeyInput): CacheKey {
  const { frame, locale, route, entries, rest, services } = input;
  const closedAt = getListClosedAt(entries);
  if (closedAt === undefined) return getMomentKey(input);
  return digest({
    kind: 'list',
    frame,
    locale,
    route,
    closedAt,
    rest: Object.fromEntries(Object.entries(rest).map(([name, value]) => [name, digestShared(value)])),
    records: entries.map((entry) => getRecordDigest(entry, services)),
  });
}

/** The inputs of a page of the moment. */
export interface MomentKeyInput {
  frame: string;
  /** Omitted by the locale-free outputs (the API). */
  locale?: Locale | undefined;
  /** Which page of its route: the route and its parameters, e.g. `history:3`. */
  route: string;
  now: Instant;
  content: string;
}

/** The key of a page of the moment: rendered again whenever the moment or the content differ. */
export function getMomentKey({ frame, locale, route, now, content }: MomentKeyInput): CacheKey {
  return digest({ kind: 'moment', frame, locale, route, now, content });
}
