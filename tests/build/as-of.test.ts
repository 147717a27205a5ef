/**
 * Nothing written after the moment shows, anywhere (SPEC.md, "What now
 * means"): the sample content, replayed at moments of the 2022 fire and three
 * minutes into the 2024-05-13 outage, is searched file by file (pages, feeds,
 * API, calendars, badges) for any text that was announced later.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadContentModel } from '../../src/data/read-content.ts';
import { localize, type LocalizedText } from '../../src/lib/i18n/locales.ts';
import { STRINGS } from '../../src/lib/i18n/strings.ts';
import { toPlainText } from '../../src/lib/markdown.ts';
import type { Incident, StatusModel } from '../../src/lib/model.ts';
import { getIncidentSnapshot } from '../../src/lib/status.ts';
import { parseDateTime } from '../../src/lib/time.ts';
import { buildSite, listFiles, readPage, readText, ROOT, type BuildResult } from './helpers.ts';

const CONTENT = join(ROOT, 'content');
const SITE_URL = 'https://status.example.com';
const model: StatusModel = loadContentModel(CONTENT, { fresh: true });
const fire = findIncident('2022-10-15-pangyo-datacenter-fire');
const delay = findIncident('2024-05-13-kakaotalk-message-delay');

function findIncident(slug: string): Incident {
  const incident = model.incidents.find((i) => i.slug === slug);
  if (!incident) throw new Error(`no ${slug} in the sample`);
  return incident;
}

/**
 * Phrases of a Markdown text that would give it away: its runs of plain
 * letters and digits (at least 12 characters), which read the same in HTML,
 * XML, JSON and iCalendar, whatever each escapes.
 */
function phrasesOf(markdown: string): string[] {
  // Line by line: a phrase never spans two paragraphs or list items.
  const runs = markdown.split('\n').flatMap((line) => toPlainText(line).match(/[\p{L}\p{N} ]{12,}/gu) ?? []);
  return runs.map((run) => run.trim()).filter((run) => run.length >= 12);
}

/** A localized text in every locale it has. */
function allLocales(text: LocalizedText): string[] {
  return typeof text === 'string' ? [text] : Object.values(text).filter((value) => value !== undefined);
}

/** Everything written by `at`, and the site's own words: a phrase found there gives nothing away. */
function knownText(at: number): string {
  const texts: string[] = Object.values(STRINGS).flatMap((text) => Object.values(text));
  for (const incident of model.incidents) {
    const snapshot = getIncidentSnapshot(incident, at);
    if (!snapshot) continue;
    texts.push(snapshot.body, ...allLocales(incident.title));
    const affected = [incident.affected, ...snapshot.updates.map((u) => u.affected ?? [])].flat();
    for (const entry of affected) if (entry.note) texts.push(...allLocales(entry.note));
    for (const update of snapshot.updates) texts.push(...allLocales(update.message));
  }
  return texts.map((text) => toPlainText(text)).join('\n');
}

/** Every text written after `at`: updates announced later, and bodies not to show yet. */
function writtenAfter(at: number): { what: string; phrase: string }[] {
  const later: { what: string; phrase: string }[] = [];
  const known = knownText(at);
  for (const incident of model.incidents) {
    const snapshot = getIncidentSnapshot(incident, at);
    if (!snapshot) continue; // unknown incidents: their pages do not exist (checked below)
    for (const [i, update] of incident.updates.entries()) {
      if (update.at <= at || update.synthetic) continue;
      for (const locale of ['ko', 'en'] as const) {
        for (const phrase of phrasesOf(localize(update.message, locale, 'ko'))) {
          later.push({ what: `${incident.slug} updates[${i}] (${locale})`, phrase });
        }
      }
    }
    if (snapshot.bodyWithheld) {
      for (const phrase of phrasesOf(incident.body)) later.push({ what: `${incident.slug} body`, phrase });
    }
  }
  // A phrase also written before the moment ("불편을 드려 죄송합니다") is no leak.
  return later.filter(({ phrase }) => !known.includes(phrase));
}

const builds: BuildResult[] = [];
afterAll(() => {
  for (const build of builds) rmSync(build.outDir, { recursive: true, force: true });
});

describe.each([
  { now: '2022-10-15T17:00+09:00', open: [fire.slug] },
  { now: '2022-10-16T08:30+09:00', open: [fire.slug] },
  { now: '2024-05-13T13:47+09:00', open: [delay.slug] },
])('the sample at $now', ({ now, open }) => {
  const at = parseDateTime(now, 'Asia/Seoul') ?? Number.NaN;
  let site: BuildResult;
  beforeAll(async () => {
    site = await buildSite({ STATUS_CONTENT_DIR: CONTENT, STATUS_NOW: now, SITE_URL });
    builds.push(site);
    expect(site.code, site.stderr).toBe(0);
  });

  test('no page, feed, API file, calendar or badge holds a text written later', () => {
    const later = writtenAfter(at);
    expect(later.length).toBeGreaterThan(0);
    const leaks: string[] = [];
    const files = listFiles(site.outDir).filter((f) => /\.(html|xml|atom|json|ics|svg)$/.test(f));
    expect(files.length).toBeGreaterThan(50);
    for (const file of files) {
      const text = readText(site.outDir, file);
      for (const { what, phrase } of later) if (text.includes(phrase)) leaks.push(`${file}: ${what}: "${phrase}"`);
    }
    expect(leaks).toEqual([]);
  });

  test('no incident that had not started has a page', () => {
    const files = new Set(listFiles(site.outDir));
    for (const incident of model.incidents) {
      const page = `incidents/${incident.slug}/index.html`;
      expect(files.has(page), page).toBe(getIncidentSnapshot(incident, at) !== undefined);
    }
  });

  test('the open incident says its full report follows, and shows no report yet', () => {
    const [slug = ''] = open;
    const $ = readPage(site.outDir, `incidents/${slug}/index.html`);
    expect($('#details')).toHaveLength(0);
    expect($('main').text()).toContain('상세 보고서는 장애가 해결된 뒤 이 페이지에 게시됩니다');
    const overview = readPage(site.outDir, 'index.html');
    expect(
      overview('[data-incident]')
        .map((_, el) => overview(el).attr('data-incident'))
        .get(),
    ).toEqual(open);
  });

  test('the build names what it hides', () => {
    const unknown = model.incidents.filter((i) => !getIncidentSnapshot(i, at)).length;
    expect(unknown).toBeGreaterThan(0);
    expect(site.stdout + site.stderr).toMatch(
      new RegExp(
        `${unknown} incidents or maintenance are not known yet at .* \\(STATUS_NOW\\) and not shown: incidents/`,
      ),
    );
  });
});

describe('three minutes into the 2024-05-13 outage', () => {
  test('its page and feed give neither the cause nor the end time', () => {
    const site = builds.at(-1);
    if (!site) throw new Error('the 13:47 build ran above');
    const page = readPage(site.outDir, `incidents/${delay.slug}/index.html`).text();
    const feed = readText(site.outDir, 'rss.xml');
    for (const text of [page, feed]) {
      expect(text).not.toContain('사전 테스트');
      expect(text).not.toContain('13:50');
      expect(text).toContain('대부분의 이용자에게 메시지 전송 지연 또는 실패');
    }
  });
});

describe('the fire, once resolved', () => {
  test('shows its full report', async () => {
    const site = await buildSite({ STATUS_CONTENT_DIR: CONTENT, STATUS_NOW: '2022-10-21T00:00+09:00', SITE_URL });
    builds.push(site);
    expect(site.code, site.stderr).toBe(0);
    const $ = readPage(site.outDir, `incidents/${fire.slug}/index.html`);
    expect($('#details')).toHaveLength(1);
    for (const phrase of phrasesOf(fire.body)) expect($('main').text()).toContain(phrase);
  });
});
