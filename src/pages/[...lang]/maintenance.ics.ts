/**
 * Every scheduled maintenance as an iCalendar file that calendar apps
 * subscribe to (src/lib/calendar.ts).
 * @see https://www.rfc-editor.org/rfc/rfc5545
 */
import type { APIRoute } from 'astro';
import { getLocalePaths, getPageContext, getStatusData } from '../../data/load.ts';
import { buildMaintenanceCalendar } from '../../lib/calendar.ts';
import type { Locale } from '../../lib/i18n/index.ts';
import { routes } from '../../lib/paths.ts';

export const getStaticPaths = getLocalePaths;

export const GET: APIRoute<{ locale: Locale }> = ({ props }) => {
  const ctx = getPageContext(props.locale);
  const { model, snapshot, serviceById } = getStatusData();
  const body = buildMaintenanceCalendar(
    snapshot.known,
    {
      ...ctx,
      services: serviceById,
      getIncidentUrl: (slug) => ctx.url(routes.incident(slug)),
      uidDomain: new URL(ctx.url(routes.home())).host,
    },
    {
      name: ctx.t('calendar.name', { site: ctx.text(model.site.title) }),
      description: model.site.description ? ctx.text(model.site.description) : undefined,
      homeUrl: ctx.url(routes.home()),
      calendarUrl: ctx.url(routes.calendar()),
    },
  );
  return new Response(body, { headers: { 'Content-Type': 'text/calendar; charset=utf-8' } });
};
