/**
 * The incremental build is the full build: after each kind of change an
 * operator makes (an update appended, an incident resolved, a new incident,
 * a service renamed), with the clock moving on between builds as it does, the
 * incremental build's dist/ and a clean full build's at the same STATUS_NOW
 * are byte-identical, file for file (what `diff -r` compares). A wrong
 * cacheKey (src/lib/cache-keys.ts) that leaves a page out of date fails here.
 *
 * The incremental builds go to one output folder, as an operator's `dist/`
 * does, so each writes into a copy of the live site (src/integrations/site-folders.ts)
 * and must leave in it nothing a full build would not make: a deleted
 * incident's pages, a locale turned off. A copy is used only while the live
 * site is what the last build published: not after a page was edited by hand,
 * nor after a build from the same cache into another folder.
 *
 * It also checks that the incremental build reuses what it should: closed
 * records are not rendered again.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { generateContent } from '../../scripts/bench/generate.mjs';
import { BUILDS, buildSite, listAllFiles } from './helpers.ts';

const work = mkdtempSync(join(BUILDS, 'incremental-'));
const content = join(work, 'content');
/** The incremental builds' output folder: the operator's dist/, built again and again. */
const site = join(work, 'site');
const OPEN = '2026-01-01-photo-failure';
const OPEN_FILE = join(content, `incidents/2026/${OPEN}.md`);

/** Files that differ between two trees, or are in only one: empty when `diff -r` prints nothing. */
function diffTrees(a: string, b: string): string[] {
  const filesA = listAllFiles(a);
  const filesB = new Set(listAllFiles(b));
  const differ = filesA.filter(
    (file) => !filesB.has(file) || !readFileSync(join(a, file)).equals(readFileSync(join(b, file))),
  );
  const onlyB = [...filesB].filter((file) => !filesA.includes(file));
  return [...differ, ...onlyB.map((file) => `${file} (only in the full build)`)];
}

/** Records what a build puts into its site (tests/support/record-writes.mjs). */
const RECORD_WRITES = pathToFileURL(join(import.meta.dirname, '../support/record-writes.mjs')).href;

/** The pages a build rendered, and those it copied from its cache. */
function readWrites(file: string): { rendered: string[]; restored: string[]; copied: string[] } {
  const lines = existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean) : [];
  const of = (kind: string) =>
    lines.filter((line) => line.startsWith(`${kind} `)).map((line) => line.slice(kind.length + 1));
  return { rendered: of('rendered'), restored: of('restored'), copied: of('copied') };
}

const env = (now: string) => ({
  STATUS_CONTENT_DIR: content,
  STATUS_NOW: now,
  SITE_URL: 'https://status.example.com',
});

let builds = 0;

/**
 * A build at `now` with what it rendered and what it copied: incremental into {@link site}
 * (or `outDir`), or, if `full`, a clean full build into a new folder.
 */
async function build(now: string, { full = false, outDir }: { full?: boolean; outDir?: string } = {}) {
  const writes = join(work, `writes-${(builds += 1)}.txt`);
  const result = await buildSite(
    {
      ...env(now),
      ...(full ? { STATUS_INCREMENTAL: '0' } : {}),
      NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --import ${RECORD_WRITES}`.trim(),
      STATUS_TEST_WRITES: writes,
    },
    { outDir: outDir ?? (full ? undefined : site) },
  );
  expect(result.code, result.stderr).toBe(0);
  return { result, ...readWrites(writes) };
}

/** An incremental build and a clean full one at `now`: their dist/ must be the same bytes. */
async function buildBoth(now: string) {
  const { result: incremental, rendered, restored, copied } = await build(now);
  const { result: full } = await build(now, { full: true });
  return {
    log: incremental.stdout,
    rendered,
    restored,
    copied,
    differences: diffTrees(incremental.outDir, full.outDir),
  };
}

/** What the atomic publish said it built into. */
const COPY_OF_LIVE_SITE = 'building into a copy of the live site, from the spare';

function listIncidentPages(slugs: readonly string[]): string[] {
  return slugs.flatMap((slug) => [`/incidents/${slug}/index.html`, `/en/incidents/${slug}/index.html`]);
}

const closedSlugs = () =>
  readdirSync(join(content, 'incidents'), { recursive: true })
    .map(String)
    .filter((file) => file.endsWith('.md') && !file.includes('2026'))
    .map((file) => file.split('/').pop()?.replace(/\.md$/, '') ?? '');

beforeAll(() => {
  // 150 closed incidents over ten years: five history pages, month archives, service history pages.
  generateContent(150, content);
  mkdirSync(dirname(OPEN_FILE), { recursive: true });
  writeFileSync(
    OPEN_FILE,
    `---
title:
  ko: 카카오톡 사진 전송 실패
  en: 'KakaoTalk: photos fail to send'
impact: minor
started: 2026-01-01T11:30
affected:
  - service: kakaotalk
    status: partial_outage
    features:
      media: major_outage
    note:
      ko: 텍스트 메시지는 송수신 가능, 사진·동영상 전송 불가
      en: Text messages work; photos and videos fail
updates:
  - at: 2026-01-01T11:40
    status: investigating
    message:
      ko: 사진 전송 실패를 확인하고 있습니다.
      en: We are looking into failed photo uploads.
---
`,
  );
});

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

describe('an incremental build after each change is byte-identical to a full build at the same moment', () => {
  test('the first build renders every page', async () => {
    const { rendered, restored } = await build('2026-01-01T12:00:00+09:00');
    expect(restored).toEqual([]);
    expect(rendered.length).toBeGreaterThan(500);
  });

  test('an update appended to the open incident', async () => {
    const text = readFileSync(OPEN_FILE, 'utf8').replace(
      /\n---\n$/,
      `
  - at: 2026-01-01T12:05
    status: identified
    message:
      ko: 원인을 찾았습니다. 텍스트 메시지는 정상입니다.
      en: We found the cause. Text messages work.
---
`,
    );
    writeFileSync(OPEN_FILE, text);
    const { differences, rendered, copied, restored, log } = await buildBoth('2026-01-01T12:10:00+09:00');
    expect(differences).toEqual([]);
    // The closed records were not rendered: none of their pages, and none of the history pages
    // that list only closed records. The live site had no spare yet: all of it was copied.
    expect(log).toContain('building into a copy of the live site, from an empty folder');
    expect(rendered.filter((page) => listIncidentPages(closedSlugs()).includes(page))).toEqual([]);
    expect(rendered).not.toContain('/history/3/index.html');
    expect(copied).toEqual(expect.arrayContaining([...listIncidentPages(closedSlugs()), '/history/3/index.html']));
    expect(restored).toEqual([]);
    expect(rendered).toEqual(expect.arrayContaining(['/index.html', ...listIncidentPages([OPEN])]));
  });

  test('the incident resolved', async () => {
    writeFileSync(
      OPEN_FILE,
      readFileSync(OPEN_FILE, 'utf8').replace(
        /\n---\n$/,
        `
  - at: 2026-01-01T12:20
    status: resolved
    message:
      ko: 사진 전송이 정상화되었습니다.
      en: Photos send again.
---
카카오톡 사진 전송이 50분 동안 실패했습니다.
`,
      ),
    );
    const { differences, rendered, copied, log } = await buildBoth('2026-01-01T12:30:00+09:00');
    expect(differences).toEqual([]);
    expect(rendered).toEqual(expect.arrayContaining(listIncidentPages([OPEN])));
    // From the spare on, only what the build before changed is copied: no closed record.
    expect(log).toContain(COPY_OF_LIVE_SITE);
    expect(copied).toContain('/index.html');
    expect(copied.filter((page) => listIncidentPages(closedSlugs()).includes(page))).toEqual([]);
  });

  test('a new incident', async () => {
    writeFileSync(
      join(content, 'incidents/2026/2026-01-01-bank-login.md'),
      `---
title:
  ko: 카카오뱅크 로그인 오류
  en: KakaoBank login errors
impact: major
started: 2026-01-01T12:40
affected:
  - service: kakaobank
    status: major_outage
---
`,
    );
    const { differences, rendered } = await buildBoth('2026-01-01T12:45:00+09:00');
    expect(differences).toEqual([]);
    // A new incident shifts every page of the all-incidents history, so those are rendered again;
    // the closed records' own pages are not.
    expect(rendered).toEqual(
      expect.arrayContaining(['/history/3/index.html', ...listIncidentPages(['2026-01-01-bank-login'])]),
    );
    expect(rendered.filter((page) => listIncidentPages(closedSlugs()).includes(page))).toEqual([]);
  });

  test('a service renamed', async () => {
    const file = join(content, 'services/kakaotalk.md');
    writeFileSync(file, readFileSync(file, 'utf8').replace('ko: 카카오톡\n', 'ko: 카카오톡 메신저\n'));
    const { differences, rendered } = await buildBoth('2026-01-01T12:50:00+09:00');
    expect(differences).toEqual([]);
    // Every closed record that names the service shows the new name.
    const naming = closedSlugs().filter((slug) =>
      readFileSync(join(content, `incidents/${slug.slice(0, 4)}/${slug}.md`), 'utf8').includes('service: kakaotalk'),
    );
    expect(naming.length).toBeGreaterThan(10);
    expect(rendered).toEqual(expect.arrayContaining(listIncidentPages(naming)));
  });

  test('an incident deleted: its pages are gone from the copy too', async () => {
    const [slug = ''] = closedSlugs();
    rmSync(join(content, `incidents/${slug.slice(0, 4)}/${slug}.md`));
    expect(existsSync(join(site, `incidents/${slug}/index.html`))).toBe(true);
    const { differences, log } = await buildBoth('2026-01-01T12:55:00+09:00');
    expect(differences).toEqual([]);
    expect(log).toContain(COPY_OF_LIVE_SITE);
    expect(existsSync(join(site, `incidents/${slug}/index.html`))).toBe(false);
    expect(existsSync(join(site, `en/incidents/${slug}`))).toBe(false);
  });

  test('a page of the live site edited by hand: the next build does not copy the live site', async () => {
    const [slug = ''] = closedSlugs();
    const page = join(site, `incidents/${slug}/index.html`);
    writeFileSync(page, readFileSync(page, 'utf8').replace('</main>', '<p>edited by hand</p></main>'));
    const { differences, log } = await buildBoth('2026-01-01T13:00:00+09:00');
    expect(differences).toEqual([]);
    expect(log).toContain(`building into an empty folder: ${page} changed since the last build published it`);
    expect(readFileSync(page, 'utf8')).not.toContain('edited by hand');
  });

  test('a build from the same cache into another folder in between: the next one does not copy', async () => {
    // A closed record changes (a postmortem), and a build into another folder renders it into
    // the cache: the live site still has the page without it.
    const [slug = ''] = closedSlugs();
    const file = join(content, `incidents/${slug.slice(0, 4)}/${slug}.md`);
    writeFileSync(file, `${readFileSync(file, 'utf8')}\n## 사후 분석\n\n원인은 설정 오류였습니다.\n`);
    await build('2026-01-01T13:05:00+09:00', { outDir: join(work, 'elsewhere') });
    const { differences, log } = await buildBoth('2026-01-01T13:10:00+09:00');
    expect(differences).toEqual([]);
    expect(log).toContain('building into an empty folder: the last build from this cache was published to');
    expect(readFileSync(join(site, `incidents/${slug}/index.html`), 'utf8')).toContain('원인은 설정 오류였습니다.');
  });

  test('English turned off: every /en/ file is gone from the copy', async () => {
    const file = join(content, 'site.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('locales:\n  - ko\n  - en\n', 'locales:\n  - ko\n'));
    // The build after the last one copies again (the one before built into an empty folder).
    await buildBoth('2026-01-01T13:15:00+09:00');
    const { differences, log } = await buildBoth('2026-01-01T13:20:00+09:00');
    expect(log).toContain(COPY_OF_LIVE_SITE);
    expect(differences).toEqual([]);
    expect(existsSync(join(site, 'en'))).toBe(false);
  });

  test('nothing changed, a later moment: every closed record is reused', async () => {
    const { differences, rendered, log } = await buildBoth('2026-01-02T09:00:00+09:00');
    expect(differences).toEqual([]);
    expect(log).toContain(COPY_OF_LIVE_SITE);
    expect(rendered.filter((page) => listIncidentPages(closedSlugs()).includes(page))).toEqual([]);
  });
});
