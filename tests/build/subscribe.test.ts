/**
 * The maintenance calendar, the badges and the subscribe page of a real build
 * under a sub-path (BASE_PATH=/status/), read as a calendar app, an <img> and
 * a reader copying addresses would, and checked against the status engine.
 */
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'cheerio';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readAndParseContent } from '../../src/data/read-content.ts';
import { STRINGS } from '../../src/lib/i18n/strings.ts';
import type { StatusModel } from '../../src/lib/model.ts';
import { getStatusSnapshot, type StatusSnapshot } from '../../src/lib/status.ts';
import type { ComponentStatus } from '../../src/lib/vocabulary.ts';
import { buildSite, FIXTURES, readPage, readText, type BuildResult } from './helpers.ts';

const NOW = '2024-06-01T12:00:00+09:00';
const ORIGIN = 'https://status.example.com';
const ROOT_URL = `${ORIGIN}/status/`;
const CONTENT = join(FIXTURES, 'basic');
const LOCALES = [
  ['ko', ''],
  ['en', 'en/'],
] as const;

/** The status engine's view of the fixture at NOW: what every output must agree with. */
function loadEngine(): { model: StatusModel; snapshot: StatusSnapshot } {
  const result = readAndParseContent(CONTENT);
  if (!result.ok) throw new Error('the basic fixture is invalid');
  return { model: result.model, snapshot: getStatusSnapshot(result.model, Date.parse(NOW)) };
}
const { model, snapshot } = loadEngine();
const maintenance = snapshot.known.filter((s) => s.incident.kind === 'maintenance');
const word = (status: ComponentStatus, locale: 'ko' | 'en') => STRINGS[`status.${status}`][locale];
const title = (value: StatusModel['site']['title'], locale: 'ko' | 'en') =>
  typeof value === 'string' ? value : (value[locale] ?? '');

let site: BuildResult;
beforeAll(async () => {
  site = await buildSite({
    STATUS_CONTENT_DIR: CONTENT,
    STATUS_NOW: NOW,
    SITE_URL: ORIGIN,
    BASE_PATH: '/status/',
  });
  expect(site.code, site.stderr).toBe(0);
});
afterAll(() => {
  rmSync(site.outDir, { recursive: true, force: true });
});

/** The file an absolute URL of the site is served from, or undefined for another site. */
function fileOf(url: string): string | undefined {
  if (!url.startsWith(ROOT_URL)) return undefined;
  const path = decodeURIComponent(new URL(url).pathname.slice('/status/'.length));
  return join(site.outDir, path === '' || path.endsWith('/') ? `${path}index.html` : path);
}

function parseCalendar(path: string): ICAL.Component[] {
  const calendar = ICAL.Component.fromString(readText(site.outDir, path));
  expect(calendar.getFirstPropertyValue('method')).toBe('PUBLISH');
  expect(calendar.getFirstPropertyValue('version')).toBe('2.0');
  return calendar.getAllSubcomponents('vevent');
}

function utcTime(event: ICAL.Component, name: string): number {
  const value = event.getFirstPropertyValue(name);
  if (!(value instanceof ICAL.Time)) throw new Error(`${name} is not a date-time`);
  expect(value.zone.tzid, `${name} in UTC`).toBe('UTC');
  return value.toJSDate().getTime();
}

describe('the maintenance calendar', () => {
  test('the engine knows the two maintenance windows of the fixture', () => {
    expect(maintenance.map((s) => s.incident.slug).sort()).toEqual(['maintenance-next', 'maintenance-now']);
  });

  test.each(LOCALES)('%s: every maintenance, its window in UTC, its title and its absolute page', (locale, prefix) => {
    const events = parseCalendar(`${prefix}maintenance.ics`);
    expect(events.map((e) => e.getFirstPropertyValue('uid')).sort()).toEqual(
      maintenance.map((s) => `${s.incident.slug}@status.example.com`).sort(),
    );
    for (const { incident } of maintenance) {
      const event = events.find((e) => e.getFirstPropertyValue('uid') === `${incident.slug}@status.example.com`);
      if (!event || !incident.scheduled) throw new Error(`no event for ${incident.slug}`);
      for (const name of ['uid', 'dtstamp', 'dtstart', 'dtend', 'summary', 'description', 'url']) {
        expect(event.hasProperty(name), `${incident.slug}: ${name}`).toBe(true);
      }
      expect(utcTime(event, 'dtstart')).toBe(incident.scheduled.start);
      expect(utcTime(event, 'dtend')).toBe(incident.scheduled.end);
      expect(utcTime(event, 'dtstamp')).toBe(Date.parse(NOW));
      expect(event.getFirstPropertyValue('summary')).toBe(title(incident.title, locale));
      const url = `${ROOT_URL}${prefix}incidents/${incident.slug}/`;
      expect(event.getFirstPropertyValue('url')).toBe(url);
      expect(existsSync(fileOf(url) ?? ''), url).toBe(true);
    }
  });

  test('the window of the maintenance in progress is 11:00-13:00 KST, 02:00-04:00Z', () => {
    const ics = readText(site.outDir, 'maintenance.ics');
    expect(ics).toContain('\r\nDTSTART:20240601T020000Z\r\n');
    expect(ics).toContain('\r\nDTEND:20240601T040000Z\r\n');
  });

  test.each(LOCALES)('%s: each maintenance page has its own file with that one event', (locale, prefix) => {
    for (const { incident } of maintenance) {
      const events = parseCalendar(`${prefix}incidents/${incident.slug}/maintenance.ics`);
      expect(events.map((e) => e.getFirstPropertyValue('uid'))).toEqual([`${incident.slug}@status.example.com`]);
      expect(events[0]?.getFirstPropertyValue('summary')).toBe(title(incident.title, locale));
    }
  });

  test('incidents have no calendar file', () => {
    for (const s of snapshot.known.filter((k) => k.incident.kind === 'incident')) {
      expect(existsSync(join(site.outDir, `incidents/${s.incident.slug}/maintenance.ics`)), s.incident.slug).toBe(
        false,
      );
    }
  });
});

describe('the badges', () => {
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@' });

  function readBadge(path: string): { title: string; ariaLabel: string } {
    const svg = readText(site.outDir, path);
    // eslint-disable-next-line @typescript-eslint/no-deprecated -- fast-xml-parser 5 points to fast-xml-validator, not a dependency here
    expect(XMLValidator.validate(svg), path).toBe(true);
    const root = (parser.parse(svg) as { svg: { title: string; '@aria-label': string; '@role': string } }).svg;
    expect(root['@role'], path).toBe('img');
    return { title: root.title, ariaLabel: root['@aria-label'] };
  }

  test('the fixture: talk is partly down, the indicator is major', () => {
    expect(snapshot.services.find((s) => s.service.id === 'talk')?.status).toBe('partial_outage');
    expect(snapshot.indicator).toBe('major');
  });

  test.each(LOCALES)('%s: one per service, with its name and its state in words', (locale, prefix) => {
    for (const state of snapshot.services) {
      const expected = `${title(state.service.name, locale)}: ${word(state.status, locale)}`;
      const badge = readBadge(`${prefix}badges/${state.service.id}.svg`);
      expect(badge.title).toBe(expected);
      expect(badge.ariaLabel).toBe(expected);
    }
  });

  test('talk reads 부분 장애 / Partial outage', () => {
    expect(readBadge('badges/talk.svg').title).toBe('톡: 부분 장애');
    expect(readBadge('en/badges/talk.svg').title).toBe('Talk: Partial outage');
  });

  test('overall: the site title and the word for indicator major', () => {
    expect(readBadge('badges/overall.svg').title).toBe(`${title(model.site.title, 'ko')}: 부분 장애`);
    expect(readBadge('en/badges/overall.svg').title).toBe(`${title(model.site.title, 'en')}: Partial outage`);
  });
});

describe('the subscribe page', () => {
  /** Others build these outputs at the same time: listed on the page, their files checked once they exist. */
  const fromOthers = (url: string) => /\/(?:feed\.atom|feed\.json|rss\.xml|api\/v2\/.+)$/.test(url);

  function expectedUrls(prefix: string): string[] {
    const page = (route: string) => `${ROOT_URL}${prefix}${route}`;
    return [
      page('rss.xml'),
      page('feed.atom'),
      page('feed.json'),
      ...model.services.flatMap((s) => [page(`services/${s.id}/rss.xml`), page(`services/${s.id}/feed.atom`)]),
      page('maintenance.ics'),
      ...[
        'summary.json',
        'status.json',
        'components.json',
        'incidents.json',
        'incidents/unresolved.json',
        'scheduled-maintenances.json',
        'scheduled-maintenances/upcoming.json',
        'scheduled-maintenances/active.json',
      ].map((file) => `${ROOT_URL}api/v2/${file}`),
      page('badges/overall.svg'),
      ...model.services.map((s) => page(`badges/${s.id}.svg`)),
    ];
  }

  /** Every address shown to copy: the plain ones, and those inside the embed snippets. */
  function shownUrls(path: string): string[] {
    const $ = readPage(site.outDir, path);
    const urls: string[] = [];
    $('code.copy').each((_, el) => {
      const text = $(el).text();
      if (text.startsWith('<')) {
        const snippet = load(text);
        urls.push(snippet('a').attr('href') ?? '', snippet('img').attr('src') ?? '');
      } else if (text.startsWith('[')) {
        urls.push(...[...text.matchAll(/\]\(([^)]+)\)/g)].map((m) => m[1] ?? ''));
      } else {
        urls.push(text);
      }
    });
    return urls;
  }

  test.each(LOCALES)(
    '%s: lists every feed, the calendar, the API and every badge by absolute URL',
    (_locale, prefix) => {
      const shown = shownUrls(`${prefix}subscribe/index.html`);
      for (const url of expectedUrls(prefix)) expect(shown, url).toContain(url);
      for (const url of shown) expect(url.startsWith(ROOT_URL), url).toBe(true);
    },
  );

  test.each(LOCALES)('%s: every address shown is a file of the build', (_locale, prefix) => {
    const missing = shownUrls(`${prefix}subscribe/index.html`)
      .filter((url) => !fromOthers(url))
      .filter((url) => !existsSync(fileOf(url) ?? ''));
    expect(missing).toEqual([]);
  });

  test.for(expectedUrls('').filter(fromOthers))(
    '%s, built by another part of the site, exists once built',
    (url, ctx) => {
      const file = fileOf(url) ?? '';
      if (!existsSync(file)) ctx.skip();
      expect(existsSync(file)).toBe(true);
    },
  );

  test.each(LOCALES)('%s: every link and image on the page resolves under /status/', (_locale, prefix) => {
    const $ = readPage(site.outDir, `${prefix}subscribe/index.html`);
    const refs = [
      ...$('main a[href]')
        .map((_, el) => $(el).attr('href'))
        .get(),
      ...$('main img[src]')
        .map((_, el) => $(el).attr('src'))
        .get(),
    ];
    expect(refs.length).toBeGreaterThan(20);
    const broken = refs
      .filter((ref) => !ref.startsWith('#') && !ref.startsWith('webcal:'))
      .map((ref) => new URL(ref, `${ROOT_URL}${prefix}subscribe/`).href)
      .filter((url) => !fromOthers(url) && !existsSync(fileOf(url) ?? ''));
    expect(broken).toEqual([]);
    for (const ref of refs.filter((r) => r.startsWith('#'))) expect($(ref), ref).toHaveLength(1);
  });

  test('the calendar can be subscribed to in one tap (webcal:)', () => {
    const $ = readPage(site.outDir, 'subscribe/index.html');
    expect($('a[href^="webcal:"]').attr('href')).toBe('webcal://status.example.com/status/maintenance.ics');
  });

  test('badge previews carry the state as alt text; embed snippets link the badge to its page', () => {
    const $ = readPage(site.outDir, 'subscribe/index.html');
    expect($('img[src="/status/badges/talk.svg"]').attr('alt')).toBe('톡: 부분 장애');
    const snippets = $('code.copy')
      .map((_, el) => $(el).text())
      .get();
    expect(snippets).toContain(
      `<a href="${ROOT_URL}services/talk/"><img src="${ROOT_URL}badges/talk.svg" alt="톡 상태"></a>`,
    );
    expect(snippets).toContain(`[![톡 상태](${ROOT_URL}badges/talk.svg)](${ROOT_URL}services/talk/)`);
    expect(snippets).toContain(`[![테스트 상태](${ROOT_URL}badges/overall.svg)](${ROOT_URL})`);
  });

  test('needs no script', () => {
    for (const [, prefix] of LOCALES) {
      expect(readPage(site.outDir, `${prefix}subscribe/index.html`)('script')).toHaveLength(0);
    }
  });
});
