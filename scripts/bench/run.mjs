// npm run bench [-- 1000 10000]
//
// Builds N synthetic incidents (scripts/bench/generate.mjs) cold, with this
// project and with a bare Astro site that renders the same pages (one per
// incident per locale, the Markdown body and nothing else: the framework's
// floor), and prints wall time, peak memory, ms per incident, output size and
// the overview's gzip weight, then checks the targets of the performance
// issue. Figures, not a gate: these machines are shared and noisy.
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
import { gzipSync } from 'node:zlib';
import { ROOT, spawnAstroBuild, waitForBuild } from '../astro-build.mjs';
import { generateContent } from './generate.mjs';

const TARGETS = { seconds10k: 180, peakMiB: 2048, growth: 11, floorRatio: 2, overviewKiB: 14 };

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

function format(value, digits = 1) {
  return value.toFixed(digits);
}

async function benchmark(n) {
  const work = mkdtempSync(join(tmpdir(), `status-bench-${n}-`));
  try {
    const content = join(work, 'content');
    generateContent(n, content);
    // Cold: no Astro cache from an earlier build.
    rmSync(join(ROOT, '.astro'), { recursive: true, force: true });
    rmSync(join(ROOT, 'node_modules/.astro'), { recursive: true, force: true });
    const ours = await measureBuild(ROOT, join(work, 'dist'), {
      STATUS_CONTENT_DIR: content,
      STATUS_NOW: '2026-01-01T12:00:00+09:00',
      SITE_URL: 'https://status.example.com',
    });
    const output = treeSize(join(work, 'dist'));
    const overviewGzip = gzipSync(readFileSync(join(work, 'dist/index.html')), { level: 9 }).length;
    rmSync(join(work, 'dist'), { recursive: true, force: true });

    const floorDir = join(work, 'floor');
    createFloorSite(floorDir, join(content, 'incidents'));
    // Inside the floor site, so its server chunks resolve node_modules through the symlink.
    const floor = await measureBuild(floorDir, join(floorDir, 'dist'), {});
    const floorPages = treeSize(join(floorDir, 'dist')).files;
    return { n, ours, output, overviewGzip, floor, floorPages };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

const sizes = process.argv.slice(2).map(Number).filter(Boolean);
const results = [];
console.log(
  `machine: ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${format(totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
);
for (const n of sizes.length > 0 ? sizes : [1000, 10000]) {
  console.log(`building ${n} incidents (ours, then the bare-Astro floor) ...`);
  results.push(await benchmark(n));
}

console.log(
  '\n| incidents | wall s | peak MiB | ms/incident | pages | output MiB | overview gzip KB | floor s | floor pages | ours/floor |',
);
console.log('|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const r of results) {
  console.log(
    `| ${r.n} | ${format(r.ours.seconds)} | ${format(r.ours.peakMiB, 0)} | ${format((r.ours.seconds * 1000) / r.n, 2)} | ${r.output.files} | ${format(r.output.bytes / 2 ** 20)} | ${format(r.overviewGzip / 1024, 2)} | ${format(r.floor.seconds)} | ${r.floorPages} | ${format(r.ours.seconds / r.floor.seconds, 2)} |`,
  );
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
  checks.push([`${r.n}: peak memory at most ${TARGETS.peakMiB} MiB`, r.ours.peakMiB <= TARGETS.peakMiB]);
  checks.push([
    `${r.n}: at most ${TARGETS.floorRatio}x the bare-Astro floor`,
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
