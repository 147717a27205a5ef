/**
 * Status badges in the shields.io look, drawn by `badge-maker` (shields.io's
 * own library): `톡 | 부분 장애`, one per service and one for the whole site.
 *
 * Data first: {@link getBadges} says what each badge shows; {@link renderBadge}
 * draws it. The SVG carries `role="img"`, an `aria-label` and a `<title>` with
 * `<label>: <message>`, so a screen reader (or a hover) reads the state.
 */
import { makeBadge } from 'badge-maker';
import { localize, type Locale } from './i18n/locales.ts';
import type { Translate } from './i18n/translate.ts';
import type { StatusSnapshot } from './status.ts';
import type { ComponentStatus, Impact } from './vocabulary.ts';

/** The name of the site-wide badge: `badges/overall.svg`. */
export const OVERALL_BADGE = 'overall';

/**
 * Message colour by status. Shields' named colours put white text on a light
 * green or yellow (contrast 2:1); these keep the hues and reach WCAG AA
 * (4.5:1) with the text colour badge-maker picks: white on the dark ones,
 * #333 on the yellow, which is bright enough for badge-maker to switch.
 */
export const BADGE_COLORS: Record<ComponentStatus, string> = {
  operational: '#13794a',
  under_maintenance: '#1f5fc4',
  degraded_performance: '#f0c000',
  partial_outage: '#c2410c',
  major_outage: '#b3171b',
};

/** What one badge shows. */
export interface Badge {
  /** `overall` or a service id: the file is `badges/<name>.svg`. */
  name: string;
  /** Left side: the service's name, or the site's title for `overall`. */
  label: string;
  /** Right side: the status word in the locale (`부분 장애`, `Partial outage`). */
  message: string;
  status: ComponentStatus;
}

export interface BadgeContext {
  locale: Locale;
  defaultLocale: Locale;
  t: Translate;
  /** The site's title in this locale: the overall badge's label. */
  siteTitle: string;
}

/**
 * The site as one component status, for the overall badge: from the
 * Statuspage indicator (none, minor, major, critical map to operational,
 * degraded, partial, major outage), or under maintenance when nothing is
 * broken but maintenance is in progress, as the banner says.
 * @example getOverallStatus('major', true) // 'partial_outage'
 */
export function getOverallStatus(indicator: Impact, maintenance: boolean): ComponentStatus {
  if (indicator === 'none') return maintenance ? 'under_maintenance' : 'operational';
  return INDICATOR_STATUS[indicator];
}

const INDICATOR_STATUS: Record<Exclude<Impact, 'none'>, ComponentStatus> = {
  minor: 'degraded_performance',
  major: 'partial_outage',
  critical: 'major_outage',
};

/**
 * Every badge of the site at the snapshot's moment: `overall` first, then
 * each service in display order. A service whose id is `overall` would share
 * the overall badge's file; it gets none (ids are the operator's to choose).
 */
export function getBadges(snapshot: StatusSnapshot, ctx: BadgeContext): Badge[] {
  const word = (status: ComponentStatus) => ctx.t(`status.${status}`);
  const overall = getOverallStatus(snapshot.indicator, snapshot.activeMaintenance.length > 0);
  return [
    { name: OVERALL_BADGE, label: ctx.siteTitle, message: word(overall), status: overall },
    ...snapshot.services
      .filter((state) => state.service.id !== OVERALL_BADGE)
      .map((state) => ({
        name: state.service.id,
        label: localize(state.service.name, ctx.locale, ctx.defaultLocale),
        message: word(state.status),
        status: state.status,
      })),
  ];
}

/** What a screen reader says and the `<title>` holds: `톡: 부분 장애`. */
export function getBadgeText(badge: Pick<Badge, 'label' | 'message'>): string {
  return `${badge.label}: ${badge.message}`;
}

/**
 * The badge as SVG, flat style.
 *
 * badge-maker measures text with Verdana's widths and has none for Hangul; it
 * counts each syllable as wide as `m` (10.7 px at 11 px), where Korean fonts
 * draw it 11 px wide. The text is drawn with `textLength`, so a Korean label
 * is squeezed by about 3% rather than overflowing its box.
 */
export function renderBadge(badge: Pick<Badge, 'label' | 'message' | 'status'>): string {
  return makeBadge({
    label: badge.label,
    message: badge.message,
    color: BADGE_COLORS[badge.status],
    style: 'flat',
  });
}

/** The `width` and `height` badge-maker wrote on the SVG, for `<img width height>`. */
export function getBadgeSize(svg: string): { width: number; height: number } {
  const match = /^<svg[^>]*?\swidth="(\d+(?:\.\d+)?)"[^>]*?\sheight="(\d+(?:\.\d+)?)"/.exec(svg);
  return { width: Number(match?.[1] ?? 0), height: Number(match?.[2] ?? 0) };
}

/** Snippets to put a badge on another page, linking to the status page. */
export interface BadgeEmbed {
  /** `<a href="..."><img src="..." alt="..."></a>` */
  html: string;
  /** `[![alt](image)](link)` */
  markdown: string;
}

/**
 * Embed snippets for a badge. `alt` should not name the state: the image
 * changes after it is embedded and the alt text would not.
 * @example
 * buildBadgeEmbed({ imageUrl: 'https://s.example/badges/talk.svg', linkUrl: 'https://s.example/', alt: '톡 상태' }).markdown
 * // '[![톡 상태](https://s.example/badges/talk.svg)](https://s.example/)'
 */
export function buildBadgeEmbed(options: { imageUrl: string; linkUrl: string; alt: string }): BadgeEmbed {
  const { imageUrl, linkUrl, alt } = options;
  return {
    html: `<a href="${escapeAttribute(linkUrl)}"><img src="${escapeAttribute(imageUrl)}" alt="${escapeAttribute(alt)}"></a>`,
    markdown: `[![${escapeMarkdownText(alt)}](${encodeMarkdownUrl(imageUrl)})](${encodeMarkdownUrl(linkUrl)})`,
  };
}

function escapeAttribute(value: string): string {
  return value.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

/** Brackets and backslashes in link text would end it early. */
function escapeMarkdownText(value: string): string {
  return value.replace(/[\\[\]]/g, '\\$&');
}

/** Spaces and parentheses would end a Markdown link destination. */
function encodeMarkdownUrl(url: string): string {
  return url.replaceAll(' ', '%20').replaceAll('(', '%28').replaceAll(')', '%29');
}
