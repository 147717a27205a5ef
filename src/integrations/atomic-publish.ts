/**
 * Publishes the build atomically: the output folder (`dist/`, or `--outDir`)
 * holds the previous complete site or the new complete one, never a mixture
 * or a partial one, whatever happens to the build.
 *
 * Astro empties its outDir before it renders, so a render that throws or a
 * build that is killed would leave a partial site there for a cron `rsync` to
 * publish. This integration points Astro at a hidden sibling
 * (`.dist.building-<pid>`, same parent, so rename(2) is atomic), and once
 * every other integration's `astro:build:done` has run swaps it in with two
 * renames (see src/lib/publish-paths.ts). The replaced site is kept as
 * `.dist.spare`, which the next incremental build writes into once it is
 * brought up to date, instead of an empty folder (src/integrations/site-folders.ts
 * says when that is safe); the spare before it is deleted in a background
 * process. A failed build deletes its folder on exit; a killed one leaves it
 * for the next build of that folder to remove, which also restores the
 * previous site if the kill fell between the renames.
 *
 * Register it last: the `dir` an integration after it gets in
 * `astro:build:done` has already been moved to outDir.
 */
import { spawn } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, readdirSync, realpathSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { AstroIntegration, AstroIntegrationLogger } from 'astro';
import { getPublishNames, planRecovery } from '../lib/publish-paths.ts';
import { MANIFEST_FILE } from './build-cache.ts';
import { isProcessRunning } from './processes.ts';
import {
  checkPublishRecord,
  listFolder,
  planSync,
  pruneFolder,
  readManifestPages,
  syncFolder,
  writePublishRecord,
  type Listing,
} from './site-folders.ts';

interface PublishPaths {
  /** The folder the site is served from. */
  outDir: string;
  /** Where this build writes. */
  building: string;
  /** Where the current site waits during the swap. */
  previous: string;
  /** Where the site before last is deleted from. */
  discarded: string;
  /** Where the replaced site is kept for the next build to write into. */
  spare: string;
}

/** Astro's incremental build cache, as this integration sees it. */
interface BuildCache {
  dir: string;
  /** Astro's manifest of the cached pages. */
  manifest: string;
  incremental: boolean;
  /** The folder this build writes into, once it was made a copy of the live site; undefined if it was empty. */
  reused: Listing | undefined;
}

/** Builds into a sibling of outDir and swaps it in when complete; `astro build` only. */
export function atomicPublish(): AstroIntegration {
  let paths: PublishPaths | undefined;
  let cache: BuildCache | undefined;
  // A build that fails exits through process.exit(1): its half-written folder goes with it.
  const discard = () => {
    if (paths) rmSync(paths.building, { recursive: true, force: true });
  };
  return {
    name: 'status-atomic-publish',
    hooks: {
      'astro:config:setup': async ({ config, command, updateConfig, logger }) => {
        if (command !== 'build') return;
        const outDir = resolveOutDir(fileURLToPath(config.outDir));
        const names = getPublishNames(basename(outDir), process.pid);
        paths = {
          outDir,
          building: join(dirname(outDir), names.building),
          previous: join(dirname(outDir), names.previous),
          discarded: join(dirname(outDir), names.discarded),
          spare: join(dirname(outDir), names.spare),
        };
        const cacheDir = fileURLToPath(config.cacheDir);
        cache = {
          dir: cacheDir,
          manifest: join(cacheDir, MANIFEST_FILE),
          incremental: config.experimental.incrementalBuild,
          reused: undefined,
        };
        recoverLeftovers(outDir, logger);
        rmSync(paths.building, { recursive: true, force: true });
        process.on('exit', discard);
        if (cache.incremental) cache.reused = await copyLiveSite(paths, cache, logger);
        mkdirSync(paths.building, { recursive: true });
        const building = pathToFileURL(`${paths.building}/`);
        // With an adapter, the client and server folders live inside outDir: move them along.
        const rebase = (url: URL) =>
          url.href.startsWith(config.outDir.href) ? new URL(url.href.slice(config.outDir.href.length), building) : url;
        updateConfig({
          outDir: building,
          build: { client: rebase(config.build.client), server: rebase(config.build.server) },
          // The folder is empty or a copy of the live site: Astro must not empty it.
          vite: { build: { emptyOutDir: false } },
        });
      },
      'astro:build:done': ({ logger }) => {
        if (!paths || !cache) return;
        let listing: Listing | undefined;
        if (cache.reused) {
          const started = performance.now();
          const keep = readManifestPages(cache.manifest, paths.building);
          const pruned = pruneFolder(paths.building, cache.reused, keep);
          listing = pruned.listing;
          logger.info(
            `removed ${String(pruned.removed)} files of the copy that this build did not make (${formatMs(started)})`,
          );
        } else if (cache.incremental) {
          listing = listFolder(paths.building);
        }
        swapIn(paths);
        process.off('exit', discard);
        // What the next incremental build checks before it copies the live site. A full build
        // (STATUS_INCREMENTAL=0) leaves the cache and the record as they are: if it published to
        // the folder the record names, the folder no longer matches it.
        if (listing) writePublishRecord(cache.dir, paths.outDir, cache.manifest, listing);
        logger.info(`published ${paths.outDir}`);
        paths = undefined;
        cache = undefined;
      },
    },
  };
}

/**
 * The folder to replace. When outDir is a symlink (`dist -> /srv/www/status`),
 * its target: replacing the link itself would leave the served folder stale.
 */
function resolveOutDir(path: string): string {
  const outDir = resolve(path);
  try {
    return lstatSync(outDir).isSymbolicLink() ? realpathSync(outDir) : outDir;
  } catch {
    return outDir;
  }
}

/** Restores a site left aside by a build killed mid-swap, then deletes dead builds' folders. */
function recoverLeftovers(outDir: string, logger: AstroIntegrationLogger): void {
  const parent = dirname(outDir);
  mkdirSync(parent, { recursive: true });
  const plan = planRecovery(basename(outDir), readdirSync(parent), {
    outDirExists: existsSync(outDir),
    isRunning: (pid) => pid !== process.pid && isProcessRunning(pid),
  });
  if (plan.restore !== undefined) {
    renameSync(join(parent, plan.restore), outDir);
    logger.warn(`restored ${outDir} from ${plan.restore}, left by a build killed while publishing`);
  }
  for (const entry of plan.remove) rmSync(join(parent, entry), { recursive: true, force: true, maxRetries: 5 });
  if (plan.remove.length > 0) logger.info(`removed ${plan.remove.join(', ')}, left by builds that did not finish`);
  for (const { pid } of plan.running) {
    logger.warn(`build ${pid} is also building ${outDir}; whichever finishes last is published`);
  }
}

/** outDir → previous, building → outDir, the old spare → discarded (deleted in the background), previous → spare; on failure, outDir is as before. */
function swapIn({ outDir, building, previous, discarded, spare }: PublishPaths): void {
  let hadSite = true;
  try {
    renameSync(outDir, previous);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    hadSite = false;
  }
  try {
    renameSync(building, outDir);
  } catch (error) {
    if (hadSite) renameSync(previous, outDir);
    throw error;
  }
  if (!hadSite) return;
  // The replaced site becomes the spare; the old spare (not reused by this build) is deleted.
  // Renamed first, so that a half-deleted site is never taken for one to restore or reuse.
  try {
    renameSync(spare, discarded);
    removeInBackground(discarded);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  try {
    renameSync(previous, spare);
  } catch {
    // Another build of the same folder has just kept its own spare (builds at once): not needed.
    rmSync(previous, { recursive: true, force: true, maxRetries: 5 });
  }
}

/**
 * Makes `building` a copy of the live site, if the live site is what the
 * last incremental build published (src/integrations/site-folders.ts): the
 * spare brought up to date (only the files that differ are copied), or all of
 * it when there is no spare yet. Returns its listing then, or undefined: the
 * build writes into an empty folder.
 */
async function copyLiveSite(
  paths: PublishPaths,
  cache: BuildCache,
  logger: AstroIntegrationLogger,
): Promise<Listing | undefined> {
  if (!existsSync(paths.outDir)) return undefined;
  const started = performance.now();
  const live = listFolder(paths.outDir);
  const unusable = checkPublishRecord(cache.dir, paths.outDir, cache.manifest, live);
  if (unusable !== undefined) {
    logger.info(`building into an empty folder: ${unusable}`);
    return undefined;
  }
  let from = 'the spare';
  try {
    renameSync(paths.spare, paths.building);
  } catch {
    // None yet (the first publish replaced nothing), or another build took it.
    from = 'an empty folder';
    mkdirSync(paths.building, { recursive: true });
  }
  try {
    const before = listFolder(paths.building);
    const plan = planSync(live, before);
    const listing = await syncFolder(paths.outDir, live, paths.building, before, plan);
    logger.info(
      `building into a copy of the live site, from ${from}: ${String(plan.copy.length)} files copied, ${String(plan.remove.length)} removed (${formatMs(started)})`,
    );
    return listing;
  } catch (error) {
    // The copy only saves time: whatever stopped it (a disk full, a file type it cannot copy),
    // the build goes on the slow way.
    logger.warn(`building into an empty folder: copying the live site failed (${String(error)})`);
    rmSync(paths.building, { recursive: true, force: true, maxRetries: 5 });
    mkdirSync(paths.building, { recursive: true });
    return undefined;
  }
}

function formatMs(started: number): string {
  return `${String(Math.round(performance.now() - started))} ms`;
}

function removeInBackground(dir: string): void {
  // At the lowest priority: the operator's next edit and build may start while it runs (22,000
  // files at 10,000 incidents), and should not wait on it. On Linux the disk priority follows.
  const script = `try { require('node:os').setPriority(19) } catch {}
require('node:fs').rmSync(${JSON.stringify(dir)}, { recursive: true, force: true, maxRetries: 5 })`;
  try {
    spawn(process.execPath, ['-e', script], { detached: true, stdio: 'ignore' }).unref();
  } catch {
    rmSync(dir, { recursive: true, force: true });
  }
}
