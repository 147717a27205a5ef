/**
 * Atom 1.0 feed of the whole site: one entry per update (src/lib/feeds/).
 * @see https://www.rfc-editor.org/rfc/rfc4287
 */
import type { APIRoute } from 'astro';
import { getLocalePaths, getPageContext, getStatusData } from '../../data/load.ts';
import { buildAtomFeed } from '../../lib/feeds/atom.ts';
import { createFeed, toFeedSource } from '../../lib/feeds/feed.ts';
import type { Locale } from '../../lib/i18n/index.ts';

export const getStaticPaths = getLocalePaths;

export const GET: APIRoute<{ locale: Locale }> = ({ props }) => {
  const feed = createFeed(toFeedSource(getStatusData(), getPageContext(props.locale)), 'atom');
  return new Response(buildAtomFeed(feed), {
    headers: { 'Content-Type': 'application/atom+xml; charset=utf-8' },
  });
};
