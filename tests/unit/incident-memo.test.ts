/**
 * The memo of parsed incidents kept between processes (src/data/incident-memo.ts):
 * what a process reads back is what the parse would have produced, an entry is
 * used only for the same file text in the same context, and a memo this code
 * did not write is not used at all.
 */
import {
  appendFileSync,
  cpSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { afterAll, beforeEach, describe, expect, test } from 'vitest';
import { INCIDENT_MEMO_FILE, openIncidentMemo } from '../../src/data/incident-memo.ts';
import { readAndParseContent } from '../../src/data/read-content.ts';
import type { StatusModel } from '../../src/lib/model.ts';
import { getIncidentMemo, setIncidentMemo } from '../../src/lib/validate.ts';

const work = mkdtempSync(join(tmpdir(), 'incident-memo-'));
afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

let content: string;
let cacheDir: string;
let run = 0;
beforeEach(() => {
  run += 1;
  content = join(work, `content-${String(run)}`);
  cacheDir = join(work, `cache-${String(run)}`);
  cpSync('content', content, { recursive: true });
  setIncidentMemo(undefined);
});

/** One process: open the memo, validate the folder, save the memo. What the parse used from the memo, too. */
function parseInNewProcess(incremental = true): { model: StatusModel; loaded: Set<unknown> } {
  setIncidentMemo(undefined);
  const memo = openIncidentMemo({ incremental }, content, cacheDir);
  const loaded = new Set<unknown>(getIncidentMemo()?.byFile.values());
  const result = readAndParseContent(content);
  memo.save();
  if (!result.ok) throw new Error(result.problems.map((p) => `${p.file}: ${p.message}`).join('\n'));
  return { model: result.model, loaded };
}

const readMemo = (bytes: Buffer) => deserialize(bytes) as Record<string, unknown>;
const memoFile = () => join(cacheDir, INCIDENT_MEMO_FILE);
const fireFile = () => join(content, 'incidents/2022/2022-10-15-pangyo-datacenter-fire.md');

describe('the incident memo between processes', () => {
  test('the next process reads back exactly what the parse produced, undefined fields included', () => {
    const first = parseInNewProcess();
    expect(first.loaded.size).toBe(0);
    expect(existsSync(memoFile())).toBe(true);

    const second = parseInNewProcess();
    expect(second.loaded.size).toBe(first.model.incidents.length);
    for (const incident of second.model.incidents) expect(second.loaded.has(incident)).toBe(true);
    expect(second.model).toStrictEqual(first.model);
  });

  test('a changed file is parsed again; the others come from the memo', () => {
    const before = parseInNewProcess();
    appendFileSync(fireFile(), '\n운영자가 덧붙인 문단.\n');
    const after = parseInNewProcess();
    const fire = after.model.incidents.find((i) => i.slug === '2022-10-15-pangyo-datacenter-fire');
    expect(fire?.body).toContain('운영자가 덧붙인 문단.');
    expect(after.loaded.has(fire)).toBe(false);
    const others = after.model.incidents.filter((i) => i !== fire);
    expect(others.length).toBe(before.model.incidents.length - 1);
    for (const incident of others) expect(after.loaded.has(incident)).toBe(true);
  });

  test('a renamed service parses every incident again (the context changed)', () => {
    parseInNewProcess();
    const service = join(content, 'services/kakaotalk.md');
    writeFileSync(service, readFileSync(service, 'utf8').replace('  ko: 카카오톡\n', '  ko: 카카오톡 메신저\n'));
    const after = parseInNewProcess();
    expect(after.model.services.find((s) => s.id === 'kakaotalk')?.name).toMatchObject({ ko: '카카오톡 메신저' });
    for (const incident of after.model.incidents) expect(after.loaded.has(incident)).toBe(false);
    // The memo now holds the new context, for the process after.
    expect(parseInNewProcess().loaded.size).toBe(after.model.incidents.length);
  });

  // Each made from the valid memo of the same folder, so that only what is named differs.
  test.each([
    ['bytes that are not a memo', () => Buffer.from('not a memo')],
    ['an empty file', () => Buffer.alloc(0)],
    ['a memo cut short', (valid: Buffer) => valid.subarray(0, valid.length >> 1)],
    ['a memo of other code', (valid: Buffer) => serialize({ ...readMemo(valid), code: 'other code' })],
    ['a memo of another format', (valid: Buffer) => serialize({ ...readMemo(valid), format: 2 })],
  ])('%s is not used, and is replaced', (_, damage: (valid: Buffer) => Buffer) => {
    const expected = parseInNewProcess().model;
    writeFileSync(memoFile(), damage(readFileSync(memoFile())));
    const next = parseInNewProcess();
    expect(next.loaded.size).toBe(0);
    expect(next.model).toStrictEqual(expected);
    expect(parseInNewProcess().loaded.size).toBe(expected.incidents.length);
  });

  test('the valid memo those are made from is used', () => {
    const expected = parseInNewProcess().model;
    writeFileSync(memoFile(), serialize(readMemo(readFileSync(memoFile()))));
    expect(parseInNewProcess().loaded.size).toBe(expected.incidents.length);
  });

  test('a memo with nothing new is not written again', () => {
    parseInNewProcess();
    const written = statSync(memoFile()).mtimeMs;
    parseInNewProcess();
    expect(statSync(memoFile()).mtimeMs).toBe(written);
  });

  test('STATUS_INCREMENTAL=0 neither reads nor writes it', () => {
    parseInNewProcess(false);
    expect(existsSync(memoFile())).toBe(false);
    parseInNewProcess();
    expect(parseInNewProcess(false).loaded.size).toBe(0);
  });
});
