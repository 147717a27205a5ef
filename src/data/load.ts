/**
 * The only module that reads the environment and the content folder.
 * It loads and validates once per build, computes the state at the build's
 * moment once, and hands pages plain values.
 *
 * Environment:
 * - `STATUS_CONTENT_DIR`: the content folder (default `content/`)
 * - `STATUS_NOW`: the moment the site describes (default: the build's clock)
 * - `SITE_URL` and `BASE_PATH` are read by astro.config.mjs and reach us as
 *   `import.meta.env.SITE` and `import.meta.env.BASE_URL`.
 */
import { createTranslator, localize, type Locale, type LocalizedText, type Translate } from '../lib/i18n/index.ts';
import type { Service, StatusModel } from '../lib/model.ts';
import { createPathFormatter, getLocaleParam, toAbsoluteUrl, type PathFormatter } from '../lib/paths.ts';
import { getStatusSnapshot, type StatusSnapshot } from '../lib/status.ts';
import { resolveNow, type Instant } from '../lib/time.ts';
import { loadContentModel, resolveContentDir } from './read-content.ts';

export interface StatusData {
  model: StatusModel;
  now: Instant;
  snapshot: StatusSnapshot;
  serviceById: ReadonlyMap<string, Service>;
  /** Absolute origin for feeds and canonical links. */
  siteUrl: string;
  formatPath: PathFormatter;
}

let cached: StatusData | undefined;

/** Loads everything once (again on every call in `astro dev`, so edits show up). */
export function getStatusData(): StatusData {
  if (cached && !import.meta.env.DEV) return cached;
  const model = loadContentModel(resolveContentDir(process.env.STATUS_CONTENT_DIR));
  const now = resolveNow(process.env.STATUS_NOW, model.site.timezone, Date.now());
  if (!now.ok) throw new Error(now.message);
  cached = {
    model,
    now: now.instant,
    snapshot: getStatusSnapshot(model, now.instant),
    serviceById: new Map(model.services.map((s) => [s.id, s])),
    siteUrl: import.meta.env.SITE ?? 'http://localhost:4321',
    formatPath: createPathFormatter(import.meta.env.BASE_URL, model.site.defaultLocale),
  };
  return cached;
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
    path,
    url: (route, other) => toAbsoluteUrl(path(route, other), siteUrl),
  };
}

/** `getStaticPaths` entries for every locale: `{ lang: undefined }` for the default one. */
export function getLocalePaths(): { params: { lang: string | undefined }; props: { locale: Locale } }[] {
  const { site } = getStatusData().model;
  return site.locales.map((locale) => ({
    params: { lang: getLocaleParam(locale, site.defaultLocale) },
    props: { locale },
  }));
}
