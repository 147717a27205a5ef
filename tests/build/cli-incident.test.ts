/**
 * The operator CLI's writing commands, run as an on-call engineer runs them
 * (a child process on Node 24) on a copy of the sample content: one whole
 * incident, `new`, two `update`s (the second changes which features are
 * affected), `resolve`, with a real build after each step read through the
 * page hooks (SPEC.md) and the Statuspage API. Then what it refuses, and the
 * interactive path with scripted answers.
 */
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  cpSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Asker, Choice, CommandIo } from '../../src/cli/incident-commands.ts';
import { runNew, runUpdate } from '../../src/cli/incident-commands.ts';
import { readBuildEnv } from '../../src/data/env.ts';
import { addedLines } from '../support/lines.ts';
import { BUILDS, buildSite, readPage, readText, ROOT } from './helpers.ts';

const SLUG = '2026-12-02-kakaotalk-photo-and-video-sending-failure';
const FILE = `incidents/2026/${SLUG}.md`;

let content: string;

beforeAll(() => {
  mkdirSync(BUILDS, { recursive: true });
  content = mkdtempSync(join(BUILDS, 'cli-content-'));
  cpSync(join(ROOT, 'content'), content, { recursive: true });
});
afterAll(() => {
  rmSync(content, { recursive: true, force: true });
});

function status(...args: string[]) {
  const run = spawnSync(process.execPath, [join(ROOT, 'src/cli/status.ts'), ...args, '--content', content], {
    cwd: ROOT,
    encoding: 'utf8',
    env: {
      ...process.env,
      STATUS_CONTENT_DIR: undefined,
      STATUS_NOW: undefined,
      SITE_URL: 'https://status.example.com',
    },
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

const fileText = () => readFileSync(join(content, FILE), 'utf8');

/** Builds the copy at `now` and reads what a user and a Statuspage client see. */
async function look(now: string) {
  const build = await buildSite({ STATUS_CONTENT_DIR: content, STATUS_NOW: now });
  expect(build.code, build.stderr).toBe(0);
  const $ = readPage(build.outDir, 'index.html');
  const talk = $('[data-service="kakaotalk"]').first();
  const unresolved = JSON.parse(readText(build.outDir, 'api/v2/incidents/unresolved.json')) as {
    incidents: { shortlink: string; status: string; incident_updates: { status: string }[] }[];
  };
  const incidentPage = readPage(build.outDir, `incidents/${SLUG}/index.html`);
  rmSync(build.outDir, { recursive: true, force: true });
  return {
    indicator: $('[data-indicator]').attr('data-indicator'),
    card: $(`[data-incident="${SLUG}"]`).attr('data-state'),
    talk: talk.attr('data-status'),
    media: talk.find('[data-feature="media"]').attr('data-status'),
    messages: talk.find('[data-feature="messages"]').attr('data-status'),
    note: talk.text().includes('텍스트 메시지는 송수신 가능'),
    api: unresolved.incidents.map((i) => ({ status: i.status, updates: i.incident_updates.length })),
    timeline: incidentPage('main ol.timeline > li').length,
  };
}

describe('a whole incident from the CLI, built after each step', () => {
  test('new: the file, its URL, and the page shows it open with what still works', async () => {
    const run = status(
      'new',
      '--title',
      '카카오톡 사진·동영상 전송 장애',
      '--title-en',
      'KakaoTalk photo and video sending failure',
      '--feature',
      'kakaotalk.media=major_outage',
      '--note',
      'kakaotalk=텍스트 메시지는 송수신 가능, 사진·동영상 전송 불가',
      '--message',
      '사진과 동영상이 전송되지 않는 문제를 확인하고 있습니다.',
      '--message-en',
      'We are looking into photos and videos failing to send.',
      '--at',
      '2026-12-02T03:15',
    );
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`wrote ${join(content, FILE)}`);
    expect(run.stdout).toContain(`page: https://status.example.com/incidents/${SLUG}/`);
    expect(run.stdout).toContain('카카오톡: 부분 장애 (사진·동영상 전송 전면 장애)');
    expect(fileText()).toContain('impact: minor\nstarted: 2026-12-02T03:15\n');

    expect(await look('2026-12-02T03:20:00+09:00')).toEqual({
      indicator: 'minor',
      card: 'investigating',
      talk: 'partial_outage',
      media: 'major_outage',
      messages: 'operational',
      note: true,
      api: [{ status: 'investigating', updates: 1 }],
      timeline: 1,
    });
  });

  test('update: identified; the rest of the file is untouched', async () => {
    const before = fileText();
    const run = status(
      'update',
      SLUG,
      '--status',
      'identified',
      '--message',
      '원인을 파악해 복구 중입니다.',
      '--at',
      '2026-12-02T03:40',
    );
    expect(run.code, run.stderr).toBe(0);
    expect(addedLines(before, fileText())).toEqual([
      '  - at: 2026-12-02T03:40',
      '    status: identified',
      '    message: "원인을 파악해 복구 중입니다."',
    ]);
    const seen = await look('2026-12-02T03:45:00+09:00');
    expect(seen).toMatchObject({
      card: 'identified',
      talk: 'partial_outage',
      media: 'major_outage',
      note: true,
      timeline: 2,
    });
    expect(seen.api).toEqual([{ status: 'identified', updates: 2 }]);
  });

  test('update changing the affected features: media slow, messages slow too; the stale note goes', async () => {
    const before = fileText();
    const run = status(
      'update',
      SLUG,
      '--status',
      'monitoring',
      '--message',
      '사진 전송이 재개되었으나 느릴 수 있습니다.',
      '--feature',
      'kakaotalk.media=degraded_performance',
      '--feature',
      'kakaotalk.messages=degraded_performance',
      '--at',
      '2026-12-02T04:00',
    );
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('the note of kakaotalk was left out');
    expect(addedLines(before, fileText())).toEqual([
      '  - at: 2026-12-02T04:00',
      '    status: monitoring',
      '    message: "사진 전송이 재개되었으나 느릴 수 있습니다."',
      '    affected:',
      '      - service: kakaotalk',
      '        status: degraded_performance',
      '        features:',
      '          media: degraded_performance',
      '          messages: degraded_performance',
    ]);
    expect(await look('2026-12-02T04:05:00+09:00')).toMatchObject({
      indicator: 'minor',
      card: 'monitoring',
      talk: 'degraded_performance',
      media: 'degraded_performance',
      messages: 'degraded_performance',
      note: false,
      api: [{ status: 'monitoring', updates: 3 }],
      timeline: 3,
    });
  });

  test('resolve: closed with the standard message in both languages; everything is operational', async () => {
    const before = fileText();
    const run = status('resolve', SLUG, '--at', '2026-12-02T04:30');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('state: 해결 (resolved), closed');
    const added = addedLines(before, fileText());
    expect(added.slice(0, 3)).toEqual(['  - at: 2026-12-02T04:30', '    status: resolved', '    message:']);
    expect(await look('2026-12-02T04:35:00+09:00')).toMatchObject({
      indicator: 'none',
      card: undefined,
      talk: 'operational',
      media: 'operational',
      api: [],
      timeline: 4,
    });
  });
});

describe('what it refuses, leaving the file as it was', () => {
  const untouched = (run: () => { code: number | null; stderr: string }) => {
    const before = fileText();
    const result = run();
    expect(result.code).toBe(1);
    expect(fileText()).toBe(before);
    // No temporary file left behind.
    expect(readdirSync(join(content, 'incidents/2026'))).toEqual([`${SLUG}.md`]);
    return result.stderr;
  };

  test('an update dated before the last one: the build would refuse it, so nothing is written', () => {
    const stderr = untouched(() =>
      status('update', SLUG, '--status', 'postmortem', '--message', 'x', '--at', '2026-12-02T04:00'),
    );
    expect(stderr).toContain(`${FILE}: updates[4].at: 2026-12-02 04:00 KST is before the previous update`);
    expect(stderr).toContain('Not written');
  });

  test.each([
    [['update', 'kakaotalk-photo', '--status', 'identified', '--message', 'x'], 'no incident "kakaotalk-photo"'],
    [['update', SLUG, '--status', 'identifed', '--message', 'x'], '(did you mean "identified"?)'],
    [
      ['update', SLUG, '--status', 'postmortem', '--message', 'x', '--service', 'kakaotlak=major_outage'],
      '(did you mean "kakaotalk"?)',
    ],
    [
      ['update', SLUG, '--status', 'postmortem', '--message', 'x', '--feature', 'kakaotalk.mesages=major_outage'],
      '(did you mean "messages"?)',
    ],
    [
      ['update', SLUG, '--status', 'postmortem', '--message', 'x', '--service', 'kakaotalk=down'],
      'not a component status',
    ],
    [['update', SLUG, '--status', 'postmortem', '--yes'], 'give --message'],
    [['maintenance', 'start', SLUG], 'is an incident: use resolve'],
    [['update', SLUG, '--status', 'postmortem', '--message', 'x', '--at', 'tomorrow'], '--at "tomorrow"'],
  ])('%j', (args, message) => {
    expect(untouched(() => status(...args))).toContain(message);
  });
});

test('a content file that is a symbolic link stays one, and the file it points to keeps its permissions', () => {
  const target = join(content, '..', `linked-${process.pid}.md`);
  const link = join(content, 'incidents/2024/2024-05-20-kakaotalk-load-balancer-error.md');
  renameSync(link, target);
  chmodSync(target, 0o664);
  symlinkSync(target, link);
  try {
    const run = status(
      'update',
      '2024-05-20-kakaotalk-load-balancer-error',
      '--status',
      'postmortem',
      '--message',
      '사후 분석',
      '--at',
      '2024-05-21T10:00',
    );
    expect(run.code, run.stderr).toBe(0);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readFileSync(target, 'utf8')).toContain('    status: postmortem\n');
    expect(statSync(target).mode & 0o777).toBe(0o664);
  } finally {
    rmSync(link);
    renameSync(target, link);
  }
});

describe('maintenance from the CLI', () => {
  test('new, start, complete: the window and its states reach the page', async () => {
    const made = status(
      'maintenance',
      'new',
      '--title',
      '카카오뱅크 정기 점검',
      '--title-en',
      'KakaoBank scheduled maintenance',
      '--start',
      '2026-12-05T02:00',
      '--end',
      '2026-12-05T04:00',
      '--service',
      'kakaobank',
      '--message',
      '12월 5일 02:00~04:00 점검으로 이체가 중단됩니다.',
      '--at',
      '2026-12-02T10:00',
    );
    expect(made.code, made.stderr).toBe(0);
    const slug = /incidents\/([\w-]+)\/$/m.exec(made.stdout)?.[1] ?? '';
    expect(slug).toBe('2026-12-05-kakaobank-scheduled-maintenance');
    expect(status('maintenance', 'start', slug, '--at', '2026-12-05T02:00').code).toBe(0);
    expect(status('maintenance', 'complete', slug, '--at', '2026-12-05T03:50').code).toBe(0);
    const build = await buildSite({ STATUS_CONTENT_DIR: content, STATUS_NOW: '2026-12-05T03:00:00+09:00' });
    expect(build.code, build.stderr).toBe(0);
    const $ = readPage(build.outDir, 'index.html');
    expect($(`[data-maintenance="${slug}"]`).attr('data-state')).toBe('in_progress');
    expect($('[data-service="kakaobank"]').attr('data-status')).toBe('under_maintenance');
    rmSync(build.outDir, { recursive: true, force: true });
    rmSync(join(content, `incidents/2026/${slug}.md`));
  });
});

describe('asked on a terminal: the same result from answers', () => {
  /** Answers in order; each question's choices are checked to carry their Korean labels. */
  function scripted(answers: unknown[]): { asker: Asker; asked: string[] } {
    const asked: string[] = [];
    const next = () => {
      if (answers.length === 0) throw new Error(`no answer left for: ${asked.at(-1) ?? ''}`);
      return answers.shift();
    };
    const asker: Asker = {
      text: (question) => (asked.push(question), Promise.resolve(next() as string)),
      choose: <T extends string>(question: string, choices: readonly Choice<T>[]) => {
        asked.push(`${question}: ${choices.map((c) => c.label).join(' | ')}`);
        return Promise.resolve(next() as T);
      },
      chooseMany: <T extends string>(question: string, choices: readonly Choice<T>[]) => {
        asked.push(`${question}: ${choices.map((c) => c.label).join(' | ')}`);
        return Promise.resolve(next() as T[]);
      },
      confirm: (question) => (asked.push(question), Promise.resolve(next() as boolean)),
    };
    return { asker, asked };
  }

  test('a time that does not fit the timeline is refused before the first question', async () => {
    const asked = scripted([]);
    const env = { ...readBuildEnv({}), contentDir: content };
    const io: CommandIo = { out: () => undefined, err: () => undefined, now: () => Date.now(), ask: asked.asker };
    await expect(runUpdate(env, SLUG, { at: '2026-12-02T03:00' }, io)).rejects.toThrow(
      /updates\[\d+\]\.at: 2026-12-02 03:00 KST is before[^]*asked nothing yet/,
    );
    expect(asked.asked).toEqual([]);
  });

  test('new, then update with a changed affected list', async () => {
    const out: string[] = [];
    const env = { ...readBuildEnv({}), contentDir: content };
    const io = (asker: Asker): CommandIo => ({
      out: (line) => out.push(line),
      err: (line) => out.push(line),
      now: () => Date.parse('2026-12-03T09:00:00+09:00'),
      ask: asker,
    });
    const first = scripted([
      '카카오 T 택시 호출 지연',
      'Kakao T taxi calls delayed',
      ['kakao-t'],
      ['taxi'],
      'degraded_performance',
      '호출이 평소보다 늦게 연결됩니다',
      'minor',
      'investigating',
      '택시 호출이 지연되고 있습니다.',
      '',
      true,
    ]);
    await runNew(env, {}, io(first.asker));
    expect(first.asked.join('\n')).toContain('major_outage · 전면 장애');
    expect(first.asked.join('\n')).toContain('kakao-t · 카카오 T');
    expect(first.asked.join('\n')).toContain('investigating · 조사 중');
    // Shown before the question that writes it: the file and what the page will say.
    expect(out.join('\n')).toContain('  카카오 T: 성능 저하 (택시 호출 성능 저하)');
    expect(first.asked.at(-1)).toBe('저장할까요? (write it?)');
    const path = out.find((line) => line.startsWith('wrote '))?.slice('wrote '.length) ?? '';
    expect(path).toContain('incidents/2026/2026-12-03-kakao-t-taxi-calls-delayed.md');
    const slug = '2026-12-03-kakao-t-taxi-calls-delayed';

    const second = scripted([
      'identified',
      '원인을 찾았습니다.',
      '',
      true,
      ['kakao-t'],
      ['taxi'],
      'partial_outage',
      '',
      true,
    ]);
    await runUpdate(env, slug, {}, io(second.asker));
    const text = readFileSync(path, 'utf8');
    expect(text).toContain(
      '    affected:\n      - service: kakao-t\n        status: partial_outage\n        features:\n          taxi: partial_outage\n',
    );
    rmSync(path);
  });
});
