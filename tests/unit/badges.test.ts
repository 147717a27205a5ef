/**
 * Status badges: the right word and colour for each state, in Korean and
 * English, as well-formed SVG whose <title> a screen reader reads.
 */
import { load } from 'cheerio';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, test } from 'vitest';
import {
  BADGE_COLORS,
  buildBadgeEmbed,
  getBadges,
  getBadgeSize,
  getBadgeText,
  getOverallStatus,
  renderBadge,
  type BadgeContext,
} from '../../src/lib/badges.ts';
import type { Locale } from '../../src/lib/i18n/locales.ts';
import { createTranslator } from '../../src/lib/i18n/translate.ts';
import { getStatusSnapshot } from '../../src/lib/status.ts';
import { COMPONENT_STATUSES, type ComponentStatus } from '../../src/lib/vocabulary.ts';
import { buildModel, contentWith, incidentFields, incidentFile, kst, maintenanceFields } from './builders.ts';

type SvgNode = Record<string, unknown>;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  isArray: (_name, _path, _leaf, isAttribute) => !isAttribute,
});

/** The badge as an XML tree (throws unless well-formed), with what a reader and a viewer get from it. */
function readBadge(svg: string) {
  // eslint-disable-next-line @typescript-eslint/no-deprecated -- fast-xml-parser 5 points to fast-xml-validator, not a dependency here
  expect(XMLValidator.validate(svg)).toBe(true);
  const [root] = (parser.parse(svg) as { svg: SvgNode[] }).svg;
  if (!root) throw new Error('no <svg>');
  const [title] = root.title as string[];
  const rects = ((root.g as SvgNode[])[0]?.rect ?? []) as SvgNode[];
  return {
    title,
    role: root['@role'],
    ariaLabel: root['@aria-label'],
    labelFill: rects[0]?.['@fill'],
    messageFill: rects[1]?.['@fill'],
  };
}

function badgeContext(locale: Locale): BadgeContext {
  return {
    locale,
    defaultLocale: 'ko',
    t: createTranslator(locale),
    siteTitle: locale === 'ko' ? '카카오 상태' : 'Kakao Status',
  };
}

describe('the overall badge follows the indicator, and maintenance when nothing is broken', () => {
  test.each([
    ['none', false, 'operational'],
    ['none', true, 'under_maintenance'],
    ['minor', false, 'degraded_performance'],
    ['major', true, 'partial_outage'],
    ['critical', true, 'major_outage'],
  ] as const)('indicator %s, maintenance %s: %s', (indicator, maintenance, status) => {
    expect(getOverallStatus(indicator, maintenance)).toBe(status);
  });
});

describe('every badge of a site at a moment', () => {
  const model = buildModel(
    contentWith(
      incidentFile(
        'media',
        incidentFields({
          impact: 'major',
          affected: [{ service: 'kakaotalk', status: 'partial_outage', features: { media: 'major_outage' } }],
        }),
      ),
      incidentFile('bank', maintenanceFields({ scheduled: { start: '2022-10-15T15:00', end: '2022-10-15T18:00' } })),
    ),
  );
  const snapshot = getStatusSnapshot(model, kst('2022-10-15T17:00'));

  test.each([
    [
      'ko',
      [
        ['overall', '카카오 상태', '부분 장애', 'partial_outage'],
        ['kakaotalk', '카카오톡', '부분 장애', 'partial_outage'],
        ['kakaobank', '카카오뱅크', '점검 중', 'under_maintenance'],
      ],
    ],
    [
      'en',
      [
        ['overall', 'Kakao Status', 'Partial outage', 'partial_outage'],
        ['kakaotalk', 'KakaoTalk', 'Partial outage', 'partial_outage'],
        ['kakaobank', 'KakaoBank', 'Under maintenance', 'under_maintenance'],
      ],
    ],
  ] as const)('in %s: overall first, then each service in display order', (locale, expected) => {
    const badges = getBadges(snapshot, badgeContext(locale));
    expect(badges.map((b) => [b.name, b.label, b.message, b.status])).toEqual(expected);
  });
});

describe('the SVG', () => {
  test.each(COMPONENT_STATUSES.flatMap((status) => (['ko', 'en'] as const).map((locale) => [status, locale] as const)))(
    '%s in %s: the word, its colour and an accessible title',
    (status: ComponentStatus, locale) => {
      const t = createTranslator(locale);
      const label = locale === 'ko' ? '카카오톡' : 'KakaoTalk';
      const svg = renderBadge({ label, message: t(`status.${status}`), status });
      const badge = readBadge(svg);
      const text = `${label}: ${t(`status.${status}`)}`;
      expect(badge.title).toBe(text);
      expect(badge.role).toBe('img');
      expect(badge.ariaLabel).toBe(text);
      expect(badge.labelFill).toBe('#555');
      expect(badge.messageFill).toBe(BADGE_COLORS[status]);
    },
  );

  test.each([
    ['operational', '정상', 'Operational'],
    ['partial_outage', '부분 장애', 'Partial outage'],
    ['major_outage', '전면 장애', 'Major outage'],
  ] as const)('%s reads %s / %s', (status, ko, en) => {
    expect(
      readBadge(renderBadge({ label: '톡', message: createTranslator('ko')(`status.${status}`), status })).title,
    ).toBe(`톡: ${ko}`);
    expect(
      readBadge(renderBadge({ label: 'Talk', message: createTranslator('en')(`status.${status}`), status })).title,
    ).toBe(`Talk: ${en}`);
  });

  test('text with markup characters stays text and the SVG stays well-formed', () => {
    const badge = { label: 'A&B <"톡">', message: "it's <b>", status: 'operational' } as const;
    const svg = renderBadge(badge);
    expect(svg).not.toContain('<b>');
    const parsed = new XMLParser({ processEntities: true }).parse(svg) as { svg: { title: string } };
    expect(parsed.svg.title).toBe(getBadgeText(badge));
  });

  test('the same badge gives the same bytes', () => {
    const badge = { label: '톡', message: '정상', status: 'operational' } as const;
    expect(renderBadge(badge)).toBe(renderBadge({ ...badge }));
  });

  test('has the size badge-maker drew it at, wider for longer text', () => {
    const short = getBadgeSize(renderBadge({ label: '톡', message: '정상', status: 'operational' }));
    const long = getBadgeSize(
      renderBadge({ label: '카카오 서비스 상태', message: '부분 장애', status: 'partial_outage' }),
    );
    expect(short.height).toBe(20);
    expect(short.width).toBeGreaterThan(30);
    expect(long.width).toBeGreaterThan(short.width + 60);
    expect(getBadgeSize('<svg xmlns="http://www.w3.org/2000/svg"/>')).toEqual({ width: 0, height: 0 });
  });

  test('a Korean label is measured at least as wide as its syllables at 10.7 px (Verdana has no Hangul)', () => {
    const label = '카카오 서비스 상태';
    const svg = renderBadge({ label, message: '정상', status: 'operational' });
    const textLength = Number(/<text x="\d+" y="140" textLength="(\d+)">카카오 서비스 상태<\/text>/.exec(svg)?.[1]);
    const syllables = label.match(/\p{Script=Hangul}/gu)?.length ?? 0;
    expect(textLength / 10).toBeGreaterThanOrEqual(syllables * 10.7);
  });
});

describe('embed snippets', () => {
  const embed = buildBadgeEmbed({
    imageUrl: 'https://status.example.com/status/badges/kakaotalk.svg',
    linkUrl: 'https://status.example.com/status/services/kakaotalk/',
    alt: '카카오톡 상태',
  });

  test('HTML: a link to the status page around the image', () => {
    expect(embed.html).toBe(
      '<a href="https://status.example.com/status/services/kakaotalk/"><img src="https://status.example.com/status/badges/kakaotalk.svg" alt="카카오톡 상태"></a>',
    );
    const $ = load(embed.html);
    expect($('a > img').attr('src')).toBe('https://status.example.com/status/badges/kakaotalk.svg');
  });

  test('Markdown: an image inside a link', () => {
    expect(embed.markdown).toBe(
      '[![카카오톡 상태](https://status.example.com/status/badges/kakaotalk.svg)](https://status.example.com/status/services/kakaotalk/)',
    );
  });

  test('quotes, brackets and spaces cannot break out of either', () => {
    const tricky = buildBadgeEmbed({
      imageUrl: 'https://s.example/a b/(x).svg',
      linkUrl: 'https://s.example/?a=1&b="2"',
      alt: '[톡] "상태" <b>',
    });
    const $ = load(tricky.html);
    expect($('a').attr('href')).toBe('https://s.example/?a=1&b="2"');
    expect($('img').attr('alt')).toBe('[톡] "상태" <b>');
    expect($('b')).toHaveLength(0);
    expect(tricky.markdown).toBe(
      '[![\\[톡\\] "상태" <b>](https://s.example/a%20b/%28x%29.svg)](https://s.example/?a=1&b="2")',
    );
  });
});
