/**
 * The overview banner in plain words: per affected service, what still works
 * and what does not, from its feature states and notes, not the category
 * alone, in at most three lines on a phone. At 2022-10-16 08:30 the fire's
 * banner reads "주요 서비스 대규모 장애 / 카카오톡: 메시지 송수신 지연,
 * 사진·동영상 전송, PC 로그인 외 3개 불가 / 외 3개 서비스: 서비스별 상태
 * 보기" instead of "주요 서비스에 대규모 장애가 발생했습니다" and four names.
 * The short nominal style (가능, 불가, 지연) is that of Korean service notices.
 */
import type { LocalizedText } from './i18n/locales.ts';
import type { Translate } from './i18n/translate.ts';
import { toPlainText } from './markdown.ts';
import type { ServiceState } from './status.ts';
import { COMPONENT_STATUSES, type ComponentStatus, type Impact } from './vocabulary.ts';

/**
 * The banner is read on a phone first: its headline and sentences take at
 * most this many lines at 390 px; what does not fit is counted, with a link
 * to the list of services. The Chromium layout gate measures it.
 */
export const BANNER_MAX_LINES = 3;
/** A sentence names this many features of each kind at most, then "외 n개". */
export const BANNER_FEATURE_NAMES = 2;

/**
 * Room on one line of a 390 px phone, in em: the banner's text box is 320 px
 * wide (global.css: 390 - 2 x 16 margin - 2 x 16 padding - 6 border), its
 * headline 1.15rem, its sentences 1rem; 5% kept back for wider fonts.
 */
const LINE_EM = { headline: (320 / 18.4) * 0.95, line: (320 / 16) * 0.95 };

/** What the banner says. */
export interface BannerText {
  headline: string;
  /** The sentences under a category headline; each names one service, or several in the same state. */
  lines: string[];
  /** Affected services that neither the headline nor a line names. */
  more: number;
}

interface BannerInput {
  indicator: Impact;
  /** Every service's state (the operational ones are left out here). */
  services: readonly ServiceState[];
  t: Translate;
  /** Author text in the page's locale. */
  text: (value: LocalizedText) => string;
}

type Words = Pick<BannerInput, 't' | 'text'>;

/** One thing the banner can say, about the services it names. */
interface Sentence {
  /** The shortest first is tried last: fuller forms first. */
  forms: string[];
  services: number;
}

const rank = (status: ComponentStatus) => COMPONENT_STATUSES.indexOf(status);
const isMixed = (state: ServiceState) => new Set(state.features.map((f) => f.status)).size > 1;

/**
 * The banner, within {@link BANNER_MAX_LINES} lines on a phone:
 * - with nothing affected, "모든 서비스 정상 운영 중";
 * - a service some of whose features work gets its own sentence, what works
 *   first ("카카오톡: 메시지 송수신 지연, 사진·동영상 전송 외 4개 불가");
 * - services wholly in one state share one ("카카오뱅크, 카카오스토리: 이용할
 *   수 없습니다"), worst state first, after the mixed ones (they say what
 *   still works, which people act on);
 * - one sentence alone is the headline; several go under the category
 *   ("주요 서비스 대규모 장애"), as many as fit, and the rest are counted.
 */
export function getBannerText({ indicator, services, t, text }: BannerInput): BannerText {
  const words = { t, text };
  const affected = services.filter((s) => s.status !== 'operational');
  if (affected.length === 0) return { headline: t('banner.none'), lines: [], more: 0 };
  const sentences = [
    ...affected.filter(isMixed).map((s) => describeMixed(s, words)),
    ...describeWhole(
      affected.filter((s) => !isMixed(s)),
      words,
    ),
  ];
  const single = sentences.length === 1 ? sentences[0] : undefined;
  const alone = single?.forms.find((form) => estimateLines(form, LINE_EM.headline) <= BANNER_MAX_LINES);
  if (alone !== undefined) return { headline: alone, lines: [], more: 0 };

  // An incident written with `impact: none` still puts services out: its
  // banner says there are problems, never "maintenance in progress".
  const headline = isOnlyMaintenance(services)
    ? t('banner.maintenance')
    : t(`banner.${indicator === 'none' ? 'minor' : indicator}`);
  let room = BANNER_MAX_LINES - estimateLines(headline, LINE_EM.headline);
  const lines: string[] = [];
  let named = 0;
  for (const sentence of sentences) {
    const form = sentence.forms.find((f) => estimateLines(f, LINE_EM.line) <= room);
    // In page order: a later, shorter sentence does not jump ahead of one that did not fit.
    if (form === undefined) break;
    lines.push(form);
    named += sentence.services;
    room -= estimateLines(form, LINE_EM.line);
  }
  return { headline, lines, more: affected.length - named };
}

/** Whether every service that is not operational is under maintenance (and one is). */
function isOnlyMaintenance(services: readonly ServiceState[]): boolean {
  const affected = services.filter((s) => s.status !== 'operational');
  return affected.length > 0 && affected.every((s) => s.status === 'under_maintenance');
}

/**
 * The banner's colour: the indicator's, except that with the indicator at
 * `none` an outage (an incident written with `impact: none`) is still shown
 * in the minor colour, not the calm one, and maintenance in its own.
 */
function getTone(indicator: Impact, maintenance: boolean, services: readonly ServiceState[]): BannerView['tone'] {
  if (indicator !== 'none') return indicator;
  const outage = services.some((s) => s.status !== 'operational' && s.status !== 'under_maintenance');
  return outage ? 'minor' : maintenance ? 'maintenance' : 'none';
}

/** The banner as the page shows it: its tone (colour and icon), its sentences, its links. */
export interface BannerView extends BannerText {
  /** Statuspage `status.indicator` (the `data-indicator` hook). */
  indicator: Impact;
  /** `b-<tone>`: the indicator, or `maintenance` when only maintenance is in progress. */
  tone: Impact | 'maintenance';
  /** The link to the full list ('' without one). */
  moreText: string;
  /** What to do meanwhile, in a major or critical outage ('' otherwise). */
  advice: string;
}

/**
 * Everything the banner shows, for Banner.astro and for the browser's
 * scheduled changes (lib/live.ts), so both say the same.
 */
export function getBannerView(input: BannerInput & { maintenance: boolean }): BannerView {
  const { indicator, maintenance, t } = input;
  const text = getBannerText(input);
  return {
    ...text,
    indicator,
    tone: getTone(indicator, maintenance, input.services),
    moreText: text.more > 0 ? t('banner.more', { n: text.more }) : '',
    advice: indicator === 'major' || indicator === 'critical' ? t('banner.advice') : '',
  };
}

/**
 * A service some of whose features work: what works, what is slow, paused
 * and down, each naming at most {@link BANNER_FEATURE_NAMES} features; the
 * shorter forms name one, and then only count what is down or paused.
 * @example
 * describeMixed(kakaotalk, words).forms[0]
 * // '카카오톡: 메시지 송수신 지연, 사진·동영상 전송, PC 로그인 외 3개 불가'
 */
function describeMixed(state: ServiceState, { t, text }: Words): Sentence {
  const name = text(state.service.name);
  const named = (statuses: readonly ComponentStatus[]) =>
    state.features.filter((f) => statuses.includes(f.status)).map((f) => text(f.feature.name));
  const kinds = [
    ['banner.works', named(['operational'])],
    ['banner.slow', named(['degraded_performance'])],
    ['banner.paused', named(['under_maintenance'])],
    ['banner.down', named(['major_outage', 'partial_outage'])],
  ] as const;
  // Fuller to shorter: two names of each kind, one, and at last what is down or paused only counted.
  const forms = [BANNER_FEATURE_NAMES, 1, 0].map((most) => {
    const parts = kinds
      .filter(([, names]) => names.length > 0)
      .map(([key, names]) => {
        const counted = most === 0 && (key === 'banner.down' || key === 'banner.paused');
        const features = counted ? t('banner.count', { n: names.length }) : listSome(names, Math.max(most, 1), t);
        return t(key, { features });
      });
    return t('banner.service', { name, says: parts.join(t('banner.and')) });
  });
  return { forms: [...new Set(forms)], services: 1 };
}

/**
 * Services wholly in one state, one sentence per state, worst first: one
 * service alone adds its first note when there is room.
 * @example describeWhole([bank, story], words)[0].forms // ['카카오뱅크, 카카오스토리: 이용할 수 없습니다']
 */
function describeWhole(states: readonly ServiceState[], { t, text }: Words): Sentence[] {
  const byStatus = Map.groupBy(
    states.toSorted((a, b) => rank(b.status) - rank(a.status)),
    (s) => s.status,
  );
  return [...byStatus].map(([status, group]) => {
    const name = list(group.map((s) => text(s.service.name)));
    const sentence = t('banner.service', { name, says: t(`banner.whole.${status}`) });
    const note = group.length === 1 ? group[0]?.notes[0] : undefined;
    const forms = note ? [`${sentence}. ${toPlainText(text(note.note))}`, sentence] : [sentence];
    return { forms, services: group.length };
  });
}

/** At most `most` names, then "외 n개" / "and n more". */
function listSome(names: readonly string[], most: number, t: Translate): string {
  if (names.length <= most) return list(names);
  return t('banner.andMore', { names: list(names.slice(0, most)), n: names.length - most });
}

/**
 * How many lines `text` takes in a box `em` wide, wrapping between words as
 * the page does (`word-break: keep-all`). Widths are estimates, on the wide
 * side (DejaVu Sans, the widest fallback): Hangul and other CJK 1em, Latin
 * capitals 0.68, other letters and digits 0.56, spaces 0.3, punctuation 0.4.
 * @example estimateLines('모든 서비스 정상 운영 중', 16) // 1
 */
export function estimateLines(text: string, em: number): number {
  let lines = 1;
  let used = 0;
  for (const word of text.split(/\s+/u).filter(Boolean)) {
    let width = 0;
    // By code point: a Hangul syllable or a letter, each its own width.
    for (const c of word) width += charWidth(c);
    const needed = used === 0 ? width : used + SPACE + width;
    if (needed <= em) {
      used = needed;
    } else if (used === 0 || width > em) {
      // A word wider than the box breaks anywhere (overflow-wrap: anywhere).
      const total = (used === 0 ? 0 : used + SPACE) + width;
      lines += Math.ceil(total / em) - 1;
      used = total % em;
    } else {
      lines += 1;
      used = width;
    }
  }
  return lines;
}

const SPACE = 0.3;

function charWidth(c: string): number {
  if (/[\p{Script=Hangul}\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u.test(c)) return 1;
  if (/\p{Lu}/u.test(c)) return 0.68;
  if (/[\p{L}\p{N}]/u.test(c)) return 0.56;
  return 0.4;
}

const list = (names: readonly string[]) => names.join(', ');
