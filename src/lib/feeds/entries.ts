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
import type { Service } from '../model.ts';
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
  const { locale, defaultLocale, t } = ctx;
  const { service: only, limit = FEED_ENTRY_LIMIT } = options;
  const entries: FeedEntry[] = [];
  for (const snapshot of snapshots) {
    const { incident } = snapshot;
    const affectedIds = getAffectedServiceIds(snapshot);
    if (only !== undefined && !affectedIds.includes(only)) continue;
    const title = localize(incident.title, locale, defaultLocale);
    const url = ctx.getIncidentUrl(incident.slug);
    const services = formatServiceList(
      incident.affected.map((a) => a.service),
      ctx,
    );
    const describe = (state: UpdateState) => ({
      title: `[${services} · ${t(`state.${state}`)}] ${title}`,
      state,
      services: affectedIds,
      categories: [
        { term: state, label: t(`state.${state}`) },
        ...affectedIds.map((id) => ({ term: id, label: formatServiceList([id], ctx) })),
      ],
    });
    if (snapshot.updates.length === 0) {
      entries.push({
        ...describe(snapshot.state),
        link: url,
        // An upcoming maintenance without updates was known by the build's moment at the latest.
        published: Math.min(incident.started, ctx.now),
        html: renderMarkdown(snapshot.body),
      });
      continue;
    }
    const anchors = getSnapshotAnchors(snapshot, ctx.timezone);
    for (const update of snapshot.updates) {
      const message =
        update.synthetic === 'resolved'
          ? t('incident.resolvedMessage')
          : localize(update.message, locale, defaultLocale);
      entries.push({
        ...describe(update.status),
        link: `${url}#${anchors.get(update) ?? ''}`,
        published: update.at,
        html: renderMarkdown(message),
      });
    }
  }
  return entries
    .sort((a, b) => b.published - a.published || (a.link < b.link ? -1 : a.link > b.link ? 1 : 0))
    .slice(0, limit);
}
