/**
 * The history pages: every incident and maintenance known at the moment,
 * newest first, in pages of a fixed size with month headings inside.
 */
import type { IncidentSnapshot } from './status.ts';
import type { Translate } from './i18n/translate.ts';
import { toMonthKey } from './time.ts';

/** Entries per history page: enough for a few busy months, small enough for a phone. */
export const HISTORY_PAGE_SIZE = 30;

export interface HistoryMonth {
  /** `YYYY-MM` in the site timezone. */
  key: string;
  entries: IncidentSnapshot[];
}

export interface HistoryPage {
  /** 1-based. */
  page: number;
  pages: number;
  months: HistoryMonth[];
}

/** The entries a history page lists, newest first. */
export function getPageEntries(history: HistoryPage): IncidentSnapshot[] {
  return history.months.flatMap((m) => m.entries);
}

/**
 * Splits `entries` (newest first) into pages, each grouped by the month the
 * entry started in. Always returns at least one (possibly empty) page.
 */
export function paginateHistory(
  entries: readonly IncidentSnapshot[],
  timezone: string,
  pageSize = HISTORY_PAGE_SIZE,
): HistoryPage[] {
  const pages = Math.max(1, Math.ceil(entries.length / pageSize));
  return Array.from({ length: pages }, (_, i) => {
    const months: HistoryMonth[] = [];
    for (const entry of entries.slice(i * pageSize, (i + 1) * pageSize)) {
      const key = toMonthKey(entry.incident.started, timezone);
      const last = months.at(-1);
      if (last?.key === key) last.entries.push(entry);
      else months.push({ key, entries: [entry] });
    }
    return { page: i + 1, pages, months };
  });
}

/** Entries per page of a month's archive: a month is one page unless it was extraordinary. */
export const MONTH_PAGE_SIZE = 100;

/** A month of the archive index. */
export interface ArchiveMonth {
  /** `YYYY-MM` in the site timezone. */
  key: string;
  /** Entries that started that month. */
  count: number;
}

/** One page of a month's archive. */
export interface MonthPage {
  /** `YYYY-MM` in the site timezone. */
  month: string;
  /** 1-based, within the month. */
  page: number;
  pages: number;
  /** Newest first. */
  entries: IncidentSnapshot[];
  /** The months before and after it that have entries, if any. */
  older: string | undefined;
  newer: string | undefined;
}

/**
 * The months that have entries, newest first, each with its count: the
 * archive index. Every entry is in exactly one month, the one (in the site
 * timezone) it started in.
 * @example getArchiveMonths(snapshot.known, 'Asia/Seoul') // [{ key: '2024-05', count: 3 }, { key: '2023-01', count: 1 }, ...]
 */
export function getArchiveMonths(entries: readonly IncidentSnapshot[], timezone: string): ArchiveMonth[] {
  return groupByMonth(entries, timezone).map(({ key, entries: month }) => ({ key, count: month.length }));
}

/**
 * The monthly archive: each month that has entries (`entries` newest first),
 * in pages of `pageSize`, with links to the neighbouring months.
 */
export function paginateMonths(
  entries: readonly IncidentSnapshot[],
  timezone: string,
  pageSize = MONTH_PAGE_SIZE,
): MonthPage[] {
  const months = groupByMonth(entries, timezone);
  return months.flatMap(({ key, entries: month }, i) => {
    const pages = Math.ceil(month.length / pageSize);
    return Array.from({ length: pages }, (_, p) => ({
      month: key,
      page: p + 1,
      pages,
      entries: month.slice(p * pageSize, (p + 1) * pageSize),
      newer: months[i - 1]?.key,
      older: months[i + 1]?.key,
    }));
  });
}

/**
 * Entries by the month they started in, newest month first, each month
 * keeping the order of `entries`. Grouped by key, not by runs, so a month
 * is one group even if `entries` were not sorted.
 */
function groupByMonth(entries: readonly IncidentSnapshot[], timezone: string): HistoryMonth[] {
  const byMonth = new Map<string, IncidentSnapshot[]>();
  for (const entry of entries) {
    const key = toMonthKey(entry.incident.started, timezone);
    const month = byMonth.get(key);
    if (month) month.push(entry);
    else byMonth.set(key, [entry]);
  }
  return [...byMonth].sort(([a], [b]) => (a < b ? 1 : a > b ? -1 : 0)).map(([key, month]) => ({ key, entries: month }));
}

/**
 * The title of one page of a paginated list: the heading alone on a single
 * page, with the page number otherwise.
 * @example getPageTitle('지난 기록', 2, 5, t) // '지난 기록 (2 / 5 페이지)'
 */
export function getPageTitle(heading: string, page: number, pages: number, t: Translate): string {
  return pages > 1 ? `${heading} (${t('history.page', { page, pages })})` : heading;
}
