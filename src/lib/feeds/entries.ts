/**
 * Feed entries: one per update of every incident and maintenance, so a feed
 * reader notifies subscribers of each new update (the common status pages
 * publish one item per incident, and readers never see the later updates),
 * plus one for each that has no update yet.
 *
 * Data only: `src/pages/**\/rss.xml.ts` serialises these with @astrojs/rss.
 */
import { getUpdateAnchors } from '../anchors.ts';
import { localize, type Locale } from '../i18n/locales.ts';
import type { Translate } from '../i18n/translate.ts';
import { renderMarkdown } from '../markdown.ts';
import type { Service } from '../model.ts';
import type { IncidentSnapshot } from '../status.ts';
import type { Instant } from '../time.ts';

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
 * at most `limit`.
 */
export function buildFeedEntries(
  snapshots: readonly IncidentSnapshot[],
  ctx: FeedContext,
  limit = FEED_ENTRY_LIMIT,
): FeedEntry[] {
  const { locale, defaultLocale, t } = ctx;
  const entries: FeedEntry[] = [];
  for (const snapshot of snapshots) {
    const { incident } = snapshot;
    const title = localize(incident.title, locale, defaultLocale);
    const url = ctx.getIncidentUrl(incident.slug);
    const services = formatServiceList(
      incident.affected.map((a) => a.service),
      ctx,
    );
    if (snapshot.updates.length === 0) {
      entries.push({
        title: `[${services} · ${t(`state.${snapshot.state}`)}] ${title}`,
        link: url,
        // An upcoming maintenance without updates was known by the build's moment at the latest.
        published: Math.min(incident.started, ctx.now),
        html: renderMarkdown(incident.body),
      });
      continue;
    }
    const anchors = getUpdateAnchors(incident.updates, ctx.timezone);
    for (const update of snapshot.updates) {
      const message = update.synthetic
        ? t('incident.resolvedMessage')
        : localize(update.message, locale, defaultLocale);
      entries.push({
        title: `[${services} · ${t(`state.${update.status}`)}] ${title}`,
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
