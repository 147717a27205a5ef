/**
 * Splits a Markdown file into YAML front matter and body.
 *
 * The front matter opens with the file's first line, `---`, and ends at the
 * next line that is exactly `---` (trailing spaces allowed): a `---` inside a
 * value, after a `#`, or indented in a block scalar (a Markdown rule in an
 * update message) does not end it. Ending it early would turn the rest of the
 * YAML into body text and silently drop the later updates.
 *
 * YAML is read with js-yaml's CORE_SCHEMA (YAML 1.2 core: strings, numbers,
 * booleans, null), which keeps `2020-03-02T08:58` a string. The default
 * schema (and gray-matter, which uses it) turns it into a Date in UTC:
 * exactly the timezone trap a status page must not fall into. Dates are
 * parsed later, in the site timezone, by `time.ts`.
 */
import { CORE_SCHEMA, load, YAMLException } from 'js-yaml';
import { formatFieldPath } from './problems.ts';
import {
  describeForbiddenCharacter,
  findForbiddenCharacter,
  formatBytes,
  getUtf8Length,
  MAX_BODY_BYTES,
  MAX_FIELD_BYTES,
  normalizeLineBreaks,
} from './text.ts';

export type ParsedFile = { ok: true; data: unknown; body: string } | { ok: false; field: string; message: string };

/** A line that opens or closes the front matter. */
const FENCE = /^---[ \t]*$/;

/**
 * Parses a YAML document; errors name the line. `lineOffset` shifts line
 * numbers (front matter starts on line 2); `field` names the part of the file
 * in error messages.
 */
export function parseYaml(text: string, lineOffset = 0, field = '(file)'): ParsedFile {
  // Before js-yaml, which would only say "the stream contains non-printable characters".
  const control = findForbiddenCharacter(text);
  if (control) {
    const before = text.slice(0, control.index);
    const line = before.split('\n').length + lineOffset;
    const column = Array.from(before.slice(before.lastIndexOf('\n') + 1)).length + 1;
    return {
      ok: false,
      field,
      message: `line ${line}, character ${column}: ${describeForbiddenCharacter({ code: control.code })}`,
    };
  }
  let data: unknown;
  try {
    // js-yaml also refuses a key given twice in one map.
    data = load(text, { schema: CORE_SCHEMA });
  } catch (error) {
    if (!(error instanceof YAMLException)) throw error;
    const line = error.mark.line + 1 + lineOffset;
    return { ok: false, field, message: `invalid YAML at line ${line}: ${error.reason}` };
  }
  const problem = findUnsafeValue(data);
  if (problem) return { ok: false, field: problem.field, message: problem.message };
  return { ok: true, data: data ?? {}, body: '' };
}

/**
 * Reads `---\n<yaml>\n---\n<markdown>`. Line breaks may be CRLF or CR.
 * @example parseFrontMatter('---\ntitle: x\n---\nBody') // { ok: true, data: { title: 'x' }, body: 'Body' }
 */
export function parseFrontMatter(source: string): ParsedFile {
  const lines = normalizeLineBreaks(source.replace(/^\uFEFF/, '')).split('\n');
  const end = FENCE.test(lines[0] ?? '') ? lines.findIndex((line, i) => i > 0 && FENCE.test(line)) : -1;
  if (end < 0) {
    return {
      ok: false,
      field: 'front matter',
      message: FENCE.test(lines[0] ?? '')
        ? 'not closed; end the fields with a line that is exactly "---"'
        : 'missing; start the file with a line "---", then the fields in YAML, then a line "---"',
    };
  }
  const cut = findEarlyEnd(lines, end);
  if (cut) return { ok: false, field: 'front matter', message: cut };
  const parsed = parseYaml(lines.slice(1, end).join('\n'), 1, 'front matter');
  if (!parsed.ok) return parsed;
  if (typeof parsed.data !== 'object' || parsed.data === null || Array.isArray(parsed.data)) {
    return { ok: false, field: 'front matter', message: 'expected fields (name: value), got a list or a single value' };
  }
  const body = lines
    .slice(end + 1)
    .join('\n')
    .trim();
  // Counted only when it may be over: a UTF-16 unit is at most 3 bytes in UTF-8.
  const size = body.length * 3 > MAX_BODY_BYTES ? getUtf8Length(body) : 0;
  if (size > MAX_BODY_BYTES) {
    return {
      ok: false,
      field: '(body)',
      message: `is ${formatBytes(size)}; a body may be at most ${formatBytes(MAX_BODY_BYTES, { unit: true })} (link to a longer report instead)`,
    };
  }
  const found = findForbiddenCharacter(body);
  if (found) return { ok: false, field: '(body)', message: describeForbiddenCharacter(found) };
  return { ok: true, data: parsed.data, body };
}

/**
 * A `---` written flush left inside an indented value (an update message in
 * a block scalar) ends the front matter there, and the rest of the message
 * and every later update would become body text, hidden while the incident
 * is open. The tell: the fence sits between two indented lines.
 */
function findEarlyEnd(lines: readonly string[], end: number): string | undefined {
  const indented = (line: string | undefined) => line !== undefined && /^[ \t]+\S/.test(line);
  const before = lines.slice(1, end).findLast((line) => line.trim() !== '');
  const after = lines.slice(end + 1).find((line) => line.trim() !== '');
  if (!indented(before) || !indented(after)) return undefined;
  return (
    `ends at line ${end + 1} ("---"), but the line after it, "${(after ?? '').trim().slice(0, 40)}", is indented like ` +
    'a value: a "---" inside an update message must be indented like the message (or use *** for a rule), ' +
    'else it ends the fields there and the rest of the message is lost'
  );
}

/**
 * The first value YAML hands over that the build must not take:
 * - a map or list reached twice, i.e. a YAML alias (`*name`) of a collection.
 *   js-yaml shares the node, but everything after it (validation, error
 *   messages) walks it as a copy, and a few lines of nested aliases ("billion
 *   laughs") expand to gigabytes. Aliases of a single value are harmless and
 *   pass;
 * - a key or text with a control character;
 * - a text over {@link MAX_FIELD_BYTES}.
 */
function findUnsafeValue(data: unknown): { field: string; message: string } | undefined {
  const seen = new Set<object>();
  // The path of the value being visited: one list for the whole walk, copied only into a problem.
  const path: PropertyKey[] = [];
  const visit = (value: unknown): { field: string; message: string } | undefined => {
    if (typeof value === 'string') {
      const size = value.length * 3 > MAX_FIELD_BYTES ? getUtf8Length(value) : 0;
      if (size > MAX_FIELD_BYTES) {
        return {
          field: formatFieldPath(path),
          message: `is ${formatBytes(size)}; a text in the front matter may be at most ${formatBytes(MAX_FIELD_BYTES, { unit: true })} (long write-ups go in the body)`,
        };
      }
      const found = findForbiddenCharacter(value);
      return found && { field: formatFieldPath(path), message: describeForbiddenCharacter(found) };
    }
    if (typeof value !== 'object' || value === null) return undefined;
    if (seen.has(value)) {
      return {
        field: formatFieldPath(path),
        message: 'repeats a list or map with a YAML alias (*name); aliases are not allowed here, write the value out',
      };
    }
    seen.add(value);
    const entries: [PropertyKey, unknown][] = Array.isArray(value)
      ? value.map((item, i) => [i, item])
      : Object.entries(value);
    for (const [key, item] of entries) {
      path.push(key);
      if (typeof key === 'string') {
        const found = findForbiddenCharacter(key);
        if (found) return { field: formatFieldPath(path), message: `(the key) ${describeForbiddenCharacter(found)}` };
      }
      const problem = visit(item);
      if (problem) return problem;
      path.pop();
    }
    return undefined;
  };
  return visit(data);
}
