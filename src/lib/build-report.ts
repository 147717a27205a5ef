/**
 * What a build leaves out, said in one warning (SPEC.md: "The build says what
 * it hides"). A static page is true as of its moment, so content dated after
 * it is not shown; a mistyped year would otherwise hide an incident for a year
 * without a word.
 */
import type { Incident, StatusModel } from './model.ts';
import { getIncidentSnapshot } from './status.ts';
import { formatDateTime, type Instant } from './time.ts';

/** How many files a warning names before it says "and N more". */
const NAMED = 5;

/** The content not shown at a moment. */
export interface HiddenContent {
  /** Incidents and maintenance nobody knew of yet (not started; maintenance not announced), soonest first. */
  unknown: Incident[];
  /** Updates of shown incidents announced after the moment. */
  laterUpdates: number;
}

/**
 * What the page at `at` leaves out of `model`.
 * @example getHiddenContent(sample, Date.parse('2022-10-16T08:30+09:00')).unknown.length // 4 (2023-2024)
 */
export function getHiddenContent(model: StatusModel, at: Instant): HiddenContent {
  const unknown: Incident[] = [];
  let laterUpdates = 0;
  for (const incident of model.incidents) {
    const snapshot = getIncidentSnapshot(incident, at);
    if (!snapshot) unknown.push(incident);
    else laterUpdates += incident.updates.filter((u) => u.at > at && !u.synthetic).length;
  }
  unknown.sort((a, b) => firstKnown(a) - firstKnown(b) || (a.file < b.file ? -1 : 1));
  return { unknown, laterUpdates };
}

/**
 * When an entry becomes known: an incident at its start, a maintenance at its
 * first update (one without updates is always known: see getIncidentSnapshot).
 */
function firstKnown(incident: Incident): Instant {
  return Math.min(incident.started, incident.updates[0]?.at ?? Number.POSITIVE_INFINITY);
}

/**
 * The warning for {@link HiddenContent}, or `undefined` when nothing is left out.
 * `explicit`: the moment came from STATUS_NOW, not the clock.
 * @example
 * // '3 incidents or maintenance are after 2022-10-16 08:30 KST (STATUS_NOW) and not shown: incidents/2023/a.md (2023-01-17 14:09 KST), …'
 */
export function describeHiddenContent(
  hidden: HiddenContent,
  at: Instant,
  timezone: string,
  explicit: boolean,
): string | undefined {
  const { unknown, laterUpdates } = hidden;
  if (unknown.length === 0 && laterUpdates === 0) return undefined;
  const moment = `${formatDateTime(at, timezone)} (${explicit ? 'STATUS_NOW' : "the build's clock"})`;
  const parts: string[] = [];
  if (unknown.length > 0) {
    const named = unknown
      .slice(0, NAMED)
      .map((incident) => `${incident.file} (${formatDateTime(firstKnown(incident), timezone)})`);
    const more = unknown.length > NAMED ? `, and ${unknown.length - NAMED} more` : '';
    const n = unknown.length;
    parts.push(
      `${n} ${n === 1 ? 'incident or maintenance is' : 'incidents or maintenance are'} not known yet at ${moment} and not shown: ${named.join(', ')}${more}`,
    );
  }
  if (laterUpdates > 0) {
    parts.push(
      `${laterUpdates} later update${laterUpdates === 1 ? '' : 's'} of shown incidents ${laterUpdates === 1 ? 'is' : 'are'} hidden${unknown.length > 0 ? '' : ` as of ${moment}`}`,
    );
  }
  return `${parts.join('; ')}.`;
}
