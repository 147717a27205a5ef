/**
 * Building into a copy of the live site instead of an empty folder
 * (src/integrations/atomic-publish.ts), so that an incremental build writes
 * only what changed.
 *
 * Why: Astro's incremental build copies every unchanged page from its cache
 * into the folder being built (`restoreOutputFile`: at 10,000 incidents
 * 22,584 `mkdir` and `copyFile`, 414 MiB, for an update that changes 74
 * files), unless the page is already there. On a quiet machine that is 2-3 s
 * of a 9 s build; once the disk is busy, 11 s of 16. Hard links to the live
 * site would be free but are unsafe: Astro writes a page it renders in place,
 * which would change the live copy. So the site the last swap replaced is
 * kept (`.dist.spare`), brought up to date with the live one by copying only
 * the files that differ (by size and modification time, which copies keep),
 * and built into.
 *
 * When the folder already holds a page, Astro keeps it without a look, so
 * what it holds must be the page Astro's cache has. That holds for the live
 * site exactly when it is, untouched, the output of the build that wrote the
 * cache's manifest. {@link checkPublishRecord} says so: each incremental
 * publish records, in the build cache, the digest of the manifest it wrote
 * and the size and time of every file it published. A build copies the live
 * site only if the manifest and every file still match; otherwise (another
 * output folder built from the same cache since, a file of the site edited or
 * removed, no record yet) it builds into an empty folder, as without this.
 *
 * A reused folder may hold files this build does not make (the pages of a
 * deleted incident, a locale turned off, last version's script). Once Astro
 * is done, {@link pruneFolder} deletes every file it neither wrote (its change
 * time, which nothing can set, moved since the copy) nor kept as a page of its
 * manifest.
 */
import { createHash } from 'node:crypto';
import {
  lstatSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmdirSync,
  rmSync,
  writeFileSync,
  type BigIntStats,
} from 'node:fs';
import { copyFile, mkdir, stat, utimes } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** A file as `stat` sees it; `size` -1 for anything that is not a regular file. */
export interface FileStamp {
  size: number;
  mtimeNs: bigint;
  ctimeNs: bigint;
}

/** Every file below a folder, by its path relative to it with `/`. */
export type Listing = Map<string, FileStamp>;

/** Written by each incremental publish: see the module comment. */
const PUBLISH_RECORD_FILE = 'published-site.json';
const RECORD_FORMAT = 1;

interface PublishRecord {
  format: number;
  /** The folder the site was published to. */
  outDir: string;
  /** SHA-256 of Astro's manifest as the build that published wrote it. */
  manifest: string;
  /** Path, size, modification time in ns (as text). */
  files: [string, number, string][];
}

function toStamp(stats: BigIntStats): FileStamp {
  return {
    size: stats.isFile() ? Number(stats.size) : -1,
    mtimeNs: stats.mtimeNs,
    ctimeNs: stats.ctimeNs,
  };
}

/** Every file below `dir`. A symbolic link is not followed: it is a file that matches nothing. */
export function listFolder(dir: string): Listing {
  const listing: Listing = new Map();
  const walk = (absolute: string, prefix: string) => {
    for (const entry of readdirSync(absolute, { withFileTypes: true })) {
      const path = `${prefix}${entry.name}`;
      const full = join(absolute, entry.name);
      if (entry.isDirectory()) walk(full, `${path}/`);
      else listing.set(path, toStamp(lstatSync(full, { bigint: true })));
    }
  };
  walk(dir, '');
  return listing;
}

/**
 * Whether two stamps are the same file content: the same size and
 * modification time. A copy gets its source's time through `utimes`, whose
 * seconds are a double (a fraction of a microsecond off at today's dates):
 * within {@link TIME_SLACK_NS} of it. Two writes of one path that close
 * together with the same size do not happen between builds, seconds apart.
 */
function sameContent(a: FileStamp | undefined, b: FileStamp | undefined): boolean {
  if (!a || !b || a.size < 0 || b.size < 0 || a.size !== b.size) return false;
  const delta = a.mtimeNs - b.mtimeNs;
  return delta < TIME_SLACK_NS && delta > -TIME_SLACK_NS;
}

const TIME_SLACK_NS = 2000n;

/** `ns` since the epoch as the seconds `utimes` takes, to the nearest microsecond. */
function toSeconds(ns: bigint): number {
  return Number((ns + 500n) / 1000n) / 1e6;
}

/** What {@link syncFolder} does to a folder: the files it deletes, and those it copies from the source. */
export interface SyncPlan {
  remove: string[];
  copy: string[];
}

/** What makes `target` (listed as `targetListing`) hold the files of `source`, by size and modification time. */
export function planSync(sourceListing: Listing, targetListing: Listing): SyncPlan {
  const remove = [...targetListing]
    .filter(([path, stamp]) => !sameContent(stamp, sourceListing.get(path)))
    .map(([path]) => path);
  const copy = [...sourceListing]
    .filter(([path, stamp]) => !sameContent(stamp, targetListing.get(path)))
    .map(([path]) => path);
  return { remove, copy };
}

/**
 * Carries out `plan` on `target` (listed as `targetListing`): removes, then
 * copies from `source` with the source's modification time (`sourceListing`),
 * a few files at a time.
 * @returns `target` as it is now, change times included: what {@link pruneFolder} compares with
 */
export async function syncFolder(
  source: string,
  sourceListing: Listing,
  target: string,
  targetListing: Listing,
  plan: SyncPlan,
): Promise<Listing> {
  const listing = new Map(targetListing);
  for (const path of plan.remove) {
    rmSync(join(target, path), { force: true });
    listing.delete(path);
  }
  removeEmptyFolders(target);
  const folders = new Set<string>();
  const copyOne = async (path: string) => {
    const stamp = sourceListing.get(path);
    if (!stamp) return;
    const to = join(target, path);
    const folder = dirname(to);
    if (!folders.has(folder)) {
      await mkdir(folder, { recursive: true });
      folders.add(folder);
    }
    await copyFile(join(source, path), to);
    await utimes(to, toSeconds(stamp.mtimeNs), toSeconds(stamp.mtimeNs));
    listing.set(path, toStamp(await stat(to, { bigint: true })));
  };
  const queue = [...plan.copy];
  const worker = async () => {
    for (let path = queue.pop(); path !== undefined; path = queue.pop()) await copyOne(path);
  };
  await Promise.all(Array.from({ length: COPIES_AT_ONCE }, worker));
  return listing;
}

/** Files copied at once: as many as Astro's own restore keeps in flight (build.concurrency 8), and some. */
const COPIES_AT_ONCE = 16;

/**
 * After the build: deletes every file of `dir` that was there after the sync
 * (`before`), has not been written since (same change time) and is not in
 * `keep` (the pages of Astro's manifest, which it kept in place).
 * @returns the folder as it is now, and how many files were deleted
 */
export function pruneFolder(
  dir: string,
  before: Listing,
  keep: ReadonlySet<string>,
): { listing: Listing; removed: number } {
  const listing = listFolder(dir);
  let removed = 0;
  for (const [path, stamp] of listing) {
    const old = before.get(path);
    if (keep.has(path) || old?.ctimeNs !== stamp.ctimeNs || old.size !== stamp.size) continue;
    rmSync(join(dir, path), { force: true });
    listing.delete(path);
    removed += 1;
  }
  removeEmptyFolders(dir);
  return { listing, removed };
}

/** Deletes the empty folders below `dir` (not `dir` itself). */
function removeEmptyFolders(dir: string): boolean {
  let empty = true;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory() && removeEmptyFolders(join(dir, entry.name))) rmdirSync(join(dir, entry.name));
    else empty = false;
  }
  return empty;
}

/** The pages of Astro's manifest (`incremental-build.json`), as paths below the output folder. */
export function readManifestPages(manifestFile: string, outDir: string): Set<string> {
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as {
    routes?: Record<string, { paths?: Record<string, { outputFile?: string }> }>;
  };
  const base = pathToFileURL(`${outDir}/`);
  const pages = new Set<string>();
  for (const route of Object.values(manifest.routes ?? {})) {
    for (const { outputFile } of Object.values(route.paths ?? {})) {
      // Relative URLs (percent-encoded), as Astro wrote them.
      if (outputFile)
        pages.add(
          relative(outDir, fileURLToPath(new URL(outputFile, base)))
            .split('\\')
            .join('/'),
        );
    }
  }
  return pages;
}

function digestFile(file: string): string | undefined {
  try {
    return createHash('sha256').update(readFileSync(file)).digest('base64');
  } catch {
    return undefined;
  }
}

/** Records that `listing` (of `outDir`) is the output of the build that wrote `manifestFile`. */
export function writePublishRecord(cacheDir: string, outDir: string, manifestFile: string, listing: Listing): void {
  const file = join(cacheDir, PUBLISH_RECORD_FILE);
  const manifest = digestFile(manifestFile);
  if (manifest === undefined) {
    rmSync(file, { force: true });
    return;
  }
  const record: PublishRecord = {
    format: RECORD_FORMAT,
    outDir,
    manifest,
    files: [...listing].map(([path, stamp]) => [path, stamp.size, String(stamp.mtimeNs)]),
  };
  const temporary = `${file}.${String(process.pid)}.tmp`;
  writeFileSync(temporary, JSON.stringify(record));
  renameSync(temporary, file);
}

/**
 * Why the live site in `outDir`, listed as `listing`, cannot be built upon, or
 * `undefined` when it is exactly what the last incremental publish from this
 * cache wrote, under the manifest that is there now.
 */
export function checkPublishRecord(
  cacheDir: string,
  outDir: string,
  manifestFile: string,
  listing: Listing,
): string | undefined {
  let record: Partial<PublishRecord> | undefined;
  try {
    record = JSON.parse(readFileSync(join(cacheDir, PUBLISH_RECORD_FILE), 'utf8')) as Partial<PublishRecord>;
  } catch {
    return 'no record of the last publish';
  }
  if (record.format !== RECORD_FORMAT || !Array.isArray(record.files)) return 'no record of the last publish';
  if (record.outDir !== outDir) return `the last build from this cache was published to ${String(record.outDir)}`;
  if (record.manifest !== digestFile(manifestFile)) return 'the build cache changed since the last publish';
  if (record.files.length !== listing.size) return `${outDir} is not the site the last build published`;
  for (const [path, size, mtimeNs] of record.files) {
    const stamp = listing.get(path);
    if (stamp?.size !== size || String(stamp.mtimeNs) !== mtimeNs) {
      return `${outDir}/${path} changed since the last build published it`;
    }
  }
  return undefined;
}
