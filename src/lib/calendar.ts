/**
 * Scheduled maintenance as iCalendar (RFC 5545), for calendar apps to
 * subscribe to (`/maintenance.ics`) or to add one maintenance from its page.
 *
 * Data first: {@link buildMaintenanceEvents} makes plain event objects from
 * the status engine's snapshots; `ical-generator` serialises them (escaping,
 * 75-octet line folding, CRLF), never string concatenation here.
 * @see https://www.rfc-editor.org/rfc/rfc5545
 * @see https://www.rfc-editor.org/rfc/rfc7986 (NAME, SOURCE, REFRESH-INTERVAL)
 */
import ical, {
  escape,
  ICalCalendarMethod,
  ICalEventStatus,
  ICalEventTransparency,
  type ICalCalendarData,
} from 'ical-generator';
import { localize, type Locale } from './i18n/locales.ts';
import { toPlainText } from './markdown.ts';
import type { FeedContext } from './feeds/entries.ts';
import type { IncidentSnapshot } from './status.ts';
import { formatDateTime, type Instant } from './time.ts';

/** Identifies the program that wrote the file (RFC 5545 3.7.3); the same in every build. */
export const CALENDAR_PRODUCT = { company: 'kakao-status', product: 'maintenance calendar' } as const;

/**
 * How often a subscribed calendar app should fetch the file again. The site is
 * rebuilt every few minutes; apps that honour this (Apple Calendar,
 * Thunderbird) then see a maintenance moved or added within the hour.
 */
export const CALENDAR_REFRESH_SECONDS = 3600;

/** The feeds' context (locale, time, services, incident URLs) and the calendar's own domain. */
export interface CalendarContext extends FeedContext {
  /**
   * The site's host, `status.example.com`: UIDs are `<slug>@<host>`, unique
   * worldwide (RFC 5545 3.8.4.7) and stable across builds and locales, so an
   * app updates the event it already has instead of adding a second one.
   */
  uidDomain: string;
}

/** One maintenance as a calendar event, before serialisation. */
export interface MaintenanceEvent {
  uid: string;
  /** The scheduled window, written in UTC. */
  start: Instant;
  end: Instant;
  /** When this file was made: the build's moment. */
  stamp: Instant;
  /**
   * Revision number: the updates announced so far. Operators announce a moved
   * window with an update, so it grows when the event changes (RFC 5545 3.8.7.4).
   */
  sequence: number;
  /** The maintenance's title. */
  summary: string;
  /** Plain text: affected services, what will not work, the latest update, the page. */
  description: string;
  /** Absolute URL of the maintenance's page. */
  url: string;
}

/** The site-wide calendar's own details. */
export interface CalendarInfo {
  /** Shown as the calendar's name in apps (`NAME`, `X-WR-CALNAME`). */
  name: string;
  description?: string | undefined;
  /** The status page (`URL`). */
  homeUrl: string;
  /** Where this file itself lives, for apps to refresh from (`SOURCE`). */
  calendarUrl: string;
}

/**
 * The event for one maintenance, or `undefined` for an incident (or a
 * maintenance without a window, which validation does not let through).
 * @example
 * buildMaintenanceEvent(snapshot, ctx)?.uid // 'maintenance-now@status.example.com'
 */
export function buildMaintenanceEvent(snapshot: IncidentSnapshot, ctx: CalendarContext): MaintenanceEvent | undefined {
  const { incident } = snapshot;
  if (incident.kind !== 'maintenance' || !incident.scheduled) return undefined;
  const url = ctx.getIncidentUrl(incident.slug);
  return {
    uid: `${incident.slug}@${ctx.uidDomain}`,
    start: incident.scheduled.start,
    end: incident.scheduled.end,
    stamp: ctx.now,
    sequence: snapshot.updates.length,
    summary: localize(incident.title, ctx.locale, ctx.defaultLocale),
    description: describeMaintenance(snapshot, url, ctx),
    url,
  };
}

/**
 * Every maintenance among `snapshots` (upcoming, in progress and completed),
 * soonest first; incidents are left out.
 */
export function buildMaintenanceEvents(
  snapshots: readonly IncidentSnapshot[],
  ctx: CalendarContext,
): MaintenanceEvent[] {
  return snapshots
    .map((snapshot) => buildMaintenanceEvent(snapshot, ctx))
    .filter((event): event is MaintenanceEvent => event !== undefined)
    .sort((a, b) => a.start - b.start || a.uid.localeCompare(b.uid));
}

/**
 * The description apps show under the title. Google Calendar does not show
 * the `URL` property, so the page's address is written here too.
 * @example
 * // 영향 받는 서비스: 스토리
 * // - 점검 중에는 스토리를 이용할 수 없습니다
 * //
 * // 최근 공지 (2024-06-01 11:00 KST, 진행 중)
 * // 점검을 시작했습니다.
 * //
 * // https://status.example.com/incidents/maintenance-now/
 */
function describeMaintenance(snapshot: IncidentSnapshot, url: string, ctx: CalendarContext): string {
  const { locale, defaultLocale, t } = ctx;
  const text = (value: Parameters<typeof localize>[0]) => toPlainText(localize(value, locale, defaultLocale));
  const services = [...new Set(snapshot.affected.map((a) => a.service))].map((id) => {
    const service = ctx.services.get(id);
    return service ? localize(service.name, locale, defaultLocale) : id;
  });
  const paragraphs: string[][] = [
    [
      t('calendar.affected', { services: services.join(', ') }),
      ...snapshot.affected.flatMap((a) => (a.note ? [`- ${text(a.note)}`] : [])),
    ],
  ];
  const [latest] = snapshot.updates;
  if (latest) {
    paragraphs.push([
      t('calendar.latest', { time: formatDateTime(latest.at, ctx.timezone), state: t(`state.${latest.status}`) }),
      text(latest.message),
    ]);
  }
  paragraphs.push([url]);
  return paragraphs.map((lines) => lines.join('\n')).join('\n\n');
}

/** Serialises events into one VCALENDAR with METHOD:PUBLISH, every time in UTC. */
export function serializeCalendar(events: readonly MaintenanceEvent[], locale: Locale, info?: CalendarInfo): string {
  const data: ICalCalendarData = {
    prodId: { ...CALENDAR_PRODUCT, language: locale.toUpperCase() },
    method: ICalCalendarMethod.PUBLISH,
  };
  if (info) {
    // ical-generator 11 writes the calendar's name and description unescaped
    // (it escapes event texts): a comma or line break in a site title would
    // break the TEXT value, so they go through its own escape().
    data.name = escape(info.name, false);
    data.description = info.description === undefined ? null : escape(info.description, false);
    data.url = info.homeUrl;
    data.source = info.calendarUrl;
    data.ttl = CALENDAR_REFRESH_SECONDS;
  }
  const calendar = ical(data);
  for (const event of events) {
    calendar.createEvent({
      id: event.uid,
      sequence: event.sequence,
      stamp: new Date(event.stamp),
      start: new Date(event.start),
      end: new Date(event.end),
      summary: event.summary,
      description: event.description,
      url: event.url,
      status: ICalEventStatus.CONFIRMED,
      // Maintenance does not make the subscriber busy: it must not block their own schedule.
      transparency: ICalEventTransparency.TRANSPARENT,
    });
  }
  // RFC 5545 3.1: every content line ends with CRLF, the last one too; ical-generator leaves it off.
  return `${calendar.toString()}\r\n`;
}

/**
 * The subscribable calendar of every maintenance known at `ctx.now`.
 * @example
 * buildMaintenanceCalendar(snapshot.known, ctx, { name: '카카오 서비스 상태 점검 일정', ... })
 * // 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//kakao-status//maintenance calendar//KO\r\n...'
 */
export function buildMaintenanceCalendar(
  snapshots: readonly IncidentSnapshot[],
  ctx: CalendarContext,
  info: CalendarInfo,
): string {
  return serializeCalendar(buildMaintenanceEvents(snapshots, ctx), ctx.locale, info);
}

/**
 * A file with one maintenance, to add to the reader's own calendar. It has no
 * calendar name: some apps (Outlook) would otherwise make a new calendar for it.
 * @returns `undefined` when `snapshot` is not a maintenance.
 */
export function buildSingleMaintenanceCalendar(snapshot: IncidentSnapshot, ctx: CalendarContext): string | undefined {
  const event = buildMaintenanceEvent(snapshot, ctx);
  return event && serializeCalendar([event], ctx.locale);
}
