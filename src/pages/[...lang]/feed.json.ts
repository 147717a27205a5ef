/**
 * JSON Feed 1.1 of the whole site: one item per update (src/lib/feeds/).
 * @see https://jsonfeed.org/version/1.1
 */
import type { APIRoute } from 'astro';
import { getLocalePaths, getPageContext, getStatusData } from '../../data/load.ts';
import { createFeed, toFeedSource } from '../../lib/feeds/feed.ts';
import { buildJsonFeed } from '../../lib/feeds/json-feed.ts';
import type { Locale } from '../../lib/i18n/index.ts';

export const getStaticPaths = getLocalePaths;

export const GET: APIRoute<{ locale: Locale }> = ({ props }) => {
  const feed = createFeed(toFeedSource(getStatusData(), getPageContext(props.locale)), 'json');
  return new Response(buildJsonFeed(feed), {
    headers: { 'Content-Type': 'application/feed+json; charset=utf-8' },
  });
};
