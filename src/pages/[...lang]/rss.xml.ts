/**
 * RSS 2.0 feed of the whole site: one item per update (src/lib/feeds/).
 * @see https://www.rssboard.org/rss-specification
 */
import type { APIRoute } from 'astro';
import { getLocalePaths, getPageContext, getStatusData } from '../../data/load.ts';
import { createFeed, toFeedSource } from '../../lib/feeds/feed.ts';
import { buildRssFeed } from '../../lib/feeds/rss.ts';
import type { Locale } from '../../lib/i18n/index.ts';

export const getStaticPaths = getLocalePaths;

export const GET: APIRoute<{ locale: Locale }> = async ({ props }) => {
  const feed = createFeed(toFeedSource(getStatusData(), getPageContext(props.locale)), 'rss');
  return new Response(await buildRssFeed(feed), {
    headers: { 'Content-Type': 'application/rss+xml; charset=utf-8' },
  });
};
