/**
 * Real builds of what a careless or hostile operator writes, read as a user
 * would (SPEC.md: bad content never produces a page).
 *
 * - the sample content damaged in many independent ways at once: the build
 *   names every problem, one line each, exits non-zero, quickly, and
 *   publishes nothing;
 * - a `---` inside the front matter (a Markdown rule in an update message, LF
 *   and CRLF) does not cut it: the later updates, and the resolution, stay;
 * - any allowed text (XML and HTML metacharacters, CDATA and comment ends,
 *   line and paragraph separators, zero-width and bidi controls, emoji, tabs,
 *   a very long word) leaves every output file well-formed for its parser.
 */
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import ICAL from 'ical.js';
import Parser from 'rss-parser';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildSite, listFiles, readPage, readText, ROOT, type BuildResult } from './helpers.ts';

const SITE_URL = 'https://status.example.com';
const SAMPLE = join(ROOT, 'content');

const cleanup: string[] = [];
afterAll(() => {
  for (const dir of cleanup) rmSync(dir, { recursive: true, force: true });
});

/** A copy of the sample content/ under .tmp/ (git-ignored), with `files` (path → text or bytes) added. */
function copySample(files: Record<string, string | Buffer>): string {
  mkdirSync(join(ROOT, '.tmp'), { recursive: true });
  const work = mkdtempSync(join(ROOT, '.tmp/hostile-'));
  cleanup.push(work);
  const dir = join(work, 'content');
  cpSync(SAMPLE, dir, { recursive: true });
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}

async function build(env: Record<string, string>): Promise<{ result: BuildResult; seconds: number }> {
  const started = performance.now();
  const result = await buildSite({ SITE_URL, ...env });
  cleanup.push(result.outDir);
  return { result, seconds: (performance.now() - started) / 1000 };
}

/** A valid incident on KakaoTalk (sample services), with `body`. */
function incident(title: string, started: string, body = '본문입니다.'): string {
  return [
    '---',
    `title: ${title}`,
    `started: ${started}`,
    'affected:',
    '  - service: kakaotalk',
    '    status: partial_outage',
    '---',
    body,
    '',
  ].join('\n');
}

/** "카카오톡 장애" in CP949/EUC-KR (`iconv -f utf-8 -t cp949`). */
const CP949_KAKAOTALK_OUTAGE = Buffer.from([
  0xc4, 0xab, 0xc4, 0xab, 0xbf, 0xc0, 0xc5, 0xe5, 0x20, 0xc0, 0xe5, 0xbe, 0xd6,
]);

/** Nine levels of nine aliases ("billion laughs"): 9^9 strings if anything expands it. */
function aliasBomb(): string {
  const names = 'abcdefghi'.split('');
  const lines = ['  - &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
  for (let i = 1; i < names.length; i++) {
    lines.push(
      `  - &${names[i] ?? ''} [${Array<string>(9)
        .fill(`*${names[i - 1] ?? ''}`)
        .join(', ')}]`,
    );
  }
  return lines.join('\n');
}

const HUGE_FILE_BYTES = 20_000_000;

describe('the sample content, damaged in every way at once', () => {
  const damaged: Record<string, string | Buffer> = {
    // Saved by an editor in the Korean Windows encoding.
    'incidents/2023/2023-02-01-kakaotalk-outage.md': Buffer.concat([
      Buffer.from('---\ntitle: '),
      CP949_KAKAOTALK_OUTAGE,
      Buffer.from('\nstarted: 2023-02-01T10:00\naffected:\n  - service: kakaotalk\n    status: major_outage\n---\n'),
    ]),
    // A misspelt folder and a file next to site.yaml: never silently left out of the page.
    'incident/2024-06-01-kakaotalk-login.md': incident('로그인 장애', '2024-06-01T10:00'),
    '2024-06-02-kakaotalk-delay.md': incident('메시지 지연', '2024-06-02T10:00'),
    // U+0008, written as a YAML escape (what a YAML serialiser writes) and pasted raw.
    'services/daum.md': '---\nname:\n  ko: "다음\\b메일"\n  en: Daum Mail\n---\n',
    'services/melon.md': '---\nname:\n  ko: 멜론\b\n  en: Melon\n---\n',
    // A number field given a "billion laughs" list.
    'incidents/2024/2024-06-03-alias-bomb.md': [
      '---',
      'title: 별칭 폭탄',
      'started: 2024-06-03T10:00',
      'affectedUsers:',
      aliasBomb(),
      'affected:',
      '  - service: kakaotalk',
      '    status: major_outage',
      '---',
      '',
    ].join('\n'),
    'incidents/2024/2024-06-04-quote-bomb.md': incident('인용 폭탄', '2024-06-04T10:00', `${'>'.repeat(2000)} 인용`),
  };
  const hugeHead = incident('20 MB 본문', '2024-06-05T10:00', '');
  damaged['incidents/2024/2024-06-05-huge-body.md'] = Buffer.concat([
    Buffer.from(hugeHead),
    Buffer.alloc(HUGE_FILE_BYTES - Buffer.byteLength(hugeHead), '가나다라마바사 '),
  ]);

  const UNKNOWN = 'the content folder holds only site.yaml, services/ and incidents/';
  const expected = [
    `2024-06-02-kakaotalk-delay.md: (file): unknown file; ${UNKNOWN}; incidents go in incidents/, services in services/`,
    `incident/: (folder): unknown folder; ${UNKNOWN} (did you mean "incidents"?)`,
    'incidents/2023/2023-02-01-kakaotalk-outage.md: (file): not UTF-8; save it as UTF-8 (it may be CP949/EUC-KR: in your editor, "Save with encoding" → UTF-8)',
    'incidents/2024/2024-06-03-alias-bomb.md: affectedUsers[1][0]: repeats a list or map with a YAML alias (*name); aliases are not allowed here, write the value out',
    'incidents/2024/2024-06-04-quote-bomb.md: (body): quotes and lists are nested 2000 levels deep; at most 32 are allowed',
    'incidents/2024/2024-06-05-huge-body.md: (file): is 20,000,000 bytes; a content file may be at most 2,097,152 bytes (2 MiB)',
    'services/daum.md: name.ko: contains the control character U+0008 at character 3; remove it (only tabs and line breaks are allowed)',
    // Pasted raw, before any field is known: the line and character are named.
    'services/melon.md: front matter: line 3, character 9: contains the control character U+0008; remove it (only tabs and line breaks are allowed)',
    '(environment): STATUS_NOW: "2021-07-16T16:30+99:99" has the offset +99:99, which is not a UTC offset; offsets go from -14:00 to +14:00 with minutes 00-59 (Korea: +09:00)',
  ];

  let contentDir: string;
  let result: BuildResult;
  let seconds: number;
  beforeAll(async () => {
    contentDir = copySample(damaged);
    ({ result, seconds } = await build({ STATUS_CONTENT_DIR: contentDir, STATUS_NOW: '2021-07-16T16:30+99:99' }));
    // A figure, not a gate (shared machines): about 2 s here; before these protections the
    // alias bomb alone took 21 s to crash the build with a stack trace.
    console.log(`damaged build: exit ${result.code} after ${seconds.toFixed(1)} s`);
  });

  test('exits non-zero and prints every problem, one whole line each, and no other', () => {
    expect(result.code).not.toBe(0);
    const lines = result.stderr.split('\n');
    for (const line of expected) expect(lines, line).toContain(line);
    // The summary counts them, and the lines it lists above it are these: nothing else was wrong with the sample.
    const summary = lines.findIndex((line) =>
      line.endsWith(`${expected.length} problems in ${contentDir} (listed above); no page was built.`),
    );
    expect(summary, result.stderr).toBeGreaterThanOrEqual(expected.length);
    expect(lines.slice(summary - expected.length, summary).sort()).toEqual([...expected].sort());
  });

  test('publishes nothing: the output folder stays empty, and no half-built folder is left next to it', () => {
    expect(listFiles(result.outDir)).toEqual([]);
    const name = basename(result.outDir);
    expect(readdirSync(dirname(result.outDir)).filter((entry) => entry.startsWith(`.${name}.`))).toEqual([]);
  });
});

// ---------------------------------------------------------------------------

/** A resolved incident whose first update message holds a Markdown rule (`---`) in a block scalar. */
function ruleInMessage(title: string, day: string): string {
  return [
    '---',
    `title: ${title}`,
    'impact: major',
    `started: ${day}T10:00`,
    'affected:',
    '  - service: kakaotalk',
    '    status: major_outage',
    'updates:',
    `  - at: ${day}T10:05`,
    '    status: investigating',
    '    message: |',
    '      메시지 전송이 되지 않습니다.',
    '',
    '      ---',
    '      구분선 아래: 다른 채널로 연락해 주세요.',
    `  - at: ${day}T10:30`,
    '    status: identified',
    '    message: 원인을 찾았습니다.',
    `  - at: ${day}T11:00`,
    '    status: resolved',
    '    message: 복구되었습니다.',
    '---',
    '본문: 장애가 해결되었습니다.',
    '',
  ].join('\n');
}

/** Text a status page must carry through to every output unchanged, or escaped: never broken. */
const HOSTILE = `& < > " ' ]]> --> <![CDATA[ , ; \\ \u2028 \u2029 zero\u200bwidth 😀 \u202eevil.exe\u202c tab\there ${'가'.repeat(400)}${'w'.repeat(600)}`;
/** As a YAML double-quoted scalar (JSON is one). */
const Q = JSON.stringify(HOSTILE);
/** As a block scalar's lines, indented by `indent` spaces. */
const block = (indent: number) =>
  [HOSTILE, `**${HOSTILE}**`, `- ${HOSTILE}`, `\t${HOSTILE}`].map((line) => `${' '.repeat(indent)}${line}`).join('\n');
// marked reads U+2028 and U+2029 as line ends inside a heading line: without them, `#` makes a heading.
const HEADING = HOSTILE.replace(/[\u2028\u2029]/g, '');
const BODY = [
  `# ${HEADING}`,
  '',
  HOSTILE,
  '',
  `> ${HOSTILE}`,
  '',
  `\`${HOSTILE}\``,
  '',
  `| a | b |\n|---|---|\n| ${HOSTILE.replaceAll('|', '')} | x |`,
].join('\n');

const HOSTILE_FILES: Record<string, string> = {
  'services/hostile.md': [
    '---',
    `name: { ko: ${Q}, en: ${Q} }`,
    'order: 9',
    `group: ${Q}`,
    'features:',
    '  - id: core',
    `    name: ${Q}`,
    '---',
    BODY,
    '',
  ].join('\n'),
  // Open at the moment: on the overview, with its notes, and in the unresolved API.
  'incidents/2024/2024-07-01-hostile-open.md': [
    '---',
    `title: { ko: ${Q}, en: ${Q} }`,
    'impact: major',
    'started: 2024-07-01T09:00',
    'affected:',
    '  - service: hostile',
    '    status: partial_outage',
    '    features: { core: major_outage }',
    `    note: ${Q}`,
    '  - service: kakaotalk',
    '    status: degraded_performance',
    `    note: { ko: ${Q}, en: ${Q} }`,
    'updates:',
    '  - at: 2024-07-01T09:10',
    '    status: investigating',
    '    message: |',
    block(6),
    '  - at: 2024-07-01T10:00',
    '    status: identified',
    `    message: { ko: ${Q}, en: ${Q} }`,
    '---',
    BODY,
    '',
  ].join('\n'),
  // Resolved: its body (the write-up) is published.
  'incidents/2024/2024-06-20-hostile-resolved.md': [
    '---',
    `title: ${Q}`,
    'started: 2024-06-20T09:00',
    'resolved: 2024-06-20T10:00',
    'affected:',
    '  - service: hostile',
    '    status: major_outage',
    `    note: ${Q}`,
    'updates:',
    '  - at: 2024-06-20T09:30',
    '    status: identified',
    '    message: |',
    block(6),
    '---',
    BODY,
    '',
  ].join('\n'),
  // In progress at the moment: in the calendar.
  'incidents/2024/2024-07-01-hostile-maintenance.md': [
    '---',
    `title: { ko: ${Q}, en: ${Q} }`,
    'kind: maintenance',
    'scheduled: { start: 2024-07-01T11:00, end: 2024-07-01T14:00 }',
    'affected:',
    '  - service: hostile',
    '    status: under_maintenance',
    `    note: ${Q}`,
    'updates:',
    '  - at: 2024-06-25T10:00',
    '    status: scheduled',
    `    message: ${Q}`,
    '  - at: 2024-07-01T11:00',
    '    status: in_progress',
    '    message: |',
    block(6),
    '---',
    BODY,
    '',
  ].join('\n'),
  'site.yaml': readFileSync(join(SAMPLE, 'site.yaml'), 'utf8')
    .replace(/^title:\n(?: {2}.*\n)+/m, `title: { ko: ${Q}, en: ${Q} }\n`)
    .replace(/^description:\n(?: {2}.*\n)+/m, `description: ${JSON.stringify(`${HOSTILE}\n${HOSTILE}`)}\n`),
  'incidents/2024/2024-06-10-rule-in-message.md': ruleInMessage('구분선이 있는 공지', '2024-06-10'),
  'incidents/2024/2024-06-11-rule-in-message-crlf.md': ruleInMessage('Windows에서 쓴 공지', '2024-06-11').replaceAll(
    '\n',
    '\r\n',
  ),
};

describe('the sample plus hostile (but allowed) text and a --- inside the front matter, built at 2024-07-01 12:00 KST', () => {
  let site: BuildResult;
  beforeAll(async () => {
    const contentDir = copySample(HOSTILE_FILES);
    const { result, seconds } = await build({
      STATUS_CONTENT_DIR: contentDir,
      STATUS_NOW: '2024-07-01T12:00:00+09:00',
    });
    site = result;
    console.log(`hostile-text build: exit ${result.code} after ${seconds.toFixed(1)} s`);
    expect(site.code, site.stderr).toBe(0);
  });

  describe.each([
    ['LF', '2024-06-10-rule-in-message', '2024-06-10'],
    ['CRLF', '2024-06-11-rule-in-message-crlf', '2024-06-11'],
  ])('a --- line in a block-scalar update message (%s) does not end the front matter', (_, slug, day) => {
    test('the incident page shows it resolved, with all three updates and the text after the rule', () => {
      for (const [page, label] of [
        [`incidents/${slug}/index.html`, '해결'],
        [`en/incidents/${slug}/index.html`, 'Resolved'],
      ] as const) {
        const $ = readPage(site.outDir, page);
        const state = $('.incident-page .eyebrow .state');
        expect(state.attr('class'), page).toBe('state st-resolved');
        expect(state.text(), page).toBe(label);
        const entries = $('.incident-page .timeline > li');
        expect(entries.map((_i, el) => $(el).find('time').attr('datetime')).get(), page).toEqual([
          `${day}T11:00:00+09:00`,
          `${day}T10:30:00+09:00`,
          `${day}T10:05:00+09:00`,
        ]);
        expect(entries.map((_i, el) => $(el).find('.state').attr('class')).get(), page).toEqual([
          'state st-resolved',
          'state st-identified',
          'state st-investigating',
        ]);
        const first = entries.last().find('.tl-body');
        expect(first.find('hr'), page).toHaveLength(1);
        expect(first.text(), page).toContain('구분선 아래: 다른 채널로 연락해 주세요.');
      }
    });

    test('it is not among the open incidents on the overview, and the API says resolved', () => {
      for (const page of ['index.html', 'en/index.html']) {
        const $ = readPage(site.outDir, page);
        const open = $('[data-incident]')
          .map((_i, el) => $(el).attr('data-incident'))
          .get();
        expect(open, page).toContain('2024-07-01-hostile-open');
        expect(open, page).not.toContain(slug);
      }
      const api = JSON.parse(readText(site.outDir, 'api/v2/incidents.json')) as {
        incidents: { id: string; status: string; resolved_at: string | null; incident_updates: unknown[] }[];
      };
      const found = api.incidents.find((i) => i.id === slug);
      expect(
        found && { status: found.status, resolved_at: found.resolved_at, updates: found.incident_updates.length },
      ).toEqual({
        status: 'resolved',
        resolved_at: `${day}T11:00:00+09:00`,
        updates: 3,
      });
    });
  });

  describe('every output file is well-formed for its parser', () => {
    let files: string[];
    const checked: Record<string, number> = {};
    beforeAll(() => {
      files = listFiles(site.outDir);
    });
    afterAll(() => {
      console.log(`well-formed output files: ${JSON.stringify(checked)} of ${files.length} files`);
    });
    const ofType = (...extensions: string[]) => files.filter((f) => extensions.includes(extname(f)));

    test('XML: every .svg, .xml and .atom passes an XML validator', () => {
      const xml = ofType('.svg', '.xml', '.atom');
      for (const file of xml) {
        // eslint-disable-next-line @typescript-eslint/no-deprecated -- fast-xml-parser 5 points to fast-xml-validator, not a dependency here
        expect(XMLValidator.validate(readText(site.outDir, file)), file).toBe(true);
      }
      for (const ext of ['.svg', '.xml', '.atom']) {
        checked[ext] = xml.filter((f) => f.endsWith(ext)).length;
        expect(checked[ext], ext).toBeGreaterThan(0);
      }
      // The hostile service's badge is among them.
      expect(xml).toContain('badges/hostile.svg');
    });

    test('iCalendar: every .ics parses, and every VEVENT has DTSTART and DTEND', () => {
      const calendars = ofType('.ics');
      let events = 0;
      for (const file of calendars) {
        const calendar = ICAL.Component.fromString(readText(site.outDir, file));
        expect(calendar.name, file).toBe('vcalendar');
        for (const event of calendar.getAllSubcomponents('vevent')) {
          events++;
          expect(event.getFirstPropertyValue('dtstart'), file).toBeTruthy();
          expect(event.getFirstPropertyValue('dtend'), file).toBeTruthy();
        }
      }
      checked['.ics'] = calendars.length;
      checked.VEVENT = events;
      expect(calendars).toContain('incidents/2024-07-01-hostile-maintenance/maintenance.ics');
      expect(events).toBeGreaterThan(0);
    });

    test('JSON: every .json parses', () => {
      const json = ofType('.json');
      for (const file of json) expect(() => JSON.parse(readText(site.outDir, file)) as unknown, file).not.toThrow();
      checked['.json'] = json.length;
      expect(json.length).toBeGreaterThan(0);
    });

    test('HTML: every page parses and has exactly one h1', () => {
      const pages = ofType('.html');
      for (const file of pages) {
        const $ = readPage(site.outDir, file);
        expect($('h1'), file).toHaveLength(1);
      }
      checked['.html'] = pages.length;
      expect(pages.length).toBeGreaterThan(0);
    });

    test('the hostile text arrives intact where it is plain text: the page heading and the API', () => {
      const $ = readPage(site.outDir, 'incidents/2024-07-01-hostile-open/index.html');
      expect($('h1').text()).toBe(HOSTILE);
      expect($('title').text()).toContain(HOSTILE);
      // Author Markdown: a one-line message and a note, escaped, read as they were written.
      expect($('.incident-page .timeline > li').first().find('.tl-body').text()).toBe(HOSTILE);
      const $overview = readPage(site.outDir, 'index.html');
      expect($overview('[data-service="hostile"] .notes').text()).toContain(HOSTILE);
      // The body of a resolved incident is published; its # heading sits under the page's h1.
      const $resolved = readPage(site.outDir, 'incidents/2024-06-20-hostile-resolved/index.html');
      expect($resolved('.prose h2').first().text()).toBe(HEADING);
      const api = JSON.parse(readText(site.outDir, 'api/v2/incidents/unresolved.json')) as {
        incidents: { id: string; name: string }[];
      };
      expect(api.incidents.find((i) => i.id === '2024-07-01-hostile-open')?.name).toBe(HOSTILE);
      expect(readFileSync(join(site.outDir, 'badges/hostile.svg'), 'utf8')).toContain('😀');
    });

    test('and in what a feed reader and a calendar app read', async () => {
      const feed = await new Parser().parseString(readText(site.outDir, 'rss.xml'));
      expect(feed.items.filter((item) => item.title?.includes(HOSTILE)).length).toBeGreaterThanOrEqual(3);
      const calendar = ICAL.Component.fromString(
        readText(site.outDir, 'incidents/2024-07-01-hostile-maintenance/maintenance.ics'),
      );
      const summaries = calendar.getAllSubcomponents('vevent').map((event) => event.getFirstPropertyValue('summary'));
      expect(summaries).toHaveLength(1);
      expect(String(summaries[0])).toContain(HOSTILE);
      // The site's title names the calendar; its two-line description describes it. ical.js
      // leaves X- properties as written; calendar apps read them as TEXT (RFC 5545 3.3.11).
      const whole = ICAL.Component.fromString(readText(site.outDir, 'maintenance.ics'));
      const unescapeText = (value: unknown) =>
        String(value).replace(/\\([\\;,nN])/g, (_m, c: string) => (c.toLowerCase() === 'n' ? '\n' : c));
      expect(unescapeText(whole.getFirstPropertyValue('x-wr-calname'))).toContain(HOSTILE);
      expect(unescapeText(whole.getFirstPropertyValue('x-wr-caldesc'))).toBe(`${HOSTILE}\n${HOSTILE}`);
    });
  });
});
