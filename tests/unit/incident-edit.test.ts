/**
 * The CLI's edits (src/lib/incident-edit.ts): an update goes in at the end of
 * the timeline and every other byte of the file stays as the author wrote it;
 * what it writes reads back, through the build's own front-matter reader, as
 * the data it was given.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { parseFrontMatter } from '../../src/lib/frontmatter.ts';
import { addedLines } from '../support/lines.ts';
import {
  applyAffectedChanges,
  appendUpdate,
  createSlug,
  getStatusFromFeatures,
  renderIncidentFile,
  toContentTime,
  toLocalizedText,
  type UpdateInput,
} from '../../src/lib/incident-edit.ts';

const ROOT = join(import.meta.dirname, '../..');

const UPDATE: UpdateInput = {
  at: '2026-12-02T03:40',
  status: 'identified',
  message: { ko: '원인을 파악했습니다: "네트워크" 장비', en: 'Cause found.\nA second line.' },
  affected: [{ service: 'kakaotalk', status: 'partial_outage', features: { media: 'major_outage' } }],
};

function frontMatterOf(text: string): Record<string, unknown> {
  const parsed = parseFrontMatter(text);
  if (!parsed.ok) throw new Error(`${parsed.field}: ${parsed.message}`);
  return parsed.data as Record<string, unknown>;
}

function edit(source: string, update: UpdateInput = UPDATE, closes = false): string {
  const result = appendUpdate(source, update, closes);
  if (!result.ok) throw new Error(result.message);
  return result.text;
}

/** Every Markdown file of the sample content and of the test fixtures that an update can be added to. */
function incidentFiles(): string[] {
  const dirs = [join(ROOT, 'content/incidents'), join(ROOT, 'tests/fixtures/basic/incidents')];
  return dirs.flatMap((dir) =>
    readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .filter((name) => name.endsWith('.md'))
      .map((name) => join(dir, name)),
  );
}

describe('appendUpdate keeps every other byte', () => {
  test.each(incidentFiles().map((file) => [file.slice(ROOT.length + 1), file]))('%s', (_, file) => {
    const before = readFileSync(file, 'utf8');
    const after = edit(before);
    const added = addedLines(before, after);
    // Only the new entry's lines, all inside the front matter.
    expect(added.join('\n')).toContain('at: 2026-12-02T03:40');
    expect(added.every((line) => line === '' || /^\s/.test(line) || line.startsWith('updates:'))).toBe(true);
    const data = frontMatterOf(after);
    const oldData = frontMatterOf(before);
    const updates = data.updates as unknown[];
    expect(updates.slice(0, -1)).toEqual(oldData.updates ?? []);
    expect(updates.at(-1)).toEqual(UPDATE);
    expect({ ...data, updates: undefined }).toEqual({ ...oldData, updates: undefined });
    expect(parseFrontMatter(after).ok && parseFrontMatter(after)).toMatchObject({
      body: (parseFrontMatter(before) as { body: string }).body,
    });
  });

  test('comments, quoting, unknown fields and odd indentation stay; the entry matches the list it joins', () => {
    const before = [
      '---',
      '# Written by hand at 3 a.m.',
      "title: '카카오톡 장애'   # keep this comment",
      'x-owner: sre-team',
      'updates:',
      '- at: 2026-12-02T03:15 # first',
      '  status: investigating',
      '  message: >-',
      '    folded text',
      '    on two lines',
      '# a comment between the list and the next field',
      'affected:',
      '    - service: kakaotalk',
      '      status: major_outage',
      '---',
      '본문 --- with a rule',
      '',
    ].join('\n');
    const after = edit(before, { at: '2026-12-02T03:40', status: 'identified', message: '확인' });
    expect(addedLines(before, after)).toEqual(['- at: 2026-12-02T03:40', '  status: identified', '  message: "확인"']);
    // The new entry goes right after the last one, before the comment that follows the list.
    expect(after).toContain('    on two lines\n- at: 2026-12-02T03:40');
    expect(frontMatterOf(after)['x-owner']).toBe('sre-team');
  });

  test('a CRLF file stays CRLF, with its byte-order mark', () => {
    const before =
      '\uFEFF---\r\ntitle: x\r\nupdates:\r\n  - at: 2026-12-02T03:15\r\n    status: investigating\r\n    message: m\r\n---\r\nbody\r\n';
    const after = edit(before, { at: '2026-12-02T03:40', status: 'resolved', message: 'done' }, true);
    expect(after.startsWith('\uFEFF---\r\n')).toBe(true);
    expect(after.replaceAll('\r\n', '')).not.toContain('\n');
    expect(after).toBe(
      '\uFEFF---\r\ntitle: x\r\nupdates:\r\n  - at: 2026-12-02T03:15\r\n    status: investigating\r\n    message: m\r\n  - at: 2026-12-02T03:40\r\n    status: resolved\r\n    message: "done"\r\n---\r\nbody\r\n',
    );
  });

  test.each([
    [
      'no updates field',
      '---\ntitle: x\n---\n',
      '---\ntitle: x\nupdates:\n  - at: t\n    status: investigating\n    message: "m"\n---\n',
    ],
    [
      'an empty flow list',
      '---\ntitle: x\nupdates: [] # none yet\nimpact: minor\n---\n',
      '---\ntitle: x\nupdates:\n  - at: t\n    status: investigating\n    message: "m"\nimpact: minor\n---\n',
    ],
    [
      'a field with no value',
      '---\ntitle: x\nupdates:\nimpact: minor\n---\n',
      '---\ntitle: x\nupdates:\n  - at: t\n    status: investigating\n    message: "m"\nimpact: minor\n---\n',
    ],
  ])('%s: the list is created', (_, before, expected) => {
    expect(edit(before, { at: 't', status: 'investigating', message: 'm' })).toBe(expected);
  });

  test('closing sets a `resolved:` the file gives to the update time (the build requires them equal)', () => {
    const before = '---\ntitle: x\nresolved: 2026-12-02T09:00  # planned\nupdates: []\n---\n';
    const after = edit(before, { at: '2026-12-02T04:10', status: 'resolved', message: 'ok' }, true);
    expect(after).toContain('resolved: 2026-12-02T04:10  # planned\n');
  });

  test.each([
    ['no front matter', 'title: x\n', 'does not start with a "---" line'],
    ['not closed', '---\ntitle: x\n', 'not closed'],
    ['broken YAML', '---\ntitle: [x\n---\n', 'not valid YAML'],
    ['CR line breaks', '---\rtitle: x\r---\r', 'CR only'],
    ['updates is a map', '---\nupdates: { a: 1 }\n---\n', '"updates" is not a list'],
  ])('%s: refused, with the reason', (_, before, reason) => {
    const result = appendUpdate(before, { at: 't', status: 'investigating', message: 'm' }, false);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toContain(reason);
  });
});

test('renderIncidentFile writes what the build reads back', () => {
  const fields = {
    title: { ko: '카카오톡 사진 전송 장애', en: 'KakaoTalk photo failure' },
    impact: 'minor',
    started: '2026-12-02T03:15',
    affectedUsers: 8,
    affected: [
      {
        service: 'kakaotalk',
        status: 'partial_outage',
        features: { media: 'major_outage' },
        note: '텍스트 메시지는 송수신 가능, 사진·동영상 전송 불가',
      },
    ],
    updates: [{ at: '2026-12-02T03:15', status: 'investigating', message: 'yes: no # not a comment\n---\n12' }],
  } as const;
  const text = renderIncidentFile({ ...fields, kind: 'incident' });
  // `kind: incident` is the default, so it is left out.
  expect(frontMatterOf(text)).toEqual(fields);
  expect(text).toContain('  - at: 2026-12-02T03:15\n');
  expect(text).toContain('    note: "텍스트 메시지는 송수신 가능, 사진·동영상 전송 불가"\n');
});

test.each([
  ['2022-10-15', { ko: '판교 화재', en: 'Pangyo data centre fire' }, [], '2022-10-15-pangyo-data-centre-fire'],
  ['2022-10-15', '카카오톡 장애', ['kakaotalk'], '2022-10-15-kakaotalk'],
  ['2022-10-15', '카카오톡 장애', [], '2022-10-15-incident'],
  ['2026-12-02', 'Café: login & sign-up failing for all users today', [], '2026-12-02-cafe-login-sign-up-failing-for'],
])('createSlug(%s, %j) is %s', (date, title, fallbacks, slug) => {
  expect(createSlug(date, title, fallbacks)).toBe(slug);
});

test.each([
  [Date.UTC(2022, 9, 15, 6, 30, 59), 'Asia/Seoul', '2022-10-15T15:30'],
  [Date.UTC(2026, 11, 1, 15, 0), 'Asia/Seoul', '2026-12-02T00:00'],
  // 01:30 happens twice in New York on 2026-11-01: the second one needs its offset.
  [Date.UTC(2026, 10, 1, 5, 30), 'America/New_York', '2026-11-01T01:30'],
  [Date.UTC(2026, 10, 1, 6, 30), 'America/New_York', '2026-11-01T01:30-05:00'],
])('toContentTime(%d, %s) is %s', (instant, timezone, text) => {
  expect(toContentTime(instant, timezone)).toBe(text);
});

test.each([
  [{ ko: 'a' }, 'a'],
  [
    { ko: 'a', en: 'b' },
    { ko: 'a', en: 'b' },
  ],
  [
    { en: 'b', ko: 'a' },
    { ko: 'a', en: 'b' },
  ],
  [{ en: 'b' }, { en: 'b' }],
  [{ ko: ' ', en: undefined }, undefined],
])('toLocalizedText(%j) is %j', (texts, expected) => {
  expect(toLocalizedText(texts, 'ko')).toEqual(expected);
});

describe('applyAffectedChanges', () => {
  const talk = ['messages', 'media', 'login'];
  const featuresOf = (id: string) => (id === 'kakaotalk' ? talk : []);

  test.each([
    [{ media: 'major_outage' }, 'partial_outage'],
    [{ media: 'major_outage', messages: 'major_outage', login: 'major_outage' }, 'major_outage'],
    [{ media: 'degraded_performance' }, 'degraded_performance'],
    [{ media: 'operational' }, 'operational'],
  ] as const)('features %j: the service is %s', (features, status) => {
    expect(getStatusFromFeatures(features, talk)).toBe(status);
  });

  test('a feature recovering moves the service with it and drops the note that would lie', () => {
    const current = [
      {
        service: 'kakaotalk',
        status: 'partial_outage',
        features: { media: 'major_outage', messages: 'degraded_performance' },
        note: '사진 전송 불가',
      },
      { service: 'kakaobank', status: 'major_outage' },
    ] as const;
    const result = applyAffectedChanges(
      current,
      [{ service: 'kakaotalk', features: { media: 'operational' } }],
      featuresOf,
    );
    expect(result).toEqual({
      affected: [
        {
          service: 'kakaotalk',
          status: 'degraded_performance',
          features: { media: 'operational', messages: 'degraded_performance' },
        },
        { service: 'kakaobank', status: 'major_outage' },
      ],
      droppedNotes: ['kakaotalk'],
    });
    // The list it was given is not touched.
    expect(current[0].features.media).toBe('major_outage');
  });

  test('a new note replaces the old; adding, removing and an unchanged state keep the rest', () => {
    const current = [{ service: 'kakaotalk', status: 'major_outage', note: '전체 장애' }] as const;
    expect(
      applyAffectedChanges(
        current,
        [
          { service: 'kakaotalk', status: 'major_outage' },
          { service: 'kakao-t', status: 'degraded_performance', note: '호출 지연' },
        ],
        featuresOf,
      ),
    ).toEqual({
      affected: [
        { service: 'kakaotalk', status: 'major_outage', note: '전체 장애' },
        { service: 'kakao-t', status: 'degraded_performance', note: '호출 지연' },
      ],
      droppedNotes: [],
    });
    expect(applyAffectedChanges(current, [{ service: 'kakaotalk', remove: true }], featuresOf).affected).toEqual([]);
    expect(
      applyAffectedChanges(
        current,
        [{ service: 'kakaotalk', status: 'partial_outage', note: '일부 가능' }],
        featuresOf,
      ),
    ).toEqual({ affected: [{ service: 'kakaotalk', status: 'partial_outage', note: '일부 가능' }], droppedNotes: [] });
  });
});
