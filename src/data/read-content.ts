/**
 * Reads a content folder from disk. The only file-system code: everything
 * after this is the pure `parseContent()` in src/lib/validate.ts.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { ContentError } from '../lib/problems.ts';
import { parseContent, type ContentFile } from '../lib/validate.ts';
import type { StatusModel } from '../lib/model.ts';

/** `STATUS_CONTENT_DIR` (absolute, or relative to the working directory), else `content/`. */
export function resolveContentDir(value: string | undefined, cwd = process.cwd()): string {
  if (!value) return resolve(cwd, 'content');
  return isAbsolute(value) ? value : resolve(cwd, value);
}

/** Every file below `dir`, with its path relative to `dir` using `/`. */
export function readContentFiles(dir: string): ContentFile[] {
  let isDir = false;
  try {
    isDir = statSync(dir).isDirectory();
  } catch {
    // reported below
  }
  if (!isDir) {
    throw new ContentError([
      {
        file: dir,
        field: '(folder)',
        message:
          'content folder not found; set STATUS_CONTENT_DIR to a folder with site.yaml, services/ and incidents/',
      },
    ]);
  }
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => {
      const path = join(entry.parentPath, entry.name);
      return { path: relative(dir, path).split(sep).join('/'), text: readFileSync(path, 'utf8') };
    });
}

// The content guard validates the folder before Astro renders anything; the
// pages, rendered later in the same process, reuse that model instead of
// reading and parsing every file again (a tenth of a 10,000-incident build).
// A global symbol, because the guard and the pages are separate module graphs.
const VALIDATED = Symbol.for('status-page.validated-content');
interface Validated {
  dir: string;
  model: StatusModel;
}

/** Keeps the model the content guard validated, for the pages of this build. */
export function rememberContentModel(dir: string, model: StatusModel): void {
  (globalThis as Record<symbol, Validated | undefined>)[VALIDATED] = { dir, model };
}

/**
 * The model of a content folder: the one the guard validated in this process
 * if it read the same folder (unless `fresh`), else read and validated now.
 * Throws {@link ContentError} with every problem.
 */
export function loadContentModel(dir: string, { fresh = false } = {}): StatusModel {
  const validated = (globalThis as Record<symbol, Validated | undefined>)[VALIDATED];
  if (!fresh && validated?.dir === dir) return validated.model;
  const result = parseContent(readContentFiles(dir));
  if (!result.ok) throw new ContentError(result.problems);
  return result.model;
}
