/**
 * The domain: what the content folder means once it has been validated.
 * Times are {@link Instant}s (UTC ms); texts are still localized, because the
 * same model renders every locale.
 */
import type { Locale, LocalizedText } from './i18n/locales.ts';
import type { Instant } from './time.ts';
import type { ComponentStatus, Impact, IncidentKind, UpdateState } from './vocabulary.ts';

export interface SiteLink {
  label: LocalizedText;
  url: string;
}

export interface Site {
  title: LocalizedText;
  description?: LocalizedText | undefined;
  /** IANA timezone every time is shown in. */
  timezone: string;
  /** Served at `/`. */
  defaultLocale: Locale;
  /** Every locale served, the default first. */
  locales: Locale[];
  links: SiteLink[];
  /** Minutes after its moment from which an open page says it may be old. */
  staleAfterMinutes: number;
}

export interface Feature {
  id: string;
  name: LocalizedText;
}

export interface Service {
  /** File name without `.md`. */
  id: string;
  /** Path relative to the content folder, for messages. */
  file: string;
  name: LocalizedText;
  order?: number | undefined;
  group?: LocalizedText | undefined;
  features: Feature[];
  /** Markdown description (the file's body). */
  description: string;
  /** When tracking began (the `since` field): uptime and day bars count from here; before it there is no data. */
  since?: Instant | undefined;
}

/** What an incident does to one service while it is open. */
export interface Affected {
  service: string;
  status: ComponentStatus;
  /** Per-feature states; `undefined` means the status applies to every feature. */
  features?: Record<string, ComponentStatus> | undefined;
  note?: LocalizedText | undefined;
}

export interface Update {
  at: Instant;
  status: UpdateState;
  /** Markdown. */
  message: LocalizedText;
  /** Replaces the incident's affected list from `at` on. */
  affected?: Affected[] | undefined;
  /**
   * Added by the build, not written by the author:
   * - `resolved`: the closing entry of an incident whose `resolved` time was
   *   given without a `resolved` update;
   * - `opened`: the first entry of an open incident that has no update yet
   *   (at `started`, state `investigating`, the note or the title as text), so
   *   that pages, feeds and the API never show an open incident with an empty
   *   timeline (Statuspage clients read `incident_updates[0]`).
   */
  synthetic?: 'resolved' | 'opened' | undefined;
}

export interface Incident {
  /** File name without `.md`, unique across sub-folders. */
  slug: string;
  /** Path relative to the content folder, for messages. */
  file: string;
  kind: IncidentKind;
  title: LocalizedText;
  impact: Impact;
  /** When it began (maintenance: the window's start unless given). */
  started: Instant;
  /** When it ended: the `resolved` field or the first closing update. */
  resolved?: Instant | undefined;
  /** Maintenance window. */
  scheduled?: { start: Instant; end: Instant } | undefined;
  /** State at `started`; updates may replace it later. */
  affected: Affected[];
  /** Oldest first. */
  updates: Update[];
  affectedUsers?: number | undefined;
  /** Markdown body: cause, impact, what users can do, postmortem. */
  body: string;
}

/** Everything a status page is built from. */
export interface StatusModel {
  site: Site;
  /** In display order: `order`, then name. */
  services: Service[];
  /** Newest first by `started`. */
  incidents: Incident[];
}
