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
 * renames (see src/lib/publish-paths.ts), and deletes the replaced site in a
 * background process. A failed build deletes its folder on
 * exit; a killed one leaves it for the next build of that folder to remove,
 * which also restores the previous site if the kill fell between the renames.
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
import { isProcessRunning } from './processes.ts';

interface PublishPaths {
  /** The folder the site is served from. */
  outDir: string;
  /** Where this build writes. */
  building: string;
  /** Where the current site waits during the swap. */
  previous: string;
  /** Where the replaced site is deleted from. */
  discarded: string;
}

/** Builds into a sibling of outDir and swaps it in when complete; `astro build` only. */
export function atomicPublish(): AstroIntegration {
  let paths: PublishPaths | undefined;
  // A build that fails exits through process.exit(1): its half-written folder goes with it.
  const discard = () => {
    if (paths) rmSync(paths.building, { recursive: true, force: true });
  };
  return {
    name: 'status-atomic-publish',
    hooks: {
      'astro:config:setup': ({ config, command, updateConfig, logger }) => {
        if (command !== 'build') return;
        const outDir = resolveOutDir(fileURLToPath(config.outDir));
        const names = getPublishNames(basename(outDir), process.pid);
        paths = {
          outDir,
          building: join(dirname(outDir), names.building),
          previous: join(dirname(outDir), names.previous),
          discarded: join(dirname(outDir), names.discarded),
        };
        recoverLeftovers(outDir, logger);
        rmSync(paths.building, { recursive: true, force: true });
        mkdirSync(paths.building, { recursive: true });
        process.on('exit', discard);
        const building = pathToFileURL(`${paths.building}/`);
        // With an adapter, the client and server folders live inside outDir: move them along.
        const rebase = (url: URL) =>
          url.href.startsWith(config.outDir.href) ? new URL(url.href.slice(config.outDir.href.length), building) : url;
        updateConfig({
          outDir: building,
          build: { client: rebase(config.build.client), server: rebase(config.build.server) },
        });
      },
      'astro:build:done': ({ logger }) => {
        if (!paths) return;
        swapIn(paths);
        process.off('exit', discard);
        logger.info(`published ${paths.outDir}`);
        paths = undefined;
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

/** outDir → previous, building → outDir, previous → discarded (deleted in the background); on failure, outDir is as before. */
function swapIn({ outDir, building, previous, discarded }: PublishPaths): void {
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
  if (hadSite) {
    // Renamed first, so that a half-deleted site is never taken for one to restore.
    renameSync(previous, discarded);
    removeInBackground(discarded);
  }
}

/**
 * Deletes the replaced site without making the build wait: at 10,000
 * incidents that is 22,000 files and several seconds, after the new site is
 * already in place. Should the deletion not finish, the next build removes
 * the folder as a dead build's leftover.
 */
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
