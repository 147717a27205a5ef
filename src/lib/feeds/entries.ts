/**
 * Feed entries: one per update of every incident and maintenance, so a feed
 * reader notifies subscribers of each new update (the common status pages
 * publish one item per incident, and readers never see the later updates),
 * plus one for each that has no update yet.
 *
 * Data only: ./rss.ts, ./atom.ts and ./json-feed.ts serialise these; ./feed.ts
 * chooses them for a feed (the whole site, or one service).
 */
import { getSnapshotAnchors } from '../anchors.ts';
import { localize, type Locale } from '../i18n/locales.ts';
import type { Translate } from '../i18n/translate.ts';
import { renderMarkdown } from '../markdown.ts';
import type { Service, Update } from '../model.ts';
import { getAffectedServiceIds, type IncidentSnapshot } from '../status.ts';
import type { Instant } from '../time.ts';
import type { UpdateState } from '../vocabulary.ts';

/** Newest entries kept in a feed; readers only look at recent items, and the file stays small. */
export const FEED_ENTRY_LIMIT = 100;

export interface FeedEntry {
  /** `[카카오톡 · 원인 파악] 메시지 수·발신 장애` */
  title: string;
  /** Absolute URL of the incident page and the update's anchor; also the entry's permanent id. */
  link: string;
  published: Instant;
  /** Sanitised HTML. */
  html: string;
  /** The state this entry announces (`identified`, `scheduled`...). */
  state: UpdateState;
  /**
   * Ids of the services the incident affects, its own list first, then those
   * named by the updates known at `now`: what a per-service feed selects on.
   */
  services: string[];
  /**
   * The state, then each service: `term` is the stable word (vocabulary word or
   * service id, the same in every locale), `label` what a reader shows.
   */
  categories: FeedCategory[];
}

/** A tag of an entry: Atom `<category term label>`, RSS `<category>`, JSON Feed `tags`. */
export interface FeedCategory {
  term: string;
  label: string;
}

/** Which entries a feed holds. */
export interface FeedEntryOptions {
  /** Only incidents and maintenance that affect this service id. */
  service?: string | undefined;
  /** At most this many, the newest; {@link FEED_ENTRY_LIMIT} unless given. */
  limit?: number | undefined;
}

export interface FeedContext {
  locale: Locale;
  defaultLocale: Locale;
  timezone: string;
  /** The moment the feed describes. */
  now: Instant;
  t: Translate;
  services: ReadonlyMap<string, Service>;
  /** Absolute URL of an incident page. */
  getIncidentUrl: (slug: string) => string;
}

/**
 * `카카오톡`, `카카오톡 외 3`: the services an incident affects, for a title.
 */
export function formatServiceList(
  ids: readonly string[],
  ctx: Pick<FeedContext, 'locale' | 'defaultLocale' | 't' | 'services'>,
): string {
  const names = ids.map((id) => {
    const service = ctx.services.get(id);
    return service ? localize(service.name, ctx.locale, ctx.defaultLocale) : id;
  });
  const [first = ''] = names;
  return names.length <= 1 ? first : ctx.t('feed.moreServices', { first, n: names.length - 1 });
}

/**
 * Entries for `snapshots` (as known at the build's moment), newest first,
 * at most `options.limit`; with `options.service`, only those of incidents
 * and maintenance that affect that service (see {@link getAffectedServiceIds}).
 * @example
 * buildFeedEntries(snapshot.known, ctx, { service: 'kakaotalk' }) // KakaoTalk's feed
 */
export function buildFeedEntries(
  snapshots: readonly IncidentSnapshot[],
  ctx: FeedContext,
  options: FeedEntryOptions = {},
): FeedEntry[] {
  return createFeedEntryIndex(snapshots, ctx).select(options);
}

/**
 * Every feed of one locale, from one walk over the incidents: the feeds of the
 * site and of each service are selections of the same entries.
 */
export interface FeedEntryIndex {
  /** What {@link buildFeedEntries} returns for these snapshots and `options`. Entries are shared between calls. */
  select(options?: FeedEntryOptions): FeedEntry[];
}

/** An entry before it is written out: enough to order and select it. */
interface EntryRef {
  snapshot: IncidentSnapshot;
  /** Undefined for the one entry of an incident that has no update yet. */
  update: Update | undefined;
  published: Instant;
  /** {@link getAffectedServiceIds} of the snapshot. */
  services: string[];
  /** Computed only where needed: to order entries published at the same moment, or to write one out. */
  link?: string;
}

/** What the entries of one snapshot share. */
interface SnapshotText {
  url: string;
  anchors: Map<Update, string> | undefined;
  /** `카카오톡 외 3`: the incident's own list, for titles. */
  serviceList: string;
  title: string;
}

/**
 * The entries of `snapshots` in `ctx`, newest first (by time, then link), for
 * any number of feeds: the order is found once; titles, links and HTML only
 * for the entries a feed takes, each once.
 */
export function createFeedEntryIndex(snapshots: readonly IncidentSnapshot[], ctx: FeedContext): FeedEntryIndex {
  const { locale, defaultLocale, t } = ctx;
  const texts = new Map<IncidentSnapshot, SnapshotText>();
  const textOf = (snapshot: IncidentSnapshot): SnapshotText => {
    let text = texts.get(snapshot);
    if (!text) {
      const { incident } = snapshot;
      text = {
        url: ctx.getIncidentUrl(incident.slug),
        anchors: snapshot.updates.length === 0 ? undefined : getSnapshotAnchors(snapshot, ctx.timezone),
        serviceList: formatServiceList(
          incident.affected.map((a) => a.service),
          ctx,
        ),
        title: localize(incident.title, locale, defaultLocale),
      };
      texts.set(snapshot, text);
    }
    return text;
  };
  const linkOf = (ref: EntryRef): string => {
    if (ref.link === undefined) {
      const { url, anchors } = textOf(ref.snapshot);
      ref.link = ref.update === undefined ? url : `${url}#${anchors?.get(ref.update) ?? ''}`;
    }
    return ref.link;
  };

  const refs: EntryRef[] = [];
  for (const snapshot of snapshots) {
    const services = getAffectedServiceIds(snapshot);
    if (snapshot.updates.length === 0) {
      // An upcoming maintenance without updates was known by the build's moment at the latest.
      refs.push({ snapshot, update: undefined, published: Math.min(snapshot.incident.started, ctx.now), services });
      continue;
    }
    for (const update of snapshot.updates) refs.push({ snapshot, update, published: update.at, services });
  }
  // Newest first, then by link: the link is needed only among entries of the same moment.
  // (Both sorts are stable, as one sort by time and link would be.)
  refs.sort((a, b) => b.published - a.published);
  for (let start = 0, end = 1; start < refs.length; start = end, end = start + 1) {
    while (end < refs.length && refs[end]?.published === refs[start]?.published) end += 1;
    if (end - start < 2) continue;
    const run = refs.slice(start, end).sort((a, b) => {
      const [x, y] = [linkOf(a), linkOf(b)];
      return x < y ? -1 : x > y ? 1 : 0;
    });
    refs.splice(start, run.length, ...run);
  }

  let byService: Map<string, EntryRef[]> | undefined;
  const refsOf = (service: string): EntryRef[] => {
    if (!byService) {
      byService = new Map();
      for (const ref of refs) {
        for (const id of ref.services) {
          let list = byService.get(id);
          if (!list) byService.set(id, (list = []));
          list.push(ref);
        }
      }
    }
    return byService.get(service) ?? [];
  };

  const entries = new Map<EntryRef, FeedEntry>();
  const entryOf = (ref: EntryRef): FeedEntry => {
    let entry = entries.get(ref);
    if (!entry) {
      const { snapshot, update } = ref;
      const { serviceList, title } = textOf(snapshot);
      const state = update === undefined ? snapshot.state : update.status;
      const message =
        update === undefined
          ? snapshot.body
          : update.synthetic === 'resolved'
            ? t('incident.resolvedMessage')
            : localize(update.message, locale, defaultLocale);
      entry = {
        title: `[${serviceList} · ${t(`state.${state}`)}] ${title}`,
        state,
        services: ref.services,
        categories: [
          { term: state, label: t(`state.${state}`) },
          ...ref.services.map((id) => ({ term: id, label: formatServiceList([id], ctx) })),
        ],
        link: linkOf(ref),
        published: ref.published,
        html: renderMarkdown(message),
      };
      entries.set(ref, entry);
    }
    return entry;
  };

  return {
    select({ service, limit = FEED_ENTRY_LIMIT } = {}) {
      return (service === undefined ? refs : refsOf(service)).slice(0, limit).map(entryOf);
    },
  };
}
