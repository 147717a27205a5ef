/**
 * The only module pages get data from. It loads and validates the content
 * once per build, computes the state at the build's moment once, and hands
 * pages plain values. Environment variables: see ./env.ts.
 */
import {
  createTranslator,
  getTextLang,
  localize,
  type Locale,
  type LocalizedText,
  type Translate,
} from '../lib/i18n/index.ts';
import {
  getContentDigest,
  getFrameDigest,
  getListKey,
  getMomentKey,
  getRecordKey,
  type CacheKey,
} from '../lib/cache-keys.ts';
import type { Incident, Service, StatusModel } from '../lib/model.ts';
import { createPathFormatter, getLocaleParam, routes, toAbsoluteUrl, type PathFormatter } from '../lib/paths.ts';
import { getLiveData, type LiveData } from '../lib/live.ts';
import { getScheduledSnapshots, getStatusSnapshot, type IncidentSnapshot, type StatusSnapshot } from '../lib/status.ts';
import { resolveNow, type Instant } from '../lib/time.ts';
import { getServiceUptimeView, type ServiceUptimeView } from '../lib/uptime-view.ts';
import { readBuildEnv } from './env.ts';
import { loadContentModel, resolveContentDir } from './read-content.ts';

export interface StatusData {
  model: StatusModel;
  now: Instant;
  snapshot: StatusSnapshot;
  serviceById: ReadonlyMap<string, Service>;
  incidentBySlug: ReadonlyMap<string, Incident>;
  /** Absolute origin for feeds and canonical links. */
  siteUrl: string;
  formatPath: PathFormatter;
}

let cached: StatusData | undefined;

/** Loads everything once (again on every call in `astro dev`, so edits show up). */
export function getStatusData(): StatusData {
  if (cached && !import.meta.env.DEV) return cached;
  const env = readBuildEnv();
  const model = loadContentModel(resolveContentDir(env.contentDir), { fresh: import.meta.env.DEV });
  const now = resolveNow(env.now, model.site.timezone, Date.now());
  if (!now.ok) throw new Error(now.message);
  cached = {
    model,
    now: now.instant,
    snapshot: getStatusSnapshot(model, now.instant),
    serviceById: new Map(model.services.map((s) => [s.id, s])),
    incidentBySlug: new Map(model.incidents.map((i) => [i.slug, i])),
    siteUrl: env.siteUrl,
    formatPath: createPathFormatter(env.basePath, model.site.defaultLocale),
  };
  return cached;
}

/** The `cacheKey`s of this build's pages (lib/cache-keys.ts), bound to its content, moment and URLs. */
export interface PageKeys {
  /** An incident or maintenance page. */
  record: (locale: Locale, snapshot: IncidentSnapshot) => CacheKey;
  /** A history page listing `entries`, and `rest` besides (pager, archive index): see getListKey. */
  list: (
    locale: Locale,
    route: string,
    entries: readonly IncidentSnapshot[],
    rest: Record<string, unknown>,
  ) => CacheKey;
  /** A page of the moment: `route` names the page, e.g. `history:2`; no locale for the API. */
  moment: (route: string, locale?: Locale) => CacheKey;
}

let keysCache: { data: StatusData; keys: PageKeys } | undefined;

export function getPageKeys(): PageKeys {
  const data = getStatusData();
  if (keysCache?.data !== data) {
    const { model, now, serviceById, siteUrl } = data;
    const frame = getFrameDigest({ site: model.site, siteUrl, basePath: readBuildEnv().basePath });
    let content: string | undefined;
    const getContent = () => (content ??= getContentDigest(model));
    keysCache = {
      data,
      keys: {
        record: (locale, snapshot) =>
          getRecordKey({ frame, locale, snapshot, services: serviceById, now, content: getContent() }),
        list: (locale, route, entries, rest) =>
          getListKey({ frame, locale, route, entries, rest, services: serviceById, now, content: getContent() }),
        moment: (route, locale) => getMomentKey({ frame, locale, route, now, content: getContent() }),
      },
    };
  }
  return keysCache.keys;
}

let uptimeCache: { data: StatusData; views: ReadonlyMap<string, ServiceUptimeView> } | undefined;

/**
 * The uptime figures and day bars of every service and feature at the
 * build's moment, by service id: computed once for all pages and locales.
 */
export function getUptimeViews(): ReadonlyMap<string, ServiceUptimeView> {
  const data = getStatusData();
  if (uptimeCache?.data !== data) {
    const { model, now } = data;
    const views = new Map(
      model.services.map((s) => [s.id, getServiceUptimeView(model, s, now, model.site.timezone)] as const),
    );
    uptimeCache = { data, views };
  }
  return uptimeCache.views;
}

let liveCache: { data: StatusData; byLocale: Map<Locale, LiveData> } | undefined;

/**
 * What the live script of a page in `ctx`'s locale gets (lib/live.ts): the
 * same for every page of a locale, computed once.
 */
export function getLivePageData(ctx: PageContext): LiveData {
  const data = getStatusData();
  if (liveCache?.data !== data) liveCache = { data, byLocale: new Map() };
  let live = liveCache.byLocale.get(ctx.locale);
  if (!live) {
    const { model, now, snapshot } = data;
    live = getLiveData({
      snapshot,
      scheduled: getScheduledSnapshots(model, now),
      staleAfterMinutes: model.site.staleAfterMinutes,
      // One API for all locales, served from the root.
      poll: ctx.path(routes.api('status.json'), model.site.defaultLocale),
      timezone: ctx.timezone,
      t: ctx.t,
      text: ctx.text,
    });
    liveCache.byLocale.set(ctx.locale, live);
  }
  return live;
}

/** What every page of one locale needs to render. */
export interface PageContext {
  locale: Locale;
  defaultLocale: Locale;
  locales: readonly Locale[];
  timezone: string;
  now: Instant;
  t: Translate;
  /** Author text in this locale. */
  text: (value: LocalizedText) => string;
  /** The `lang` of author text that is not in this locale (a Korean-only note on /en/), else undefined. */
  lang: (value: LocalizedText) => Locale | undefined;
  /** Root-relative URL of a route, in this locale unless another is given. */
  path: (route: string, locale?: Locale) => string;
  /** Absolute URL of a route. */
  url: (route: string, locale?: Locale) => string;
}

/** The rendering context of `locale`. */
export function getPageContext(locale: Locale): PageContext {
  const { model, now, siteUrl, formatPath } = getStatusData();
  const { defaultLocale, locales, timezone } = model.site;
  const path = (route: string, other: Locale = locale) => formatPath(route, other);
  return {
    locale,
    defaultLocale,
    locales,
    timezone,
    now,
    t: createTranslator(locale),
    text: (value) => localize(value, locale, defaultLocale),
    lang: (value) => getTextLang(value, locale, defaultLocale),
    path,
    url: (route, other) => toAbsoluteUrl(path(route, other), siteUrl),
  };
}

/**
 * `getStaticPaths` entries for every locale: `{ lang: undefined }` for the
 * default one, each with the locale's key of a page of the moment
 * (lib/cache-keys.ts). A route with more paths per locale passes the key on
 * to each; a page that can be a closed record uses {@link PageKeys.record}.
 */
export function getLocalePaths(): {
  params: { lang: string | undefined };
  props: { locale: Locale };
  cacheKey: CacheKey;
}[] {
  const { site } = getStatusData().model;
  const keys = getPageKeys();
  return site.locales.map((locale) => ({
    params: { lang: getLocaleParam(locale, site.defaultLocale) },
    props: { locale },
    cacheKey: keys.moment('', locale),
  }));
}
