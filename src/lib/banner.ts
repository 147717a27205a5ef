/**
 * The overview banner in plain words (issue 10, part 1): per affected
 * service, what does not work and what still works, from its feature states
 * and notes, not the category alone. At 2022-10-16 08:30 the fire's banner
 * reads "카카오톡 일부 기능 장애: 사진·동영상 전송, PC 로그인, …이 되지
 * 않습니다 (메시지 송수신은 느릴 수 있습니다)" instead of "주요 서비스에
 * 대규모 장애가 발생했습니다" and four names.
 */
import type { Locale, LocalizedText } from './i18n/locales.ts';
import type { Translate } from './i18n/translate.ts';
import { toPlainText } from './markdown.ts';
import type { ServiceState } from './status.ts';
import { COMPONENT_STATUSES, type ComponentStatus, type Impact } from './vocabulary.ts';

/** Services described one by one; the others are counted, with a link to the list. */
export const BANNER_SERVICE_LINES = 3;

/** What the banner says. */
export interface BannerText {
  headline: string;
  /** One sentence per affected service, worst first, at most {@link BANNER_SERVICE_LINES}. */
  lines: string[];
  /** Affected services not described in `lines`. */
  more: number;
}

interface BannerInput {
  indicator: Impact;
  /** The page's locale: Korean joins a particle to the last name. */
  locale: Locale;
  /** Every service's state (the operational ones are left out here). */
  services: readonly ServiceState[];
  t: Translate;
  /** Author text in the page's locale. */
  text: (value: LocalizedText) => string;
}

/**
 * The banner: with one service affected, its sentence is the headline; with
 * more, the headline is the overall category and each service gets its
 * sentence, worst first; with none, "모든 서비스가 정상 운영 중입니다" (or
 * maintenance in progress).
 */
export function getBannerText({ indicator, locale, services, t, text }: BannerInput): BannerText {
  const affected = services
    .filter((s) => s.status !== 'operational')
    // Worst first; the order of the page otherwise (Array.prototype.sort is stable).
    .toSorted((a, b) => COMPONENT_STATUSES.indexOf(b.status) - COMPONENT_STATUSES.indexOf(a.status));
  const sentences = affected.map((s) => describeService(s, { locale, t, text }));
  if (sentences.length === 0) return { headline: t('banner.none'), lines: [], more: 0 };
  const onlyMaintenance = affected.every((s) => s.status === 'under_maintenance');
  if (sentences.length === 1) return { headline: sentences[0] ?? '', lines: [], more: 0 };
  const headline = onlyMaintenance || indicator === 'none' ? t('banner.maintenance') : t(`banner.${indicator}`);
  return {
    headline,
    lines: sentences.slice(0, BANNER_SERVICE_LINES),
    more: Math.max(0, sentences.length - BANNER_SERVICE_LINES),
  };
}

/**
 * One service in one sentence: what does not work, what is slow, what still
 * works; without features that differ, its state in words and its first note.
 * @example
 * describeService(kakaotalk, { locale: 'ko', t, text })
 * // '카카오톡 일부 기능 장애: 사진·동영상 전송, PC 로그인이 되지 않습니다 (메시지 송수신은 가능)'
 */
export function describeService(
  state: ServiceState,
  { locale, t, text }: Pick<BannerInput, 'locale' | 't' | 'text'>,
): string {
  const name = text(state.service.name);
  const named = (statuses: readonly ComponentStatus[]) =>
    state.features.filter((f) => statuses.includes(f.status)).map((f) => text(f.feature.name));
  const down = named(['major_outage', 'partial_outage']);
  const slow = named(['degraded_performance']);
  const paused = named(['under_maintenance']);
  const works = named(['operational']);
  const mixed = new Set(state.features.map((f) => f.status)).size > 1;

  if (!mixed) {
    const note = state.notes[0];
    const sentence = t(`banner.service.${state.status}`, { name });
    return note ? `${sentence} ${toPlainText(text(note.note))}` : sentence;
  }
  // The names with the particle the Korean sentence needs after them (이/가, 은/는).
  const subject = (names: string[]) => (locale === 'ko' ? `${list(names)}${particle(names, '이', '가')}` : list(names));
  const topic = (names: string[]) => (locale === 'ko' ? `${list(names)}${particle(names, '은', '는')}` : list(names));
  const parts: string[] = [];
  if (down.length > 0) parts.push(t('banner.down', { features: subject(down) }));
  if (paused.length > 0) parts.push(t('banner.paused', { features: subject(paused) }));
  if (slow.length > 0) parts.push(t('banner.slow', { features: subject(slow) }));
  const head = t(down.length > 0 ? 'banner.partOf' : 'banner.partOfSlow', { name });
  const working = works.length > 0 ? ` ${t('banner.works', { features: topic(works) })}` : '';
  return `${head}: ${parts.join(t('banner.and'))}${working}`;
}

const list = (names: readonly string[]) => names.join(', ');

/**
 * The Korean particle after the last name, `afterConsonant` (이, 은) or
 * `afterVowel` (가, 는), by how its last syllable ends; Latin letters and
 * digits as they are read (PC → 피씨: 가; 5G → 지: 가; URL → 엘: 이;
 * 알림 → 이; 알림(푸시) → 이).
 */
function particle(names: readonly string[], afterConsonant: string, afterVowel: string): string {
  return endsInConsonant(names.at(-1) ?? '') ? afterConsonant : afterVowel;
}

// Latin letters and digits whose Korean reading ends in a consonant (엘 엠 엔 알; 영 일 삼 육 칠 팔).
const CONSONANT_ENDINGS = /[LMNR013678]$/i;

function endsInConsonant(word: string): boolean {
  // A closing parenthetical is read past: 알림(푸시)이, as after 알림.
  const bare = word.replace(/\s*[([][^)\]]*[)\]]$/u, '').replace(/[\s'"’”.·]+$/u, '');
  // Hangul syllables are one UTF-16 unit each.
  const code = bare.charCodeAt(bare.length - 1);
  if (code >= 0xac00 && code <= 0xd7a3) return (code - 0xac00) % 28 !== 0;
  return CONSONANT_ENDINGS.test(bare);
}
