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

/** Reads and validates a content folder; throws {@link ContentError} with every problem. */
export function loadContentModel(dir: string): StatusModel {
  const result = parseContent(readContentFiles(dir));
  if (!result.ok) throw new ContentError(result.problems);
  return result.model;
}
