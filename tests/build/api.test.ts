/**
 * The Statuspage-compatible API of a real build, served under /status/ and
 * read by a real Statuspage client (statuspage.js), as a bot or dashboard would.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { Statuspage, StatuspageUpdates, type IncidentUpdates } from 'statuspage.js';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startStaticServer } from '../../scripts/static-server.mjs';
import { buildSite, FIXTURES, listFiles, readText, type BuildResult } from './helpers.ts';

const NOW = '2024-06-01T12:00:00+09:00';
const SITE_ROOT = 'https://status.example.com/status/';

/** The shape every response has; the rest is checked through the client's own types. */
interface AnyResponse {
  page: { url: string };
  incidents?: { id: string; shortlink: string }[];
  scheduled_maintenances?: { id: string; shortlink: string }[];
}

/** `client`, reading `apiUrl`: its axios instance is the one place to point a client made for <id>.statuspage.io elsewhere. */
function pointAt(client: Statuspage, apiUrl: string): Statuspage {
  (client as unknown as { axios: { defaults: { baseURL: string } } }).axios.defaults.baseURL = apiUrl;
  return client;
}

describe('the API of the fixture with every state, under /status/, read by statuspage.js', () => {
  let site: BuildResult;
  let server: Awaited<ReturnType<typeof startStaticServer>> | undefined;
  let sp: Statuspage;
  /** Where the API is served, for clients made for <id>.statuspage.io. */
  let apiUrl: string;

  beforeAll(async () => {
    site = await buildSite({
      STATUS_CONTENT_DIR: join(FIXTURES, 'basic'),
      STATUS_NOW: NOW,
      SITE_URL: 'https://status.example.com',
      BASE_PATH: '/status/',
    });
    expect(site.code, site.stderr).toBe(0);
    server = await startStaticServer({ root: site.outDir, base: '/status/' });
    apiUrl = `${server.url}api/v2`;
    sp = pointAt(new Statuspage('x'), apiUrl);
  });
  afterAll(async () => {
    await server?.close();
    rmSync(site.outDir, { recursive: true, force: true });
  });

  test('status(): the worst open impact, in Statuspage words', async () => {
    const { page, status } = await sp.status();
    expect(status).toEqual({ indicator: 'major', description: 'Partial System Outage' });
    expect(page.url).toBe(SITE_ROOT);
    expect(page.name).toBe('테스트 상태');
    // The client turns times into Dates: the build's moment survives the trip.
    expect(page.updated_at).toEqual(new Date(NOW));
  });

  test('components(): each service a group of its features, with the states of the page', async () => {
    const { components } = await sp.components();
    const byId = new Map(components.map((c) => [c.id, c]));
    expect(byId.get('talk')).toMatchObject({
      status: 'partial_outage',
      group: true,
      group_id: null,
      components: ['talk.msg', 'talk.media'],
    });
    expect(byId.get('talk.media')).toMatchObject({ status: 'major_outage', group_id: 'talk', position: 2 });
    expect(byId.get('talk.msg')).toMatchObject({ status: 'operational', group_id: 'talk', position: 1 });
    expect(byId.get('bank')).toMatchObject({ status: 'major_outage' });
    expect(byId.get('taxi')).toMatchObject({ status: 'operational', group: false });
    // The client's types know four statuses; the API (and Statuspage) has a fifth.
    expect(byId.get('story')?.status as string).toBe('under_maintenance');
    expect(components.map((c) => c.id)).toEqual([
      'talk',
      'talk.msg',
      'talk.media',
      'bank',
      'bank.transfer',
      'taxi',
      'story',
      'story.posting',
    ]);
  });

  test('summary(): everything at once, agreeing with the other endpoints', async () => {
    const summary = await sp.summary();
    expect(summary.status.indicator).toBe('major');
    expect(summary.components).toEqual((await sp.components()).components);
    expect(summary.incidents?.map((i) => i.id).sort()).toEqual(['bank-outage', 'media-failure']);
    expect(summary.scheduled_maintenances?.map((m) => m.id)).toEqual(['maintenance-now', 'maintenance-next']);
  });

  test('unresolvedIncidents(): the two open incidents, updates newest first, later ones hidden', async () => {
    const { incidents } = await sp.unresolvedIncidents();
    expect(incidents.map((i) => [i.id, i.status, i.impact]).sort()).toEqual([
      ['bank-outage', 'investigating', 'major'],
      ['media-failure', 'identified', 'minor'],
    ]);
    const media = incidents.find((i) => i.id === 'media-failure');
    expect(media?.incident_updates.map((u) => [u.id, u.status, u.display_at])).toEqual([
      ['media-failure.update-20240601-1100', 'identified', new Date('2024-06-01T11:00:00+09:00')],
      ['media-failure.update-20240601-1005', 'investigating', new Date('2024-06-01T10:05:00+09:00')],
    ]);
    expect(media?.shortlink).toBe(`${SITE_ROOT}incidents/media-failure/`);
    expect(JSON.stringify(incidents)).not.toContain('이 업데이트는 기준 시각 이후입니다');
  });

  test('an open incident with no update yet has one, which statuspage.js and its StatuspageUpdates watcher read', async () => {
    const opening = [
      'bank-outage.update-20240601-1130',
      'investigating',
      new Date('2024-06-01T11:30:00+09:00'),
      '뱅크 접속 장애',
    ];
    const read = (incidents: { id: string; incident_updates: IncidentUpdates[] }[]) =>
      incidents
        .find((i) => i.id === 'bank-outage')
        ?.incident_updates.map((u) => [u.id, u.status, u.display_at, u.body]);
    expect(read((await sp.unresolvedIncidents()).incidents)).toEqual([opening]);
    expect(read((await sp.allIncidents()).incidents)).toEqual([opening]);

    // The watcher polls allIncidents() and compares incidents[0].incident_updates[0] between two polls.
    const url = apiUrl;
    class LocalUpdates extends StatuspageUpdates {
      // Its constructor already polls, before a subclass field could be set: point the client here on every poll.
      override async fetch() {
        pointAt(this.statuspage, url);
        return super.fetch();
      }
    }
    const watcher = new LocalUpdates('x');
    await watcher.fetch();
    await watcher.fetch();
    expect(watcher.curr?.incidents[0]?.id).toBe('bank-outage');
    expect(watcher.prev?.incidents[0]?.id).toBe('bank-outage');
    // Same page twice: no news, and no TypeError from an empty timeline.
    expect(watcher.checkUpdate()).toBe(false);
  });

  test('activeScheduledMaintenances() and upcomingScheduledMaintenances()', async () => {
    const active = await sp.activeScheduledMaintenances();
    expect(active.scheduled_maintenances.map((m) => [m.id, m.status])).toEqual([['maintenance-now', 'in_progress']]);
    expect(active.scheduled_maintenances[0]?.scheduled_until).toEqual(new Date('2024-06-01T13:00:00+09:00'));
    const upcoming = await sp.upcomingScheduledMaintenances();
    expect(upcoming.scheduled_maintenances.map((m) => [m.id, m.status])).toEqual([['maintenance-next', 'scheduled']]);
    expect(upcoming.scheduled_maintenances[0]?.scheduled_for).toEqual(new Date('2024-06-03T02:00:00+09:00'));
  });

  test('allIncidents(): every incident known by then, any status, each timeline newest first', async () => {
    const { incidents } = await sp.allIncidents();
    expect(incidents.map((i) => [i.id, i.status])).toEqual([
      ['bank-outage', 'investigating'],
      ['media-failure', 'identified'],
      ['new-year', 'resolved'],
    ]);
    for (const incident of incidents) {
      const times = incident.incident_updates.map((u) => u.display_at.getTime());
      expect(times, incident.id).toEqual([...times].sort((a, b) => b - a));
    }
    expect(incidents.find((i) => i.id === 'new-year')?.resolved_at).toEqual(new Date('2024-01-01T00:45:00+09:00'));
  });

  test("every file in dist/api/v2 is JSON on this site's URL, and the future incident is nowhere", () => {
    // The Statuspage files; api/uptime.json has its own test (uptime-api.test.ts).
    const files = listFiles(site.outDir).filter((f) => f.startsWith('api/v2/'));
    expect(files).toEqual([
      'api/v2/components.json',
      'api/v2/incidents.json',
      'api/v2/incidents/unresolved.json',
      'api/v2/scheduled-maintenances.json',
      'api/v2/scheduled-maintenances/active.json',
      'api/v2/scheduled-maintenances/upcoming.json',
      'api/v2/status.json',
      'api/v2/summary.json',
    ]);
    for (const file of files) {
      const text = readText(site.outDir, file);
      const body = JSON.parse(text) as AnyResponse;
      expect(body.page.url, file).toBe(SITE_ROOT);
      for (const item of [...(body.incidents ?? []), ...(body.scheduled_maintenances ?? [])]) {
        expect(item.shortlink, `${file} ${item.id}`).toMatch(/^https:\/\/status\.example\.com\/status\/incidents\//);
      }
      expect(text, file).not.toContain('future');
      expect(text, file).not.toContain('기준 시각 이후');
    }
  });

  test('the API is at the site root only, and hosts that read _headers open it to every origin', () => {
    const files = listFiles(site.outDir);
    expect(files.filter((f) => f.includes('api/') && !f.startsWith('api/'))).toEqual([]);
    expect(readText(site.outDir, '_headers')).toMatch(/^\/api\/\*\n\s+Access-Control-Allow-Origin: \*$/m);
  });
});
