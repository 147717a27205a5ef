/**
 * Gate: the Nu HTML Checker (vnu.jar, the W3C validator's engine) finds no error on any page of
 * any gate build. It runs once over every build: the JVM takes seconds to start.
 */
import { spawn } from 'node:child_process';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { ROOT } from '../build/helpers.ts';
import { JAVA, requireTool } from '../support/tools.ts';
import { expectNone, htmlPages, SITE_NAMES, siteDirs } from './sites.ts';

const VNU = join(ROOT, 'node_modules/vnu-jar/build/dist/vnu.jar');

interface VnuMessage {
  type: string;
  subType?: string;
  url?: string;
  firstLine?: number;
  lastLine?: number;
  firstColumn?: number;
  lastColumn?: number;
  message: string;
  extract?: string;
}

function run(command: string, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(command, args);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', fail);
    child.on('close', (code) => {
      done({ code, stdout, stderr });
    });
  });
}

test('the Nu HTML Checker reports 0 errors on every built page', async (ctx) => {
  requireTool(JAVA, ctx);
  const dirs = siteDirs();
  const pages = SITE_NAMES.reduce((sum, name) => sum + htmlPages(dirs[name]).length, 0);
  const { code, stdout, stderr } = await run('java', [
    // A short run: the JVM's quick compiler alone halves the time (it needs a bigger stack).
    '-Xss4m',
    '-XX:+UseSerialGC',
    '-XX:TieredStopAtLevel=1',
    '-jar',
    VNU,
    '--errors-only',
    '--skip-non-html',
    // Language detection only gives warnings, and is slow.
    '--no-langdetect',
    '--format',
    'json',
    '--stdout',
    ...SITE_NAMES.map((name) => dirs[name]),
  ]);
  let messages: VnuMessage[];
  try {
    messages = (JSON.parse(stdout) as { messages: VnuMessage[] }).messages;
  } catch {
    throw new Error(`vnu.jar gave no report (exit ${code}):\n${stderr}\n${stdout}`);
  }
  // "<build>/<page>:<line>.<column>: <message>" instead of a temporary folder's file: URL.
  const where = (url = '') => {
    const file = url.startsWith('file:') ? fileURLToPath(url) : url;
    const name = SITE_NAMES.find((n) => file.startsWith(`${dirs[n]}/`));
    return name ? `${name}/${relative(dirs[name], file)}` : file;
  };
  const errors = messages
    .filter((m) => m.type === 'error' || m.subType === 'fatal')
    .map(
      (m) =>
        `${where(m.url)}:${m.firstLine ?? m.lastLine ?? '?'}.${m.firstColumn ?? '?'}: ${m.message}` +
        (m.extract ? `\n    ${m.extract.replace(/\s+/g, ' ').slice(0, 160)}` : ''),
    );
  console.log(`vnu: ${pages} pages in ${SITE_NAMES.length} builds, ${errors.length} errors`);
  expectNone(errors, 'errors found by vnu.jar');
  expect(code, stderr).toBe(0);
});
