/**
 * RSS 2.0 feed: one item per update (see src/lib/feeds/entries.ts).
 * @see https://www.rssboard.org/rss-specification
 */
import { getRssString } from '@astrojs/rss';
import type { APIRoute } from 'astro';
import { getLocalePaths, getPageContext, getStatusData } from '../../data/load.ts';
import { buildFeedEntries } from '../../lib/feeds/entries.ts';
import type { Locale } from '../../lib/i18n/index.ts';
import { routes } from '../../lib/paths.ts';

export const getStaticPaths = getLocalePaths;

export const GET: APIRoute<{ locale: Locale }> = async ({ props }) => {
  const ctx = getPageContext(props.locale);
  const { model, snapshot, serviceById } = getStatusData();
  const siteTitle = ctx.text(model.site.title);
  const entries = buildFeedEntries(snapshot.known, {
    locale: ctx.locale,
    defaultLocale: ctx.defaultLocale,
    timezone: ctx.timezone,
    now: ctx.now,
    t: ctx.t,
    services: serviceById,
    getIncidentUrl: (slug) => ctx.url(routes.incident(slug)),
  });
  const body = await getRssString({
    title: ctx.t('feed.title', { site: siteTitle }),
    description: model.site.description ? ctx.text(model.site.description) : siteTitle,
    site: ctx.url(routes.home()),
    // @astrojs/rss writes no self link; feed validators and WebSub want one.
    xmlns: { atom: 'http://www.w3.org/2005/Atom' },
    customData: [
      `<language>${ctx.locale}</language>`,
      `<lastBuildDate>${new Date(ctx.now).toUTCString()}</lastBuildDate>`,
      `<atom:link href="${ctx.url(routes.rss())}" rel="self" type="application/rss+xml"/>`,
    ].join(''),
    items: entries.map((entry) => ({
      title: entry.title,
      link: entry.link,
      pubDate: new Date(entry.published),
      description: entry.html,
    })),
  });
  return new Response(body, { headers: { 'Content-Type': 'application/rss+xml; charset=utf-8' } });
};
