/**
 * Runs the real `astro build` on a fixture content folder and reads dist/ the
 * way a script, a browser or a feed reader would.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { load, type CheerioAPI } from 'cheerio';
import { spawnAstroBuild, waitForBuild } from '../../scripts/astro-build.mjs';
import { isPrecompressedCopy } from '../../src/integrations/precompress.ts';

export const ROOT = resolve(import.meta.dirname, '../..');
export const FIXTURES = join(ROOT, 'tests/fixtures');
/** Where test builds go (git-ignored). */
export const BUILDS = join(ROOT, '.tmp/builds');

export interface BuildResult {
  code: number | null;
  stdout: string;
  stderr: string;
  outDir: string;
}

// Builds share this project's .astro/ and node_modules caches, so two at once
// can trip over each other: every build waits for the one before it.
let queue: Promise<unknown> = Promise.resolve();

const CONTROLLED_VARIABLES = new Set([
  'STATUS_CONTENT_DIR',
  'STATUS_NOW',
  'SITE_URL',
  'BASE_PATH',
  'STATUS_PRECOMPRESS',
  'STATUS_INCREMENTAL',
  'NODE_ENV',
  'BASE_URL',
  'MODE',
  'DEV',
  'PROD',
  'SSR',
]);

/**
 * Builds the site into a fresh temporary folder (or `outDir`, as the same `dist/` is built again
 * and again), one build at a time. `env` adds to (or, with
 * `undefined`, removes from) the environment: STATUS_CONTENT_DIR, STATUS_NOW, STATUS_PRECOMPRESS,
 * STATUS_INCREMENTAL, SITE_URL, BASE_PATH, TZ. Incremental, as `npm run build` is, unless
 * STATUS_INCREMENTAL=0: each content folder has its own cache (src/integrations/build-cache.ts).
 */
export function buildSite(
  env: Record<string, string | undefined>,
  { outDir }: { outDir?: string | undefined } = {},
): Promise<BuildResult> {
  const result = queue.then(() => runBuild(env, outDir));
  queue = result.catch(() => undefined);
  return result;
}

async function runBuild(env: Record<string, string | undefined>, into: string | undefined): Promise<BuildResult> {
  // Inside the project: Astro writes a build's server chunks next to its
  // outDir when that is under the working directory, and into the shared
  // .astro/ otherwise, where two builds at once (say, this and the gates in
  // another process) overwrite each other's chunks.
  mkdirSync(BUILDS, { recursive: true });
  const outDir = into ?? mkdtempSync(join(BUILDS, 'dist-'));
  // Our variables come only from `env`; vitest's own (NODE_ENV=test, BASE_URL, MODE ...) would change how Astro builds.
  const inherited = Object.entries(process.env).filter(([key]) => !CONTROLLED_VARIABLES.has(key));
  const childEnv = Object.fromEntries(
    [...inherited, ...Object.entries(env)].filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
  const build = await waitForBuild(spawnAstroBuild(outDir, { env: childEnv }));
  return { ...build, outDir };
}

/**
 * Every file of the site below `dir`, relative, sorted: not the .gz and .br copies the build
 * writes beside its text files (src/integrations/precompress.ts; tests/build/precompress.test.ts
 * checks those).
 */
export function listFiles(dir: string): string[] {
  return listAllFiles(dir).filter((file) => !isPrecompressedCopy(file));
}

/** Every file below `dir`, relative, sorted, compressed copies included. */
export function listAllFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .sort();
}

/** One hash over every file's path and bytes, the compressed copies too. */
export function hashTree(dir: string): string {
  const hash = createHash('sha256');
  for (const file of listAllFiles(dir))
    hash
      .update(file)
      .update('\0')
      .update(readFileSync(join(dir, file)))
      .update('\0');
  return hash.digest('hex');
}

export function readText(outDir: string, path: string): string {
  return readFileSync(join(outDir, path), 'utf8');
}

/** A built page parsed as a browser would see it without JavaScript. */
export function readPage(outDir: string, path: string): CheerioAPI {
  return load(readText(outDir, path));
}
