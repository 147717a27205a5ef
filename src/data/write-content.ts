/**
 * Writes one content file for the operator CLI, so that the folder is never
 * left worse than it was:
 *
 * - the folder is validated with the new text in place of the old, by the
 *   build's own rules (`parseContent`), before anything touches the disk; a
 *   result with any problem is refused, with the problems in the build's
 *   format (the CLI edits only a folder the build accepts);
 * - the text goes to a temporary file beside the target (a dotfile, which the
 *   build ignores should the CLI be killed) and is renamed over it: rename(2)
 *   is atomic, so the file is the old one or the new one, never half of one;
 * - if the file changed on disk since it was read (a colleague's edit, a
 *   `git pull`), nothing is written.
 */
import {
  closeSync,
  existsSync,
  fchmodSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Problem } from '../lib/problems.ts';
import type { StatusModel } from '../lib/model.ts';
import { parseContent, type ContentFile } from '../lib/validate.ts';
import { readContentFolder } from './read-content.ts';

/** The content folder as read now: its files and what the build would say of them. */
export interface ContentSnapshot {
  dir: string;
  files: ContentFile[];
  readProblems: Problem[];
}

export function readSnapshot(dir: string): ContentSnapshot {
  const folder = readContentFolder(dir);
  return { dir, files: folder.files, readProblems: folder.problems };
}

/**
 * The text of `path` (relative to the content folder) exactly as it is on
 * disk, byte-order mark included, for an edit that keeps every other byte;
 * undefined when there is no such file.
 */
export function readRawText(snapshot: ContentSnapshot, path: string): string | undefined {
  return readOrUndefined(join(snapshot.dir, path));
}

export type WriteResult = { ok: true; model: StatusModel } | { ok: false; problems: Problem[] };

/**
 * Validates the folder with `text` at `path`, then writes it atomically
 * (unless `dryRun`) if the file still holds `expected` (its raw text when
 * the edit began; undefined for a new file). Any problem refuses it: the CLI
 * edits only a folder the build accepts, so every problem is the edit's.
 */
export function writeContentFile(
  snapshot: ContentSnapshot,
  path: string,
  text: string,
  expected: string | undefined,
  { dryRun = false } = {},
): WriteResult {
  const files = [...snapshot.files.filter((f) => f.path !== path), { path, text }];
  const after = parseContent(files, snapshot.readProblems);
  if (!after.ok) return { ok: false, problems: after.problems };
  if (!dryRun) writeAtomically(join(snapshot.dir, path), text, expected);
  return { ok: true, model: after.model };
}

/** Raised when the file on disk is no longer the one the edit was made from. */
export class ChangedOnDiskError extends Error {}

/** Writes `text` to `file` by a temporary file and a rename; `expected` is the text it must still have (undefined: must not exist). */
export function writeAtomically(path: string, text: string, expected: string | undefined): void {
  // A content file may be a symbolic link (the reader follows them): the file it points to is replaced, not the link.
  const file = existsSync(path) ? realpathSync(path) : path;
  const current = readOrUndefined(file);
  if (current !== expected) {
    throw new ChangedOnDiskError(
      expected === undefined
        ? `${file} appeared while the CLI ran; nothing was written (run the command again)`
        : `${file} changed on disk while the CLI ran; nothing was written (run the command again on the new version)`,
    );
  }
  mkdirSync(dirname(file), { recursive: true });
  const temp = join(dirname(file), `.${basename(file)}.${process.pid}.tmp`);
  try {
    const fd = openSync(temp, 'wx');
    try {
      // The new file keeps the old one's permissions (a group-writable content folder stays so).
      if (current !== undefined) fchmodSync(fd, statSync(file).mode & 0o7777);
      writeSync(fd, text);
      // On disk before the rename: a power cut leaves the old file or the new one.
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, file);
  } finally {
    rmSync(temp, { force: true });
  }
}

function readOrUndefined(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
