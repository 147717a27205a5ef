/**
 * Atom 1.0 feed of one service: one entry per update of the incidents and
 * maintenance that affect it (src/lib/feeds/).
 * @see https://www.rfc-editor.org/rfc/rfc4287
 */
import type { APIRoute } from 'astro';
import { getLocalePaths, getPageContext, getStatusData } from '../../../../data/load.ts';
import { buildAtomFeed } from '../../../../lib/feeds/atom.ts';
import { createFeed, toFeedSource } from '../../../../lib/feeds/feed.ts';
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

export const GET: APIRoute<{ locale: Locale; service: string }> = ({ props }) => {
  const feed = createFeed(toFeedSource(getStatusData(), getPageContext(props.locale)), 'atom', props.service);
  return new Response(buildAtomFeed(feed), {
    headers: { 'Content-Type': 'application/atom+xml; charset=utf-8' },
  });
};
