/**
 * zod schemas for the three kinds of content file (SPEC.md, "Content folder").
 *
 * Every error message says what is wrong and what is allowed, because the
 * operator reading it may be fixing a typo in the middle of an outage. Objects
 * are strict so that a misspelt field (`resovled:`) is an error with a
 * suggestion instead of a silently ignored line.
 *
 * Date-times are parsed here, in the site timezone, which is why the service
 * and incident schemas are made by factories that take it.
 */
import { closest, distance } from 'fastest-levenshtein';
import { z } from 'zod';
import { LOCALES, type Locale, type LocalizedText } from './i18n/locales.ts';
import { DATE_TIME_HINT, getDayStart, isValidTimezone, readDateTime, type Instant } from './time.ts';
import { COMPONENT_STATUSES, IMPACTS, INCIDENT_KINDS } from './vocabulary.ts';

/**
 * ` (did you mean "x"?)` when `input` is a near miss of one of `allowed`, else ''.
 * Near means a prefix, or a few letters off (`tlak` suggests `talk`,
 * `partial` suggests `partial_outage`); `banana` suggests nothing.
 */
export function suggest(input: unknown, allowed: readonly string[]): string {
  if (typeof input !== 'string' || input === '' || allowed.length === 0) return '';
  const lower = input.toLowerCase();
  const prefixed = allowed.find((a) => a.startsWith(lower) || lower.startsWith(a));
  const candidate = prefixed ?? closest(lower, [...allowed]);
  // Short ids: one slip (or a swap of two letters) away; longer words: a third of their letters.
  const tolerance = candidate.length <= 3 ? 1 : Math.max(2, Math.floor(candidate.length / 3));
  return prefixed || distance(lower, candidate) <= tolerance ? ` (did you mean "${candidate}"?)` : '';
}

/** Longest quote of a value in an error message, in characters. */
const MAX_SHOWN = 80;

/**
 * How a value is quoted in an error message: at most {@link MAX_SHOWN}
 * characters, so a wrongly typed 1 MB field gives a one-line message.
 */
export function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = typeof value === 'string' ? `"${value}"` : value instanceof Date ? value.toISOString() : describe(value);
  return text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN - 1)}…` : text;
}

/** JSON for short values; a list or map is described by its size past a few entries. */
function describe(value: unknown): string {
  if (Array.isArray(value) && value.length > 8) return `a list of ${value.length} entries`;
  if (typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length > 8) {
    return `a map of ${Object.keys(value).length} fields`;
  }
  return JSON.stringify(value);
}

/** An object that rejects unknown fields, naming the allowed ones and the likely intended one. */
function strictObject<Shape extends z.ZodRawShape>(shape: Shape) {
  const allowed = Object.keys(shape);
  return z.strictObject(shape, {
    error: (issue) => {
      if (issue.code === 'unrecognized_keys') {
        const [key] = issue.keys;
        return `unknown field "${key}"; allowed: ${allowed.join(', ')}${suggest(key, allowed)}`;
      }
      // The only other issue an object raises itself: not an object at all.
      return `expected a map of fields (${allowed.join(', ')}), got ${show(issue.input)}`;
    },
  });
}

/** One word of a vocabulary; the error lists the vocabulary and suggests the closest word. */
function word<const T extends readonly [string, ...string[]]>(values: T, noun: string) {
  return z.enum(values, {
    error: (issue) =>
      `${show(issue.input)} is not ${noun}; allowed: ${values.join(', ')}${suggest(issue.input, values)}`,
  });
}

/** An id used in file names and URLs. */
const ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const idSchema = z
  .string({ error: (issue) => `expected an id such as kakao-t, got ${show(issue.input)}` })
  .regex(ID_PATTERN, {
    error: (issue) =>
      `${show(issue.input)} is not a valid id; use lowercase letters, digits and single hyphens (kakao-t)`,
  });

/** Localized text: a plain string in the default locale, or `{ ko: "...", en: "..." }`. */
export const LocalizedTextSchema: z.ZodType<LocalizedText> = z.union(
  [
    z.string().trim().min(1),
    z
      .strictObject(
        Object.fromEntries(LOCALES.map((l) => [l, z.string().trim().min(1).optional()])) as Record<
          Locale,
          z.ZodOptional<z.ZodString>
        >,
      )
      .refine((map) => Object.values(map).some(Boolean)),
  ],
  {
    error: (issue) =>
      `expected a non-empty text or a map of texts by locale ({ ko: "...", en: "..." }; locales: ${LOCALES.join(', ')}), got ${show(issue.input)}`,
  },
);

/** A date-time, parsed in `timezone` when it has no offset. */
function dateTimeSchema(timezone: string) {
  return z
    .string({ error: (issue) => `expected ${DATE_TIME_HINT}, got ${show(issue.input)}` })
    .transform((text, ctx): Instant => {
      const result = readDateTime(text, timezone);
      if (!result.ok) {
        ctx.addIssue({ code: 'custom', message: `${show(text)} ${result.reason}` });
        return z.NEVER;
      }
      return result.instant;
    });
}

/** `site.yaml`: the settings of the whole status page. */
export const SiteSchema = strictObject({
  /** Site title, e.g. 카카오 서비스 상태. */
  title: LocalizedTextSchema,
  /** One line under the title; also the feeds' channel description. */
  description: LocalizedTextSchema.optional(),
  /** IANA timezone every time is read and shown in; its label (KST) is shown too. */
  timezone: z
    .string()
    .refine(isValidTimezone, {
      error: (issue) => `${show(issue.input)} is not an IANA timezone; use a name such as Asia/Seoul or UTC`,
    })
    .default('Asia/Seoul'),
  /** The locale served at `/`. */
  defaultLocale: word(LOCALES, 'a supported locale').default('ko'),
  /** All locales served; the others live under `/<locale>/`. */
  locales: z
    .array(word(LOCALES, 'a supported locale'))
    .min(1)
    .default([...LOCALES]),
  /**
   * Minutes after the page's moment from which an open page, finding no newer
   * build, says its information may be old (the live script). Rebuild on a
   * schedule shorter than this.
   */
  staleAfterMinutes: z
    .number({ error: (issue) => `${show(issue.input)} is not a number of minutes` })
    .int({ error: (issue) => `${show(issue.input)} is not a whole number of minutes` })
    .min(1, { error: (issue) => `${show(issue.input)} is too small; use at least 1 (minute)` })
    .max(10_080, { error: (issue) => `${show(issue.input)} is too large; use at most 10080 (a week)` })
    .default(15),
  /** Official channels to check during an outage (SNS, customer support). */
  links: z
    .array(
      strictObject({
        /** What the link is, e.g. 카카오 고객센터. */
        label: LocalizedTextSchema,
        /** Absolute http(s) URL. */
        url: z.url({ protocol: /^https?$/, error: (issue) => `${show(issue.input)} is not an absolute http(s) URL` }),
      }),
    )
    .default([]),
});
export type SiteData = z.output<typeof SiteSchema>;

/** One separately reported part of a service: 메시지 송수신, PC 로그인, 송금 ... */
const FeatureSchema = strictObject({
  /** Stable id, unique within its service, used in `affected[].features`. */
  id: idSchema,
  /** What users call it. */
  name: LocalizedTextSchema,
});

const BARE_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A date (`2020-01-01`, the start of that day in `timezone`) or a date-time
 * (`2020-01-01T09:00`, read in `timezone` unless it has an offset).
 */
function dateOrDateTimeSchema(timezone: string) {
  const hint = `a date such as 2020-01-01 (the start of that day) or ${DATE_TIME_HINT}`;
  return z
    .string({ error: (issue) => `expected ${hint}, got ${show(issue.input)}` })
    .transform((text, ctx): Instant => {
      const trimmed = text.trim();
      if (BARE_DATE.test(trimmed)) {
        const start = getDayStart(trimmed, timezone);
        if (start !== undefined) return start;
        ctx.addIssue({ code: 'custom', message: `${show(text)} is not a calendar date; expected ${hint}` });
        return z.NEVER;
      }
      const result = readDateTime(trimmed, timezone);
      if (!result.ok) {
        ctx.addIssue({ code: 'custom', message: `${show(text)} ${result.reason.replace(DATE_TIME_HINT, hint)}` });
        return z.NEVER;
      }
      return result.instant;
    });
}

/**
 * Schema of the front matter of `services/<id>.md`, for a site in `timezone`;
 * the body is the service's description.
 * @example createServiceSchema('Asia/Seoul').parse({ name: '카카오톡', since: '2020-01-01' }).since // Date.UTC(2019, 11, 31, 15)
 */
export function createServiceSchema(timezone: string) {
  return strictObject({
    /** Display name, e.g. `{ ko: 카카오톡, en: KakaoTalk }`. */
    name: LocalizedTextSchema,
    /** Position on the page, ascending; services without one follow, by name. */
    order: z
      .number({ error: (issue) => `expected a whole number, got ${show(issue.input)}` })
      .int()
      .optional(),
    /** Services with the same group are shown together under it. */
    group: LocalizedTextSchema.optional(),
    /** Parts of the service whose state is shown separately. */
    features: z.array(FeatureSchema).default([]),
    /**
     * When tracking began: uptime counts from here, and the day bars before
     * it say "no data" instead of claiming the service was up. A bare date is
     * the start of that day in the site timezone.
     */
    since: dateOrDateTimeSchema(timezone).optional(),
  });
}
export type ServiceData = z.output<ReturnType<typeof createServiceSchema>>;

/**
 * Schemas for incident files, for a site in `timezone`.
 * @example createIncidentSchema('Asia/Seoul').parse(frontMatter)
 */
export function createIncidentSchema(timezone: string) {
  const dateTime = dateTimeSchema(timezone);
  const componentStatus = word(COMPONENT_STATUSES, 'a component status');

  /** What an incident does to one service. */
  const AffectedSchema = strictObject({
    /** Service id: a file name in services/ without `.md`. */
    service: z.string({ error: (issue) => `expected a service id, got ${show(issue.input)}` }),
    /** The service's state while this is open. */
    status: componentStatus,
    /** State per feature id; features not listed are unaffected. Without this map the status applies to every feature. */
    features: z.record(z.string(), componentStatus).optional(),
    /** What works and what does not, in one line users read. */
    note: LocalizedTextSchema.optional(),
  });
  const affectedList = z
    .array(AffectedSchema)
    .min(1, { error: 'list at least one affected service ({ service, status })' });

  /** One entry of the timeline. */
  const UpdateSchema = strictObject({
    /** When it was announced. */
    at: dateTime,
    /**
     * Incident state (investigating ... postmortem) or maintenance state
     * (scheduled ... completed); which vocabulary applies depends on `kind`,
     * so validate.ts checks the word.
     */
    status: z.string({
      error: (issue) => `expected a state word such as investigating or scheduled, got ${show(issue.input)}`,
    }),
    /** The announcement, Markdown; raw HTML is escaped. */
    message: LocalizedTextSchema,
    /** From this update on, replaces the incident's `affected` list (services recovering step by step). */
    affected: affectedList.optional(),
  });

  return strictObject({
    /** Headline, e.g. 카카오톡 메시지 수·발신 장애. */
    title: LocalizedTextSchema,
    /** `incident` (default) or `maintenance`. */
    kind: word(INCIDENT_KINDS, 'a kind').default('incident'),
    /** Statuspage impact; drives the overall indicator while open. Default: minor for incidents, none for maintenance. */
    impact: word(IMPACTS, 'an impact').optional(),
    /** When it began. Maintenance: defaults to `scheduled.start`. */
    started: dateTime.optional(),
    /** When it ended; absent while it is going on. A `resolved`/`completed` update sets it too. */
    resolved: dateTime.optional(),
    /** Maintenance window (required for maintenance). */
    scheduled: strictObject({ start: dateTime, end: dateTime }).optional(),
    /** Services (and features) affected, with their status while this is open. */
    affected: affectedList,
    /** Timeline, oldest first. */
    updates: z.array(UpdateSchema).default([]),
    /** Estimated share of users affected, in percent (0-100). */
    affectedUsers: z
      .number({ error: (issue) => `expected a percentage from 0 to 100, got ${show(issue.input)}` })
      .min(0, { error: (issue) => `${show(issue.input)} is not a percentage; use a number from 0 to 100` })
      .max(100, { error: (issue) => `${show(issue.input)} is not a percentage; use a number from 0 to 100` })
      .optional(),
  });
}
export type IncidentData = z.output<ReturnType<typeof createIncidentSchema>>;
export type AffectedData = IncidentData['affected'][number];
export type UpdateData = IncidentData['updates'][number];
