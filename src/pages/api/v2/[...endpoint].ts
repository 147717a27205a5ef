/**
 * The Statuspage-compatible read-only API: `/api/v2/summary.json` and the
 * seven other endpoints of src/lib/api/statuspage.ts. One for all locales,
 * at the site root, in the default locale (as `routes.api()` says).
 * @see https://confluence.status.atlassian.com/api
 */
import type { APIRoute } from 'astro';
import { getPageContext, getPageKeys, getStatusData } from '../../../data/load.ts';
import {
  buildStatuspageResponses,
  STATUSPAGE_ENDPOINTS,
  type StatuspageResponses,
} from '../../../lib/api/statuspage.ts';
import { routes } from '../../../lib/paths.ts';

interface Props {
  body: StatuspageResponses[keyof StatuspageResponses];
}

export function getStaticPaths(): { params: { endpoint: string }; props: Props; cacheKey: string }[] {
  const { model, snapshot } = getStatusData();
  const ctx = getPageContext(model.site.defaultLocale);
  const responses = buildStatuspageResponses(model, snapshot, {
    now: ctx.now,
    timezone: ctx.timezone,
    siteUrl: ctx.url(routes.home()),
    pageName: ctx.text(model.site.title),
    incidentUrl: (slug) => ctx.url(routes.incident(slug)),
  });
  const cacheKey = getPageKeys().moment('api');
  return STATUSPAGE_ENDPOINTS.map((endpoint) => ({
    params: { endpoint },
    props: { body: responses[endpoint] },
    cacheKey,
  }));
}

export const GET: APIRoute<Props> = ({ props }) =>
  new Response(JSON.stringify(props.body, null, 2), {
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
  });
