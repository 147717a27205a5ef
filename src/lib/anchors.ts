/**
 * Fragment ids of timeline entries. They are links in feeds (and so RSS
 * guids), which must stay stable when an operator appends a new update: they
 * come from the update's time, not its position.
 */
import type { Update } from './model.ts';
import type { IncidentSnapshot } from './status.ts';
import { toIsoString } from './time.ts';

/**
 * `update-20221015-1550` for each update (site time). Updates in the same
 * minute are numbered in file order: the first keeps the plain id, the
 * second gets `-2`, so adding a third never renames the first two.
 *
 * @param updates the incident's updates in authored order (`incident.updates`),
 *   not a filtered or reversed copy.
 */
export function getUpdateAnchors(updates: readonly Update[], timezone: string): Map<Update, string> {
  const anchors = new Map<Update, string>();
  const used = new Map<string, number>();
  for (const update of updates) {
    const iso = toIsoString(update.at, timezone); // 2022-10-15T15:50:00+09:00
    const key = `update-${iso.slice(0, 10).replaceAll('-', '')}-${iso.slice(11, 13)}${iso.slice(14, 16)}`;
    const count = (used.get(key) ?? 0) + 1;
    used.set(key, count);
    anchors.set(update, count === 1 ? key : `${key}-${count}`);
  }
  return anchors;
}

/**
 * The anchors of every update a snapshot shows: the incident's own (numbered
 * as {@link getUpdateAnchors} does) and a synthetic opening entry, which comes
 * first in time and exists only while no authored update is known.
 */
export function getSnapshotAnchors(snapshot: IncidentSnapshot, timezone: string): Map<Update, string> {
  const opening = snapshot.updates.filter((u) => u.synthetic === 'opened');
  return getUpdateAnchors([...opening, ...snapshot.incident.updates], timezone);
}
