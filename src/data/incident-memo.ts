/**
 * Keeps the validator's memo of parsed incidents (src/lib/validate.ts,
 * `IncidentMemo`) on disk between processes. An operator's update is an edit
 * with the CLI, which validates the folder, then `npm run build`, whose
 * content guard validates it again: at 10,000 incidents each of them spent
 * 2.5 s parsing files that had not changed since the last one.
 *
 * The file is `parsed-incidents.bin` in the content folder's build cache
 * (`getCacheDir`, next to Astro's, src/integrations/build-cache.ts), written with
 * `v8.serialize` (which keeps `undefined` fields, unlike JSON). An entry is
 * found by the SHA-256 of a file's path and text, under a context (the
 * timezone and every service); the whole file is only used by code that
 * parses the same way: its `code` is a digest of every file of src/lib, the
 * lockfile (js-yaml, zod, marked) and the Node and ICU versions (time zone
 * data). Anything else (another version, a file that cannot be read or
 * decoded) counts as no memo: every file is parsed again, and nothing is
 * trusted that this code did not write.
 *
 * It is written to a temporary file and renamed, so a reader (the CLI and a
 * build may run at once) sees a whole memo or the previous one.
 * `STATUS_INCREMENTAL=0` neither reads nor writes it.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deserialize, serialize } from 'node:v8';
import { getCacheDir } from '../integrations/build-cache.ts';
import type { Incident } from '../lib/model.ts';
import { getIncidentMemo, setIncidentMemo, type IncidentMemo } from '../lib/validate.ts';
import type { BuildEnv } from './env.ts';

export const INCIDENT_MEMO_FILE = 'parsed-incidents.bin';
const FORMAT = 1;

/** The project's root: two folders up from this file, in the CLI and in the build alike. */
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

interface MemoFile {
  format: number;
  code: string;
  context: string;
  entries: [string, Incident][];
}

/** What the memo file holds as far as this process knows: what it read or last wrote. */
let stored: IncidentMemo | undefined;

/**
 * Gives the validator the memo kept for `contentDir` in its build cache
 * (unless this process already holds one, or `STATUS_INCREMENTAL=0`);
 * `save()` writes the memo back once the validation is done, if it changed.
 */
export function openIncidentMemo(
  env: Pick<BuildEnv, 'incremental'>,
  contentDir: string,
  cacheDir = getCacheDir(ROOT, contentDir),
): { save(): void } {
  if (!env.incremental) return { save: () => undefined };
  const file = join(cacheDir, INCIDENT_MEMO_FILE);
  if (!getIncidentMemo()) {
    stored = readIncidentMemo(file);
    setIncidentMemo(stored);
  }
  return {
    save: () => {
      const memo = getIncidentMemo();
      if (!memo || sameMemo(stored, memo)) return;
      writeIncidentMemo(file, memo);
      stored = memo;
    },
  };
}

function sameMemo(a: IncidentMemo | undefined, b: IncidentMemo): boolean {
  if (a === b) return true;
  if (a?.context !== b.context || a.byFile.size !== b.byFile.size) return false;
  for (const [key, incident] of b.byFile) if (a.byFile.get(key) !== incident) return false;
  return true;
}

/** The memo in `file`, if this code wrote it; otherwise none. */
function readIncidentMemo(file: string): IncidentMemo | undefined {
  const code = getCodeDigest();
  if (code === null) return undefined;
  let memo: Partial<MemoFile> | null | undefined;
  try {
    // Whatever the file holds: a value of any type, or an error.
    memo = deserialize(readFileSync(file)) as Partial<MemoFile> | null | undefined;
  } catch {
    return undefined;
  }
  if (
    memo?.format !== FORMAT ||
    memo.code !== code ||
    typeof memo.context !== 'string' ||
    !Array.isArray(memo.entries)
  ) {
    return undefined;
  }
  return { context: memo.context, byFile: new Map(memo.entries) };
}

function writeIncidentMemo(file: string, memo: IncidentMemo): void {
  const code = getCodeDigest();
  if (code === null) return;
  const contents: MemoFile = {
    format: FORMAT,
    code,
    context: memo.context,
    entries: [...memo.byFile],
  };
  const temporary = `${file}.${String(process.pid)}.tmp`;
  try {
    mkdirSync(join(file, '..'), { recursive: true });
    writeFileSync(temporary, serialize(contents));
    renameSync(temporary, file);
  } catch {
    // A memo that cannot be written costs the next process a full parse, nothing more.
    rmSync(temporary, { force: true });
  }
}

let codeDigest: string | null | undefined;

/**
 * What the parse depends on besides its input: our code, the libraries, Node's
 * time zone data. `null` when it cannot be read (no src/lib or lockfile beside
 * this file): then there is no memo.
 */
function getCodeDigest(): string | null {
  if (codeDigest === undefined) {
    try {
      const hash = createHash('sha256');
      const { node, v8, icu, tz, unicode } = process.versions;
      hash.update(JSON.stringify({ node, v8, icu, tz, unicode }));
      for (const path of listFiles(join(ROOT, 'src/lib'))) {
        hash.update(path.slice(ROOT.length)).update('\u0000').update(readFileSync(path)).update('\u0000');
      }
      hash.update(readFileSync(join(ROOT, 'package-lock.json')));
      codeDigest = hash.digest('base64');
    } catch {
      codeDigest = null;
    }
  }
  return codeDigest;
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .flatMap((entry) => (entry.isDirectory() ? listFiles(join(dir, entry.name)) : [join(dir, entry.name)]));
}
