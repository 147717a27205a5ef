/**
 * The maintenance calendar, read back with ical.js as a calendar app would:
 * one VEVENT per maintenance known at the moment, every required property,
 * times in UTC equal to the scheduled window, the same bytes for the same moment.
 */
import ICAL from 'ical.js';
import { afterEach, describe, expect, test, vi } from 'vitest';
import {
  buildMaintenanceCalendar,
  buildMaintenanceEvents,
  buildSingleMaintenanceCalendar,
  type CalendarContext,
  type CalendarInfo,
} from '../../src/lib/calendar.ts';
import type { Locale } from '../../src/lib/i18n/locales.ts';
import { createTranslator } from '../../src/lib/i18n/translate.ts';
import { getStatusSnapshot, type IncidentSnapshot } from '../../src/lib/status.ts';
import { buildModel, contentWith, incidentFields, incidentFile, kst, maintenanceFields, siteYaml } from './builders.ts';

const SITE = 'https://status.example.com/status/';
const NOW = kst('2022-11-01T03:00');

const model = buildModel(
  contentWith(
    // A comma, a semicolon and a backslash: TEXT values must escape them.
    siteYaml({ title: { ko: '카카오, 상태; 페이지\\', en: 'Kakao, Status' } }),
    incidentFile(
      'bank-now',
      maintenanceFields({
        affected: [
          {
            service: 'kakaobank',
            status: 'under_maintenance',
            note: { ko: '**송금** 불가, 조회는 가능', en: '**Transfers** unavailable; balances work' },
          },
        ],
        updates: [
          { at: '2022-10-30T10:00', status: 'scheduled', message: { ko: '점검 예정입니다.', en: 'Planned.' } },
          {
            at: '2022-11-01T02:00',
            status: 'in_progress',
            message: { ko: '점검을 <b>시작</b>했습니다.', en: 'Maintenance has *started*.' },
          },
        ],
      }),
    ),
    incidentFile(
      'talk-next',
      maintenanceFields({
        title: { ko: '카카오톡 서버 점검', en: 'KakaoTalk server maintenance' },
        scheduled: { start: '2022-11-05T01:00', end: '2022-11-05T05:30' },
        affected: [{ service: 'kakaotalk', status: 'partial_outage' }],
      }),
    ),
    incidentFile(
      'bank-done',
      maintenanceFields({
        title: { ko: '지난 점검', en: 'Past maintenance' },
        scheduled: { start: '2022-10-01T02:00', end: '2022-10-01T03:00' },
      }),
    ),
    // Announced only after the moment: nobody knew of it yet.
    incidentFile(
      'talk-later',
      maintenanceFields({
        title: { ko: '나중 점검', en: 'Later' },
        scheduled: { start: '2022-12-01T02:00', end: '2022-12-01T03:00' },
        updates: [{ at: '2022-11-20T10:00', status: 'scheduled', message: '예정' }],
      }),
    ),
    // An incident is not maintenance: not in the calendar.
    incidentFile('fire', incidentFields({ started: '2022-10-31T10:00' })),
  ),
);

/** The windows in the model, by slug. */
const WINDOWS = Object.fromEntries(
  model.incidents.flatMap((i) => (i.scheduled ? [[i.slug, i.scheduled] as const] : [])),
);

function calendarContext(locale: Locale = 'ko', now = NOW): CalendarContext {
  return {
    locale,
    defaultLocale: 'ko',
    timezone: 'Asia/Seoul',
    now,
    t: createTranslator(locale),
    services: new Map(model.services.map((s) => [s.id, s])),
    getIncidentUrl: (slug) => `${SITE}${locale === 'ko' ? '' : `${locale}/`}incidents/${slug}/`,
    uidDomain: 'status.example.com',
  };
}

const INFO: CalendarInfo = {
  name: '카카오, 상태; 페이지\\ 점검 일정',
  description: '첫 줄, 둘째; 셋째\n넷째',
  homeUrl: SITE,
  calendarUrl: `${SITE}maintenance.ics`,
};

function known(now = NOW): IncidentSnapshot[] {
  return getStatusSnapshot(model, now).known;
}

/** Parses like a calendar app; ical.js throws on a malformed file (a bad DTSTART, a broken line). */
function parse(ics: string): { calendar: ICAL.Component; events: ICAL.Component[] } {
  const calendar = ICAL.Component.fromString(ics);
  expect(calendar.name).toBe('vcalendar');
  return { calendar, events: calendar.getAllSubcomponents('vevent') };
}

function text(component: ICAL.Component, name: string): string {
  const value = component.getFirstPropertyValue(name);
  if (typeof value !== 'string') throw new Error(`${name} is not text: ${String(value)}`);
  return value;
}

function time(component: ICAL.Component, name: string): ICAL.Time {
  const value = component.getFirstPropertyValue(name);
  if (!(value instanceof ICAL.Time)) throw new Error(`${name} is not a date-time`);
  return value;
}

/** RFC 5545 3.3.11: backslash-escaped comma, semicolon, backslash and `n` back to what they stand for. */
function unescapeText(value: string): string {
  return value.replace(/\\([\\;,nN])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
}

afterEach(() => {
  vi.useRealTimers();
});

describe('the calendar of every maintenance', () => {
  const ics = buildMaintenanceCalendar(known(), calendarContext(), INFO);
  const { calendar, events } = parse(ics);

  test('is a published iCalendar 2.0 with a stable product id and its name', () => {
    expect(text(calendar, 'version')).toBe('2.0');
    expect(text(calendar, 'method')).toBe('PUBLISH');
    expect(text(calendar, 'prodid')).toBe('-//kakao-status//maintenance calendar//KO');
    // TEXT values (RFC 5545 3.3.11; X- properties default to TEXT): escaped on the way out,
    // read back exactly. ical.js leaves properties it does not know as written, so unescape here.
    expect(unescapeText(text(calendar, 'x-wr-calname'))).toBe(INFO.name);
    expect(unescapeText(text(calendar, 'name'))).toBe(INFO.name);
    expect(unescapeText(text(calendar, 'x-wr-caldesc'))).toBe(INFO.description);
    expect(ics).toContain('\r\nX-WR-CALNAME:카카오\\, 상태\\; 페이지\\\\ 점검 일정\r\n');
    expect(calendar.getFirstPropertyValue('source')).toBe(INFO.calendarUrl);
  });

  test('has one event per maintenance known at the moment: upcoming, in progress and completed, soonest first', () => {
    expect(events.map((e) => text(e, 'uid'))).toEqual([
      'bank-done@status.example.com',
      'bank-now@status.example.com',
      'talk-next@status.example.com',
    ]);
  });

  test.each(['bank-done', 'bank-now', 'talk-next'])('%s has every property RFC 5545 and the issue ask for', (slug) => {
    const event = events.find((e) => e.getFirstPropertyValue('uid') === `${slug}@status.example.com`);
    if (!event) throw new Error(`no event for ${slug}`);
    for (const name of ['uid', 'dtstamp', 'dtstart', 'dtend', 'summary', 'description', 'url']) {
      expect(event.hasProperty(name), name).toBe(true);
    }
    const window = WINDOWS[slug];
    for (const [name, instant] of [
      ['dtstart', window?.start],
      ['dtend', window?.end],
      ['dtstamp', NOW],
    ] as const) {
      const value = time(event, name);
      expect(value.zone.tzid, `${name} is in UTC`).toBe('UTC');
      expect(value.toJSDate().getTime(), name).toBe(instant);
    }
    expect(event.getFirstPropertyValue('url')).toBe(`${SITE}incidents/${slug}/`);
    expect(text(event, 'description')).toContain(`${SITE}incidents/${slug}/`);
  });

  test('the window is written in UTC: 02:00 KST is 17:00Z the day before', () => {
    expect(ics).toContain('\r\nDTSTART:20221031T170000Z\r\n');
    expect(ics).toContain('\r\nDTEND:20221031T190000Z\r\n');
    expect(ics).toContain('\r\nDTSTAMP:20221031T180000Z\r\n');
  });

  test('the summary is the title; the description names the services, what does not work and the latest update, as plain text', () => {
    const event = events.find((e) => e.getFirstPropertyValue('uid') === 'bank-now@status.example.com');
    if (!event) throw new Error('no event');
    expect(text(event, 'summary')).toBe('카카오뱅크 정기 점검');
    expect(text(event, 'description')).toBe(
      [
        '영향 받는 서비스: 카카오뱅크',
        '- 송금 불가, 조회는 가능',
        '',
        '최근 공지 (2022-11-01 02:00 KST, 진행 중)',
        // Markdown and raw HTML become plain text.
        '점검을 시작했습니다.',
        '',
        `${SITE}incidents/bank-now/`,
      ].join('\n'),
    );
  });

  test('a maintenance without updates has no "latest update" and revision 0; each update raises the revision', () => {
    const next = events.find((e) => e.getFirstPropertyValue('uid') === 'talk-next@status.example.com');
    const now = events.find((e) => e.getFirstPropertyValue('uid') === 'bank-now@status.example.com');
    expect(next && text(next, 'description')).toBe(`영향 받는 서비스: 카카오톡\n\n${SITE}incidents/talk-next/`);
    expect(next?.getFirstPropertyValue('sequence')).toBe(0);
    expect(now?.getFirstPropertyValue('sequence')).toBe(2);
  });

  test('maintenance does not make the subscriber busy', () => {
    for (const event of events) expect(event.getFirstPropertyValue('transp')).toBe('TRANSPARENT');
  });

  test('every line ends with CRLF, the last one too, and none is longer than 75 octets', () => {
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
    const lines = ics.split('\r\n').slice(0, -1);
    for (const line of lines) {
      expect(line).not.toContain('\n');
      expect(Buffer.byteLength(line), line).toBeLessThanOrEqual(75);
    }
  });
});

describe('the same moment gives the same bytes', () => {
  test('whatever the wall clock says', () => {
    const first = buildMaintenanceCalendar(known(), calendarContext(), INFO);
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2031-01-01T00:00:00Z'));
    expect(buildMaintenanceCalendar(known(), calendarContext(), INFO)).toBe(first);
  });

  test('a later moment changes DTSTAMP, not the UIDs', () => {
    const later = kst('2022-11-02T00:00');
    const { events } = parse(buildMaintenanceCalendar(known(later), calendarContext('ko', later), INFO));
    expect(events.map((e) => text(e, 'uid'))).toEqual([
      'bank-done@status.example.com',
      'bank-now@status.example.com',
      'talk-next@status.example.com',
    ]);
    for (const event of events) expect(time(event, 'dtstamp').toJSDate().getTime()).toBe(later);
  });
});

describe('edge cases', () => {
  test('without a site description the calendar has none; a service the map does not know shows its id', () => {
    const ctx = { ...calendarContext(), services: new Map() };
    const info: CalendarInfo = { ...INFO, description: undefined };
    const { calendar, events } = parse(buildMaintenanceCalendar(known(), ctx, info));
    expect(calendar.hasProperty('x-wr-caldesc')).toBe(false);
    const event = events.find((e) => e.getFirstPropertyValue('uid') === 'talk-next@status.example.com');
    expect(event && text(event, 'description')).toMatch(/^영향 받는 서비스: kakaotalk\n/);
  });
});

describe('in English', () => {
  const { calendar, events } = parse(buildMaintenanceCalendar(known(), calendarContext('en'), INFO));

  test('titles, descriptions and URLs are the English ones; UIDs are the same as in Korean', () => {
    expect(text(calendar, 'prodid')).toBe('-//kakao-status//maintenance calendar//EN');
    const event = events.find((e) => e.getFirstPropertyValue('uid') === 'bank-now@status.example.com');
    if (!event) throw new Error('no event');
    expect(text(event, 'summary')).toBe('KakaoBank maintenance');
    expect(text(event, 'description')).toBe(
      [
        'Affected: KakaoBank',
        '- Transfers unavailable; balances work',
        '',
        'Latest update (2022-11-01 02:00 KST, In progress)',
        'Maintenance has started.',
        '',
        `${SITE}en/incidents/bank-now/`,
      ].join('\n'),
    );
    expect(event.getFirstPropertyValue('url')).toBe(`${SITE}en/incidents/bank-now/`);
  });
});

describe('one maintenance, to add to a calendar', () => {
  const snapshots = known();
  const find = (slug: string) => snapshots.find((s) => s.incident.slug === slug);

  test('is a calendar with that one event and no calendar name of its own', () => {
    const snapshot = find('talk-next');
    if (!snapshot) throw new Error('no snapshot');
    const ics = buildSingleMaintenanceCalendar(snapshot, calendarContext());
    if (ics === undefined) throw new Error('no calendar');
    const { calendar, events } = parse(ics);
    expect(events.map((e) => text(e, 'uid'))).toEqual(['talk-next@status.example.com']);
    expect(calendar.hasProperty('x-wr-calname')).toBe(false);
    expect(text(calendar, 'method')).toBe('PUBLISH');
    const [event] = events;
    if (!event) throw new Error('no event');
    expect(time(event, 'dtstart').toJSDate().getTime()).toBe(kst('2022-11-05T01:00'));
    expect(time(event, 'dtend').toJSDate().getTime()).toBe(kst('2022-11-05T05:30'));
  });

  test('an incident has none', () => {
    const fire = find('fire');
    expect(fire).toBeDefined();
    if (fire) expect(buildSingleMaintenanceCalendar(fire, calendarContext())).toBeUndefined();
    expect(buildMaintenanceEvents(fire ? [fire] : [], calendarContext())).toEqual([]);
  });
});
