/**
 * The operator CLI (`npm run status -- <command>`, src/cli/status.ts), run as a person runs it:
 * a child process on Node 24. `check` says what the build would say, line for line, without
 * building; every command has --help.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { buildSite, FIXTURES, ROOT } from './helpers.ts';

const NOW = '2024-06-01T12:00:00+09:00';

function status(...args: string[]) {
  return statusWith({}, ...args);
}

function statusWith(env: Record<string, string>, ...args: string[]) {
  // process.execPath: the Node that runs the tests (24, from the `node` devDependency).
  const run = spawnSync(process.execPath, [join(ROOT, 'src/cli/status.ts'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: {
      ...process.env,
      STATUS_CONTENT_DIR: undefined,
      STATUS_NOW: undefined,
      STATUS_INCREMENTAL: undefined,
      ...env,
    },
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** The `<file>: <field>: <message>` lines of an output. */
const problemLines = (output: string) => output.split('\n').filter((line) => /^[\w./-]+\.(md|ya?ml): /.test(line));

test('check on good content: exit 0, what it read, and what the page leaves out', () => {
  const run = status('check', '--content', join(FIXTURES, 'basic'), '--now', NOW);
  expect(run.code, run.stderr).toBe(0);
  expect(run.stdout).toMatch(/^ok: 4 services, 6 incidents in .+tests\/fixtures\/basic \(\d+ ms\)$/m);
  // future.md starts after the moment: named, as the build names it.
  expect(run.stdout).toContain('future');
});

test('check on broken content: exit 1 and exactly the problems the build prints, in its format', async () => {
  const run = status('check', '-c', join(FIXTURES, 'broken'), '--now', NOW);
  expect(run.code).toBe(1);
  const build = await buildSite({ STATUS_CONTENT_DIR: join(FIXTURES, 'broken'), STATUS_NOW: NOW });
  expect(build.code).not.toBe(0);
  const lines = problemLines(run.stderr);
  expect(lines.length).toBeGreaterThanOrEqual(8);
  expect(lines).toEqual(problemLines(build.stderr));
  expect(run.stderr).toMatch(/^\d+ problems in .+ \(\d+ ms\); the build would refuse it\.$/m);
});

test('a bad --now is a problem too, named as STATUS_NOW', () => {
  const run = status('check', '-c', join(FIXTURES, 'basic'), '--now', 'yesterday');
  expect(run.code).toBe(1);
  expect(run.stderr).toMatch(/^\(environment\): STATUS_NOW: /m);
});

test.each([
  ['status', []],
  ['status check', ['check']],
  ['status preview', ['preview']],
  ['status new', ['new']],
  ['status update', ['update']],
  ['status resolve', ['resolve']],
  ['status maintenance', ['maintenance']],
  ['status maintenance new', ['maintenance', 'new']],
  ['status maintenance start', ['maintenance', 'start']],
  ['status maintenance complete', ['maintenance', 'complete']],
])('%s --help', (_, command: string[]) => {
  const run = status(...command, '--help');
  expect(run.code).toBe(0);
  expect(run.stdout).toMatch(/^Usage: status/);
});

test('a build variable with a value it cannot have: one line naming it and what is allowed, exit 2', () => {
  const run = statusWith({ STATUS_INCREMENTAL: 'yes' }, 'check', '-c', join(FIXTURES, 'basic'));
  expect(run.code).toBe(2);
  expect(run.stderr).toBe('STATUS_INCREMENTAL="yes": use 1 (on) or 0 (off)\n');
});

test('an unknown command says so and points at --help', () => {
  const run = status('pubish');
  expect(run.code).not.toBe(0);
  expect(run.stderr).toContain("unknown command 'pubish'");
  expect(run.stderr).toContain('--help');
});
