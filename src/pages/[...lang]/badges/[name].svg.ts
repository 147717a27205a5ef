/**
 * Status badges, `badges/overall.svg` and `badges/<service id>.svg`, in each
 * locale's words (src/lib/badges.ts).
 */
import type { APIRoute } from 'astro';
import { getLocalePaths, getPageContext, getStatusData } from '../../../data/load.ts';
import { getBadges, renderBadge, type Badge } from '../../../lib/badges.ts';

export function getStaticPaths() {
  const { model, snapshot } = getStatusData();
  return getLocalePaths().flatMap(({ params, props, cacheKey }) => {
    const ctx = getPageContext(props.locale);
    return getBadges(snapshot, { ...ctx, siteTitle: ctx.text(model.site.title) }).map((badge) => ({
      params: { ...params, name: badge.name },
      props: { ...props, badge },
      cacheKey,
    }));
  });
}

export const GET: APIRoute<{ badge: Badge }> = ({ props }) =>
  new Response(renderBadge(props.badge), { headers: { 'Content-Type': 'image/svg+xml; charset=utf-8' } });
