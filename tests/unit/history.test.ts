/**
 * History pages: newest first, in pages, with month headings in the site
 * timezone (a late-evening incident in Seoul belongs to Seoul's month).
 */
import { describe, expect, test } from 'vitest';
import { HISTORY_PAGE_SIZE, paginateHistory, type HistoryPage } from '../../src/lib/history.ts';
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
