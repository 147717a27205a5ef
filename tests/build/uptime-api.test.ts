/**
 * `/api/uptime.json` of a real build, read as a script would, and the
 * Statuspage v2 files beside it, which must stay exactly as real pages send them.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { UptimeJson, UptimeJsonDay } from '../../src/lib/api/uptime.ts';
import { buildSite, FIXTURES, listFiles, readText, type BuildResult } from './helpers.ts';

const NOW = '2024-06-01T12:00:00+09:00';

// One build for both: the fixture with every state, at 2024-06-01 12:00 KST, on a machine in Los Angeles.
let site: BuildResult;
beforeAll(async () => {
  site = await buildSite({
    STATUS_CONTENT_DIR: join(FIXTURES, 'basic'),
    STATUS_NOW: NOW,
    SITE_URL: 'https://status.example.com',
    // 19:00 on May 31 there: the last day must still be June 1, the site's day.
    TZ: 'America/Los_Angeles',
  });
  expect(site.code, site.stderr).toBe(0);
});
afterAll(() => {
  rmSync(site.outDir, { recursive: true, force: true });
});

describe('/api/uptime.json', () => {
  let json: UptimeJson;
  beforeAll(() => {
    json = JSON.parse(readText(site.outDir, 'api/uptime.json')) as UptimeJson;
  });

  test('one file at the root, for every locale', () => {
    const files = listFiles(site.outDir);
    expect(files.filter((f) => f.endsWith('uptime.json'))).toEqual(['api/uptime.json']);
  });

  test('the header: the build moment and the site timezone', () => {
    expect(json).toMatchObject({
      generated_at: NOW,
      time_zone: 'Asia/Seoul',
      url: 'https://status.example.com/',
      window_definition: 'last N calendar days in Asia/Seoul, today until generated_at',
      periods: [30, 90, 365],
    });
  });

  test('every service and feature of the fixture, in page order', () => {
    expect(json.services.map((s) => [s.id, s.name, s.features.map((f) => f.id)])).toEqual([
      ['talk', '톡', ['msg', 'media']],
      ['bank', '뱅크', ['transfer']],
      ['taxi', '택시', []],
      ['story', '스토리', ['posting']],
    ]);
  });

  test('90 days each, oldest first, the last one the build day in KST', () => {
    for (const target of json.services.flatMap((s) => [s, ...s.features])) {
      expect(target.days).toHaveLength(90);
      expect(target.days[0]?.date).toBe('2024-03-04');
      expect(target.days.at(-1)?.date).toBe('2024-06-01');
      expect(Object.keys(target.uptime)).toEqual(['30d', '90d', '365d']);
    }
  });

  test.each<[string, string | undefined, Omit<UptimeJsonDay, 'date'>, number]>([
    // Photos partly down since 10:00 (120 min × 0.3), the feature itself fully.
    ['talk', undefined, { status: 'partial_outage', downtime_minutes: 36, incidents: ['media-failure'] }, 99.91],
    ['talk', 'media', { status: 'major_outage', downtime_minutes: 120, incidents: ['media-failure'] }, 99.71],
    ['talk', 'msg', { status: 'operational', downtime_minutes: 0, incidents: [] }, 100],
    ['bank', undefined, { status: 'major_outage', downtime_minutes: 30, incidents: ['bank-outage'] }, 99.92],
    // The incident after the build moment does not count; the maintenance next week neither.
    ['taxi', undefined, { status: 'operational', downtime_minutes: 0, incidents: [] }, 100],
    ['story', 'posting', { status: 'under_maintenance', downtime_minutes: 0, incidents: ['maintenance-now'] }, 100],
  ])('%s %s today: %o, 30 days %s %%', (id, feature, today, percent30) => {
    const service = json.services.find((s) => s.id === id);
    const target = feature === undefined ? service : service?.features.find((f) => f.id === feature);
    expect(target?.days.at(-1)).toEqual({ date: '2024-06-01', ...today });
    // 29.5 days until noon.
    expect(target?.uptime['30d']).toEqual({
      percent: percent30,
      downtime_minutes: today.downtime_minutes,
      tracked_minutes: 42_480,
    });
  });
});

describe('the Statuspage v2 files beside it are unchanged', () => {
  /** A v2 body: `page` in every one, `components` in some. */
  interface V2Body {
    page: object;
    components?: object[];
  }
  const read = (path: string) => JSON.parse(readText(site.outDir, `api/v2/${path}`)) as V2Body;

  test('the same eight files, nothing added under api/v2', () => {
    expect(listFiles(join(site.outDir, 'api/v2'))).toEqual([
      'components.json',
      'incidents.json',
      'incidents/unresolved.json',
      'scheduled-maintenances.json',
      'scheduled-maintenances/active.json',
      'scheduled-maintenances/upcoming.json',
      'status.json',
      'summary.json',
    ]);
  });

  test.each([
    ['summary.json', ['page', 'status', 'components', 'incidents', 'scheduled_maintenances']],
    ['status.json', ['page', 'status']],
    ['components.json', ['page', 'components']],
    ['incidents.json', ['page', 'incidents']],
    ['incidents/unresolved.json', ['page', 'incidents']],
    ['scheduled-maintenances.json', ['page', 'scheduled_maintenances']],
    ['scheduled-maintenances/upcoming.json', ['page', 'scheduled_maintenances']],
    ['scheduled-maintenances/active.json', ['page', 'scheduled_maintenances']],
  ])('%s has exactly its Statuspage keys', (path, keys) => {
    const body = read(path);
    expect(Object.keys(body)).toEqual(keys);
    expect(Object.keys(body.page)).toEqual(['id', 'name', 'url', 'time_zone', 'updated_at']);
  });

  test('components carry no uptime: Statuspage fields only', () => {
    const components = read('components.json').components ?? [];
    expect(components.length).toBeGreaterThan(0);
    for (const component of components) {
      expect(Object.keys(component).filter((key) => key !== 'components')).toEqual([
        'id',
        'name',
        'status',
        'created_at',
        'updated_at',
        'position',
        'description',
        'showcase',
        'start_date',
        'group_id',
        'page_id',
        'group',
        'only_show_if_degraded',
      ]);
    }
  });
});
