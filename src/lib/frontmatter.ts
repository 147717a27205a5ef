/**
 * Splits a Markdown file into YAML front matter and body.
 *
 * YAML is read with the `yaml` package's YAML 1.2 core schema, which keeps
 * `2020-03-02T08:58` a string. (YAML 1.1 loaders, gray-matter's included,
 * turn it into a Date in the build machine's or UTC time: exactly the timezone
 * trap a status page must not fall into.)
 */
import { parseDocument } from 'yaml';

export type ParsedFile = { ok: true; data: unknown; body: string } | { ok: false; field: string; message: string };

const FRONT_MATTER = /^\uFEFF?---[ \t]*\r?\n([\s\S]*?)\r?\n?---[ \t]*(?:\r?\n|$)/;

/**
 * Parses a YAML document; errors name the line. `lineOffset` shifts line
 * numbers (front matter starts on line 2); `field` names the part of the file
 * in error messages.
 */
export function parseYaml(text: string, lineOffset = 0, field = '(file)'): ParsedFile {
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  const [error] = doc.errors;
  if (error) {
    const line = (error.linePos?.[0].line ?? 0) + lineOffset;
    const what = error.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '') ?? 'invalid YAML';
    return { ok: false, field, message: `invalid YAML at line ${line}: ${what}` };
  }
  return { ok: true, data: doc.toJS() ?? {}, body: '' };
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
