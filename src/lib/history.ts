/**
 * The history pages: every incident and maintenance known at the moment,
 * newest first, in pages of a fixed size with month headings inside.
 */
import type { IncidentSnapshot } from './status.ts';
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
