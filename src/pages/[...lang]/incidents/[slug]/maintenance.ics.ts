/**
 * One maintenance as an iCalendar file, to add to the reader's own calendar
 * from the maintenance's page (src/lib/calendar.ts). Only maintenance has one.
 */
import type { APIRoute } from 'astro';
import { getLocalePaths, getPageContext, getStatusData } from '../../../../data/load.ts';
import { buildSingleMaintenanceCalendar } from '../../../../lib/calendar.ts';
import type { Locale } from '../../../../lib/i18n/index.ts';
import { routes } from '../../../../lib/paths.ts';
import type { IncidentSnapshot } from '../../../../lib/status.ts';

export function getStaticPaths() {
  const maintenance = getStatusData().snapshot.known.filter((s) => s.incident.kind === 'maintenance');
  return getLocalePaths().flatMap(({ params, props, cacheKey }) =>
    maintenance.map((snapshot) => ({
      params: { ...params, slug: snapshot.incident.slug },
      props: { ...props, snapshot },
      cacheKey,
    })),
  );
}

export const GET: APIRoute<{ locale: Locale; snapshot: IncidentSnapshot }> = ({ props }) => {
  const ctx = getPageContext(props.locale);
  const body = buildSingleMaintenanceCalendar(props.snapshot, {
    ...ctx,
    services: getStatusData().serviceById,
    getIncidentUrl: (slug) => ctx.url(routes.incident(slug)),
    uidDomain: new URL(ctx.url(routes.home())).host,
  });
  if (body === undefined) throw new Error(`${props.snapshot.incident.file}: a maintenance without a window`);
  return new Response(body, { headers: { 'Content-Type': 'text/calendar; charset=utf-8' } });
};
