/**
 * RSS 2.0 feed of one service: one item per update of the incidents and
 * maintenance that affect it (src/lib/feeds/).
 * @see https://www.rssboard.org/rss-specification
 */
import type { APIRoute } from 'astro';
import { getLocalePaths, getPageContext, getStatusData } from '../../../../data/load.ts';
import { createFeed, toFeedSource } from '../../../../lib/feeds/feed.ts';
import { buildRssFeed } from '../../../../lib/feeds/rss.ts';
import type { Locale } from '../../../../lib/i18n/index.ts';

export function getStaticPaths() {
  const { services } = getStatusData().model;
  return getLocalePaths().flatMap(({ params, props, cacheKey }) =>
    services.map((service) => ({
      params: { ...params, id: service.id },
      props: { ...props, service: service.id },
      cacheKey,
    })),
  );
}

export const GET: APIRoute<{ locale: Locale; service: string }> = async ({ props }) => {
  const feed = createFeed(toFeedSource(getStatusData(), getPageContext(props.locale)), 'rss', props.service);
  return new Response(await buildRssFeed(feed), {
    headers: { 'Content-Type': 'application/rss+xml; charset=utf-8' },
  });
};
