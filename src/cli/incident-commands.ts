/**
 * What the CLI's writing commands do (`new`, `update`, `resolve`,
 * `maintenance new|start|complete`), apart from argument parsing
 * (src/cli/status.ts) and from the terminal: answers come from flags, and
 * from an {@link Asker} (src/cli/prompts.ts) for what the flags leave out, so
 * the tests drive every command without a terminal.
 *
 * Every command reads the folder, refuses to start when the build would
 * already refuse it, makes the new text (src/lib/incident-edit.ts), validates
 * the whole folder with it by the build's rules and only then writes
 * (src/data/write-content.ts). It ends by printing the file, the page's URL
 * and what the page will say.
 */
import { join } from 'node:path';
import { createTranslator, localize, LOCALES, type Locale, type LocalizedText } from '../lib/i18n/index.ts';
import {
  applyAffectedChanges,
  appendUpdate,
  createSlug,
  renderIncidentFile,
  toContentTime,
  toLocalizedText,
  type AffectedChange,
  type UpdateInput,
} from '../lib/incident-edit.ts';
import type { Affected, Incident, StatusModel } from '../lib/model.ts';
import { createPathFormatter, routes, toAbsoluteUrl } from '../lib/paths.ts';
import { formatProblem } from '../lib/problems.ts';
import { suggest } from '../lib/schema.ts';
import { getIncidentSnapshot, getStatusSnapshot } from '../lib/status.ts';
import { readDateTime, toDateKey, type Instant } from '../lib/time.ts';
import { parseContent } from '../lib/validate.ts';
import {
  COMPONENT_STATUSES,
  IMPACTS,
  INCIDENT_STATES,
  MAINTENANCE_STATES,
  type ComponentStatus,
  type Impact,
  type UpdateState,
} from '../lib/vocabulary.ts';
import type { BuildEnv } from '../data/env.ts';
import {
  ChangedOnDiskError,
  readRawText,
  readSnapshot,
  writeContentFile,
  type ContentSnapshot,
} from '../data/write-content.ts';
import { INCIDENTS_DIR } from '../lib/content-layout.ts';

/** Texts given per locale on the command line: `--message` (the site's language) and `--message-<locale>`. */
export type LocaleTexts = Partial<Record<'base' | Locale, string>>;

/** Asks for what the flags did not give (interactive terminals only). */
export interface Asker {
  text(question: string, options?: { default?: string | undefined; required?: boolean }): Promise<string>;
  /** One of `choices`, typed with completion. */
  choose<T extends string>(question: string, choices: readonly Choice<T>[], fallback?: T): Promise<T>;
  /** Several of `choices`; `selected` are ticked to begin with (what is affected now). */
  chooseMany<T extends string>(question: string, choices: readonly Choice<T>[], selected?: readonly T[]): Promise<T[]>;
  confirm(question: string, fallback: boolean): Promise<boolean>;
}

export interface Choice<T extends string> {
  value: T;
  /** Shown in the list: the word and its Korean label. */
  label: string;
}

/** Where a command writes its report, and the clock. */
export interface CommandIo {
  out(line: string): void;
  err(line: string): void;
  now(): Instant;
  /** Undefined when nothing may be asked (not a terminal, or --yes). */
  ask: Asker | undefined;
}

/** Options every writing command takes. */
export interface WriteOptions {
  content?: string | undefined;
  at?: string | undefined;
  dryRun?: boolean | undefined;
}

/** How an update changes the affected list, from `--service id=status`, `--feature id.feature=status`, `--note id=text`, `--remove id`. */
export interface AffectedOptions {
  service?: string[] | undefined;
  feature?: string[] | undefined;
  note?: string[] | undefined;
  noteEn?: string[] | undefined;
  noteKo?: string[] | undefined;
  remove?: string[] | undefined;
}

export interface NewOptions extends WriteOptions, AffectedOptions {
  title?: string;
  titleEn?: string;
  titleKo?: string;
  message?: string;
  messageEn?: string;
  messageKo?: string;
  impact?: string;
  status?: string;
  users?: string;
  slug?: string;
}

export interface MaintenanceNewOptions extends NewOptions {
  start?: string;
  end?: string;
}

export interface UpdateOptions extends WriteOptions, AffectedOptions {
  status?: string;
  message?: string;
  messageEn?: string;
  messageKo?: string;
}

/** A failure the operator can fix; printed without a stack trace, exit 1. */
export class CommandError extends Error {}

/** The folder, valid, with what the commands need of it. */
interface Context {
  snapshot: ContentSnapshot;
  model: StatusModel;
  env: BuildEnv;
  t: ReturnType<typeof createTranslator>;
}

function openContext(env: BuildEnv): Context {
  const dir = env.contentDir ?? join(process.cwd(), 'content');
  const snapshot = readSnapshot(dir);
  const parsed = parseContent(snapshot.files, snapshot.readProblems);
  if (!parsed.ok) {
    throw new CommandError(
      `${parsed.problems.map(formatProblem).join('\n')}\nThe content folder ${dir} already has ${parsed.problems.length} problem(s) and the build refuses it; fix them first (npm run status -- check).`,
    );
  }
  return { snapshot, model: parsed.model, env, t: createTranslator(parsed.model.site.defaultLocale) };
}

// ---------------------------------------------------------------------------
// Commands

/** `new`: a new incident file. */
export async function runNew(env: BuildEnv, options: NewOptions, io: CommandIo): Promise<void> {
  const ctx = openContext(env);
  const { site } = ctx.model;
  const at = readTime(options.at, 'at', ctx, io) ?? io.now();
  const title = await getText(options, 'title', '제목 (what users see, e.g. 카카오톡 메시지 전송 지연)', ctx, io);
  const changes = await getAffectedChanges(options, [], ctx, io, { required: true, fallbackStatus: 'major_outage' });
  const { affected } = applyAffectedChanges([], changes, featuresOf(ctx));
  const impact = await getWord(options.impact, 'impact', IMPACTS, 'impact', ctx, io, defaultImpact(affected));
  const status = await getWord(options.status, 'status', INCIDENT_STATES, 'state', ctx, io, 'investigating');
  const message = await getText(options, 'message', '첫 공지 (the first update users read)', ctx, io);
  const time = toContentTime(at, site.timezone);
  const text = renderIncidentFile({
    title,
    kind: 'incident',
    impact,
    started: time,
    affected,
    affectedUsers: readPercent(options.users),
    updates: [{ at: time, status, message }],
  });
  const slug =
    options.slug ??
    uniqueSlug(
      createSlug(
        toDateKey(at, site.timezone),
        title,
        affected.map((a) => a.service),
      ),
      ctx,
    );
  const path = `${INCIDENTS_DIR}/${toDateKey(at, site.timezone).slice(0, 4)}/${slug}.md`;
  await save(ctx, path, text, undefined, slug, at, options, io);
}

/** `maintenance new`: a scheduled maintenance file. */
export async function runMaintenanceNew(env: BuildEnv, options: MaintenanceNewOptions, io: CommandIo): Promise<void> {
  const ctx = openContext(env);
  const { site } = ctx.model;
  const at = readTime(options.at, 'at', ctx, io) ?? io.now();
  const title = await getText(options, 'title', '제목 (e.g. 카카오톡 서버 정기 점검)', ctx, io);
  const start = readTime(
    options.start ?? (await ask(io, 'start', '시작 (start, e.g. 2026-12-05T02:00)')),
    'start',
    ctx,
    io,
  );
  const end = readTime(options.end ?? (await ask(io, 'end', '종료 (end, e.g. 2026-12-05T04:00)')), 'end', ctx, io);
  if (start === undefined || end === undefined) throw new CommandError('give the window with --start and --end');
  const changes = await getAffectedChanges(options, [], ctx, io, {
    required: true,
    fallbackStatus: 'under_maintenance',
  });
  const { affected } = applyAffectedChanges([], changes, featuresOf(ctx));
  const message = await getText(options, 'message', '공지 (what users should know)', ctx, io);
  const text = renderIncidentFile({
    title,
    kind: 'maintenance',
    impact: options.impact ? await getWord(options.impact, 'impact', IMPACTS, 'impact', ctx, io) : undefined,
    scheduled: { start: toContentTime(start, site.timezone), end: toContentTime(end, site.timezone) },
    affected,
    updates: [{ at: toContentTime(at, site.timezone), status: 'scheduled', message }],
  });
  const slug =
    options.slug ??
    uniqueSlug(
      createSlug(toDateKey(start, site.timezone), title, [...affected.map((a) => a.service), 'maintenance']),
      ctx,
    );
  const path = `${INCIDENTS_DIR}/${toDateKey(start, site.timezone).slice(0, 4)}/${slug}.md`;
  await save(ctx, path, text, undefined, slug, at, options, io);
}

/** `update <slug>`: a new entry in the timeline, optionally changing what is affected. */
export async function runUpdate(env: BuildEnv, slug: string, options: UpdateOptions, io: CommandIo): Promise<void> {
  const ctx = openContext(env);
  const incident = findIncident(ctx, slug);
  const states = incident.kind === 'maintenance' ? MAINTENANCE_STATES : INCIDENT_STATES;
  const at = readTime(options.at, 'at', ctx, io) ?? io.now();
  checkTimeFirst(ctx, incident, at, options.status ?? nextState(incident));
  const status = await getWord(options.status, 'status', states, 'state', ctx, io, nextState(incident));
  await appendTo(ctx, incident, status, at, options, io, { askAffected: true });
}

/** `resolve <slug>`, `maintenance start|complete <slug>`: an update with a fixed state and a standard message. */
export async function runClose(
  env: BuildEnv,
  slug: string,
  status: 'resolved' | 'in_progress' | 'completed',
  options: UpdateOptions,
  io: CommandIo,
): Promise<void> {
  const ctx = openContext(env);
  const incident = findIncident(ctx, slug);
  const kind = status === 'resolved' ? 'incident' : 'maintenance';
  if (incident.kind !== kind) {
    throw new CommandError(
      `${slug} is ${incident.kind === 'maintenance' ? 'a maintenance: use maintenance start|complete' : 'an incident: use resolve'}`,
    );
  }
  const at = readTime(options.at, 'at', ctx, io) ?? io.now();
  checkTimeFirst(ctx, incident, at, status);
  await appendTo(ctx, incident, status, at, options, io, { askAffected: false });
}

// ---------------------------------------------------------------------------
// Steps

async function appendTo(
  ctx: Context,
  incident: Incident,
  status: UpdateState,
  at: Instant,
  options: UpdateOptions,
  io: CommandIo,
  { askAffected }: { askAffected: boolean },
): Promise<void> {
  const { site } = ctx.model;
  const standard = STANDARD_MESSAGES[status];
  const message =
    messageFrom(options, ctx) ??
    (standard && !io.ask ? standardMessage(standard, ctx) : undefined) ??
    (await getText(
      options,
      'message',
      '공지 (what users read in the timeline)',
      ctx,
      io,
      standard && standardMessage(standard, ctx),
    ));
  const current = currentAffected(incident);
  const changes = await getAffectedChanges(options, current, ctx, io, {
    required: false,
    fallbackStatus: incident.kind === 'maintenance' ? 'under_maintenance' : 'major_outage',
    ask: askAffected,
  });
  const update: UpdateInput = { at: toContentTime(at, site.timezone), status, message };
  if (changes.length > 0) {
    const result = applyAffectedChanges(current, changes, featuresOf(ctx));
    update.affected = result.affected;
    for (const id of result.droppedNotes) {
      io.err(
        `note: the note of ${id} was left out: its state changed, so it may no longer be true (give --note ${id}="..." to say what works now)`,
      );
    }
  }
  const source = readRawText(ctx.snapshot, incident.file);
  if (source === undefined) throw new CommandError(`${incident.file} is gone; nothing was written`);
  const closes = status === 'resolved' || status === 'completed';
  const edited = appendUpdate(source, update, closes);
  if (!edited.ok) throw new CommandError(`${incident.file}: ${edited.message}`);
  await save(ctx, incident.file, edited.text, source, incident.slug, at, options, io);
}

/**
 * Before any question: would an update at `at` fit the timeline? The same
 * rules as the final check (a trial entry, validated with the folder), so an
 * operator is not asked eight questions to be told the time was wrong.
 */
function checkTimeFirst(ctx: Context, incident: Incident, at: Instant, status: string): void {
  const source = readRawText(ctx.snapshot, incident.file);
  if (source === undefined) return;
  const trial = appendUpdate(
    source,
    { at: toContentTime(at, ctx.model.site.timezone), status: status as UpdateState, message: '…' },
    status === 'resolved' || status === 'completed',
  );
  if (!trial.ok) return;
  const result = writeContentFile(ctx.snapshot, incident.file, trial.text, source, { dryRun: true });
  const timing = result.ok ? [] : result.problems.filter((p) => /\.at$|^resolved$/.test(p.field));
  if (timing.length > 0) {
    throw new CommandError(
      `${timing.map(formatProblem).join('\n')}\nNot written: give --at a time that fits the timeline (asked nothing yet).`,
    );
  }
}

/** Validates and writes, then says where the page is and what it says. */
async function save(
  ctx: Context,
  path: string,
  text: string,
  expected: string | undefined,
  slug: string,
  at: Instant,
  options: WriteOptions,
  io: CommandIo,
): Promise<void> {
  if (expected === undefined && readRawText(ctx.snapshot, path) !== undefined) {
    throw new CommandError(`${path} already exists; give another --slug`);
  }
  let result;
  try {
    if (io.ask && !options.dryRun) {
      // On a terminal: what will be written, and what the page will say, before it is.
      const preview = writeContentFile(ctx.snapshot, path, text, expected, { dryRun: true });
      if (preview.ok) {
        io.out(expected === undefined ? text : `+ ${diffLines(expected, text).join('\n+ ')}`);
        describeResult(preview.model, slug, Math.max(at, io.now()), ctx, io);
        if (!(await io.ask.confirm('저장할까요? (write it?)', true))) {
          io.out('nothing written');
          return;
        }
      }
    }
    result = writeContentFile(ctx.snapshot, path, text, expected, { dryRun: options.dryRun });
  } catch (error) {
    if (error instanceof ChangedOnDiskError) throw new CommandError(error.message);
    throw error;
  }
  if (!result.ok) {
    throw new CommandError(
      `${result.problems.map(formatProblem).join('\n')}\nNot written: the build would refuse ${path} with ${result.problems.length === 1 ? 'this problem' : 'these problems'}.`,
    );
  }
  if (options.dryRun) io.out(text);
  io.out(`${options.dryRun ? 'would write' : 'wrote'} ${join(ctx.snapshot.dir, path)}`);
  const { site } = ctx.model;
  const formatPath = createPathFormatter(ctx.env.basePath, site.defaultLocale);
  const url = toAbsoluteUrl(formatPath(routes.incident(slug), site.defaultLocale), ctx.env.siteUrl);
  io.out(`page: ${url}${ctx.env.siteUrlIsDefault ? ' (SITE_URL is not set: the address on your host differs)' : ''}`);
  describeResult(result.model, slug, Math.max(at, io.now()), ctx, io);
  io.out(options.dryRun ? 'nothing written (--dry-run)' : 'next: npm run build, then publish dist/ (docs/runbook.md)');
}

/** One line for the incident's state and one per service it touches, as the page will show them. */
function describeResult(model: StatusModel, slug: string, at: Instant, ctx: Context, io: CommandIo): void {
  const incident = model.incidents.find((i) => i.slug === slug);
  const snapshot = incident && getIncidentSnapshot(incident, at);
  if (!incident || !snapshot) {
    io.out('state: not shown yet (dated after now)');
    return;
  }
  const { t } = ctx;
  const { defaultLocale } = model.site;
  io.out(`state: ${t(`state.${snapshot.state}`)} (${snapshot.state})${snapshot.isActive ? '' : ', closed'}`);
  const page = getStatusSnapshot(model, at);
  for (const id of new Set(snapshot.affected.map((a) => a.service))) {
    const state = page.services.find((s) => s.service.id === id);
    if (!state) continue;
    const features = state.features
      .filter((f) => f.status !== 'operational')
      .map((f) => `${localize(f.feature.name, defaultLocale, defaultLocale)} ${t(`status.${f.status}`)}`);
    io.out(
      `  ${localize(state.service.name, defaultLocale, defaultLocale)}: ${t(`status.${state.status}`)}${features.length ? ` (${features.join(', ')})` : ''}`,
    );
  }
}

// ---------------------------------------------------------------------------
// Reading the answers

const STANDARD_MESSAGES: Partial<Record<UpdateState, Partial<Record<Locale, string>>>> = {
  resolved: {
    ko: '문제가 해결되어 현재 정상적으로 이용할 수 있습니다. 불편을 드려 죄송합니다.',
    en: 'This has been resolved and the service works normally again. We apologise for the inconvenience.',
  },
  in_progress: { ko: '점검을 시작했습니다.', en: 'The maintenance has started.' },
  completed: {
    ko: '점검이 완료되어 정상적으로 이용할 수 있습니다.',
    en: 'The maintenance is complete and the service works normally.',
  },
};

/** The standard message in the site's locales. */
function standardMessage(texts: Partial<Record<Locale, string>>, ctx: Context): LocalizedText {
  const { site } = ctx.model;
  const picked = Object.fromEntries(site.locales.map((l) => [l, texts[l]]));
  return toLocalizedText(picked, site.defaultLocale) ?? '';
}

function messageFrom(options: UpdateOptions, ctx: Context): LocalizedText | undefined {
  return textFrom(options, 'message', ctx);
}

/** `--<name>` (site language) and `--<name>-<locale>` as one text. */
function textFrom(options: object, name: 'title' | 'message', ctx: Context): LocalizedText | undefined {
  const given = options as Record<string, string | undefined>;
  const { defaultLocale } = ctx.model.site;
  const texts: Partial<Record<Locale, string>> = {};
  for (const locale of LOCALES) {
    const value = given[`${name}${locale[0]?.toUpperCase()}${locale.slice(1)}`];
    if (value !== undefined) texts[locale] = value;
  }
  const base = given[name];
  if (base !== undefined) {
    const clash = texts[defaultLocale];
    if (clash !== undefined && clash !== base) {
      throw new CommandError(`--${name} and --${name}-${defaultLocale} give two different texts; give one`);
    }
    texts[defaultLocale] = base;
  }
  return toLocalizedText(texts, defaultLocale);
}

async function getText(
  options: object,
  name: 'title' | 'message',
  question: string,
  ctx: Context,
  io: CommandIo,
  fallback?: LocalizedText,
): Promise<LocalizedText> {
  const given = textFrom(options, name, ctx);
  if (given !== undefined) return given;
  if (!io.ask) {
    if (fallback !== undefined) return fallback;
    throw new CommandError(`give --${name} "…" (in the site's language; --${name}-en for English)`);
  }
  const { site } = ctx.model;
  const texts: Partial<Record<Locale, string>> = {};
  const fallbackText = (l: Locale) =>
    fallback === undefined
      ? undefined
      : typeof fallback === 'string'
        ? l === site.defaultLocale
          ? fallback
          : undefined
        : fallback[l];
  texts[site.defaultLocale] = await io.ask.text(question, {
    default: fallbackText(site.defaultLocale),
    required: true,
  });
  for (const locale of site.locales.filter((l) => l !== site.defaultLocale)) {
    const answer = await io.ask.text(`  ${locale} (optional)`, { default: fallbackText(locale) });
    if (answer.trim()) texts[locale] = answer;
  }
  return toLocalizedText(texts, site.defaultLocale) ?? '';
}

async function ask(io: CommandIo, flag: string, question: string): Promise<string | undefined> {
  if (!io.ask) throw new CommandError(`give --${flag}`);
  return io.ask.text(question, { required: true });
}

/** A vocabulary word from a flag (checked, with a suggestion) or chosen from the list with its Korean label. */
async function getWord<T extends string>(
  given: string | undefined,
  flag: string,
  vocabulary: readonly T[],
  labelPrefix: 'state' | 'impact' | 'status',
  ctx: Context,
  io: CommandIo,
  fallback?: T,
): Promise<T> {
  if (given !== undefined) {
    const found = vocabulary.find((word) => word === given);
    if (found) return found;
    throw new CommandError(
      `--${flag} ${JSON.stringify(given)} is not allowed; allowed: ${vocabulary.join(', ')}${suggest(given, vocabulary)}`,
    );
  }
  if (!io.ask) {
    if (fallback !== undefined) return fallback;
    throw new CommandError(`give --${flag} (${vocabulary.join(', ')})`);
  }
  const question = labelPrefix === 'impact' ? '영향도 (impact)' : labelPrefix === 'state' ? '진행 상태 (status)' : flag;
  return io.ask.choose(question, labelled(vocabulary, labelPrefix, ctx), fallback);
}

function labelled<T extends string>(
  words: readonly T[],
  prefix: 'state' | 'impact' | 'status',
  ctx: Context,
): Choice<T>[] {
  return words.map((word) => ({
    value: word,
    label: `${word} · ${ctx.t(`${prefix}.${word}` as Parameters<Context['t']>[0])}`,
  }));
}

/** The time of `--at`, `--start`, `--end`: as the content reads times (no offset: the site timezone). */
function readTime(text: string | undefined, flag: string, ctx: Context, io: CommandIo): Instant | undefined {
  if (text === undefined) return undefined;
  const { timezone } = ctx.model.site;
  const result = readDateTime(text, timezone);
  if (!result.ok) throw new CommandError(`--${flag} ${JSON.stringify(text)} ${result.reason}`);
  if (flag === 'at' && result.instant > io.now() + 60_000) {
    io.err(`note: --at ${text} is in the future; the page shows this update only from then on`);
  }
  return result.instant;
}

function readPercent(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isFinite(value) || value < 0 || value > 100)
    throw new CommandError(`--users ${JSON.stringify(text)} is not a percentage from 0 to 100`);
  return value;
}

/** The changes `--service`, `--feature`, `--note` and `--remove` make; asked for when none are given and the terminal allows. */
async function getAffectedChanges(
  options: AffectedOptions,
  current: readonly Affected[],
  ctx: Context,
  io: CommandIo,
  {
    required,
    fallbackStatus,
    ask: askAllowed = true,
  }: { required: boolean; fallbackStatus: ComponentStatus; ask?: boolean },
): Promise<AffectedChange[]> {
  const changes = new Map<string, AffectedChange>();
  const change = (service: string, flag: string): AffectedChange => {
    checkService(service, flag, ctx);
    let entry = changes.get(service);
    if (!entry) changes.set(service, (entry = { service }));
    return entry;
  };
  for (const item of options.service ?? []) {
    const [id, word] = splitPair(item, '=');
    change(id, '--service').status = word === undefined ? fallbackStatus : readStatus(word, `--service ${item}`);
  }
  for (const item of options.feature ?? []) {
    const [path, word] = splitPair(item, '=');
    const [id, feature = ''] = splitPair(path, '.');
    if (word === undefined || feature === '')
      throw new CommandError(
        `--feature ${JSON.stringify(item)}: write it as <service>.<feature>=<status>, e.g. kakaotalk.media=major_outage`,
      );
    checkFeature(id, feature, ctx);
    const entry = change(id, '--feature');
    entry.features = { ...entry.features, [feature]: readStatus(word, `--feature ${item}`) };
  }
  const { defaultLocale } = ctx.model.site;
  const notes: [string[] | undefined, Locale][] = [
    [options.note, defaultLocale],
    [options.noteEn, 'en'],
    [options.noteKo, 'ko'],
  ];
  const noteTexts = new Map<string, Partial<Record<Locale, string>>>();
  for (const [items, locale] of notes) {
    for (const item of items ?? []) {
      const [id, text] = splitPair(item, '=');
      if (text === undefined) throw new CommandError(`--note ${JSON.stringify(item)}: write it as <service>=<text>`);
      change(id, '--note');
      noteTexts.set(id, { ...noteTexts.get(id), [locale]: text });
    }
  }
  for (const [id, texts] of noteTexts) {
    const entry = changes.get(id);
    if (entry) entry.note = toLocalizedText(texts, defaultLocale);
  }
  for (const id of options.remove ?? []) change(id, '--remove').remove = true;

  if (changes.size === 0 && io.ask && askAllowed) {
    if (required || (await io.ask.confirm('영향 받는 서비스를 바꿀까요? (change the affected services?)', false))) {
      return askAffected(current, ctx, io.ask, fallbackStatus);
    }
  }
  if (changes.size === 0 && required) {
    throw new CommandError(
      'give the affected services: --service <id>=<status> (and --feature <id>.<feature>=<status>)',
    );
  }
  return [...changes.values()];
}

/** Interactive: pick services, then for each its state, its features' states and a note. */
async function askAffected(
  current: readonly Affected[],
  ctx: Context,
  asker: Asker,
  fallbackStatus: ComponentStatus,
): Promise<AffectedChange[]> {
  const { services, site } = ctx.model;
  const name = (text: LocalizedText) => localize(text, site.defaultLocale, site.defaultLocale);
  const ids = await asker.chooseMany(
    '영향 받는 서비스 (services affected)',
    services.map((s) => ({ value: s.id, label: `${s.id} · ${name(s.name)}` })),
    current.map((a) => a.service),
  );
  const changes: AffectedChange[] = current
    .filter((a) => !ids.includes(a.service))
    .map((a) => ({ service: a.service, remove: true }));
  for (const id of ids) {
    const service = services.find((s) => s.id === id);
    if (!service) continue;
    const was = current.find((a) => a.service === id);
    const change: AffectedChange = { service: id };
    if (service.features.length > 0) {
      const featureIds = await asker.chooseMany(
        `${name(service.name)}: 문제가 있는 기능 (features affected; none = the whole service)`,
        service.features.map((f) => ({ value: f.id, label: `${f.id} · ${name(f.name)}` })),
        Object.entries(was?.features ?? {}).flatMap(([id, status]) => (status === 'operational' ? [] : [id])),
      );
      const features: Record<string, ComponentStatus> = {};
      for (const featureId of featureIds) {
        const feature = service.features.find((f) => f.id === featureId);
        features[featureId] = await asker.choose(
          `  ${feature ? name(feature.name) : featureId}`,
          labelled(COMPONENT_STATUSES, 'status', ctx),
          was?.features?.[featureId] ?? fallbackStatus,
        );
      }
      // Features that were affected and are no longer picked are back to normal.
      for (const old of Object.keys(was?.features ?? {})) if (!(old in features)) features[old] = 'operational';
      if (Object.keys(features).length > 0) change.features = features;
    }
    if (!change.features) {
      change.status = await asker.choose(
        name(service.name),
        labelled(COMPONENT_STATUSES, 'status', ctx),
        was?.status ?? fallbackStatus,
      );
    }
    const note = await asker.text(
      `${name(service.name)}: 안내 (what still works, e.g. 텍스트 메시지는 송수신 가능; optional)`,
    );
    if (note.trim()) change.note = note;
    changes.push(change);
  }
  return changes;
}

/** The lines of `after` that are not those of `before` in order (an edit adds lines, or changes `resolved:`). */
function diffLines(before: string, after: string): string[] {
  const old = before.split(/\r?\n/);
  let i = 0;
  return after.split(/\r?\n/).filter((line) => {
    if (line === old[i]) {
      i += 1;
      return false;
    }
    return true;
  });
}

function splitPair(text: string, separator: string): [string, string | undefined] {
  const at = text.indexOf(separator);
  return at < 0 ? [text.trim(), undefined] : [text.slice(0, at).trim(), text.slice(at + 1).trim()];
}

function readStatus(word: string, where: string): ComponentStatus {
  const found = COMPONENT_STATUSES.find((status) => status === word);
  if (found) return found;
  throw new CommandError(
    `${where}: ${JSON.stringify(word)} is not a component status; allowed: ${COMPONENT_STATUSES.join(', ')}${suggest(word, COMPONENT_STATUSES)}`,
  );
}

function checkService(id: string, flag: string, ctx: Context): void {
  const ids = ctx.model.services.map((s) => s.id);
  if (!ids.includes(id))
    throw new CommandError(
      `${flag}: unknown service ${JSON.stringify(id)}; known services: ${ids.join(', ')}${suggest(id, ids)}`,
    );
}

function checkFeature(serviceId: string, featureId: string, ctx: Context): void {
  checkService(serviceId, '--feature', ctx);
  const service = ctx.model.services.find((s) => s.id === serviceId);
  const ids = service?.features.map((f) => f.id) ?? [];
  if (!ids.includes(featureId)) {
    throw new CommandError(
      `--feature: unknown feature ${JSON.stringify(featureId)} of ${serviceId}; ${ids.length ? `its features: ${ids.join(', ')}${suggest(featureId, ids)}` : 'it has no features'}`,
    );
  }
}

function findIncident(ctx: Context, slug: string): Incident {
  const incident = ctx.model.incidents.find((i) => i.slug === slug);
  if (incident) return incident;
  const slugs = ctx.model.incidents.map((i) => i.slug);
  const open = ctx.model.incidents.filter((i) => i.resolved === undefined).map((i) => i.slug);
  throw new CommandError(`no incident "${slug}"${suggest(slug, slugs)}; open now: ${open.join(', ') || '(none)'}`);
}

/** The affected list in force after the last update that changed it. */
function currentAffected(incident: Incident): Affected[] {
  return [...incident.updates].reverse().find((u) => u.affected)?.affected ?? incident.affected;
}

/** The state an update most likely moves to: the one after the latest. */
function nextState(incident: Incident): UpdateState {
  const states: readonly UpdateState[] = incident.kind === 'maintenance' ? MAINTENANCE_STATES : INCIDENT_STATES;
  const latest = incident.updates.at(-1)?.status;
  const index = latest === undefined ? -1 : states.indexOf(latest);
  return states[Math.min(index + 1, states.length - 1)] ?? states[0] ?? 'investigating';
}

/** A service wholly down is a major incident; anything less, minor. Shown as the default, always written out. */
function defaultImpact(affected: readonly Affected[]): Impact {
  return affected.some((a) => a.status === 'major_outage') ? 'major' : 'minor';
}

function featuresOf(ctx: Context): (serviceId: string) => string[] {
  return (id) => ctx.model.services.find((s) => s.id === id)?.features.map((f) => f.id) ?? [];
}

/** `slug`, or `slug-2`, `slug-3` ... when taken. */
function uniqueSlug(slug: string, ctx: Context): string {
  const taken = new Set(ctx.model.incidents.map((i) => i.slug));
  let candidate = slug;
  for (let n = 2; taken.has(candidate); n += 1) candidate = `${slug}-${n}`;
  return candidate;
}
