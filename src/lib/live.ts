/**
 * What the page hands its live script (src/scripts/live.ts), embedded as JSON
 * in every page that has the script: the moment the page describes, when it
 * counts as stale, where to ask for a newer build, the words it may need, and
 * the changes the clock alone will make (maintenance windows that start or
 * end while the page is open), each computed at build time by the status
 * engine itself (status.ts, getScheduledSnapshots). The browser applies them;
 * it has no status rule of its own.
 */
import { getBannerView, type BannerView } from './banner.ts';
import type { LocalizedText } from './i18n/locales.ts';
import type { Translate } from './i18n/translate.ts';
import type { StatusSnapshot } from './status.ts';
import { toIsoString } from './time.ts';
import { COMPONENT_STATUSES, MAINTENANCE_STATES, type ComponentStatus, type UpdateState } from './vocabulary.ts';

/** The banner's parts, as scripts/live.ts writes them. */
export type LiveBanner = Pick<BannerView, 'indicator' | 'tone' | 'headline' | 'lines' | 'moreText' | 'advice'>;

/** One moment at which the page changes by itself. */
export interface LiveChange {
  /** ISO 8601 with the site's offset. */
  at: string;
  /** The banner from that moment on. */
  banner: LiveBanner;
  /** Statuses that change then: `<service>` or `<service>/<feature>` → status. */
  status: Record<string, ComponentStatus>;
  /** Maintenance states that change then: slug → state. */
  state: Record<string, UpdateState>;
}

export interface LiveData {
  /** The moment the page describes (the `data-generated-at` hook), ISO 8601. */
  generatedAt: string;
  /** Minutes after which the page says its information may be old (site.yaml `staleAfterMinutes`). */
  staleAfterMinutes: number;
  /** The Statuspage `status.json` of this build, polled for a newer `page.updated_at`. */
  poll: string;
  /** Status and state words of the page's language, by their vocabulary word. */
  words: Record<string, string>;
  /** Sentences with `{ago}` ("5분 전") or `{headline}`. */
  text: { stale: string; updated: string; ago: string };
  /** Soonest first. */
  changes: LiveChange[];
}

interface LiveInput {
  /** The page's moment. */
  snapshot: StatusSnapshot;
  /** Later moments (getScheduledSnapshots). */
  scheduled: readonly StatusSnapshot[];
  staleAfterMinutes: number;
  poll: string;
  timezone: string;
  t: Translate;
  text: (value: LocalizedText) => string;
}

/** Every status and maintenance state on a page at a moment, by hook key. */
function getHookValues(snapshot: StatusSnapshot): {
  status: Map<string, ComponentStatus>;
  state: Map<string, UpdateState>;
} {
  const status = new Map<string, ComponentStatus>();
  for (const { service, status: serviceStatus, features } of snapshot.services) {
    status.set(service.id, serviceStatus);
    for (const { feature, status: featureStatus } of features) status.set(`${service.id}/${feature.id}`, featureStatus);
  }
  const state = new Map<string, UpdateState>();
  for (const entry of snapshot.known) {
    if (entry.incident.kind === 'maintenance') state.set(entry.incident.slug, entry.state);
  }
  return { status, state };
}

/** The entries of `next` that differ from `previous`. */
function changed<T>(previous: ReadonlyMap<string, T>, next: ReadonlyMap<string, T>): Record<string, T> {
  return Object.fromEntries([...next].filter(([key, value]) => previous.get(key) !== value));
}

/**
 * The live script's data for one page.
 * @example
 * getLiveData({ snapshot, scheduled: getScheduledSnapshots(model, now), ... }).changes[0]
 * // { at: '2024-06-02T02:00:00+09:00', state: { 'db-upgrade': 'in_progress' }, status: { story: 'under_maintenance' }, banner: ... }
 */
export function getLiveData(input: LiveInput): LiveData {
  const { snapshot, scheduled, timezone, t, text } = input;
  const changes: LiveChange[] = [];
  let previous = getHookValues(snapshot);
  for (const next of scheduled) {
    const values = getHookValues(next);
    const view = getBannerView({
      indicator: next.indicator,
      maintenance: next.activeMaintenance.length > 0,
      services: next.services,
      t,
      text,
    });
    changes.push({
      at: toIsoString(next.at, timezone),
      banner: {
        indicator: view.indicator,
        tone: view.tone,
        headline: view.headline,
        lines: view.lines,
        moreText: view.moreText,
        advice: view.advice,
      },
      status: changed(previous.status, values.status),
      state: changed(previous.state, values.state),
    });
    previous = values;
  }
  const words: Record<string, string> = Object.fromEntries([
    ...COMPONENT_STATUSES.map((s) => [s, t(`status.${s}`)] as const),
    ...MAINTENANCE_STATES.map((s) => [s, t(`state.${s}`)] as const),
  ]);
  return {
    generatedAt: toIsoString(snapshot.at, timezone),
    staleAfterMinutes: input.staleAfterMinutes,
    poll: input.poll,
    words,
    text: { stale: t('live.stale'), updated: t('live.updated'), ago: t('live.ago') },
    changes,
  };
}

/**
 * The data as the text of a `<script type="application/json">` element: a
 * data block, which no Content-Security-Policy blocks since it never runs.
 * `<` is escaped, so no author text can close the element.
 */
export function serializeLiveData(data: LiveData): string {
  return JSON.stringify(data).replaceAll('<', '\\u003c');
}
