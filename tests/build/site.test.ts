/**
 * Builds fixture content folders with the real `astro build` and checks dist/
 * through the SPEC's hooks, as a script, a browser without JavaScript and a
 * feed reader would.
 */
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Parser from 'rss-parser';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildSite, FIXTURES, hashTree, listFiles, readPage, readText, type BuildResult } from './helpers.ts';

const NOW = '2024-06-01T12:00:00+09:00';
const SITE_URL = 'https://status.example.com';
const builds: BuildResult[] = [];
afterAll(() => {
  for (const build of builds) rmSync(build.outDir, { recursive: true, force: true });
});
async function build(env: Record<string, string | undefined>): Promise<BuildResult> {
  const result = await buildSite(env);
  builds.push(result);
  return result;
}

describe('a fixture with every state, built at 2024-06-01 12:00 KST on a machine in Los Angeles', () => {
  let site: BuildResult;
  beforeAll(async () => {
    site = await build({
      STATUS_CONTENT_DIR: join(FIXTURES, 'basic'),
      STATUS_NOW: NOW,
      SITE_URL,
      TZ: 'America/Los_Angeles',
    });
    expect(site.code, site.stderr).toBe(0);
  });

  test('the overview banner carries the worst open impact', () => {
    const $ = readPage(site.outDir, 'index.html');
    expect($('[data-indicator]').attr('data-indicator')).toBe('major');
    expect($('[data-indicator] h1').text()).toBe('일부 서비스 장애');
    // What still works first (Talk's messages), as much as fits three lines on a phone; the rest counted.
    expect(
      $('[data-indicator] .banner-lines li')
        .map((_, li) => $(li).text())
        .get(),
    ).toEqual(['톡: 메시지 송수신 가능, 사진·동영상 전송 불가']);
    expect($('[data-indicator] .banner-more a').text()).toBe('외 2개 서비스: 서비스별 상태 보기');
    expect($('[data-indicator] .banner-more a').attr('href')).toBe('#services');
  });

  test.each([
    ['talk', 'partial_outage', { msg: 'operational', media: 'major_outage' }],
    ['bank', 'major_outage', { transfer: 'major_outage' }],
    ['taxi', 'operational', {}],
    ['story', 'under_maintenance', { posting: 'under_maintenance' }],
  ])('service %s is %s with its features', (id, status, features) => {
    for (const page of ['index.html', 'en/index.html', `services/${id}/index.html`]) {
      const $ = readPage(site.outDir, page);
      const service = $(`[data-service="${id}"]`);
      expect(service, page).toHaveLength(1);
      expect(service.attr('data-status'), page).toBe(status);
      const shown: Record<string, string | undefined> = {};
      service.find('[data-feature]').each((_, el) => {
        shown[$(el).attr('data-feature') ?? ''] = $(el).attr('data-status');
      });
      expect(shown, page).toEqual(features);
    }
  });

  test('the degraded-feature note says what works, next to the service', () => {
    const $ = readPage(site.outDir, 'index.html');
    expect($('[data-service="talk"] .notes').text()).toContain('텍스트 메시지는 송수신 가능, 사진·동영상 전송 불가');
    const $en = readPage(site.outDir, 'en/index.html');
    expect($en('[data-service="talk"] .notes').text()).toContain(
      'Text messages work; photos and videos cannot be sent.',
    );
  });

  test('open incidents, maintenance in progress and upcoming maintenance are marked', () => {
    const $ = readPage(site.outDir, 'index.html');
    expect(
      $('[data-incident]')
        .map((_, el) => $(el).attr('data-incident'))
        .get()
        .sort(),
    ).toEqual(['bank-outage', 'media-failure']);
    expect($('[data-maintenance="maintenance-now"]').attr('data-state')).toBe('in_progress');
    expect($('[data-maintenance="maintenance-next"]').attr('data-state')).toBe('scheduled');
  });

  test('the timeline shows updates known at the moment, newest first', () => {
    const $ = readPage(site.outDir, 'index.html');
    const times = $('[data-incident="media-failure"] .timeline time')
      .map((_, el) => $(el).attr('datetime'))
      .get();
    expect(times).toEqual(['2024-06-01T11:00:00+09:00', '2024-06-01T10:05:00+09:00']);
    expect($.html()).not.toContain('이 업데이트는 기준 시각 이후입니다');
  });

  test('every page says the moment it describes, in KST, and every time has a datetime with offset', () => {
    const closed: string[] = [];
    for (const page of listFiles(site.outDir).filter((f) => f.endsWith('.html'))) {
      const $ = readPage(site.outDir, page);
      const asOf = $('[data-generated-at]');
      if (asOf.is('[data-closed]')) {
        // A closed record (or a list of nothing else): when it last changed, which is before the
        // moment, and it says that it is closed.
        closed.push(page);
        expect(Date.parse(asOf.attr('data-generated-at') ?? ''), page).toBeLessThan(Date.parse(NOW));
        expect(asOf.text(), page).toMatch(/^(종료된 기록|모두 종료된 기록|Closed record|All closed) · /);
      } else {
        expect(asOf.attr('data-generated-at'), page).toBe(NOW);
        expect(asOf.text(), page).toMatch(/2024-06-01 12:00 KST/);
      }
      $('time').each((_, el) => {
        expect($(el).attr('datetime'), page).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+09:00$/);
      });
    }
    // A resolved incident's page: closed as of its last timeline entry. An open one is of the moment.
    expect(closed).toContain('incidents/new-year/index.html');
    expect(closed).not.toContain('incidents/media-failure/index.html');
    const $ = readPage(site.outDir, 'incidents/new-year/index.html');
    const latest = $('.timeline time')
      .map((_, el) => Date.parse($(el).attr('datetime') ?? ''))
      .get();
    expect(Date.parse($('[data-generated-at]').attr('data-generated-at') ?? '')).toBe(Math.max(...latest));
    expect($('[data-generated-at]').text()).toMatch(/^종료된 기록 · 마지막 업데이트 \d{4}-\d\d-\d\d \d\d:\d\d KST$/);
  });

  test('no inline script: the one script is the live one, a same-origin file; author HTML cannot run', () => {
    const live = /^(?:|en\/)(?:index\.html|incidents\/[^/]+\/index\.html|services\/[^/]+\/index\.html)$/;
    for (const page of listFiles(site.outDir).filter((f) => f.endsWith('.html'))) {
      const $ = readPage(site.outDir, page);
      const run = $('script:not([type="application/json"])');
      // A closed record changes only with its file: nothing to keep current.
      if (live.test(page) && $('[data-closed]').length === 0) {
        expect(run.length, page).toBe(1);
        expect(run.attr('type'), page).toBe('module');
        expect(run.attr('src'), page).toMatch(/^\/_astro\/[\w.-]+\.js$/);
        expect(run.html(), page).toBe('');
        // Its data: a block that never runs, and parses.
        expect(JSON.parse($('script#live-data[type="application/json"]').text()), page).toHaveProperty('changes');
      } else {
        expect($('script').length, page).toBe(0);
      }
      expect($('[onerror], [onclick], [onload]').length, page).toBe(0);
      expect($('a[href^="javascript:"]').length, page).toBe(0);
    }
    const $ = readPage(site.outDir, 'incidents/media-failure/index.html');
    expect($('.timeline').text()).toContain("<script>alert('xss')</script>");
  });

  test('incident, service, history and 404 pages exist in both locales; later incidents do not', () => {
    const files = listFiles(site.outDir);
    for (const path of [
      'incidents/media-failure/index.html',
      'incidents/new-year/index.html',
      'incidents/maintenance-next/index.html',
      'en/incidents/media-failure/index.html',
      'services/taxi/index.html',
      'en/services/taxi/index.html',
      'history/index.html',
      'en/history/index.html',
      '404.html',
      'rss.xml',
      'en/rss.xml',
    ]) {
      expect(files).toContain(path);
    }
    expect(files.filter((f) => f.includes('future'))).toEqual([]);
  });

  test('the English pages are translated, with author text in English where written', () => {
    const $ = readPage(site.outDir, 'en/index.html');
    expect($('html').attr('lang')).toBe('en');
    expect($('[data-indicator] h1').text()).toBe('Some services are down');
    expect($('[data-indicator] .banner-lines li').eq(0).text()).toBe('Talk: Messages working; Photos and videos down');
    expect($('[data-generated-at]').text()).toBe('As of 2024-06-01 12:00 KST');
    expect($('[data-incident="media-failure"] .card-title').text().trim()).toBe('Talk photo sending fails');
    expect($('a[hreflang="ko"]').attr('href')).toBe('/');
  });

  test('history lists everything known, newest first, grouped by month in KST', () => {
    const $ = readPage(site.outDir, 'history/index.html');
    expect(
      $('h2')
        .map((_, el) => $(el).text())
        .get()
        .slice(0, 2),
    ).toEqual(['2024년 6월', '2023년 12월']);
    const titles = $('.row-title')
      .map((_, el) => $(el).text())
      .get();
    expect(titles[0]).toBe('택시 서버 점검');
    expect(titles.at(-1)).toBe('새해 메시지 지연');
  });

  test('the RSS feed has one item per update, readable by a feed parser', async () => {
    const feed = await new Parser().parseString(readText(site.outDir, 'rss.xml'));
    // media-failure: 2 visible updates; new-year: 2; maintenance-now: 2; maintenance-next: 1; bank-outage: none -> 1
    expect(feed.items).toHaveLength(8);
    expect(new Set(feed.items.map((i) => i.guid)).size).toBe(8);
    expect(feed.items.map((i) => i.title)).toContain('[톡 · 원인 파악] 톡 사진 전송 장애');
    expect(feed.items.map((i) => i.title)).toContain('[뱅크 · 조사 중] 뱅크 접속 장애');
    expect(feed.items[0]?.title).toBe('[뱅크 · 조사 중] 뱅크 접속 장애');
    for (const item of feed.items) {
      expect(item.link).toMatch(/^https:\/\/status\.example\.com\/incidents\/[a-z0-9-]+\/(#update-\d{8}-\d{4})?$/);
      expect(item.content ?? '').not.toMatch(/<script|onerror|javascript:/i);
    }
    const xml = readText(site.outDir, 'rss.xml');
    expect(xml).toContain(
      '<atom:link href="https://status.example.com/rss.xml" rel="self" type="application/rss+xml"/>',
    );
    expect(xml).not.toContain('이 업데이트는 기준 시각 이후입니다');
  });

  test('the update anchors that feed items link to exist on the incident page', async () => {
    const feed = await new Parser().parseString(readText(site.outDir, 'rss.xml'));
    for (const item of feed.items) {
      const url = new URL(item.link ?? '');
      if (!url.hash) continue;
      const $ = readPage(site.outDir, `${url.pathname.slice(1)}index.html`);
      expect($(url.hash), item.link).toHaveLength(1);
    }
  });
});

describe('determinism and time', () => {
  test('the same content and STATUS_NOW give byte-identical dist/ on machines in different timezones', async () => {
    const env = { STATUS_CONTENT_DIR: 'tests/fixtures/basic', STATUS_NOW: NOW, SITE_URL };
    const [utc, kathmandu] = await Promise.all([build({ ...env, TZ: 'UTC' }), build({ ...env, TZ: 'Asia/Kathmandu' })]);
    expect(utc.code, utc.stderr).toBe(0);
    expect(kathmandu.code, kathmandu.stderr).toBe(0);
    expect(hashTree(utc.outDir)).toBe(hashTree(kathmandu.outDir));
  });
});

describe('the sample content', () => {
  test('during the 2022 Pangyo fire everything is down; today everything works', async () => {
    const [fire, today] = await Promise.all([
      build({ STATUS_NOW: '2022-10-15T17:00:00+09:00', SITE_URL }),
      build({ STATUS_NOW: '2026-11-22T12:00:00+09:00', SITE_URL }),
    ]);
    expect(fire.code, fire.stderr).toBe(0);
    const $fire = readPage(fire.outDir, 'index.html');
    expect($fire('[data-indicator]').attr('data-indicator')).toBe('critical');
    for (const id of ['kakaotalk', 'kakaobank', 'kakao-t', 'kakaostory']) {
      expect($fire(`[data-service="${id}"]`).attr('data-status')).toBe('major_outage');
    }
    expect($fire('[data-incident="2022-10-15-pangyo-datacenter-fire"] .state').first().text()).toBe('원인 파악');

    expect(today.code, today.stderr).toBe(0);
    const $today = readPage(today.outDir, 'index.html');
    expect($today('[data-indicator]').attr('data-indicator')).toBe('none');
    expect(
      $today('[data-service]')
        .map((_, el) => $today(el).attr('data-status'))
        .get(),
    ).toEqual(Array(4).fill('operational'));
    expect($today('[data-incident]')).toHaveLength(0);
  });
});

describe('under a sub-path', () => {
  test('every link, asset and feed URL carries BASE_PATH', async () => {
    const site = await build({
      STATUS_CONTENT_DIR: 'tests/fixtures/basic',
      STATUS_NOW: NOW,
      SITE_URL,
      BASE_PATH: '/status/',
    });
    expect(site.code, site.stderr).toBe(0);
    for (const page of listFiles(site.outDir).filter((f) => f.endsWith('.html'))) {
      const $ = readPage(site.outDir, page);
      $('[href], [src]').each((_, el) => {
        const url = $(el).attr('href') ?? $(el).attr('src') ?? '';
        if (/^(https?:|webcal:|data:|#|mailto:)/.test(url)) {
          if (/^(https|webcal):\/\/status\.example\.com/.test(url)) {
            expect(url, page).toMatch(/^(https|webcal):\/\/status\.example\.com\/status\//);
          }
          return;
        }
        expect(url, `${page}: ${url}`).toMatch(/^\/status\//);
      });
    }
    const feed = await new Parser().parseString(readText(site.outDir, 'rss.xml'));
    expect(feed.items.every((i) => i.link?.startsWith('https://status.example.com/status/incidents/'))).toBe(true);
    expect(readText(site.outDir, 'rss.xml')).toContain('href="https://status.example.com/status/rss.xml" rel="self"');
  });
});

describe('broken content', () => {
  test('the build fails, names every problem on its own line and writes no page', async () => {
    const site = await build({ STATUS_CONTENT_DIR: join(FIXTURES, 'broken'), STATUS_NOW: NOW });
    expect(site.code).not.toBe(0);
    const lines = site.stderr.split('\n');
    const expected = [
      /^incidents\/a\.md: affected\[0\]\.status: "partial" is not a component status; allowed: operational, under_maintenance, degraded_performance, partial_outage, major_outage \(did you mean "partial_outage"\?\)$/,
      /^incidents\/b\.md: resolved: 2024-06-01 09:00 KST is before started 2024-06-01 10:00 KST; .+$/,
      /^incidents\/b\.md: updates\[1\]\.at: 2024-06-01 10:10 KST is before the previous update \(2024-06-01 10:30 KST\); list updates oldest first$/,
      /^incidents\/c\.md: scheduled: is required for maintenance; .+$/,
      /^incidents\/d\.md: affected\[0\]\.features\.photo: unknown feature "photo" of service "talk"; its features: msg$/,
      /^incidents\/d\.md: resolved: 2024-06-01 12:00 KST disagrees with the "resolved" update at 2024-06-01 11:00 KST .+$/,
      /^incidents\/e\.md: affected\[0\]\.service: unknown service "tlak"; known services: talk \(did you mean "talk"\?\)$/,
      /^incidents\/sub\/a\.md: \(file name\): slug "a" is also used by incidents\/a\.md; slugs must be unique across sub-folders$/,
    ];
    for (const pattern of expected)
      expect(
        lines.some((line) => pattern.test(line)),
        `${pattern}\n${site.stderr}`,
      ).toBe(true);
    expect(existsSync(join(site.outDir, 'index.html'))).toBe(false);
    expect(listFiles(site.outDir).filter((f) => f.endsWith('.html'))).toEqual([]);
  });

  test('a bad STATUS_NOW stops the build with a clear message', async () => {
    const site = await build({ STATUS_CONTENT_DIR: join(FIXTURES, 'basic'), STATUS_NOW: 'yesterday' });
    expect(site.code).not.toBe(0);
    expect(site.stderr).toContain(
      '(environment): STATUS_NOW: "yesterday" is not a date-time; expected an ISO 8601 date-time',
    );
    expect(existsSync(join(site.outDir, 'index.html'))).toBe(false);
  });
});
