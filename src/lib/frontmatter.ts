/**
 * Splits a Markdown file into YAML front matter and body.
 *
 * YAML is read with js-yaml's CORE_SCHEMA (YAML 1.2 core: strings, numbers,
 * booleans, null), which keeps `2020-03-02T08:58` a string. The default
 * schema (and gray-matter, which uses it) turns it into a Date in UTC:
 * exactly the timezone trap a status page must not fall into. Dates are
 * parsed later, in the site timezone, by `time.ts`.
 */
import { CORE_SCHEMA, load, YAMLException } from 'js-yaml';

export type ParsedFile = { ok: true; data: unknown; body: string } | { ok: false; field: string; message: string };

const FRONT_MATTER = /^\uFEFF?---[ \t]*\r?\n([\s\S]*?)\r?\n?---[ \t]*(?:\r?\n|$)/;

/**
 * Parses a YAML document; errors name the line. `lineOffset` shifts line
 * numbers (front matter starts on line 2); `field` names the part of the file
 * in error messages.
 */
export function parseYaml(text: string, lineOffset = 0, field = '(file)'): ParsedFile {
  try {
    // js-yaml also refuses a key given twice in one map.
    const data: unknown = load(text, { schema: CORE_SCHEMA });
    return { ok: true, data: data ?? {}, body: '' };
  } catch (error) {
    if (!(error instanceof YAMLException)) throw error;
    const line = error.mark.line + 1 + lineOffset;
    return { ok: false, field, message: `invalid YAML at line ${line}: ${error.reason}` };
  }
}

/**
 * Reads `---\n<yaml>\n---\n<markdown>`.
 * @example parseFrontMatter('---\ntitle: x\n---\nBody') // { ok: true, data: { title: 'x' }, body: 'Body' }
 */
export function parseFrontMatter(text: string): ParsedFile {
  const match = FRONT_MATTER.exec(text);
  if (!match) {
    return {
      ok: false,
      field: 'front matter',
      message: 'missing; start the file with a line "---", then the fields in YAML, then a line "---"',
    };
  }
  const parsed = parseYaml(match[1] ?? '', 1, 'front matter');
  if (!parsed.ok) return parsed;
  if (typeof parsed.data !== 'object' || parsed.data === null || Array.isArray(parsed.data)) {
    return { ok: false, field: 'front matter', message: 'expected fields (name: value), got a list or a single value' };
  }
  return { ok: true, data: parsed.data, body: text.slice(match[0].length).trim() };
}
