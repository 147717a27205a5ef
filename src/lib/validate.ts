/**
 * From the files of a content folder to a {@link StatusModel}, or to every
 * problem in them at once.
 *
 * Pure: the caller reads the files (see `src/data/read-content.ts`) and passes
 * their text in, so every rule here is a one-line test.
 */
import { createHash } from 'node:crypto';
import type { z } from 'zod';
import { classifyEntry, SITE_FILE } from './content-layout.ts';
import { parseFrontMatter, parseYaml, type ParsedFile } from './frontmatter.ts';
import { checkMarkdown } from './markdown-check.ts';
import type { Locale, LocalizedText } from './i18n/locales.ts';
import type { Affected, Incident, Service, Site, StatusModel, Update } from './model.ts';
import { formatFieldPath, type Problem } from './problems.ts';
import {
  createIncidentSchema,
  createServiceSchema,
  SiteSchema,
  show,
  suggest,
  type AffectedData,
  type IncidentData,
} from './schema.ts';
import { formatDateTime, type Instant } from './time.ts';
import { INCIDENT_STATES, MAINTENANCE_STATES, type IncidentKind, type UpdateState } from './vocabulary.ts';

/**
 * A file of the content folder: its path relative to the folder (with `/`)
 * and its text, or why it could not be read (not UTF-8, too large, a broken
 * link); the reader says so, and the file still counts, so that what refers
 * to it is not reported as unknown once per reference.
 */
export type ContentFile =
  { path: string; text: string } | { path: string; unreadable: { field: string; message: string } };

/**
 * The model, or every problem; with the problems, the site timezone as far as
 * site.yaml could be read (Asia/Seoul otherwise), so STATUS_NOW can still be
 * checked and reported in the same list.
 */
export type ParseResult = { ok: true; model: StatusModel } | { ok: false; problems: Problem[]; timezone: string };

/** How long before its window a maintenance may be announced. */
export const MAX_MAINTENANCE_NOTICE_DAYS = 90;

const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** Service ids that would collide with another output's file name. */
const RESERVED_SERVICE_IDS: ReadonlySet<string> = new Set(['overall']);

/**
 * Validates a content folder and builds its model. Problems are collected
 * across all files, in file order, so the operator fixes everything in one go;
 * `readProblems` are those the reader found (folders, links) and come first.
 */
export function parseContent(files: readonly ContentFile[], readProblems: readonly Problem[] = []): ParseResult {
  const problems: Problem[] = [...readProblems];
  const sorted = [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));

  const site = parseSite(
    sorted.find((f) => f.path === SITE_FILE),
    problems,
  );
  const services = new Map<string, Service>();
  /** Service ids whose file exists but could not be read: references to them are counted, not reported each. */
  const brokenServices = new Map<string, { file: string; references: Set<string> }>();
  const incidentFiles: ContentFile[] = [];
  const unknownFolders = new Set<string>();
  const serviceSchema = createServiceSchema(site.timezone);

  for (const file of sorted) {
    const [top = ''] = file.path.split('/');
    if (top !== file.path) {
      const folder = classifyEntry(top, 'folder');
      if (folder.role === 'unexpected') {
        if (!unknownFolders.has(top)) problems.push({ file: `${top}/`, field: '(folder)', message: folder.message });
        unknownFolders.add(top);
        continue;
      }
    }
    const entry = classifyEntry(file.path, 'file');
    switch (entry.role) {
      case 'unexpected':
        problems.push({ file: file.path, field: '(file)', message: entry.message });
        break;
      case 'service': {
        const service = parseService(file, serviceSchema, problems);
        if (service) services.set(service.id, service);
        else brokenServices.set(baseName(file.path), { file: file.path, references: new Set() });
        break;
      }
      case 'incident':
        incidentFiles.push(file);
        break;
      default:
        // site.yaml (read above) and ignored names.
        break;
    }
  }
  if (services.size === 0 && !problems.some((p) => p.file.startsWith('services/'))) {
    problems.push({
      file: 'services/',
      field: '(folder)',
      message: 'no services; add at least one services/<id>.md with a name',
    });
  }

  const incidents: Incident[] = [];
  const slugs = new Map<string, string>();
  const incidentSchema = createIncidentSchema(site.timezone);
  const refs: ServiceRefs = { services, broken: brokenServices };
  const context = getMemoContext(site.timezone, refs);
  const known = context !== undefined && incidentMemo?.context === context ? incidentMemo.byFile : undefined;
  const used = context === undefined ? undefined : new Map<string, Incident>();
  for (const file of incidentFiles) {
    const slug = baseName(file.path);
    const first = slugs.get(slug);
    if (first) {
      problems.push({
        file: file.path,
        field: '(file name)',
        message: `slug "${slug}" is also used by ${first}; slugs must be unique across sub-folders`,
      });
      continue;
    }
    slugs.set(slug, file.path);
    if (!SLUG_PATTERN.test(slug)) {
      problems.push({
        file: file.path,
        field: '(file name)',
        message: `"${slug}" is not a valid slug; use lowercase letters, digits and single hyphens (2022-10-15-datacenter-fire)`,
      });
      continue;
    }
    const incident = parseIncidentOnce(file, known, used, problems, () =>
      parseIncident(file, slug, incidentSchema, refs, site.timezone, problems),
    );
    if (incident) incidents.push(incident);
  }
  if (context !== undefined && used) incidentMemo = { context, byFile: used };
  // One line per broken service file, however many incidents name it.
  for (const [id, { file, references }] of brokenServices) {
    if (references.size === 0) continue;
    const n = references.size;
    problems.push({
      file,
      field: '(references)',
      message: `${n} incident file${n === 1 ? '' : 's'} refer${n === 1 ? 's' : ''} to service "${id}" (first: ${[...references][0] ?? ''}); they are checked against it once this file is fixed`,
    });
  }

  if (problems.length > 0) return { ok: false, problems, timezone: site.timezone };
  return {
    ok: true,
    model: {
      site,
      services: sortServices([...services.values()], site.defaultLocale),
      incidents: incidents.sort((a, b) => b.started - a.started || (a.slug < b.slug ? -1 : 1)),
    },
  };
}

/** The services incidents may name, and the ones whose file is broken. */
interface ServiceRefs {
  services: ReadonlyMap<string, Service>;
  broken: ReadonlyMap<string, { file: string; references: Set<string> }>;
}

function baseName(path: string): string {
  return (path.split('/').pop() ?? path).replace(/\.md$/, '');
}

/** Turns zod issues into problems for `file`. */
function pushIssues(file: string, error: z.ZodError, problems: Problem[]): void {
  for (const issue of error.issues) {
    const path = issue.code === 'unrecognized_keys' ? [...issue.path, ...issue.keys.slice(0, 1)] : issue.path;
    const field = formatFieldPath(path);
    // Our messages end in "got <input>"; for a missing field say so plainly.
    const message = issue.message.endsWith(', got nothing')
      ? `is required; ${issue.message.slice(0, -', got nothing'.length)}`
      : issue.message;
    problems.push({ file, field, message });
  }
}

function parseFile(
  file: ContentFile,
  problems: Problem[],
  parse: (text: string) => ParsedFile,
): Extract<ParsedFile, { ok: true }> | undefined {
  if ('unreadable' in file) {
    problems.push({ file: file.path, ...file.unreadable });
    return undefined;
  }
  const parsed = parse(file.text);
  if (!parsed.ok) {
    problems.push({ file: file.path, field: parsed.field, message: parsed.message });
    return undefined;
  }
  return parsed;
}

const FALLBACK_SITE: Site = {
  title: '',
  timezone: 'Asia/Seoul',
  defaultLocale: 'ko',
  locales: ['ko', 'en'],
  links: [],
  staleAfterMinutes: 15,
};

function parseSite(file: ContentFile | undefined, problems: Problem[]): Site {
  if (!file) {
    problems.push({ file: SITE_FILE, field: '(file)', message: 'missing; create site.yaml with at least a title' });
    return FALLBACK_SITE;
  }
  const parsed = parseFile(file, problems, (text) => parseYaml(text));
  if (!parsed) return FALLBACK_SITE;
  const result = SiteSchema.safeParse(parsed.data, { reportInput: true });
  if (!result.success) {
    pushIssues(file.path, result.error, problems);
    // Go on with the timezone if it was valid, so incident times are still checked.
    const timezone = SiteSchema.shape.timezone.safeParse((parsed.data as { timezone?: unknown }).timezone);
    return { ...FALLBACK_SITE, timezone: timezone.success ? timezone.data : FALLBACK_SITE.timezone };
  }
  const { defaultLocale, locales, ...rest } = result.data;
  return { ...rest, defaultLocale, locales: [...new Set<Locale>([defaultLocale, ...locales])] };
}

function parseService(
  file: ContentFile,
  schema: ReturnType<typeof createServiceSchema>,
  problems: Problem[],
): Service | undefined {
  const id = baseName(file.path);
  if (!SLUG_PATTERN.test(id)) {
    problems.push({
      file: file.path,
      field: '(file name)',
      message: `"${id}" is not a valid service id; use lowercase letters, digits and single hyphens (kakao-t)`,
    });
    return undefined;
  }
  if (RESERVED_SERVICE_IDS.has(id)) {
    problems.push({
      file: file.path,
      field: '(file name)',
      message: `"${id}" is reserved (it names the whole site's badge, /badges/${id}.svg); rename the file`,
    });
    return undefined;
  }
  const parsed = parseFile(file, problems, parseFrontMatter);
  if (!parsed) return undefined;
  const result = schema.safeParse(parsed.data, { reportInput: true });
  if (!result.success) {
    pushIssues(file.path, result.error, problems);
    return undefined;
  }
  checkMarkdownField(file.path, '(body)', parsed.body, problems);
  const seen = new Set<string>();
  result.data.features.forEach((feature, i) => {
    if (seen.has(feature.id)) {
      problems.push({
        file: file.path,
        field: `features[${i}].id`,
        message: `"${feature.id}" is listed twice; feature ids must be unique within a service`,
      });
    }
    seen.add(feature.id);
  });
  return { id, file: file.path, ...result.data, description: parsed.body };
}

function sortServices(services: Service[], locale: Locale): Service[] {
  const nameOf = (s: Service) =>
    typeof s.name === 'string' ? s.name : (s.name[locale] ?? Object.values(s.name)[0] ?? s.id);
  return services.sort(
    (a, b) =>
      (a.order ?? Number.POSITIVE_INFINITY) - (b.order ?? Number.POSITIVE_INFINITY) ||
      nameOf(a).localeCompare(nameOf(b), locale) ||
      (a.id < b.id ? -1 : 1),
  );
}

/**
 * Incidents parsed without a problem, in one context, by {@link getFileKey}
 * of their file. The context is everything else {@link parseIncident} reads:
 * the timezone and every service. The operator CLI validates the folder as it
 * is, then with its edit (a dry run, then the write), and each time 9,999 of
 * 10,000 incident files are the same text (3 s a parse at that size); the
 * build validates it again in another process. A caller may keep the memo
 * between processes ({@link getIncidentMemo}, src/data/incident-memo.ts).
 */
export interface IncidentMemo {
  readonly context: string;
  readonly byFile: ReadonlyMap<string, Incident>;
}

let incidentMemo: IncidentMemo | undefined;

/** The memo as the last {@link parseContent} left it: the incidents it used or parsed, nothing else. */
export function getIncidentMemo(): IncidentMemo | undefined {
  return incidentMemo;
}

/** Replaces the memo, with one kept from an earlier process (or `undefined` to forget it). */
export function setIncidentMemo(memo: IncidentMemo | undefined): void {
  incidentMemo = memo;
}

/**
 * The memo's context for `timezone` and `refs`. There is none while a
 * service file is broken: parseIncident then counts references to it, a side
 * effect that a remembered incident would skip.
 */
function getMemoContext(timezone: string, refs: ServiceRefs): string | undefined {
  if (refs.broken.size > 0) return undefined;
  return JSON.stringify({ timezone, services: [...refs.services.values()] });
}

const fileKeys = new WeakMap<ContentFile, string>();

/** A file's path and text, hashed: the memo's key (computed once per file object). */
function getFileKey(file: { path: string; text: string }): string {
  let key = fileKeys.get(file);
  if (key === undefined) {
    key = createHash('sha256').update(file.path).update('\u0000').update(file.text).digest('base64');
    fileKeys.set(file, key);
  }
  return key;
}

/**
 * `parse()` of `file`, or what it returned for the same file in `known`.
 * Each incident parsed without a problem goes into `used`, the next memo.
 */
function parseIncidentOnce(
  file: ContentFile,
  known: ReadonlyMap<string, Incident> | undefined,
  used: Map<string, Incident> | undefined,
  problems: readonly Problem[],
  parse: () => Incident | undefined,
): Incident | undefined {
  if ('unreadable' in file || !used) return parse();
  const key = getFileKey(file);
  const previous = known?.get(key);
  if (previous) {
    used.set(key, previous);
    return previous;
  }
  const before = problems.length;
  const incident = parse();
  if (incident && problems.length === before) used.set(key, incident);
  return incident;
}

function parseIncident(
  file: ContentFile,
  slug: string,
  schema: ReturnType<typeof createIncidentSchema>,
  refs: ServiceRefs,
  timezone: string,
  problems: Problem[],
): Incident | undefined {
  const parsed = parseFile(file, problems, parseFrontMatter);
  if (!parsed) return undefined;
  const report = (field: string, message: string) => problems.push({ file: file.path, field, message });
  const result = schema.safeParse(parsed.data, { reportInput: true });
  if (!result.success) {
    pushIssues(file.path, result.error, problems);
    // Every problem at once: the references that can be read are checked too.
    for (const [field, entries] of readAffectedLists(parsed.data))
      checkAffected(entries, field, refs, file.path, report);
    return undefined;
  }
  const before = problems.length;
  const data = result.data;
  const at = (instant: Instant) => formatDateTime(instant, timezone);

  checkAffected(data.affected, 'affected', refs, file.path, report);
  data.updates.forEach((update, i) => {
    if (update.affected) checkAffected(update.affected, `updates[${i}].affected`, refs, file.path, report);
  });
  checkMarkdownField(file.path, '(body)', parsed.body, problems);
  data.updates.forEach((update, i) => {
    checkMarkdownText(file.path, `updates[${i}].message`, update.message, problems);
  });
  [data.affected, ...data.updates.map((u) => u.affected ?? [])].forEach((list, n) => {
    list.forEach((entry, i) => {
      const field = n === 0 ? `affected[${i}].note` : `updates[${n - 1}].affected[${i}].note`;
      if (entry.note) checkMarkdownText(file.path, field, entry.note, problems);
    });
  });

  const isMaintenance = data.kind === 'maintenance';
  const states: UpdateState[] = data.updates.map((update, i) =>
    checkUpdateState(update.status, data.kind, `updates[${i}].status`, report),
  );

  let started = data.started;
  if (isMaintenance) {
    if (!data.scheduled) {
      report('scheduled', 'is required for maintenance; give the window as { start, end }');
    } else {
      if (data.scheduled.end <= data.scheduled.start) {
        report(
          'scheduled.end',
          `${at(data.scheduled.end)} is not after scheduled.start ${at(data.scheduled.start)}; the window must end after it starts`,
        );
      }
      started ??= data.scheduled.start;
    }
  } else {
    if (data.scheduled) report('scheduled', 'is only for maintenance; set kind: maintenance or remove it');
    if (started === undefined)
      report('started', 'is required for an incident; give the time it began, e.g. 2022-10-15T15:30');
  }

  // The update that ends it: `resolved` (incident) or `completed` (maintenance).
  // A postmortem comes after the resolution and does not date it.
  const closingState = isMaintenance ? 'completed' : 'resolved';
  const closingIndex = data.updates.findIndex((u) => u.status === closingState);
  const closing = data.updates[closingIndex];
  data.updates.forEach((update, i) => {
    if (closingIndex >= 0 && i > closingIndex && update.status !== 'postmortem') {
      report(
        `updates[${i}].status`,
        isMaintenance
          ? `"${update.status}" after the "completed" update (updates[${closingIndex}]); a completed maintenance takes no more updates`
          : `"${update.status}" after the "resolved" update (updates[${closingIndex}]); only postmortem may follow, and a new problem is a new incident`,
      );
    }
  });
  if (data.resolved !== undefined && closing && closing.at !== data.resolved) {
    report(
      'resolved',
      `${at(data.resolved)} disagrees with the "${closing.status}" update at ${at(closing.at)} (updates[${closingIndex}].at); make them equal or remove resolved`,
    );
  }
  const resolved = data.resolved ?? closing?.at;
  const postmortemIndex = data.updates.findIndex((u) => u.status === 'postmortem');
  if (postmortemIndex >= 0 && resolved === undefined) {
    report(
      `updates[${postmortemIndex}].status`,
      'a postmortem follows a resolved incident; give resolved, or a "resolved" update before it',
    );
  }
  if (started !== undefined && resolved !== undefined && resolved < started) {
    report(
      data.resolved !== undefined ? 'resolved' : `updates[${closingIndex}].at`,
      `${at(resolved)} is before started ${at(started)}; it cannot end before it begins`,
    );
  }

  checkUpdateOrder(data, started, report, at);

  if (problems.length > before || started === undefined) return undefined;
  const updates: Update[] = data.updates.map((u, i) => ({
    at: u.at,
    status: states[i] ?? closingState,
    message: u.message,
    affected: u.affected?.map(toAffected),
  }));
  if (resolved !== undefined && !closing && !isMaintenance) {
    // The timeline says when it ended even if the author only gave the time;
    // it goes in its place in time (before a later postmortem).
    const index = updates.findIndex((u) => u.at > resolved);
    updates.splice(index < 0 ? updates.length : index, 0, {
      at: resolved,
      status: 'resolved',
      message: '',
      synthetic: 'resolved',
    });
  }
  return {
    slug,
    file: file.path,
    kind: data.kind,
    title: data.title,
    impact: data.impact ?? (isMaintenance ? 'none' : 'minor'),
    started,
    resolved,
    scheduled: data.scheduled,
    affected: data.affected.map(toAffected),
    updates,
    affectedUsers: data.affectedUsers,
    body: parsed.body,
  };
}

/** The update's state word, checked against the vocabulary of its kind. */
function checkUpdateState(
  word: string,
  kind: IncidentKind,
  field: string,
  report: (field: string, message: string) => void,
): UpdateState {
  const allowed = getAllowedStates(kind);
  const other = getAllowedStates(kind === 'maintenance' ? 'incident' : 'maintenance');
  const found = allowed.find((state) => state === word);
  if (found) return found;
  const noun = kind === 'maintenance' ? 'a maintenance' : 'an incident';
  report(
    field,
    other.some((state) => state === word)
      ? `"${word}" is ${kind === 'maintenance' ? 'an incident' : 'a maintenance'} state; ${noun}'s states are ${allowed.join(', ')}${suggest(word, allowed)}`
      : `"${word}" is not ${noun} state; allowed: ${allowed.join(', ')}${suggest(word, allowed)}`,
  );
  // Reported above; the first state keeps later checks going.
  return allowed[0];
}

function toAffected(entry: AffectedData): Affected {
  return { service: entry.service, status: entry.status, features: entry.features, note: entry.note };
}

/** The entries of a service reference that can be checked. */
interface AffectedRef {
  service: string;
  features?: Record<string, unknown> | undefined;
}

function checkAffected(
  entries: readonly AffectedRef[],
  field: string,
  refs: ServiceRefs,
  incidentFile: string,
  report: (field: string, message: string) => void,
): void {
  const { services } = refs;
  const seen = new Set<string>();
  entries.forEach((entry, i) => {
    const service = services.get(entry.service);
    if (!service) {
      const broken = refs.broken.get(entry.service);
      if (broken) {
        // Its file is reported once, with the number of files that name it.
        broken.references.add(incidentFile);
        return;
      }
      const ids = [...services.keys(), ...refs.broken.keys()];
      report(
        `${field}[${i}].service`,
        `unknown service ${show(entry.service)}; known services: ${ids.join(', ') || '(none)'}${suggest(entry.service, ids)}`,
      );
      return;
    }
    if (seen.has(entry.service))
      report(`${field}[${i}].service`, `"${entry.service}" is listed twice; list each service once`);
    seen.add(entry.service);
    const featureIds = service.features.map((f) => f.id);
    for (const featureId of Object.keys(entry.features ?? {})) {
      if (!featureIds.includes(featureId)) {
        report(
          `${field}[${i}].features.${featureId}`,
          featureIds.length === 0
            ? `unknown feature "${featureId}"; service "${service.id}" has no features (add them in ${service.file})`
            : `unknown feature "${featureId}" of service "${service.id}"; its features: ${featureIds.join(', ')}${suggest(featureId, featureIds)}`,
        );
      }
    }
  });
}

/**
 * The `affected` lists of front matter that did not pass the schema, as far as
 * they can be read: entries with a service id, and their features map when it
 * is one.
 */
function readAffectedLists(data: unknown): [string, AffectedRef[]][] {
  const lists: [string, AffectedRef[]][] = [];
  const read = (value: unknown): AffectedRef[] =>
    (Array.isArray(value) ? value : []).flatMap((entry: unknown): AffectedRef[] => {
      if (!isRecord(entry) || typeof entry.service !== 'string') return [];
      return [{ service: entry.service, features: isRecord(entry.features) ? entry.features : undefined }];
    });
  if (!isRecord(data)) return lists;
  lists.push(['affected', read(data.affected)]);
  if (Array.isArray(data.updates)) {
    data.updates.forEach((update: unknown, i) => {
      if (isRecord(update)) lists.push([`updates[${i}].affected`, read(update.affected)]);
    });
  }
  return lists;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Markdown that marked cannot render safely is a problem of its field, never a crash during render. */
function checkMarkdownField(file: string, field: string, markdown: string, problems: Problem[]): void {
  const why = checkMarkdown(markdown);
  if (why) problems.push({ file, field, message: why });
}

function checkMarkdownText(file: string, field: string, text: LocalizedText, problems: Problem[]): void {
  if (typeof text === 'string') checkMarkdownField(file, field, text, problems);
  else
    for (const [locale, value] of Object.entries(text))
      if (value) checkMarkdownField(file, `${field}.${locale}`, value, problems);
}

function checkUpdateOrder(
  data: IncidentData,
  started: Instant | undefined,
  report: (field: string, message: string) => void,
  at: (instant: Instant) => string,
): void {
  const isMaintenance = data.kind === 'maintenance';
  // A maintenance is announced before its window, but not months before.
  const earliest = isMaintenance
    ? data.scheduled && data.scheduled.start - MAX_MAINTENANCE_NOTICE_DAYS * 86_400_000
    : started;
  data.updates.forEach((update, i) => {
    const previous = data.updates[i - 1];
    if (previous && update.at < previous.at) {
      report(
        `updates[${i}].at`,
        `${at(update.at)} is before the previous update (${at(previous.at)}); list updates oldest first`,
      );
    }
    if (earliest !== undefined && update.at < earliest) {
      report(
        `updates[${i}].at`,
        isMaintenance
          ? `${at(update.at)} is more than ${MAX_MAINTENANCE_NOTICE_DAYS} days before scheduled.start; announce maintenance at most ${MAX_MAINTENANCE_NOTICE_DAYS} days ahead`
          : `${at(update.at)} is before started ${at(earliest)}; updates cannot precede the incident`,
      );
    }
  });
}

/** The states an update of `kind` may carry. */
export function getAllowedStates(kind: IncidentKind): readonly [UpdateState, ...UpdateState[]] {
  return kind === 'maintenance' ? MAINTENANCE_STATES : INCIDENT_STATES;
}
