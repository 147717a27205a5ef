/**
 * `/api/uptime.json`: uptime per service and feature over 30, 90 and 365
 * days, and the last 90 days' worst states (src/lib/api/uptime.ts). One for
 * all locales, at the site root, names in the default locale, like `/api/v2/`.
 */
import type { APIRoute } from 'astro';
import { getPageContext, getStatusData } from '../../data/load.ts';
import { buildUptimeJson } from '../../lib/api/uptime.ts';
import { routes } from '../../lib/paths.ts';

export const GET: APIRoute = () => {
  const { model, now } = getStatusData();
  const ctx = getPageContext(model.site.defaultLocale);
  const body = buildUptimeJson(model, now, { timezone: ctx.timezone, siteUrl: ctx.url(routes.home()) });
  return new Response(JSON.stringify(body), {
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
  });
};
