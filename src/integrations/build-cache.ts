/**
 * Keeps Astro's incremental build cache (`experimental.incrementalBuild`)
 * trustworthy. Astro stores a copy of every keyed page in its cache folder
 * and, only at the end of a successful build, a manifest of their keys; a
 * later build copies a page from the cache when its key matches.
 *
 * What could make that publish a wrong page, and what this does about it:
 * - **A build that fails or is killed** has overwritten some cached pages
 *   without writing the manifest that describes them, so a key of the old
 *   manifest could bring back the newer page. A build holds a lock file in
 *   the cache folder while it runs; one that ends in failure deletes the
 *   manifest on its way out, and a build that finds a lock left by a process
 *   that no longer exists (killed) deletes it too: the next build is full.
 * - **Two builds at once** would write the same cached pages. The second
 *   waits for the first to finish.
 * - **Two content folders** (`STATUS_CONTENT_DIR`) built from one checkout
 *   get a cache folder each ({@link getCacheDir}).
 *
 * `STATUS_INCREMENTAL=0` turns the incremental build off; `astro build
 * --force` ignores the manifest for one build.
 */
import { createHash } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration, AstroIntegrationLogger } from 'astro';
import { isProcessRunning } from './processes.ts';

/** Astro's manifest of the cached pages' keys (astro/dist/core/build/incremental.js). */
export const MANIFEST_FILE = 'incremental-build.json';
/** Held by the build using the cache folder: its process id. */
export const LOCK_FILE = 'status-build.lock';

/** How long a build waits for another one using the same cache. */
const WAIT_LIMIT_MS = 20 * 60 * 1000;
const POLL_MS = 250;

/**
 * The cache folder of a content folder: one per folder, under Astro's default
 * `node_modules/.astro/`, so that two sites built from one checkout never
 * share cached pages.
 * @example getCacheDir('/srv/status', '/srv/status/content') // '/srv/status/node_modules/.astro/content-3f9a…/'
 */
export function getCacheDir(root: string, contentDir: string): string {
  const id = createHash('sha256').update(resolve(contentDir)).digest('hex').slice(0, 16);
  return join(root, 'node_modules/.astro', `content-${id}/`);
}

/** Locks the cache folder for one `astro build`; see the module comment. */
export function buildCache(): AstroIntegration {
  let lock: string | undefined;
  let manifest: string | undefined;
  // A build that fails exits through process.exit(1): the cached pages may be newer than the manifest.
  const abandon = () => {
    if (manifest) rmSync(manifest, { force: true });
    if (lock) rmSync(lock, { force: true });
  };
  return {
    name: 'status-build-cache',
    hooks: {
      'astro:config:setup': ({ config, command, logger }) => {
        if (command !== 'build' || !config.experimental.incrementalBuild) return;
        const dir = fileURLToPath(config.cacheDir);
        mkdirSync(dir, { recursive: true });
        manifest = join(dir, MANIFEST_FILE);
        lock = join(dir, LOCK_FILE);
        acquire(lock, manifest, logger);
        process.on('exit', abandon);
      },
      'astro:build:done': () => {
        if (lock) rmSync(lock, { force: true });
        process.off('exit', abandon);
        lock = undefined;
        manifest = undefined;
      },
    },
  };
}

/** Takes the lock, waiting for a running build and discarding the manifest of a killed one. */
function acquire(lock: string, manifest: string, logger: AstroIntegrationLogger): void {
  const started = Date.now();
  let waiting = false;
  for (;;) {
    try {
      const fd = openSync(lock, 'wx');
      writeSync(fd, `${process.pid}\n`);
      closeSync(fd);
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = readHolder(lock);
    // Just created by a build that has not written its id yet.
    const unsigned = holder === undefined && Date.now() - mtime(lock) < 5000;
    if (unsigned || (holder !== undefined && holder !== process.pid && isProcessRunning(holder))) {
      if (!waiting) logger.info(`waiting for build ${holder ?? '?'}, which is using the same build cache`);
      waiting = true;
      if (Date.now() - started > WAIT_LIMIT_MS) {
        throw new Error(
          `build ${holder ?? '?'} has held ${lock} for ${WAIT_LIMIT_MS / 60_000} minutes; stop it or delete the file`,
        );
      }
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, POLL_MS);
      continue;
    }
    // Left by a build that was killed: its cached pages may not match the manifest.
    rmSync(manifest, { force: true });
    rmSync(lock, { force: true });
    logger.warn('the last build using this cache did not finish: this one renders every page');
  }
}

function mtime(path: string): number {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return 0;
  }
}

function readHolder(lock: string): number | undefined {
  try {
    const pid = Number(readFileSync(lock, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}
