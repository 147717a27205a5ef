/**
 * Reads a content folder from disk. The only file-system code: everything
 * after this is the pure `parseContent()` in src/lib/validate.ts.
 *
 * Every entry is read or named as a problem (src/lib/content-layout.ts says
 * which entries belong where). Symbolic links are followed, to files and to
 * folders alike, wherever they point; a link that points nowhere, a loop of
 * links, or a folder reached a second time through a link is one problem each.
 */
import { readdirSync, readFileSync, realpathSync, statSync, type Stats } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { classifyEntry } from '../lib/content-layout.ts';
import { ContentError, type Problem } from '../lib/problems.ts';
import { decodeUtf8, formatBytes, MAX_FILE_BYTES } from '../lib/text.ts';
import { parseContent, type ContentFile, type ParseResult } from '../lib/validate.ts';
import type { StatusModel } from '../lib/model.ts';

/** `STATUS_CONTENT_DIR` (absolute, or relative to the working directory), else `content/`. */
export function resolveContentDir(value: string | undefined, cwd = process.cwd()): string {
  if (!value) return resolve(cwd, 'content');
  return isAbsolute(value) ? value : resolve(cwd, value);
}

/** What a content folder holds: the files to parse, and the problems found while reading it. */
export interface ContentFolder {
  files: ContentFile[];
  problems: Problem[];
}

/**
 * Every content file below `dir`, with its path relative to `dir` using `/`.
 * Only files that belong in the content folder are read; the others are
 * problems, as are unreadable files and folders.
 */
export function readContentFolder(dir: string): ContentFolder {
  let root: string;
  try {
    if (!statSync(dir).isDirectory()) throw new Error('not a folder');
    root = realpathSync(dir);
  } catch {
    throw new ContentError([
      {
        file: dir,
        field: '(folder)',
        message:
          'content folder not found; set STATUS_CONTENT_DIR to a folder with site.yaml, services/ and incidents/',
      },
    ]);
  }
  const files: ContentFile[] = [];
  const problems: Problem[] = [];
  /** Real path of every folder read, and the path it was first read as. */
  const folders = new Map<string, string>([[root, '']]);

  const walk = (absolute: string, relative: string, ancestors: readonly string[]): void => {
    let names: string[];
    try {
      names = readdirSync(absolute).sort();
    } catch (error) {
      problems.push({ file: `${relative}/`, field: '(folder)', message: `cannot be read (${describeError(error)})` });
      return;
    }
    for (const name of names) {
      const path = relative === '' ? name : `${relative}/${name}`;
      const full = join(absolute, name);
      let stats: Stats;
      try {
        stats = statSync(full); // follows links
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (classifyEntry(path, 'file').role === 'ignored') continue;
        problems.push({
          file: path,
          field: '(file)',
          message:
            code === 'ENOENT'
              ? 'a symbolic link to something that does not exist; fix or remove the link'
              : code === 'ELOOP'
                ? 'a symbolic link that points to itself, directly or through other links; remove it'
                : `cannot be read (${describeError(error)})`,
        });
        continue;
      }
      if (stats.isDirectory()) {
        const role = classifyEntry(path, 'folder');
        if (role.role === 'ignored') continue;
        if (role.role === 'unexpected') {
          problems.push({ file: `${path}/`, field: '(folder)', message: role.message });
          continue;
        }
        const real = realpathSync(full);
        if (ancestors.includes(real)) {
          problems.push({
            file: `${path}/`,
            field: '(folder)',
            message: `a symbolic link back to ${folders.get(real) === '' ? 'the content folder' : `${folders.get(real) ?? ''}/`}, which contains it (a loop); remove the link`,
          });
          continue;
        }
        const first = folders.get(real);
        if (first !== undefined) {
          problems.push({
            file: `${path}/`,
            field: '(folder)',
            message: `is the same folder as ${first}/ (through a symbolic link); each folder is read once, so remove one of them`,
          });
          continue;
        }
        folders.set(real, path);
        walk(full, path, [...ancestors, real]);
      } else if (stats.isFile()) {
        const role = classifyEntry(path, 'file');
        if (role.role === 'ignored') continue;
        if (role.role === 'unexpected') {
          problems.push({ file: path, field: '(file)', message: role.message });
          continue;
        }
        files.push(readContentFile(full, path, stats.size));
      } else if (classifyEntry(path, 'file').role !== 'ignored') {
        problems.push({
          file: path,
          field: '(file)',
          message: 'not a file or a folder (a socket or device); remove it',
        });
      }
    }
  };
  walk(root, '', [root]);
  return { files, problems };
}

/** One content file: its text, or why it cannot be used. Files over the limit are not read at all. */
function readContentFile(full: string, path: string, size: number): ContentFile {
  if (size > MAX_FILE_BYTES) {
    return {
      path,
      unreadable: {
        field: '(file)',
        message: `is ${formatBytes(size)}; a content file may be at most ${formatBytes(MAX_FILE_BYTES, { unit: true })}`,
      },
    };
  }
  let bytes: Buffer;
  try {
    bytes = readFileSync(full);
  } catch (error) {
    return { path, unreadable: { field: '(file)', message: `cannot be read (${describeError(error)})` } };
  }
  const text = decodeUtf8(bytes);
  if (text === undefined) {
    return {
      path,
      unreadable: {
        field: '(file)',
        message: `not UTF-8; save it as UTF-8${looksLikeUtf16(bytes) ? ' (it looks like UTF-16)' : ' (it may be CP949/EUC-KR: in your editor, "Save with encoding" → UTF-8)'}`,
      },
    };
  }
  return { path, text };
}

function looksLikeUtf16(bytes: Uint8Array): boolean {
  return (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
}

function describeError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  return code ?? (error instanceof Error ? error.message : String(error));
}

/**
 * Reads and validates a content folder: every problem of the folder and of
 * its files, at once.
 */
export function readAndParseContent(dir: string): ParseResult {
  const folder = readContentFolder(dir);
  return parseContent(folder.files, folder.problems);
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
  const result = readAndParseContent(dir);
  if (!result.ok) throw new ContentError(result.problems);
  return result.model;
}
