/**
 * History (issue 9): `/history/` keeps every incident and maintenance known
 * at the build's moment, the monthly archive holds each of them once, and
 * each service has a history page with its record by year. The sample
 * content built at 2024-06-01 12:00 KST (2020 to 2024).
 */
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { CheerioAPI } from 'cheerio';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadContentModel } from '../../src/data/read-content.ts';
import { getAffectedServiceIds, getStatusSnapshot } from '../../src/lib/status.ts';
import { parseDateTime } from '../../src/lib/time.ts';
import { getYearlyStats } from '../../src/lib/yearly.ts';
import { buildSite, readPage, ROOT, type BuildResult } from './helpers.ts';

const STATUS_NOW = '2024-06-01T12:00+09:00';
const model = loadContentModel(join(ROOT, 'content'), { fresh: true });
const now = parseDateTime(STATUS_NOW, 'Asia/Seoul') ?? Number.NaN;
const known = getStatusSnapshot(model, now).known.map((s) => s.incident.slug);
const FIRE = '2022-10-15-pangyo-datacenter-fire';

let site: BuildResult;
beforeAll(async () => {
  site = await buildSite({ STATUS_NOW, SITE_URL: 'https://status.example.com' });
  expect(site.code, site.stderr).toBe(0);
});
afterAll(() => {
  rmSync(site.outDir, { recursive: true, force: true });
});

/** The slugs a page lists as history rows, in order. */
const rowSlugs = ($: CheerioAPI) =>
  $('main .rows .row-title')
    .map((_, a) => /incidents\/([^/]+)\/$/.exec($(a).attr('href') ?? '')?.[1])
    .get();

/** A page file from a root-relative link. */
const fileOf = (href: string) => `${href.replace(/^\//, '')}index.html`;

describe.each([
  ['ko', ''],
  ['en', 'en/'],
] as const)('/%s', (_locale, prefix) => {
  test('/history/ lists every incident and maintenance known by then, newest first, each once', () => {
    const $ = readPage(site.outDir, `${prefix}history/index.html`);
    expect(rowSlugs($)).toEqual(known);
    expect(known.length).toBeGreaterThanOrEqual(11);
  });

  test('the archive index links every month once; each month page lists exactly its entries', () => {
    const $ = readPage(site.outDir, `${prefix}history/index.html`);
    const links = $('.archive a')
      .map((_, a) => $(a).attr('href'))
      .get();
    expect(links).toContain(`/${prefix}history/2024-05/`);
    expect(new Set(links).size).toBe(links.length);
    const listed = links.flatMap((href) => rowSlugs(readPage(site.outDir, fileOf(href))));
    expect(listed.toSorted()).toEqual(known.toSorted());
  });

  test('May 2024 has its three incidents, newest first, and links to the month before', () => {
    const $ = readPage(site.outDir, `${prefix}history/2024-05/index.html`);
    expect(rowSlugs($)).toEqual([
      '2024-05-21-kakaotalk-server-work-error',
      '2024-05-20-kakaotalk-load-balancer-error',
      '2024-05-13-kakaotalk-message-delay',
    ]);
    const months = $('nav.pager a')
      .map((_, a) => $(a).attr('href'))
      .get();
    expect(months).toContain(`/${prefix}history/2023-01/`);
    expect(months).toContain(`/${prefix}history/`);
    expect($('.archive [aria-current="page"]').text()).toMatch(/2024/);
  });

  test('each service page links to its history page, which lists what affected it', () => {
    for (const service of model.services) {
      const page = readPage(site.outDir, `${prefix}services/${service.id}/index.html`);
      expect(page(`a[href="/${prefix}services/${service.id}/history/"]`).length, service.id).toBe(1);
      const history = readPage(site.outDir, `${prefix}services/${service.id}/history/index.html`);
      const expected = getStatusSnapshot(model, now)
        .known.filter((s) => getAffectedServiceIds(s).includes(service.id))
        .map((s) => s.incident.slug);
      expect(rowSlugs(history), service.id).toEqual(expected);
    }
  });

  test('KakaoTalk by year: 2020 to 2024, the same numbers in the table and the chart', () => {
    const $ = readPage(site.outDir, `${prefix}services/kakaotalk/history/index.html`);
    const years = getYearlyStats(model, 'kakaotalk', now, 'Asia/Seoul');
    const chart = $('.chart li')
      .map((_, li) => [[$(li).attr('data-year'), $(li).attr('data-incidents'), $(li).find('.chart-n').text()]])
      .get() as string[][];
    const count = (n: number) => (prefix === '' ? `${n}건` : String(n));
    expect(chart).toEqual(years.map((y) => [String(y.year), String(y.incidents), count(y.incidents)]));
    expect(chart.map(([year, n]) => [year, n])).toEqual([
      ['2020', '3'],
      ['2021', '2'],
      ['2022', '1'],
      ['2023', '1'],
      ['2024', '3'],
    ]);
    // The table, newest year first.
    const rows = $('table tbody tr')
      .toArray()
      .map((tr) =>
        $(tr)
          .find('th, td')
          .toArray()
          .map((c) => $(c).text().trim().replace(/\s+/g, ' ')),
      );
    expect(rows.map((r) => r[0])).toEqual(['2024', '2023', '2022', '2021', '2020']);
    const fireRow = rows.find((r) => r[0] === '2022') ?? [];
    expect(fireRow[1]).toBe(count(1));
    expect(fireRow[3]).toBe(prefix === '' ? '5일 7시간 30분' : '5 d 7 h 30 min');
    expect($('table tbody tr[data-year="2022"] a').attr('href')).toBe(`/${prefix}incidents/${FIRE}/`);
  });
});

test('a maintenance is history, not an incident: KakaoStory lists it, its 2020 count leaves it out', () => {
  const $ = readPage(site.outDir, 'services/kakaostory/history/index.html');
  expect(rowSlugs($)).toContain('2020-03-02-kakaostory-emergency-maintenance');
  const year2020 = getYearlyStats(model, 'kakaostory', now, 'Asia/Seoul').find((y) => y.year === 2020);
  expect(year2020?.incidents).toBe(0);
  expect($('.chart li[data-year="2020"]').attr('data-incidents')).toBe('0');
});

test('no page is built for a month without entries', () => {
  expect(existsSync(join(site.outDir, 'history/2024-04/index.html'))).toBe(false);
  expect(existsSync(join(site.outDir, 'history/2024-05/index.html'))).toBe(true);
});
