/**
 * Atomic publish (src/integrations/atomic-publish.ts): the output folder holds
 * the previous complete site or the new complete one, whatever happens to the
 * build, so a cron `npm run build && rsync dist/ host:` never publishes half a
 * site. Real builds into one output folder, again and again: a good one, one
 * that fails half-way through rendering pages (./fail-render.mjs), one killed
 * with SIGKILL half-way through 10,000 incidents, one killed between its two
 * renames.
 */
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { spawnAstroBuild, waitForBuild } from '../../scripts/astro-build.mjs';
import { generateContent } from '../../scripts/bench/generate.mjs';
import { getPublishNames, parseLeftover, planRecovery, type RecoveryPlan } from '../../src/lib/publish-paths.ts';
import { getCacheDir, LOCK_FILE, MANIFEST_FILE } from '../../src/integrations/build-cache.ts';
import { BUILDS, FIXTURES, hashTree, listFiles, ROOT } from './helpers.ts';

const NOW = '2024-06-01T12:00:00+09:00';
/** Above any pid_max (2^22): no process has it, so its leftovers are a dead build's. */
const DEAD_PID = 99_999_999;
const FAIL_RENDER = pathToFileURL(join(import.meta.dirname, 'fail-render.mjs')).href;

describe('publish names', () => {
  test('a build writes next to the output folder, under its name and pid', () => {
    expect(getPublishNames('dist', 4242)).toEqual({
      building: '.dist.building-4242',
      previous: '.dist.previous-4242',
      discarded: '.dist.discarded-4242',
      spare: '.dist.spare',
    });
  });

  test.each([
    ['.dist.building-4242', { entry: '.dist.building-4242', kind: 'building', pid: 4242 }],
    ['.dist.previous-7', { entry: '.dist.previous-7', kind: 'previous', pid: 7 }],
    ['.dist.discarded-7', { entry: '.dist.discarded-7', kind: 'discarded', pid: 7 }],
    ['dist', undefined],
    // The spare is not a leftover: the next incremental build writes into it.
    ['.dist.spare', undefined],
    ['.dist.building-', undefined],
    ['.dist.building-12a', undefined],
    ['.dist.building-0', undefined],
    ['.dist.renaming-12', undefined],
    // Another output folder in the same parent: never touched.
    ['.dist-a.building-12', undefined],
    ['.dist.building-12.bak', undefined],
  ])('%j', (entry, expected) => {
    expect(parseLeftover('dist', entry)).toEqual(expected);
  });
});

describe('planRecovery', () => {
  const running = new Set([50]);
  const isRunning = (pid: number) => running.has(pid);
  test.each<[string, string[], boolean, RecoveryPlan]>([
    ['nothing left over', ['dist', 'dist-other', 'content'], true, { restore: undefined, remove: [], running: [] }],
    [
      'a killed build: its folder goes',
      ['dist', '.dist.building-7'],
      true,
      { restore: undefined, remove: ['.dist.building-7'], running: [] },
    ],
    [
      'killed after the swap, before deleting the old site',
      ['dist', '.dist.previous-7'],
      true,
      { restore: undefined, remove: ['.dist.previous-7'], running: [] },
    ],
    [
      'killed between the two renames: the old site comes back',
      ['.dist.previous-7', '.dist.building-7'],
      false,
      { restore: '.dist.previous-7', remove: ['.dist.building-7'], running: [] },
    ],
    [
      'several builds killed between their renames: the highest pid comes back',
      ['.dist.previous-7', '.dist.previous-9'],
      false,
      { restore: '.dist.previous-9', remove: ['.dist.previous-7'], running: [] },
    ],
    [
      'a build of the same folder still running: left alone, even mid-swap',
      ['.dist.previous-50', '.dist.building-50', '.dist.building-7'],
      false,
      {
        restore: undefined,
        remove: ['.dist.building-7'],
        running: [
          { entry: '.dist.building-50', kind: 'building', pid: 50 },
          { entry: '.dist.previous-50', kind: 'previous', pid: 50 },
        ],
      },
    ],
    [
      'a replaced site whose deletion did not finish goes, and is never restored (it may be half deleted)',
      ['.dist.discarded-7', '.dist.discarded-8'],
      false,
      { restore: undefined, remove: ['.dist.discarded-8', '.dist.discarded-7'], running: [] },
    ],
    [
      "another output folder's leftovers are not ours",
      ['dist', '.dist-b.building-7', '.dist-b.previous-8'],
      true,
      { restore: undefined, remove: [], running: [] },
    ],
  ])('%s', (_, entries, outDirExists, expected) => {
    expect(planRecovery('dist', entries, { outDirExists, isRunning })).toEqual(expected);
  });
});

// Test builds stay inside the project: Astro then writes a build's server
// chunks inside its (temporary) outDir rather than the shared .astro/.
let work: string;
beforeAll(() => {
  mkdirSync(BUILDS, { recursive: true });
  work = mkdtempSync(join(BUILDS, 'atomic-'));
});
afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

// vitest's own variables (NODE_ENV=test, MODE, BASE_URL ...) would change how
// Astro builds; as in helpers.ts, the build gets only ours on top of the rest.
const VITEST_VARIABLES = new Set(['NODE_ENV', 'BASE_URL', 'MODE', 'DEV', 'PROD', 'SSR']);

/**
 * Starts `astro build --outDir <outDir>` on a content folder (the same outDir
 * each time, unlike buildSite()). `failRender` preloads ./fail-render.mjs: the
 * build then fails half-way through writing pages.
 */
function startBuild(outDir: string, contentDir: string, { failRender = false } = {}): ChildProcess {
  const inherited = Object.entries(process.env).filter(
    (entry): entry is [string, string] => !VITEST_VARIABLES.has(entry[0]) && entry[1] !== undefined,
  );
  const env: NodeJS.ProcessEnv = {
    ...Object.fromEntries(inherited),
    STATUS_CONTENT_DIR: contentDir,
    STATUS_NOW: NOW,
    SITE_URL: 'https://status.example.com',
  };
  if (failRender) env.NODE_OPTIONS = `${env.NODE_OPTIONS ?? ''} --import=${FAIL_RENDER}`.trim();
  return spawnAstroBuild(outDir, { env });
}

function build(outDir: string, contentDir: string, options?: { failRender?: boolean }) {
  return waitForBuild(startBuild(outDir, contentDir, options));
}

/** The hidden folders next to `outDir` that belong to its builds: not the spare, which is kept on purpose. */
function leftovers(outDir: string): string[] {
  const { spare } = getPublishNames(basename(outDir), process.pid);
  return readdirSync(dirname(outDir)).filter((entry) => entry.startsWith(`.${basename(outDir)}.`) && entry !== spare);
}

/** {@link leftovers} once the replaced site's background deletion is over (at most 30 s). */
async function settledLeftovers(outDir: string): Promise<string[]> {
  const deadline = Date.now() + 30_000;
  let found = leftovers(outDir);
  while (found.some((entry) => entry.includes('.discarded-')) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    found = leftovers(outDir);
  }
  return found;
}

describe('publishing into one output folder', () => {
  const basic = join(FIXTURES, 'basic');
  let outDir: string;
  /** The basic fixture's site at NOW: every complete build of it is these bytes. */
  let siteHash: string;
  let siteFiles: number;

  beforeAll(async () => {
    outDir = join(work, 'site', 'dist');
    const first = await build(outDir, basic);
    expect(first.code, first.stderr).toBe(0);
    siteHash = hashTree(outDir);
    siteFiles = listFiles(outDir).length;
    expect(siteFiles).toBeGreaterThan(50);
    expect(await settledLeftovers(outDir)).toEqual([]);
  });

  test('a render-time crash leaves the previous site byte-identical and no temporary folder', async () => {
    const cache = getCacheDir(ROOT, basic);
    expect(existsSync(join(cache, MANIFEST_FILE))).toBe(true);
    const result = await build(outDir, basic, { failRender: true });
    expect(result.code).not.toBe(0);
    expect(hashTree(outDir)).toBe(siteHash);
    // The pages it cached may be newer than the manifest that describes them: the manifest goes
    // with it (src/integrations/build-cache.ts), so the next build renders every page.
    expect(existsSync(join(cache, MANIFEST_FILE))).toBe(false);
    expect(existsSync(join(cache, LOCK_FILE))).toBe(false);
    expect(await settledLeftovers(outDir)).toEqual([]);
    // It died generating pages (after writing 20), in the temporary folder next to outDir.
    expect(result.stderr).toMatch(/simulated render failure before writing \S*\/site\/\.dist\.building-\d+\//);
  });

  test('a successful build replaces the site completely: a stale file is gone', async () => {
    writeFileSync(join(outDir, 'stale.html'), '<p>from an older build</p>');
    mkdirSync(join(outDir, 'incidents/removed-incident'), { recursive: true });
    writeFileSync(join(outDir, 'incidents/removed-incident/index.html'), '<p>removed</p>');
    expect(hashTree(outDir)).not.toBe(siteHash);
    const result = await build(outDir, basic);
    expect(result.code, result.stderr).toBe(0);
    expect(existsSync(join(outDir, 'stale.html'))).toBe(false);
    expect(existsSync(join(outDir, 'incidents/removed-incident'))).toBe(false);
    expect(hashTree(outDir)).toBe(siteHash);
    expect(await settledLeftovers(outDir)).toEqual([]);
    // The site it replaced is kept beside it, for the next build to copy the live site into.
    expect(existsSync(join(dirname(outDir), `.${basename(outDir)}.spare`, 'stale.html'))).toBe(true);
  });

  test('a build cache left locked by a killed build: the next build renders every page, and the same site', async () => {
    const cache = getCacheDir(ROOT, basic);
    writeFileSync(join(cache, LOCK_FILE), `${DEAD_PID}\n`);
    expect(existsSync(join(cache, MANIFEST_FILE))).toBe(true);
    const result = await build(outDir, basic);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('the last build using this cache did not finish: this one renders every page');
    expect(result.stdout).not.toContain('(restored)');
    expect(hashTree(outDir)).toBe(siteHash);
    expect(existsSync(join(cache, LOCK_FILE))).toBe(false);
  });

  test('a build killed between its two renames: the next build puts the previous site back first', async () => {
    // What a kill between `dist -> .dist.previous-<pid>` and `.dist.building-<pid> -> dist` leaves.
    const names = getPublishNames(basename(outDir), DEAD_PID);
    renameSync(outDir, join(dirname(outDir), names.previous));
    mkdirSync(join(dirname(outDir), names.building, 'incidents'), { recursive: true });
    writeFileSync(join(dirname(outDir), names.building, 'index.html'), '<p>complete or not: unknown</p>');
    // The next build fails, so what is in outDir afterwards is what it restored before building.
    const result = await build(outDir, basic, { failRender: true });
    expect(result.code).not.toBe(0);
    expect(result.stdout + result.stderr).toContain(`restored ${outDir} from ${names.previous}`);
    expect(hashTree(outDir)).toBe(siteHash);
    expect(await settledLeftovers(outDir)).toEqual([]);
  });

  test('a 10,000-incident build killed with SIGKILL while writing pages leaves the previous site; the next build cleans up', async () => {
    let started = performance.now();
    const content = join(work, 'content-10k');
    generateContent(10_000, content);
    const generateSeconds = (performance.now() - started) / 1000;

    started = performance.now();
    const child = startBuild(outDir, content);
    const done = waitForBuild(child);
    const building = join(dirname(outDir), getPublishNames(basename(outDir), child.pid ?? 0).building);
    // Kill once a thousand pages (of about 20,700 files) are written: Astro is in the middle of rendering.
    let written = 0;
    while (written < 1000 && child.exitCode === null) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      written = countPages(building);
    }
    child.kill('SIGKILL');
    const killed = await done;
    const killSeconds = (performance.now() - started) / 1000;
    expect(killed.code, killed.stderr).toBeNull();
    expect(child.signalCode).toBe('SIGKILL');
    expect(written).toBeGreaterThanOrEqual(1000);
    // Half a site, where Astro would have left it: in outDir. Here it is in the temporary folder.
    expect(leftovers(outDir)).toEqual([basename(building)]);
    expect(hashTree(outDir)).toBe(siteHash);

    started = performance.now();
    const next = await build(outDir, basic);
    const nextSeconds = (performance.now() - started) / 1000;
    expect(next.code, next.stderr).toBe(0);
    expect(next.stdout + next.stderr).toContain(`removed ${basename(building)}`);
    expect(await settledLeftovers(outDir)).toEqual([]);
    expect(hashTree(outDir)).toBe(siteHash);
    console.log(
      [
        `generated 10,000 incidents in ${generateSeconds.toFixed(1)} s`,
        `killed the build after ${killSeconds.toFixed(1)} s with ${written} files written`,
        `outDir unchanged (${siteFiles} files, ${siteHash.slice(0, 12)})`,
        `next build ${nextSeconds.toFixed(1)} s, leftovers removed`,
      ].join('; '),
    );
  });
});

/** Files written so far below `dir`, not counting Astro's server chunks (.prerender/). */
function countPages(dir: string): number {
  try {
    return listFiles(dir).filter((file) => !file.startsWith('.prerender')).length;
  } catch {
    return 0; // not created yet
  }
}
