/**
 * Fixture builders for the unit tests: content files as an operator writes
 * them (YAML through the `yaml` package), and the model `parseContent` makes
 * of them.
 *
 * The default folder has two services:
 * - kakaotalk, features messages, media, pc-login
 * - kakaobank, features deposit, transfer
 */
import { dump as stringify } from 'js-yaml';
import { formatProblem } from '../../src/lib/problems.ts';
import { parseContent, type ContentFile } from '../../src/lib/validate.ts';
import type { StatusModel } from '../../src/lib/model.ts';

/** A YAML mapping as written in a file. */
export type Fields = Record<string, unknown>;

/** A content file that was read. */
export type TextFile = Extract<ContentFile, { text: string }>;

/** `---\n<yaml>---\n<body>`, the shape of every Markdown content file. */
export function markdownFile(path: string, frontMatter: Fields, body = ''): TextFile {
  return { path, text: `---\n${stringify(frontMatter)}---\n${body}\n` };
}

/** `site.yaml` with a Korean title, Asia/Seoul, ko then en; `overrides` replace fields (`undefined` drops one). */
export function siteYaml(overrides: Fields = {}): TextFile {
  const fields = dropUndefined({
    title: { ko: '카카오 서비스 상태', en: 'Kakao Service Status' },
    timezone: 'Asia/Seoul',
    defaultLocale: 'ko',
    locales: ['ko', 'en'],
    ...overrides,
  });
  return { path: 'site.yaml', text: stringify(fields) };
}

/** `services/<id>.md`. */
export function serviceFile(id: string, frontMatter: Fields, body = ''): TextFile {
  return markdownFile(`services/${id}.md`, frontMatter, body);
}

/**
 * `incidents/<path>`: `path` is relative to incidents/ (`2022/fire`), `.md` is
 * added when it has no extension.
 */
export function incidentFile(path: string, frontMatter: Fields, body = ''): TextFile {
  const withExtension = /\.[a-z]+$/i.test(path) ? path : `${path}.md`;
  return markdownFile(`incidents/${withExtension}`, frontMatter, body);
}

export const KAKAOTALK = serviceFile(
  'kakaotalk',
  {
    name: { ko: '카카오톡', en: 'KakaoTalk' },
    order: 1,
    features: [
      { id: 'messages', name: { ko: '메시지 송수신', en: 'Messages' } },
      { id: 'media', name: { ko: '사진·동영상 전송', en: 'Photos and videos' } },
      { id: 'pc-login', name: { ko: 'PC 로그인', en: 'PC login' } },
    ],
  },
  '카카오의 메신저입니다.',
);

export const KAKAOBANK = serviceFile('kakaobank', {
  name: { ko: '카카오뱅크', en: 'KakaoBank' },
  order: 2,
  features: [
    { id: 'deposit', name: { ko: '입금', en: 'Deposits' } },
    { id: 'transfer', name: { ko: '송금', en: 'Transfers' } },
  ],
});

/** site.yaml and the two default services. */
export function defaultFiles(): ContentFile[] {
  return [siteYaml(), KAKAOTALK, KAKAOBANK];
}

/** The default folder plus `extra` files (a file with the same path replaces the default one). */
export function contentWith(...extra: ContentFile[]): ContentFile[] {
  const paths = new Set(extra.map((f) => f.path));
  return [...defaultFiles().filter((f) => !paths.has(f.path)), ...extra];
}

/**
 * Front matter of a minimal valid incident: KakaoTalk down from
 * 2022-10-15 15:30 KST, still open. `overrides` replace fields (`undefined` drops one).
 */
export function incidentFields(overrides: Fields = {}): Fields {
  return dropUndefined({
    title: { ko: '카카오톡 메시지 장애', en: 'KakaoTalk messaging outage' },
    started: '2022-10-15T15:30',
    affected: [{ service: 'kakaotalk', status: 'major_outage' }],
    ...overrides,
  });
}

/**
 * Front matter of a minimal valid maintenance of KakaoBank on 2022-11-01
 * 02:00-04:00 KST. `overrides` replace fields (`undefined` drops one).
 */
export function maintenanceFields(overrides: Fields = {}): Fields {
  return dropUndefined({
    title: { ko: '카카오뱅크 정기 점검', en: 'KakaoBank maintenance' },
    kind: 'maintenance',
    scheduled: { start: '2022-11-01T02:00', end: '2022-11-01T04:00' },
    affected: [{ service: 'kakaobank', status: 'under_maintenance' }],
    ...overrides,
  });
}

/** Parses `files`; throws with every formatted problem if there are any. */
export function buildModel(files: readonly ContentFile[]): StatusModel {
  const result = parseContent(files);
  if (!result.ok) throw new Error(`fixture content is invalid:\n${result.problems.map(formatProblem).join('\n')}`);
  return result.model;
}

/** The problem lines the build would print for `files`; throws if the content is valid. */
export function problemLines(files: readonly ContentFile[]): string[] {
  const result = parseContent(files);
  if (result.ok) throw new Error('expected problems, but the content is valid');
  return result.problems.map(formatProblem);
}

/** An instant from a Korean wall-clock time, `2022-10-15T17:00` (independent of src/lib/time.ts). */
export function kst(wallClock: string): number {
  const instant = Date.parse(`${wallClock}+09:00`);
  if (Number.isNaN(instant)) throw new Error(`bad fixture time ${wallClock}`);
  return instant;
}

function dropUndefined(fields: Fields): Fields {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
}
