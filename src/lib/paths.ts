/**
 * URLs of every page, under any base path and for any locale.
 *
 * A *route* is a page's path without base and locale (`incidents/fire/`); the
 * formatter adds both. Keeping routes locale-free is what lets a page link to
 * itself in the other language.
 */
import type { Locale } from './i18n/locales.ts';

/** Locale-free routes of the site's pages and feeds. Directory routes end with `/`. */
export const routes = {
  home: () => '',
  incident: (slug: string) => `incidents/${slug}/`,
  service: (id: string) => `services/${id}/`,
  history: (page = 1) => (page <= 1 ? 'history/' : `history/${page}/`),
  /** The archive of one month, `YYYY-MM` in the site timezone. */
  historyMonth: (month: string, page = 1) => (page <= 1 ? `history/${month}/` : `history/${month}/${page}/`),
  /** Every incident and maintenance of one service, and its record by year. */
  serviceHistory: (id: string, page = 1) => (page <= 1 ? `services/${id}/history/` : `services/${id}/history/${page}/`),
  rss: () => 'rss.xml',
  atom: () => 'feed.atom',
  jsonFeed: () => 'feed.json',
  serviceRss: (id: string) => `services/${id}/rss.xml`,
  serviceAtom: (id: string) => `services/${id}/feed.atom`,
  /** Every scheduled maintenance, for calendar apps to subscribe to. */
  calendar: () => 'maintenance.ics',
  /** One maintenance, to add to a calendar. */
  maintenanceCalendar: (slug: string) => `incidents/${slug}/maintenance.ics`,
  /** `overall` or a service id. */
  badge: (name: string) => `badges/${name}.svg`,
  subscribe: () => 'subscribe/',
  /** public/favicon.svg; one for all locales (format it with the default locale). */
  favicon: () => 'favicon.svg',
  /** The Statuspage-compatible API; one for all locales (served from the root). */
  api: (endpoint: string) => `api/v2/${endpoint}`,
};

/** `/status` or `status/` or `` as `/status/` or `/`. */
export function normalizeBase(base: string): string {
  const trimmed = base.replace(/^\/+|\/+$/g, '');
  return trimmed === '' ? '/' : `/${trimmed}/`;
}

/** Formats a route into a root-relative URL for a locale. */
export type PathFormatter = (route: string, locale: Locale) => string;

/**
 * @example
 * const formatPath = createPathFormatter('/status', 'ko');
 * formatPath(routes.incident('fire'), 'ko') // '/status/incidents/fire/'
 * formatPath(routes.incident('fire'), 'en') // '/status/en/incidents/fire/'
 */
export function createPathFormatter(base: string, defaultLocale: Locale): PathFormatter {
  const root = normalizeBase(base);
  return (route, locale) => `${root}${locale === defaultLocale ? '' : `${locale}/`}${route.replace(/^\/+/, '')}`;
}

/** The locale segment of a page's URL params: `undefined` for the default locale. */
export function getLocaleParam(locale: Locale, defaultLocale: Locale): string | undefined {
  return locale === defaultLocale ? undefined : locale;
}

/**
 * An absolute URL for feeds and canonical links.
 * @example toAbsoluteUrl('/status/rss.xml', 'https://example.com') // 'https://example.com/status/rss.xml'
 */
export function toAbsoluteUrl(path: string, site: string): string {
  return new URL(path, site).href;
}
