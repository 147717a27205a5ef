/**
 * One feed, whatever its format: what it says about itself and its entries.
 * The same {@link Feed} is serialised as RSS 2.0 (./rss.ts), Atom 1.0
 * (./atom.ts) and JSON Feed 1.1 (./json-feed.ts), so the three agree on
 * titles, links and ids by construction.
 */
import { localize, type Locale } from '../i18n/locales.ts';
import type { Translate } from '../i18n/translate.ts';
import type { Service, Site, StatusModel } from '../model.ts';
import { routes } from '../paths.ts';
import type { IncidentSnapshot, StatusSnapshot } from '../status.ts';
import type { Instant } from '../time.ts';
import { createFeedEntryIndex, type FeedContext, type FeedEntry, type FeedEntryIndex } from './entries.ts';

/** What a feed says about itself, the same in every format. */
export interface FeedInfo {
  title: string;
  description: string;
  /** Absolute URL of the page the feed follows: the overview, or a service's page. */
  pageUrl: string;
  /** Absolute URL of the feed itself (RSS `atom:link rel="self"`, Atom `id` and self link, JSON Feed `feed_url`). */
  feedUrl: string;
  locale: Locale;
  /** The site's title: the feed's author. */
  author: string;
  /** The moment the feed describes (RSS `lastBuildDate`, Atom `updated`). */
  now: Instant;
  /** IANA timezone the feed's RFC 3339 times carry the offset of. */
  timezone: string;
}

export interface Feed {
  info: FeedInfo;
  /** Newest first. */
  entries: FeedEntry[];
}

export type FeedFormat = 'rss' | 'atom' | 'json';

/** Everything a feed is made from, for one locale (the endpoint gathers it from src/data/load.ts). */
export interface FeedSource {
  site: Site;
  /** Every incident and maintenance known at `now`. */
  known: readonly IncidentSnapshot[];
  services: ReadonlyMap<string, Service>;
  locale: Locale;
  defaultLocale: Locale;
  timezone: string;
  now: Instant;
  t: Translate;
  /** Absolute URL of a route in this locale. */
  url: (route: string) => string;
  /**
   * The entries of `known` in this locale, already ordered for every feed
   * ({@link toFeedSource} shares one between the feeds of a build); made
   * from the fields above when absent.
   */
  entries?: FeedEntryIndex | undefined;
}

const FEED_ROUTES: Record<FeedFormat, { site: () => string; service: ((id: string) => string) | undefined }> = {
  rss: { site: routes.rss, service: routes.serviceRss },
  atom: { site: routes.atom, service: routes.serviceAtom },
  json: { site: routes.jsonFeed, service: undefined },
};

/**
 * The feed of the whole site, or of one service with `service` (its title
 * names the service; it holds the entries of incidents that affect it).
 * @throws if `service` is not a service id, or `format` has no per-service feed.
 * @example
 * createFeed(source, 'atom', 'kakaotalk').info.feedUrl // 'https://status.example.com/services/kakaotalk/feed.atom'
 */
export function createFeed(source: FeedSource, format: FeedFormat, service?: string): Feed {
  const { site, locale, defaultLocale, t } = source;
  const siteTitle = localize(site.title, locale, defaultLocale);
  const about =
    service === undefined
      ? {
          title: t('feed.title', { site: siteTitle }),
          description: site.description ? localize(site.description, locale, defaultLocale) : siteTitle,
          pageUrl: source.url(routes.home()),
          feedUrl: source.url(FEED_ROUTES[format].site()),
        }
      : describeServiceFeed(source, format, service, siteTitle);
  const entries = (source.entries ?? createFeedEntryIndex(source.known, toFeedContext(source))).select({ service });
  return {
    info: { ...about, locale, author: siteTitle, now: source.now, timezone: source.timezone },
    entries,
  };
}

function toFeedContext(source: FeedSource): FeedContext {
  return {
    locale: source.locale,
    defaultLocale: source.defaultLocale,
    timezone: source.timezone,
    now: source.now,
    t: source.t,
    services: source.services,
    getIncidentUrl: (slug) => source.url(routes.incident(slug)),
  };
}

function describeServiceFeed(
  source: FeedSource,
  format: FeedFormat,
  id: string,
  siteTitle: string,
): Pick<FeedInfo, 'title' | 'description' | 'pageUrl' | 'feedUrl'> {
  const service = source.services.get(id);
  const route = FEED_ROUTES[format].service;
  if (!service) throw new Error(`no service "${id}" to make a feed of`);
  if (!route) throw new Error(`there is no per-service ${format} feed`);
  const name = localize(service.name, source.locale, source.defaultLocale);
  return {
    title: source.t('feed.serviceTitle', { site: siteTitle, service: name }),
    description: source.t('feed.serviceDescription', { service: name }),
    pageUrl: source.url(routes.service(id)),
    feedUrl: source.url(route(id)),
  };
}

/**
 * A {@link FeedSource} from the build's data and a locale's page context
 * (the shapes `getStatusData()` and `getPageContext()` return). The feeds of
 * one locale share their entries: the incidents are walked once per build
 * and locale, not once per feed. `ctx` must be what the page context of its
 * locale is for `data` (its `t` and `url` follow from the rest).
 */
export function toFeedSource(
  data: { model: StatusModel; snapshot: StatusSnapshot; serviceById: ReadonlyMap<string, Service> },
  ctx: Pick<FeedSource, 'locale' | 'defaultLocale' | 'timezone' | 'now' | 't' | 'url'>,
): FeedSource {
  const source: FeedSource = {
    site: data.model.site,
    known: data.snapshot.known,
    services: data.serviceById,
    locale: ctx.locale,
    defaultLocale: ctx.defaultLocale,
    timezone: ctx.timezone,
    now: ctx.now,
    t: ctx.t,
    url: (route) => ctx.url(route),
  };
  return { ...source, entries: getSharedEntries(source) };
}

/** Per list of snapshots (one per build; a new one in `astro dev` whenever content is read again). */
const sharedEntries = new WeakMap<readonly IncidentSnapshot[], Map<string, SharedEntries>>();

interface SharedEntries {
  services: ReadonlyMap<string, Service>;
  entries: FeedEntryIndex;
}

function getSharedEntries(source: FeedSource): FeedEntryIndex {
  let byContext = sharedEntries.get(source.known);
  if (!byContext) sharedEntries.set(source.known, (byContext = new Map<string, SharedEntries>()));
  // Everything the entries depend on besides the snapshots: the URL of an incident stands for `url`.
  const key = JSON.stringify([
    source.locale,
    source.defaultLocale,
    source.timezone,
    source.now,
    source.url(routes.incident('-')),
  ]);
  let shared = byContext.get(key);
  if (shared?.services !== source.services) {
    shared = { services: source.services, entries: createFeedEntryIndex(source.known, toFeedContext(source)) };
    byContext.set(key, shared);
  }
  return shared.entries;
}
