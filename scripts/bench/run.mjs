// npm run bench [-- 1000 10000] [--full-only] [--no-floor]
//
// For each N, on N synthetic incidents (scripts/bench/generate.mjs), all cold:
// 1. the operator's loop: the first build of a fresh checkout (renders every
//    page, fills the incremental cache), then an incident opened with
//    `npm run status -- new` and one update appended with `npm run status --
//    update`, each followed by `npm run build` (incremental) a few minutes
//    later by STATUS_NOW: the CLI's and the build's seconds, and how many pages
//    were rendered and copied from the cache (tests/support/record-writes.mjs);
// 2. the full build (STATUS_INCREMENTAL=0): wall time, peak memory, ms per
//    incident, output size, the overview's gzip weight;
// 3. a bare Astro site that renders the same pages (one per incident per
//    locale, the Markdown body and nothing else): the framework's floor.
// `--full-only` skips the loop and `--no-floor` the floor (both for the
// 100,000-incident run: `npm run bench -- 100000 --full-only --no-floor`).
// Then it checks the targets of the performance issues. Figures, not a gate:
// these machines are shared and noisy.
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { ROOT, spawnAstroBuild, waitForBuild } from '../astro-build.mjs';
import { getCacheDir } from '../../src/integrations/build-cache.ts';
import { generateContent } from './generate.mjs';

const TARGETS = {
  seconds10k: 180,
  // The 10,000-incident build's peak before the incremental build: no higher.
  peakMiB: 1024,
  growth: 11,
  floorRatio: 1.1,
  overviewKiB: 14,
  loopSeconds: { 1000: 5, 10000: 15 },
  seconds100k: 600,
  peakMiB100k: 4096,
};
const NOW = Date.parse('2026-01-01T12:00:00+09:00');
const STATUS_CLI = join(ROOT, 'src/cli/status.ts');

/**
 * Runs `astro build` in `cwd` and measures it: wall time, and peak resident
 * memory read from /proc (VmHWM is the process's own high-water mark).
 * @returns {Promise<{ seconds: number, peakMiB: number }>}
 */
function measureBuild(cwd, outDir, env) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawnAstroBuild(outDir, { cwd, env: { ...process.env, ...env } });
    const done = waitForBuild(child);
    let peakKiB = 0;
    const poll = setInterval(() => {
      try {
        const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
        peakKiB = Math.max(peakKiB, Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0));
      } catch {
        // the process has just exited
      }
    }, 50);
    done.then(
      ({ code, stderr }) => {
        clearInterval(poll);
        if (code !== 0) reject(new Error(`astro build failed in ${cwd}:\n${stderr}`));
        else resolve({ seconds: (performance.now() - started) / 1000, peakMiB: peakKiB / 1024 });
      },
      (error) => {
        clearInterval(poll);
        reject(error);
      },
    );
  });
}

/** Bytes and files below `dir`, and its largest HTML page (bytes, path relative to `dir`). */
function treeSize(dir) {
  let bytes = 0;
  let files = 0;
  let largest = { bytes: 0, path: '' };
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    const size = statSync(path).size;
    bytes += size;
    files += 1;
    if (entry.name.endsWith('.html') && size > largest.bytes)
      largest = { bytes: size, path: path.slice(dir.length + 1) };
  }
  return { bytes, files, largest };
}

/** A bare Astro site: content collection over the same incidents, one page per incident per locale. */
function createFloorSite(dir, incidentsDir) {
  mkdirSync(join(dir, 'src/pages/[...lang]/incidents'), { recursive: true });
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  writeFileSync(join(dir, 'package.json'), '{ "name": "floor", "private": true, "type": "module" }\n');
  writeFileSync(
    join(dir, 'astro.config.mjs'),
    `import { defineConfig } from 'astro/config';\nexport default defineConfig({ cacheDir: ${JSON.stringify(join(dir, '.cache'))} });\n`,
  );
  writeFileSync(
    join(dir, 'src/content.config.ts'),
    `import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
export const collections = {
  incidents: defineCollection({
    loader: glob({ pattern: '**/*.md', base: ${JSON.stringify(incidentsDir)}, generateId: ({ entry }) => entry.split('/').pop().replace(/\\.md$/, '') }),
  }),
};
`,
  );
  writeFileSync(
    join(dir, 'src/pages/[...lang]/incidents/[slug].astro'),
    `---
import { getCollection, render } from 'astro:content';
export async function getStaticPaths() {
  const entries = await getCollection('incidents');
  return [undefined, 'en'].flatMap((lang) => entries.map((entry) => ({ params: { lang, slug: entry.id }, props: { entry } })));
}
const { Content } = await render(Astro.props.entry);
---
<html lang="ko"><head><meta charset="utf-8" /><title>{Astro.props.entry.id}</title></head><body><Content /></body></html>
`,
  );
}

/** `npm run status -- <args>` on Node 24 (this process's), timed. */
function runStatus(args, env) {
  const started = performance.now();
  const result = spawnSync(process.execPath, [STATUS_CLI, ...args], { cwd: ROOT, env, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`status ${args[0]} failed:\n${result.stdout}\n${result.stderr}`);
  return (performance.now() - started) / 1000;
}

/** Counts what a build renders and copies from its cache (Astro's log interleaves at build.concurrency > 1). */
const RECORD_WRITES = pathToFileURL(join(ROOT, 'tests/support/record-writes.mjs')).href;

/** `env` for a build whose pages are counted into `file`: read it with {@link countPages}. */
function countingInto(file, env) {
  return {
    ...env,
    NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --import ${RECORD_WRITES}`.trim(),
    STATUS_TEST_WRITES: file,
  };
}

/**
 * How many HTML pages a build rendered, copied from its cache, and copied from the live site
 * (the files the build before changed; the other pages were already in the folder).
 */
function countPages(file) {
  const lines = readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.endsWith('.html'));
  const count = (kind) => lines.filter((line) => line.startsWith(`${kind} `)).length;
  return { rendered: count('rendered'), copied: count('restored'), live: count('copied') };
}

function iso(instant) {
  return new Date(instant).toISOString().replace('.000Z', 'Z');
}

/**
 * The operator's loop on a folder that has just been built: open an incident,
 * build; append an update, build. Each edit with the CLI, a minute before its build.
 */
async function measureLoop(content, outDir, env) {
  const cliEnv = { ...process.env, ...env };
  const openSeconds = runStatus(
    [
      'new',
      '-c',
      content,
      '--yes',
      '--at',
      iso(NOW + 60_000),
      '--title',
      '카카오톡 사진 전송 실패',
      '--title-en',
      'KakaoTalk photos fail',
      '--feature',
      'kakaotalk.media=major_outage',
      '--message',
      '사진 전송 실패를 확인하고 있습니다.',
      '--slug',
      'bench-photos',
    ],
    cliEnv,
  );
  const opened = await measureBuild(
    ROOT,
    outDir,
    countingInto(join(outDir, '..', 'opened.txt'), { ...env, STATUS_NOW: iso(NOW + 120_000) }),
  );
  opened.pages = countPages(join(outDir, '..', 'opened.txt'));
  const updateSeconds = runStatus(
    [
      'update',
      'bench-photos',
      '-c',
      content,
      '--yes',
      '--at',
      iso(NOW + 180_000),
      '--status',
      'identified',
      '--message',
      '원인을 찾았습니다. 텍스트 메시지는 정상입니다.',
    ],
    cliEnv,
  );
  const updated = await measureBuild(
    ROOT,
    outDir,
    countingInto(join(outDir, '..', 'updated.txt'), { ...env, STATUS_NOW: iso(NOW + 240_000) }),
  );
  updated.pages = countPages(join(outDir, '..', 'updated.txt'));
  return { openSeconds, opened, updateSeconds, updated };
}

function format(value, digits = 1) {
  return value.toFixed(digits);
}

async function benchmark(n, { loop, withFloor }) {
  const work = mkdtempSync(join(tmpdir(), `status-bench-${n}-`));
  try {
    const content = join(work, 'content');
    generateContent(n, content);
    // Cold: no Astro cache from an earlier build.
    rmSync(join(ROOT, '.astro'), { recursive: true, force: true });
    rmSync(join(ROOT, 'node_modules/.astro'), { recursive: true, force: true });
    const env = { STATUS_CONTENT_DIR: content, SITE_URL: 'https://status.example.com' };
    // The loop's first build: `npm run build` on a fresh checkout, which also fills the cache.
    const loopDist = join(work, 'loop-dist');
    const cold = loop ? await measureBuild(ROOT, loopDist, { ...env, STATUS_NOW: iso(NOW) }) : undefined;
    const operator = loop ? await measureLoop(content, loopDist, env) : undefined;
    rmSync(loopDist, { recursive: true, force: true });
    rmSync(getCacheDir(ROOT, content), { recursive: true, force: true });
    // The full build: every page rendered, no cache read or written.
    const dist = join(work, 'dist');
    const ours = await measureBuild(ROOT, dist, { ...env, STATUS_NOW: iso(NOW), STATUS_INCREMENTAL: '0' });
    const output = treeSize(dist);
    const overviewGzip = gzipSync(readFileSync(join(dist, 'index.html')), { level: 9 }).length;
    rmSync(dist, { recursive: true, force: true });

    if (!withFloor) return { n, ours, cold, output, overviewGzip, operator };
    const floorDir = join(work, 'floor');
    createFloorSite(floorDir, join(content, 'incidents'));
    // Inside the floor site, so its server chunks resolve node_modules through the symlink.
    const floor = await measureBuild(floorDir, join(floorDir, 'dist'), {});
    const floorPages = treeSize(join(floorDir, 'dist')).files;
    return { n, ours, cold, output, overviewGzip, floor, floorPages, operator };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

const args = process.argv.slice(2);
const sizes = args.map(Number).filter(Boolean);
const loop = !args.includes('--full-only');
const withFloor = !args.includes('--no-floor');
const results = [];
console.log(
  `machine: ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${format(totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
);
for (const n of sizes.length > 0 ? sizes : [1000, 10000]) {
  console.log(`building ${n} incidents (ours${withFloor ? ', then the bare-Astro floor' : ''}) ...`);
  results.push(await benchmark(n, { loop, withFloor }));
}

console.log(
  '\nFull build (`STATUS_INCREMENTAL=0`: every page rendered, no cache), and the first build of a fresh checkout (renders every page and fills the cache):\n',
);
console.log(
  '| incidents | full s | peak MiB | ms/incident | pages | output MiB | overview gzip KB | floor s | floor pages | ours/floor | first build s | its peak MiB |',
);
console.log('|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const r of results) {
  console.log(
    `| ${r.n} | ${format(r.ours.seconds)} | ${format(r.ours.peakMiB, 0)} | ${format((r.ours.seconds * 1000) / r.n, 2)} | ${r.output.files} | ${format(r.output.bytes / 2 ** 20)} | ${format(r.overviewGzip / 1024, 2)} | ${r.floor ? format(r.floor.seconds) : '-'} | ${r.floor ? r.floorPages : '-'} | ${r.floor ? format(r.ours.seconds / r.floor.seconds, 2) : '-'} | ${r.cold ? format(r.cold.seconds) : '-'} | ${r.cold ? format(r.cold.peakMiB, 0) : '-'} |`,
  );
}
if (results.some((r) => r.operator)) {
  console.log("\nThe operator's loop (edit with the CLI, then `npm run build`, incremental):\n");
  console.log(
    '| incidents | step | CLI s | build s | edit → dist/ s | peak MiB | pages rendered | copied from the cache | copied from the live site |',
  );
  console.log('|---:|---|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of results.filter((result) => result.operator)) {
    const { openSeconds, opened, updateSeconds, updated } = r.operator;
    for (const [step, cli, build] of [
      ['new incident', openSeconds, opened],
      ['update appended', updateSeconds, updated],
    ]) {
      const { pages } = build;
      console.log(
        `| ${r.n} | ${step} | ${format(cli)} | ${format(build.seconds)} | ${format(cli + build.seconds)} | ${format(build.peakMiB, 0)} | ${pages.rendered} | ${pages.copied} | ${pages.live} |`,
      );
    }
  }
}
console.log('');
for (const r of results) {
  const { largest } = r.output;
  console.log(`${r.n}: largest page ${format(largest.bytes / 1024)} KiB (${largest.path})`);
}

const checks = [];
const large = results.find((r) => r.n === 10000);
const small = results.find((r) => r.n === 1000);
if (large)
  checks.push([`10,000 incidents build in at most ${TARGETS.seconds10k} s`, large.ours.seconds <= TARGETS.seconds10k]);
for (const r of results) {
  const loopTarget = TARGETS.loopSeconds[r.n];
  if (r.operator && loopTarget) {
    // From the operator's command to the new dist/ in place: the CLI's edit, then the build.
    const seconds = r.operator.updateSeconds + r.operator.updated.seconds;
    checks.push([
      `${r.n}: an appended update, edit to dist/, in at most ${loopTarget} s (${format(seconds)} s)`,
      seconds <= loopTarget,
    ]);
  }
  if (r.n === 100000) {
    checks.push([
      `100,000 incidents build in at most ${TARGETS.seconds100k} s (${format(r.ours.seconds)} s)`,
      r.ours.seconds <= TARGETS.seconds100k,
    ]);
    checks.push([
      `100,000: peak memory at most ${TARGETS.peakMiB100k} MiB (${format(r.ours.peakMiB, 0)})`,
      r.ours.peakMiB <= TARGETS.peakMiB100k,
    ]);
    continue;
  }
  const peak = Math.max(r.ours.peakMiB, r.cold?.peakMiB ?? 0);
  checks.push([`${r.n}: peak memory at most ${TARGETS.peakMiB} MiB (${format(peak, 0)})`, peak <= TARGETS.peakMiB]);
  if (r.floor)
    checks.push([
      `${r.n}: at most ${TARGETS.floorRatio}x the bare-Astro floor (${format(r.ours.seconds / r.floor.seconds, 2)})`,
      r.ours.seconds / r.floor.seconds <= TARGETS.floorRatio,
    ]);
}
if (large && small) {
  const growth = large.ours.seconds / small.ours.seconds;
  checks.push([`linear: 10k/1k time ratio ${format(growth, 2)} at most ${TARGETS.growth}`, growth <= TARGETS.growth]);
}
// The overview lists no history, but its day bars grow with how many of the last 90 days had
// incidents, up to a bar per day and service: bounded, not constant (README, "Uptime").
for (const r of results) {
  checks.push([
    `${r.n}: overview at most ${TARGETS.overviewKiB} KB gzip (${format(r.overviewGzip / 1024, 2)} KB)`,
    r.overviewGzip <= TARGETS.overviewKiB * 1024,
  ]);
}
console.log('');
for (const [what, ok] of checks) console.log(`${ok ? 'PASS' : 'MISS'}  ${what}`);
