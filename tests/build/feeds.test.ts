/**
 * Every feed the build writes (RSS 2.0, Atom 1.0, JSON Feed 1.1; the site's
 * and each service's; every locale) read by real parsers and checked against
 * the status engine on the same fixture, under a sub-path. One build.
 */
import type { JsonFeed } from '../../src/lib/feeds/json-feed.ts';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import Parser from 'rss-parser';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadContentModel } from '../../src/data/read-content.ts';
import { getStatusSnapshot, type IncidentSnapshot } from '../../src/lib/status.ts';
import { toIsoString } from '../../src/lib/time.ts';
import { buildSite, FIXTURES, listFiles, readPage, readText, type BuildResult } from './helpers.ts';

const NOW = '2024-06-01T12:00:00+09:00';
const ORIGIN = 'https://status.example.com';
const ROOT = `${ORIGIN}/status/`;
const CONTENT = join(FIXTURES, 'basic');
const LOCALES = [
  { locale: 'ko', prefix: '' },
  { locale: 'en', prefix: 'en/' },
] as const;
const SERVICES = ['talk', 'bank', 'taxi', 'story'] as const;
const RFC_3339 = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)$/;

// The engine's view of the same content at the same moment, independent of src/lib/feeds.
const model = loadContentModel(CONTENT, { fresh: true });
const known = getStatusSnapshot(model, Date.parse(NOW)).known;

function affects(snapshot: IncidentSnapshot, service: string): boolean {
  return [snapshot.incident.affected, ...snapshot.updates.map((u) => u.affected ?? [])].some((list) =>
    list.some((a) => a.service === service),
  );
}

/**
 * The links a feed must hold, sorted: each update known at NOW (anchor from its
 * time in KST), or the incident page for one with none.
 */
function expectedLinks(prefix: string, service?: string): string[] {
  return known
    .filter((s) => service === undefined || affects(s, service))
    .flatMap((s) => {
      const page = `${ROOT}${prefix}incidents/${s.incident.slug}/`;
      if (s.updates.length === 0) return [page];
      return s.updates.map(
        (u) => `${page}#update-${toIsoString(u.at, 'Asia/Seoul').slice(0, 16).replace(/[-:]/g, '').replace('T', '-')}`,
      );
    })
    .sort();
}

interface AtomFeedFields {
  id?: string;
  updated?: string;
}
interface AtomItemFields {
  id?: string;
  updated?: string;
  published?: string;
}
const rssParser = new Parser();
const atomParser = new Parser<AtomFeedFields, AtomItemFields>({
  customFields: { feed: ['id', 'updated'], item: ['id', 'updated', 'published'] },
});

let site: BuildResult;
beforeAll(async () => {
  site = await buildSite({ STATUS_CONTENT_DIR: CONTENT, STATUS_NOW: NOW, SITE_URL: ORIGIN, BASE_PATH: '/status/' });
  expect(site.code, site.stderr).toBe(0);
});
afterAll(() => {
  rmSync(site.outDir, { recursive: true, force: true });
});

const parseRss = (path: string) => rssParser.parseString(readText(site.outDir, path));
const parseAtom = (path: string) => atomParser.parseString(readText(site.outDir, path));
const parseJson = (path: string) => JSON.parse(readText(site.outDir, path)) as JsonFeed;

describe('feeds of a fixture with every state, under /status/', () => {
  test('every feed is written in every locale, for the site and each service', () => {
    const files = listFiles(site.outDir);
    for (const { prefix } of LOCALES) {
      expect(files).toEqual(expect.arrayContaining([`${prefix}rss.xml`, `${prefix}feed.atom`, `${prefix}feed.json`]));
      for (const id of SERVICES) {
        expect(files).toEqual(
          expect.arrayContaining([`${prefix}services/${id}/rss.xml`, `${prefix}services/${id}/feed.atom`]),
        );
      }
    }
  });

  test.each(LOCALES)(
    '$locale site feeds: one entry per known update, the same ids in RSS, Atom and JSON',
    async ({ prefix }) => {
      const expected = expectedLinks(prefix);
      // media-failure: 2 visible updates; new-year: 2; maintenance-now: 2; maintenance-next: 1; bank-outage: none -> 1
      expect(expected).toHaveLength(8);

      const rss = await parseRss(`${prefix}rss.xml`);
      const rssLinks = rss.items.map((i) => i.link ?? '');
      expect([...rssLinks].sort()).toEqual(expected);
      expect(rss.items.map((i) => i.guid)).toEqual(rssLinks);
      expect(rss.feedUrl).toBe(`${ROOT}${prefix}rss.xml`);
      expect(rss.link).toBe(`${ROOT}${prefix}`);

      const atom = await parseAtom(`${prefix}feed.atom`);
      expect(atom.id).toBe(`${ROOT}${prefix}feed.atom`);
      expect(atom.feedUrl).toBe(`${ROOT}${prefix}feed.atom`);
      expect(atom.link).toBe(`${ROOT}${prefix}`);
      expect(atom.updated).toBe(NOW);
      expect(atom.items.map((i) => i.id)).toEqual(rssLinks);
      expect(atom.items.map((i) => i.link)).toEqual(rssLinks);

      const json = parseJson(`${prefix}feed.json`);
      expect(json.version).toBe('https://jsonfeed.org/version/1.1');
      expect(json.feed_url).toBe(`${ROOT}${prefix}feed.json`);
      expect(json.home_page_url).toBe(`${ROOT}${prefix}`);
      expect(json.items.map((i) => i.id)).toEqual(rssLinks);
      expect(json.items.map((i) => i.url)).toEqual(rssLinks);
      expect(new Set(json.items.map((i) => i.id)).size).toBe(json.items.length);

      // The same moment for each entry in all three formats, each written as its format wants.
      const times = rss.items.map((i) => Date.parse(i.pubDate ?? ''));
      expect(json.items.map((i) => Date.parse(i.date_published))).toEqual(times);
      expect(atom.items.map((i) => Date.parse(i.updated ?? ''))).toEqual(times);
      expect(atom.items.map((i) => Date.parse(i.published ?? ''))).toEqual(times);
      for (const item of [...json.items.map((i) => i.date_published), ...atom.items.map((i) => i.updated ?? '')]) {
        expect(item).toMatch(RFC_3339);
      }
      expect(times).toEqual([...times].sort((a, b) => b - a));
    },
  );

  test.each(SERVICES.flatMap((id) => LOCALES.map((l) => ({ ...l, id }))))(
    '$locale $id feeds: the entries of the incidents that affect it',
    async ({ prefix, id }) => {
      const expected = expectedLinks(prefix, id);
      const rss = await parseRss(`${prefix}services/${id}/rss.xml`);
      const atom = await parseAtom(`${prefix}services/${id}/feed.atom`);
      expect(rss.items.map((i) => i.link ?? '').sort()).toEqual(expected);
      expect(atom.items.map((i) => i.id)).toEqual(rss.items.map((i) => i.guid));
      expect(rss.feedUrl).toBe(`${ROOT}${prefix}services/${id}/rss.xml`);
      expect(rss.link).toBe(`${ROOT}${prefix}services/${id}/`);
      expect(atom.id).toBe(`${ROOT}${prefix}services/${id}/feed.atom`);
      expect(atom.feedUrl).toBe(`${ROOT}${prefix}services/${id}/feed.atom`);
      expect(atom.link).toBe(`${ROOT}${prefix}services/${id}/`);
    },
  );

  test("talk's feed: media-failure's 2 visible updates and new-year's 2, titled with the service", async () => {
    const rss = await parseRss('services/talk/rss.xml');
    expect(rss.title).toBe('테스트 상태 · 톡 장애·점검 소식');
    expect(rss.items.map((i) => [i.title, i.link?.replace(ROOT, '')])).toEqual([
      ['[톡 · 원인 파악] 톡 사진 전송 장애', 'incidents/media-failure/#update-20240601-1100'],
      ['[톡 · 조사 중] 톡 사진 전송 장애', 'incidents/media-failure/#update-20240601-1005'],
      ['[톡 · 해결] 새해 메시지 지연', 'incidents/new-year/#update-20240101-0045'],
      ['[톡 · 조사 중] 새해 메시지 지연', 'incidents/new-year/#update-20231231-2340'],
    ]);
    const atom = await parseAtom('en/services/talk/feed.atom');
    expect(atom.title).toBe('Test Status: Talk incidents and maintenance');
    expect(atom.items[0]?.title).toBe('[Talk · Identified] Talk photo sending fails');
  });

  test('every URL in every feed is absolute under SITE_URL + BASE_PATH, and each feed has unique ids', async () => {
    const feeds = listFiles(site.outDir).filter((f) => /(rss\.xml|feed\.atom|feed\.json)$/.test(f));
    expect(feeds).toHaveLength(2 * (3 + 2 * SERVICES.length));
    for (const path of feeds) {
      const urls: string[] = [];
      const ids: string[] = [];
      if (path.endsWith('.json')) {
        const json = parseJson(path);
        urls.push(json.home_page_url, json.feed_url, ...json.items.flatMap((i) => [i.id, i.url]));
        ids.push(...json.items.map((i) => i.id));
      } else if (path.endsWith('.atom')) {
        const atom = await parseAtom(path);
        urls.push(atom.link ?? '', atom.feedUrl ?? '', atom.id ?? '', ...atom.items.map((i) => i.link ?? ''));
        ids.push(...atom.items.map((i) => i.id ?? ''));
      } else {
        const rss = await parseRss(path);
        urls.push(rss.link ?? '', rss.feedUrl ?? '', ...rss.items.map((i) => i.link ?? ''));
        ids.push(...rss.items.map((i) => i.guid ?? ''));
      }
      for (const url of urls) expect(url, path).toMatch(/^https:\/\/status\.example\.com\/status\//);
      expect(new Set(ids).size, path).toBe(ids.length);
    }
  });

  test('the update anchors feed items link to exist on the incident pages', async () => {
    const links = new Set([
      ...(await parseRss('rss.xml')).items.map((i) => i.link ?? ''),
      ...(await parseRss('en/rss.xml')).items.map((i) => i.link ?? ''),
    ]);
    for (const link of links) {
      const url = new URL(link);
      const $ = readPage(site.outDir, `${url.pathname.replace(/^\/status\//, '')}index.html`);
      if (url.hash) expect($(url.hash), link).toHaveLength(1);
      else expect($('h1').length, link).toBeGreaterThan(0);
    }
  });

  test('author HTML cannot run in any feed; updates after the build moment are in none', () => {
    for (const path of listFiles(site.outDir).filter((f) => /(rss\.xml|feed\.atom)$/.test(f))) {
      const text = readText(site.outDir, path);
      // Escaped once more inside the XML, the content is text: a raw tag would be `<script`.
      expect(text, path).not.toMatch(/<script|&lt;script|onerror=|javascript:/i);
      expect(text, path).not.toContain('이 업데이트는 기준 시각 이후입니다');
    }
    const json = parseJson('feed.json');
    for (const item of json.items) expect(item.content_html).not.toMatch(/<script|<img|onerror=|javascript:/i);
    expect(json.items.find((i) => i.id.endsWith('#update-20240601-1005'))?.content_html).toContain(
      '&lt;script&gt;alert(',
    );
  });
});
