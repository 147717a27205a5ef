/**
 * Names for an atomic publish of the built site. A build writes into a hidden
 * sibling of the output folder and replaces it with two renames (rename(2) is
 * atomic within one file system, which a sibling shares):
 *
 * 1. `dist` → `.dist.previous-<pid>` (skipped on the first build)
 * 2. `.dist.building-<pid>` → `dist`
 * 3. `.dist.previous-<pid>` → `.dist.discarded-<pid>`, deleted in the background
 *    (never restored: it may be half deleted)
 *
 * A build killed at any point leaves the old site or the new one in `dist`,
 * plus leftovers the next build of that folder cleans up ({@link planRecovery}).
 * Names only: the file-system side is src/integrations/atomic-publish.ts.
 */

/** The temporary siblings of one build of the output folder `name`. */
export interface PublishNames {
  /** Where the build writes: `.<name>.building-<pid>`. */
  building: string;
  /** Where the current site waits while the new one moves in: `.<name>.previous-<pid>`. */
  previous: string;
  /** The replaced site, being deleted: `.<name>.discarded-<pid>`. */
  discarded: string;
  /**
   * The site the last swap replaced, kept for the next incremental build to
   * write into (src/integrations/site-folders.ts): `.<name>.spare`. Never
   * published, so never restored.
   */
  spare: string;
}

/**
 * @example getPublishNames('dist', 4242) // { building: '.dist.building-4242', previous: '.dist.previous-4242', discarded: '.dist.discarded-4242' }
 */
export function getPublishNames(name: string, pid: number): PublishNames {
  return {
    building: `.${name}.building-${pid}`,
    previous: `.${name}.previous-${pid}`,
    discarded: `.${name}.discarded-${pid}`,
    spare: `.${name}.spare`,
  };
}

/** A temporary sibling left by a build of the same output folder. */
export interface Leftover {
  /** The folder's name, next to the output folder. */
  entry: string;
  kind: 'building' | 'previous' | 'discarded';
  /** The build's process id. */
  pid: number;
}

/**
 * The leftover a sibling's name denotes, if it is one of `name`'s.
 * @example parseLeftover('dist', '.dist.previous-4242') // { entry: '.dist.previous-4242', kind: 'previous', pid: 4242 }
 * parseLeftover('dist', '.dist-old.building-1') // undefined: another output folder's
 */
export function parseLeftover(name: string, entry: string): Leftover | undefined {
  for (const kind of ['building', 'previous', 'discarded'] as const) {
    const prefix = `.${name}.${kind}-`;
    const pid = entry.slice(prefix.length);
    if (entry.startsWith(prefix) && /^[1-9][0-9]*$/.test(pid)) return { entry, kind, pid: Number(pid) };
  }
  return undefined;
}

/** What to do with the leftovers before a new build of the output folder starts. */
export interface RecoveryPlan {
  /**
   * A `.previous` folder to rename back to the output folder, which is missing:
   * a build died between the two renames.
   */
  restore: string | undefined;
  /** Leftovers of builds that are no longer running, to delete. */
  remove: string[];
  /** Leftovers of builds of the same folder that are still running: left alone. */
  running: Leftover[];
}

/**
 * Plans the clean-up of the output folder `name` from the names of its
 * siblings. `isRunning(pid)` says whether that build is still going (it must
 * say no for this process's own pid).
 *
 * Normally there is at most one `.previous` to restore; should several builds
 * of one folder have died between their renames, the one with the highest pid
 * is restored and the others are removed.
 * @example
 * planRecovery('dist', ['.dist.previous-7', '.dist.building-7', 'dist-other'], { outDirExists: false, isRunning: () => false })
 * // { restore: '.dist.previous-7', remove: ['.dist.building-7'], running: [] }
 */
export function planRecovery(
  name: string,
  entries: readonly string[],
  { outDirExists, isRunning }: { outDirExists: boolean; isRunning: (pid: number) => boolean },
): RecoveryPlan {
  const leftovers = entries
    .map((entry) => parseLeftover(name, entry))
    .filter((leftover) => leftover !== undefined)
    .sort((a, b) => b.pid - a.pid || (a.entry < b.entry ? -1 : 1));
  const running = leftovers.filter((leftover) => isRunning(leftover.pid));
  const dead = leftovers.filter((leftover) => !isRunning(leftover.pid));
  const restore = outDirExists ? undefined : dead.find((leftover) => leftover.kind === 'previous')?.entry;
  return {
    restore,
    remove: dead.map((leftover) => leftover.entry).filter((entry) => entry !== restore),
    running,
  };
}
