/**
 * Writing incident files for the operator CLI, as text in and text out.
 *
 * A new file is rendered from data. An existing file is *edited*, never
 * re-dumped: the `yaml` package's document gives the exact offsets of the
 * `updates` list and of `resolved:`, and the new entry is spliced in there.
 * Every other byte of the file stays as the author wrote it: comments,
 * quoting, key order, fields this version does not know, the Markdown body,
 * CRLF line breaks and a byte-order mark. (`yaml`'s own `toString()` keeps
 * comments but re-quotes and re-folds scalars, so it is used only for the new
 * lines.) js-yaml still reads the files for the build (src/lib/frontmatter.ts);
 * the result of every edit is validated by the build's own rules before it is
 * written (src/data/write-content.ts).
 */
import { Document, isMap, isScalar, isSeq, parseDocument, Scalar, visit, type Node, type Pair } from 'yaml';
import { LOCALES, type Locale, type LocalizedText } from './i18n/locales.ts';
import type { Affected } from './model.ts';
import { readDateTime, toIsoString, type Instant } from './time.ts';
import {
  COMPONENT_STATUSES,
  worstOf,
  type ComponentStatus,
  type Impact,
  type IncidentKind,
  type UpdateState,
} from './vocabulary.ts';

/** One timeline entry as it is written (times as text, in the site timezone). */
export interface UpdateInput {
  at: string;
  status: UpdateState;
  message: LocalizedText;
  /** From this update on, the incident's affected list (SPEC: services recovering step by step). */
  affected?: readonly Affected[] | undefined;
}

/** A new incident or maintenance file's front matter. */
export interface IncidentInput {
  title: LocalizedText;
  kind: IncidentKind;
  impact?: Impact | undefined;
  /** Incidents only; a maintenance starts at `scheduled.start`. */
  started?: string | undefined;
  scheduled?: { start: string; end: string } | undefined;
  affected: readonly Affected[];
  affectedUsers?: number | undefined;
  updates: readonly UpdateInput[];
}

export type EditResult = { ok: true; text: string } | { ok: false; message: string };

/** Keys whose text is read by people: written double-quoted (or as a block when multi-line), as in the sample content. */
const PROSE_KEYS: ReadonlySet<string> = new Set(['title', 'message', 'note', ...LOCALES]);

/**
 * The time a CLI writes for `instant`: the site's wall clock to the minute
 * (`2026-12-02T03:15`, read back in the site timezone as the sample content
 * is), or with its offset when that wall time is ambiguous there (a DST
 * change) and would be read back as another instant.
 * @example toContentTime(Date.UTC(2022, 9, 15, 6, 30), 'Asia/Seoul') // '2022-10-15T15:30'
 */
export function toContentTime(instant: Instant, timezone: string): string {
  const minute = instant - (((instant % 60_000) + 60_000) % 60_000);
  const iso = toIsoString(minute, timezone);
  const local = iso.slice(0, 16);
  const back = readDateTime(local, timezone);
  return back.ok && back.instant === minute ? local : `${local}${iso.slice(19)}`;
}

/**
 * A slug from the date and the title: `2026-12-02-kakaotalk-message-delay`.
 * Korean titles have no Latin letters to use, so the English title (or the
 * first of `fallbacks`, e.g. the affected service ids) names it then.
 * @example createSlug('2022-10-15', { ko: '판교 화재', en: 'Pangyo data centre fire' }) // '2022-10-15-pangyo-data-centre-fire'
 */
export function createSlug(dateKey: string, title: LocalizedText, fallbacks: readonly string[] = []): string {
  const texts = typeof title === 'string' ? [title] : [title.en, ...Object.values(title)];
  const words = [...texts, ...fallbacks]
    .map((text) =>
      (text ?? '')
        .normalize('NFKD')
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-+|-+$/g, ''),
    )
    .find((text) => text.length > 0);
  // Long titles make long URLs: the first six words are enough to tell incidents apart.
  const short = (words ?? 'incident').split('-').slice(0, 6).join('-');
  return `${dateKey}-${short}`;
}

/** `{ ko, en }` from per-locale texts; a plain string when only `defaultLocale` is given. */
export function toLocalizedText(
  texts: Partial<Record<Locale, string | undefined>>,
  defaultLocale: Locale,
): LocalizedText | undefined {
  const given = Object.entries(texts).filter(([, text]) => text !== undefined && text.trim() !== '');
  if (given.length === 0) return undefined;
  const [first] = given;
  if (given.length === 1 && first?.[0] === defaultLocale) return first[1];
  // Default locale first, then the others in LOCALES order.
  const order = [defaultLocale, ...LOCALES.filter((l) => l !== defaultLocale)];
  return Object.fromEntries(order.flatMap((l) => (texts[l]?.trim() ? [[l, texts[l]]] : [])));
}

/** The front matter and body of a new incident or maintenance file. */
export function renderIncidentFile(incident: IncidentInput, body = ''): string {
  const data: Record<string, unknown> = { title: incident.title };
  if (incident.kind !== 'incident') data.kind = incident.kind;
  if (incident.impact) data.impact = incident.impact;
  if (incident.started) data.started = incident.started;
  if (incident.scheduled) data.scheduled = { ...incident.scheduled };
  if (incident.affectedUsers !== undefined) data.affectedUsers = incident.affectedUsers;
  data.affected = incident.affected.map(toPlainAffected);
  data.updates = incident.updates.map(toPlainUpdate);
  return `---\n${renderYaml(data)}---\n${body.trim() === '' ? '' : `${body.trim()}\n`}`;
}

/**
 * `source` with `update` added at the end of its `updates` list (the list is
 * created when the file has none). When the update closes the incident and
 * the file gives `resolved:`, that time is set to the update's, which the
 * build requires to agree.
 */
export function appendUpdate(source: string, update: UpdateInput, closes: boolean): EditResult {
  const located = locateFrontMatter(source);
  if (!located.ok) return located;
  const { yaml, offset, newline } = located;
  // Offsets are into `yaml` as it is in the file (a CRLF file keeps its \r\n: they end lines for `yaml` too).
  const doc = parseDocument(yaml);
  if (doc.errors.length > 0) {
    return { ok: false, message: `the front matter is not valid YAML (${doc.errors[0]?.message ?? ''})` };
  }
  if (!isMap(doc.contents)) return { ok: false, message: 'the front matter is not a map of fields' };

  const edits: Splice[] = [];
  const entry = toPlainUpdate(update);
  const pair = findPair(doc.contents.items, 'updates');
  const list = pair?.value;
  if (isSeq(list) && !list.flow && list.items.length > 0 && list.range) {
    // After the last entry, indented as the first one is.
    const first = (list.items[0] as Node).range?.[0] ?? list.range[0];
    const itemColumn = columnOf(yaml, first);
    const dashColumn = columnOf(yaml, yaml.lastIndexOf('-', first));
    edits.push({ at: afterLine(yaml, list.range[1]), remove: 0, text: renderSeqItem(entry, dashColumn, itemColumn) });
  } else if (pair && isScalar(pair.key) && pair.key.range) {
    // `updates:`, `updates: []` or a flow list: that field alone is rewritten, as a block list.
    const existing: unknown =
      list === null || list === undefined || (isScalar(list) && list.value === null) ? [] : (list as Node).toJSON();
    if (!Array.isArray(existing)) return { ok: false, message: '"updates" is not a list; fix it in the file first' };
    const from = lineStart(yaml, pair.key.range[0]);
    const valueEnd = isNode(list) && list.range ? list.range[1] : pair.key.range[1];
    const indent = ' '.repeat(columnOf(yaml, pair.key.range[0]));
    const text = indentLines(renderYaml({ updates: [...(existing as unknown[]), entry] }), indent);
    edits.push({ at: from, remove: afterLine(yaml, valueEnd) - from, text });
  } else {
    // No updates yet: a new last field.
    const text = renderYaml({ updates: [entry] });
    edits.push({ at: yaml.length, remove: 0, text: yaml === '' || yaml.endsWith('\n') ? text : `\n${text}` });
  }

  if (closes) {
    const resolved = findPair(doc.contents.items, 'resolved')?.value;
    if (isScalar(resolved) && resolved.range) {
      edits.push({ at: resolved.range[0], remove: resolved.range[1] - resolved.range[0], text: update.at });
    }
  }
  return { ok: true, text: applySplices(source, offset, edits, newline) };
}

/** A replacement of `remove` characters at `at` (front-matter offsets) by `text` (with `\n` line breaks). */
interface Splice {
  at: number;
  remove: number;
  text: string;
}

function applySplices(source: string, offset: number, edits: readonly Splice[], newline: string): string {
  let result = source;
  // From the end, so that earlier offsets stay valid.
  for (const edit of [...edits].sort((a, b) => b.at - a.at)) {
    const at = offset + edit.at;
    result = result.slice(0, at) + edit.text.replaceAll('\n', newline) + result.slice(at + edit.remove);
  }
  return result;
}

type Located = { ok: true; yaml: string; offset: number; newline: string } | { ok: false; message: string };

/** The YAML between the opening `---` line and the closing one, and where it starts in `source`. */
function locateFrontMatter(source: string): Located {
  if (/\r(?!\n)/.test(source)) {
    return { ok: false, message: 'the file has old Mac line breaks (CR only); save it with LF or CRLF line breaks' };
  }
  const newline = source.includes('\r\n') ? '\r\n' : '\n';
  const open = /^\uFEFF?---[ \t]*\r?\n/.exec(source);
  if (!open) return { ok: false, message: 'the file does not start with a "---" line (no front matter)' };
  const offset = open[0].length;
  const close = /^---[ \t]*\r?$/m.exec(source.slice(offset));
  if (!close) return { ok: false, message: 'the front matter is not closed by a "---" line' };
  return { ok: true, yaml: source.slice(offset, offset + close.index), offset, newline };
}

function isNode(value: unknown): value is Node {
  return isScalar(value) || isSeq(value) || isMap(value);
}

function findPair(items: readonly Pair[], key: string): Pair | undefined {
  return items.find((item) => isScalar(item.key) && item.key.value === key);
}

function lineStart(text: string, index: number): number {
  return text.lastIndexOf('\n', index - 1) + 1;
}

function columnOf(text: string, index: number): number {
  return index - lineStart(text, index);
}

/** The offset just after the line `index` is on (its line break included). */
function afterLine(text: string, index: number): number {
  if (index > 0 && text[index - 1] === '\n') return index;
  const next = text.indexOf('\n', index);
  return next < 0 ? text.length : next + 1;
}

/** `- key: …` lines of one list item, its dash at `dashColumn` and its keys at `itemColumn`. */
function renderSeqItem(value: unknown, dashColumn: number, itemColumn: number): string {
  const lines = renderYaml(value).replace(/\n$/, '').split('\n');
  const first = `${' '.repeat(dashColumn)}-${' '.repeat(Math.max(1, itemColumn - dashColumn - 1))}`;
  const rest = ' '.repeat(Math.max(dashColumn + 2, itemColumn));
  return `${lines.map((line, i) => (i === 0 ? first : line === '' ? '' : rest) + line).join('\n')}\n`;
}

function indentLines(text: string, indent: string): string {
  return text
    .split('\n')
    .map((line) => (line === '' ? line : indent + line))
    .join('\n');
}

/** YAML in the house style: block lists indented under their key, prose quoted, no folding. */
function renderYaml(value: unknown): string {
  const doc = new Document(value);
  visit(doc, {
    Pair(_, pair) {
      if (!isScalar(pair.key) || !PROSE_KEYS.has(String(pair.key.value))) return;
      const prose = pair.value;
      if (isScalar(prose) && typeof prose.value === 'string') {
        prose.type = prose.value.includes('\n') ? Scalar.BLOCK_LITERAL : Scalar.QUOTE_DOUBLE;
      }
    },
  });
  return doc.toString({ lineWidth: 0, indent: 2, indentSeq: true });
}

function toPlainAffected(entry: Affected): Record<string, unknown> {
  const plain: Record<string, unknown> = { service: entry.service, status: entry.status };
  if (entry.features && Object.keys(entry.features).length > 0) plain.features = { ...entry.features };
  if (entry.note !== undefined) plain.note = entry.note;
  return plain;
}

function toPlainUpdate(update: UpdateInput): Record<string, unknown> {
  const plain: Record<string, unknown> = { at: update.at, status: update.status, message: update.message };
  if (update.affected) plain.affected = update.affected.map(toPlainAffected);
  return plain;
}

/**
 * A service's state from its features' states: the worst of them, except
 * that a service with some features fully down and others working is in a
 * *partial* outage (the 2021 image failure: photos down, messages fine, so
 * KakaoTalk was partial_outage, not major_outage).
 * @example getStatusFromFeatures({ media: 'major_outage' }, ['messages', 'media']) // 'partial_outage'
 */
export function getStatusFromFeatures(
  features: Readonly<Record<string, ComponentStatus>>,
  allFeatures: readonly string[],
): ComponentStatus {
  const worst = worstOf(COMPONENT_STATUSES, Object.values(features));
  const allDown = allFeatures.every((id) => features[id] === 'major_outage');
  return worst === 'major_outage' && !allDown ? 'partial_outage' : worst;
}

/** A change an update makes to one service's entry in the affected list. */
export interface AffectedChange {
  service: string;
  /** The service's state; when only features change, it follows them ({@link getStatusFromFeatures}). */
  status?: ComponentStatus | undefined;
  /** Feature states to set (others of the entry are kept). */
  features?: Record<string, ComponentStatus> | undefined;
  note?: LocalizedText | undefined;
  /** Take the service off the list (it is no longer affected). */
  remove?: boolean | undefined;
}

/** The affected list after `changes`, and the notes dropped on the way. */
export interface AffectedChangeResult {
  affected: Affected[];
  /** Services whose state changed while their note did not: the old note would now be wrong, so it is dropped. */
  droppedNotes: string[];
}

/**
 * Applies an update's changes to the affected list in force.
 * A service whose state changes without a new note loses its note: "사진 전송
 * 불가" must not stay on the page after photos are back.
 * @example
 * applyAffectedChanges([{ service: 'kakaotalk', status: 'major_outage' }], [{ service: 'kakaotalk', status: 'partial_outage' }], () => [])
 * // { affected: [{ service: 'kakaotalk', status: 'partial_outage' }], droppedNotes: [] }
 */
export function applyAffectedChanges(
  current: readonly Affected[],
  changes: readonly AffectedChange[],
  featuresOf: (serviceId: string) => readonly string[],
): AffectedChangeResult {
  const affected: Affected[] = current.map((entry) => ({
    ...entry,
    features: entry.features && { ...entry.features },
  }));
  const droppedNotes: string[] = [];
  for (const change of changes) {
    const index = affected.findIndex((entry) => entry.service === change.service);
    if (change.remove) {
      if (index >= 0) affected.splice(index, 1);
      continue;
    }
    const entry: Affected = affected[index] ?? { service: change.service, status: 'operational' };
    const before = JSON.stringify([entry.status, entry.features]);
    if (change.features) entry.features = { ...entry.features, ...change.features };
    if (change.status) entry.status = change.status;
    else if (change.features && entry.features) {
      entry.status = getStatusFromFeatures(entry.features, featuresOf(entry.service));
    }
    if (change.note !== undefined) entry.note = change.note;
    else if (index >= 0 && entry.note !== undefined && JSON.stringify([entry.status, entry.features]) !== before) {
      delete entry.note;
      droppedNotes.push(entry.service);
    }
    if (entry.features === undefined) delete entry.features;
    if (index < 0) affected.push(entry);
  }
  return { affected, droppedNotes };
}
