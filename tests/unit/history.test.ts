/**
 * History pages: newest first, in pages, with month headings in the site
 * timezone (a late-evening incident in Seoul belongs to Seoul's month).
 */
import { describe, expect, test } from 'vitest';
import {
  getArchiveMonths,
  HISTORY_PAGE_SIZE,
  MONTH_PAGE_SIZE,
  paginateHistory,
  paginateMonths,
  type HistoryPage,
} from '../../src/lib/history.ts';
import type { StatusModel } from '../../src/lib/model.ts';
import { getStatusSnapshot } from '../../src/lib/status.ts';
import { buildModel, contentWith, incidentFields, incidentFile, kst, siteYaml } from './builders.ts';

/** A model with one resolved incident per start time (site timezone Asia/Seoul unless given). */
function modelWith(starts: readonly string[], timezone = 'Asia/Seoul'): StatusModel {
  return buildModel(
    contentWith(
      siteYaml({ timezone }),
      ...starts.map((started, i) =>
        incidentFile(`incident-${String(i).padStart(3, '0')}`, incidentFields({ started, resolved: undefined })),
      ),
    ),
  );
}

/** `[page, pages, [[month, slugs]]]` of each page, to compare at a glance. */
function outline(pages: HistoryPage[]) {
  return pages.map((p) => [p.page, p.pages, p.months.map((m) => [m.key, m.entries.map((e) => e.incident.slug)])]);
}

const LATER = kst('2030-01-01T00:00');

describe('month grouping in the site timezone', () => {
  test('an incident at 2022-10-31 23:30 KST (14:30Z) is in October', () => {
    const model = modelWith(['2022-10-31T23:30+09:00', '2022-11-01T00:30+09:00']);
    const pages = paginateHistory(getStatusSnapshot(model, LATER).known, 'Asia/Seoul');
    expect(outline(pages)).toEqual([
      [
        1,
        1,
        [
          ['2022-11', ['incident-001']],
          ['2022-10', ['incident-000']],
        ],
      ],
    ]);
  });

  test('the same instants in a UTC site are both in October', () => {
    const model = modelWith(['2022-10-31T23:30+09:00', '2022-11-01T00:30+09:00'], 'UTC');
    const pages = paginateHistory(getStatusSnapshot(model, LATER).known, 'UTC');
    expect(outline(pages)).toEqual([[1, 1, [['2022-10', ['incident-001', 'incident-000']]]]]);
  });
});

describe('pagination', () => {
  const starts = ['2022-10-15T15:30', '2022-10-01T10:00', '2022-09-20T10:00', '2022-09-10T10:00', '2022-07-01T10:00'];
  const known = getStatusSnapshot(modelWith(starts), LATER).known;

  test('pages of the given size, newest first, months split where pages split', () => {
    expect(outline(paginateHistory(known, 'Asia/Seoul', 2))).toEqual([
      [1, 3, [['2022-10', ['incident-000', 'incident-001']]]],
      [2, 3, [['2022-09', ['incident-002', 'incident-003']]]],
      [3, 3, [['2022-07', ['incident-004']]]],
    ]);
    expect(outline(paginateHistory(known, 'Asia/Seoul', 3))).toEqual([
      [
        1,
        2,
        [
          ['2022-10', ['incident-000', 'incident-001']],
          ['2022-09', ['incident-002']],
        ],
      ],
      [
        2,
        2,
        [
          ['2022-09', ['incident-003']],
          ['2022-07', ['incident-004']],
        ],
      ],
    ]);
  });

  test('everything fits on one page by default', () => {
    expect(outline(paginateHistory(known, 'Asia/Seoul'))).toEqual([
      [
        1,
        1,
        [
          ['2022-10', ['incident-000', 'incident-001']],
          ['2022-09', ['incident-002', 'incident-003']],
          ['2022-07', ['incident-004']],
        ],
      ],
    ]);
  });

  test(`the default page size is ${HISTORY_PAGE_SIZE}`, () => {
    const many = Array.from({ length: HISTORY_PAGE_SIZE + 1 }, (_, i) => `2022-01-01T10:${String(i).padStart(2, '0')}`);
    const pages = paginateHistory(getStatusSnapshot(modelWith(many), LATER).known, 'Asia/Seoul');
    expect(pages.map((p) => [p.page, p.pages, p.months.flatMap((m) => m.entries).length])).toEqual([
      [1, 2, HISTORY_PAGE_SIZE],
      [2, 2, 1],
    ]);
  });

  test('no history: one empty page', () => {
    expect(paginateHistory([], 'Asia/Seoul')).toEqual([{ page: 1, pages: 1, months: [] }]);
  });

  test('only what was known at the moment is in the history', () => {
    const atFire = getStatusSnapshot(modelWith(starts), kst('2022-10-01T12:00')).known;
    expect(outline(paginateHistory(atFire, 'Asia/Seoul'))).toEqual([
      [
        1,
        1,
        [
          ['2022-10', ['incident-001']],
          ['2022-09', ['incident-002', 'incident-003']],
          ['2022-07', ['incident-004']],
        ],
      ],
    ]);
  });
});

describe('the monthly archive', () => {
  const starts = [
    '2024-05-21T08:30',
    '2024-05-13T13:44',
    '2023-01-17T14:09',
    // 23:30 KST on 31 October is October in Seoul (14:30 UTC).
    '2022-10-31T23:30',
    '2022-10-15T15:30',
  ];
  const known = getStatusSnapshot(modelWith(starts), LATER).known;

  test('the index: months with entries, newest first, with counts', () => {
    expect(getArchiveMonths(known, 'Asia/Seoul')).toEqual([
      { key: '2024-05', count: 2 },
      { key: '2023-01', count: 1 },
      { key: '2022-10', count: 2 },
    ]);
    expect(getArchiveMonths([], 'Asia/Seoul')).toEqual([]);
  });

  test('one page per month, newest first inside, with the neighbouring months', () => {
    const pages = paginateMonths(known, 'Asia/Seoul');
    expect(
      pages.map((p) => [p.month, p.page, p.pages, p.entries.map((e) => e.incident.slug), p.newer, p.older]),
    ).toEqual([
      ['2024-05', 1, 1, ['incident-000', 'incident-001'], undefined, '2023-01'],
      ['2023-01', 1, 1, ['incident-002'], '2024-05', '2022-10'],
      ['2022-10', 1, 1, ['incident-003', 'incident-004'], '2023-01', undefined],
    ]);
  });

  test('a month with more than a page of entries is split into pages; every entry is in exactly one', () => {
    const many = Array.from({ length: 7 }, (_, i) => `2024-05-${String(i + 1).padStart(2, '0')}T10:00`);
    const all = getStatusSnapshot(modelWith([...many, '2024-04-30T10:00']), LATER).known;
    const pages = paginateMonths(all, 'Asia/Seoul', 3);
    expect(pages.map((p) => [p.month, p.page, p.pages, p.entries.length])).toEqual([
      ['2024-05', 1, 3, 3],
      ['2024-05', 2, 3, 3],
      ['2024-05', 3, 3, 1],
      ['2024-04', 1, 1, 1],
    ]);
    const slugs = pages.flatMap((p) => p.entries.map((e) => e.incident.slug));
    expect(slugs.toSorted()).toEqual(all.map((e) => e.incident.slug).toSorted());
    expect(new Set(slugs).size).toBe(all.length);
  });

  test(`the default month page holds ${MONTH_PAGE_SIZE}`, () => {
    const many = Array.from({ length: MONTH_PAGE_SIZE + 1 }, (_, i) => kstMinute('2024-05-01T00:00', i));
    const pages = paginateMonths(getStatusSnapshot(modelWith(many), LATER).known, 'Asia/Seoul');
    expect(pages.map((p) => p.entries.length)).toEqual([MONTH_PAGE_SIZE, 1]);
  });
});

/** `YYYY-MM-DDTHH:mm` `minutes` after `start` (KST wall clock, no DST in Seoul). */
function kstMinute(start: string, minutes: number): string {
  return new Date(Date.parse(`${start}Z`) + minutes * 60_000).toISOString().slice(0, 16);
}
