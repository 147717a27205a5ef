/**
 * The feeds in their three formats, read back with real parsers: RSS 2.0 and
 * Atom 1.0 with rss-parser (what the build tests use) and fast-xml-parser
 * (attributes), JSON Feed 1.1 with JSON.parse. Per-service feeds hold the
 * entries of the incidents that affect the service, as known at `now`.
 */
import { XMLParser } from 'fast-xml-parser';
import Parser from 'rss-parser';
import { describe, expect, test } from 'vitest';
import { buildAtomFeed } from '../../src/lib/feeds/atom.ts';
import { createFeed, toFeedSource, type FeedFormat, type FeedSource } from '../../src/lib/feeds/feed.ts';
import { buildJsonFeed, type JsonFeed } from '../../src/lib/feeds/json-feed.ts';
import { buildRssFeed } from '../../src/lib/feeds/rss.ts';
import { toXmlChars } from '../../src/lib/feeds/xml.ts';
import type { Locale } from '../../src/lib/i18n/locales.ts';
import { createTranslator } from '../../src/lib/i18n/translate.ts';
import type { StatusModel } from '../../src/lib/model.ts';
import { createPathFormatter, toAbsoluteUrl } from '../../src/lib/paths.ts';
import { getStatusSnapshot } from '../../src/lib/status.ts';
import {
  buildModel,
  contentWith,
  incidentFields,
  incidentFile,
  kst,
  maintenanceFields,
  serviceFile,
  siteYaml,
  type Fields,
} from './builders.ts';

const ORIGIN = 'https://status.example.com';
const ROOT = `${ORIGIN}/status/`;
const say = (at: string, status: string, message: Fields | string = `${status} 공지`, extra: Fields = {}) => ({
  at,
  status,
  message,
  ...extra,
});

/**
 * - talk-delay: KakaoTalk only, resolved; its title and message carry markup.
 * - spread: starts on KakaoTalk; the 13:00 update adds KakaoBank.
 * - bank-maintenance: KakaoBank, announced 09:00, upcoming.
 * - later: KakaoBank, starts after every `now` used here.
 * Kakao T has nothing.
 */
const model = buildModel(
  contentWith(
    siteYaml({ description: { ko: '카카오 서비스의 현재 상태', en: 'What works at Kakao right now' } }),
    serviceFile('kakao-t', { name: { ko: '카카오 T', en: 'Kakao T' }, order: 3 }),
    incidentFile(
      'talk-delay',
      incidentFields({
        title: { ko: '메시지 <b>지연</b> & 오류', en: 'Messages <b>delayed</b> & failing' },
        started: '2022-10-15T10:00',
        affected: [{ service: 'kakaotalk', status: 'partial_outage' }],
        updates: [
          say('2022-10-15T10:05', 'investigating', {
            ko: '조사 중 <script>alert(1)</script> <img src=x onerror=alert(1)> [링크](javascript:alert(1))',
            en: 'Investigating <script>alert(1)</script>',
          }),
          say('2022-10-15T11:00', 'resolved', { ko: '**정상화**되었습니다.', en: 'Back to **normal**.' }),
        ],
      }),
    ),
    incidentFile(
      'spread',
      incidentFields({
        title: { ko: '판교 데이터센터 화재', en: 'Pangyo data centre fire' },
        started: '2022-10-15T12:00',
        updates: [
          say('2022-10-15T12:05', 'investigating'),
          say('2022-10-15T13:00', 'identified', '카카오뱅크도 영향을 받습니다.', {
            affected: [
              { service: 'kakaotalk', status: 'major_outage' },
              { service: 'kakaobank', status: 'major_outage' },
            ],
          }),
        ],
      }),
    ),
    incidentFile(
      'bank-maintenance',
      maintenanceFields({ updates: [say('2022-10-15T09:00', 'scheduled', '정기 점검 예정입니다.')] }),
    ),
    incidentFile(
      'later',
      incidentFields({ started: '2022-10-20T09:00', affected: [{ service: 'kakaobank', status: 'major_outage' }] }),
    ),
  ),
);

const formatPath = createPathFormatter('/status/', 'ko');

function sourceAt(statusModel: StatusModel, now: string, locale: Locale = 'ko'): FeedSource {
  const at = kst(now);
  return {
    site: statusModel.site,
    known: getStatusSnapshot(statusModel, at).known,
    services: new Map(statusModel.services.map((s) => [s.id, s])),
    locale,
    defaultLocale: 'ko',
    timezone: 'Asia/Seoul',
    now: at,
    t: createTranslator(locale),
    url: (route) => toAbsoluteUrl(formatPath(route, locale), ORIGIN),
  };
}

const link = (slug: string, anchor?: string) => `${ROOT}incidents/${slug}/${anchor ? `#update-${anchor}` : ''}`;

const xml = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  isArray: (name) => ['entry', 'link', 'category', 'item'].includes(name),
});

interface AtomLink {
  rel: string;
  href: string;
  type?: string;
}
interface ParsedAtom {
  feed: {
    'xml:lang': string;
    id: string;
    title: string;
    subtitle: string;
    updated: string;
    link: AtomLink[];
    author: { name: string };
    entry?: {
      id: string;
      title: string;
      updated: string;
      published: string;
      link: AtomLink[];
      category: { term: string; label: string }[];
      content: { type: string; '#text'?: string };
    }[];
  };
}
interface ParsedRssChannel {
  rss: {
    channel: { language: string; lastBuildDate: string; 'atom:link': { href: string; rel: string; type: string } };
  };
}

const readAtom = (text: string) => xml.parse(text) as ParsedAtom;
const readJson = (text: string) => JSON.parse(text) as JsonFeed;
const RFC_3339 = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)$/;

/** The ids (= links) of a feed, newest first, in every format. */
async function idsIn(source: FeedSource, service?: string): Promise<Record<FeedFormat, string[]>> {
  const rss = await new Parser().parseString(await buildRssFeed(createFeed(source, 'rss', service)));
  const atom = readAtom(buildAtomFeed(createFeed(source, 'atom', service)));
  const ids = {
    rss: rss.items.map((i) => i.guid ?? ''),
    atom: (atom.feed.entry ?? []).map((e) => e.id),
    json: [] as string[],
  };
  if (service === undefined) ids.json = readJson(buildJsonFeed(createFeed(source, 'json'))).items.map((i) => i.id);
  return ids;
}

describe('per-service feeds', () => {
  test.each([
    {
      now: '2022-10-15T14:00',
      service: 'kakaotalk',
      ids: [
        link('spread', '20221015-1300'),
        link('spread', '20221015-1205'),
        link('talk-delay', '20221015-1100'),
        link('talk-delay', '20221015-1005'),
      ],
    },
    {
      // The 13:00 update brought KakaoBank into the fire: all of its entries belong to KakaoBank's feed.
      now: '2022-10-15T14:00',
      service: 'kakaobank',
      ids: [
        link('spread', '20221015-1300'),
        link('spread', '20221015-1205'),
        link('bank-maintenance', '20221015-0900'),
      ],
    },
    {
      // Before 13:00 nobody knew KakaoBank would be affected.
      now: '2022-10-15T12:30',
      service: 'kakaobank',
      ids: [link('bank-maintenance', '20221015-0900')],
    },
    { now: '2022-10-15T14:00', service: 'kakao-t', ids: [] },
  ])('at $now, $service: $ids.length entries', async ({ now, service, ids }) => {
    const found = await idsIn(sourceAt(model, now), service);
    expect(found.rss).toEqual(ids);
    expect(found.atom).toEqual(ids);
  });

  test('the site feed has every entry; its items are the union of the service feeds', async () => {
    const source = sourceAt(model, '2022-10-15T14:00');
    const all = await idsIn(source);
    // talk-delay 2, spread 2, bank-maintenance 1; `later` has not started.
    expect(all.rss).toHaveLength(5);
    expect(all.atom).toEqual(all.rss);
    expect(all.json).toEqual(all.rss);
    const union = new Set<string>();
    for (const service of ['kakaotalk', 'kakaobank', 'kakao-t']) {
      for (const id of (await idsIn(source, service)).rss) union.add(id);
    }
    expect([...union].sort()).toEqual([...all.rss].sort());
  });

  test('tags name the state and every service affected, so a reader can filter the site feed', () => {
    const feed = readJson(buildJsonFeed(createFeed(sourceAt(model, '2022-10-15T14:00'), 'json')));
    expect(feed.items.map((i) => [i.id.replace(ROOT, ''), i.tags])).toEqual([
      ['incidents/spread/#update-20221015-1300', ['identified', 'kakaotalk', 'kakaobank']],
      ['incidents/spread/#update-20221015-1205', ['investigating', 'kakaotalk', 'kakaobank']],
      ['incidents/talk-delay/#update-20221015-1100', ['resolved', 'kakaotalk']],
      ['incidents/talk-delay/#update-20221015-1005', ['investigating', 'kakaotalk']],
      ['incidents/bank-maintenance/#update-20221015-0900', ['scheduled', 'kakaobank']],
    ]);
  });

  test.each([
    ['ko', 'kakaotalk', '카카오 서비스 상태 · 카카오톡 장애·점검 소식', '카카오톡의 장애와 점검 업데이트'],
    [
      'en',
      'kakaobank',
      'Kakao Service Status: KakaoBank incidents and maintenance',
      'Incident and maintenance updates for KakaoBank',
    ],
    ['ko', undefined, '카카오 서비스 상태 장애·점검 소식', '카카오 서비스의 현재 상태'],
    ['en', undefined, 'Kakao Service Status: incidents and maintenance', 'What works at Kakao right now'],
  ] as const)('%s %s: "%s"', async (locale, service, title, description) => {
    const source = sourceAt(model, '2022-10-15T14:00', locale);
    const rss = await new Parser().parseString(await buildRssFeed(createFeed(source, 'rss', service)));
    const atom = readAtom(buildAtomFeed(createFeed(source, 'atom', service)));
    expect([rss.title, rss.description]).toEqual([title, description]);
    expect([atom.feed.title, atom.feed.subtitle]).toEqual([title, description]);
  });

  test('toFeedSource takes what src/data/load.ts hands the endpoints', () => {
    const at = kst('2022-10-15T14:00');
    const data = {
      model,
      snapshot: getStatusSnapshot(model, at),
      serviceById: new Map(model.services.map((s) => [s.id, s])),
    };
    const ctx = {
      locale: 'en' as const,
      defaultLocale: 'ko' as const,
      timezone: 'Asia/Seoul',
      now: at,
      t: createTranslator('en'),
      url: (route: string, locale: Locale = 'en') => toAbsoluteUrl(formatPath(route, locale), ORIGIN),
    };
    const source = toFeedSource(data, ctx);
    expect(createFeed(source, 'atom', 'kakaobank')).toEqual(
      createFeed(sourceAt(model, '2022-10-15T14:00', 'en'), 'atom', 'kakaobank'),
    );
  });

  test('the feeds of one build share their entries, and still differ by locale, moment and URL', () => {
    const at = kst('2022-10-15T14:00');
    const data = {
      model,
      snapshot: getStatusSnapshot(model, at),
      serviceById: new Map(model.services.map((s) => [s.id, s])),
    };
    const contextOf = (locale: Locale, origin = ORIGIN, now = at) => ({
      locale,
      defaultLocale: 'ko' as const,
      timezone: 'Asia/Seoul',
      now,
      t: createTranslator(locale),
      url: (route: string) => toAbsoluteUrl(formatPath(route, locale), origin),
    });
    const alone = (ctx: ReturnType<typeof contextOf>, format: FeedFormat, service?: string) =>
      createFeed({ ...toFeedSource(data, ctx), entries: undefined }, format, service);
    const contexts = [
      contextOf('ko'),
      contextOf('en'),
      contextOf('ko', 'https://mirror.example.com'),
      contextOf('ko', ORIGIN, kst('2022-10-15T12:30')),
    ];
    for (let round = 0; round < 2; round++) {
      for (const ctx of contexts) {
        for (const service of [undefined, 'kakaotalk', 'kakaobank', 'kakao-t']) {
          for (const format of ['rss', 'atom', 'json'] as const) {
            if (format === 'json' && service !== undefined) continue;
            expect(createFeed(toFeedSource(data, ctx), format, service)).toEqual(alone(ctx, format, service));
          }
        }
      }
    }
    const links = (ctx: ReturnType<typeof contextOf>) =>
      createFeed(toFeedSource(data, ctx), 'atom').entries.map((e) => e.link);
    expect(links(contexts[2] ?? contextOf('ko'))[0]).toMatch(/^https:\/\/mirror\.example\.com\/status\//);
    expect(links(contexts[1] ?? contextOf('en'))[0]).toMatch(/^https:\/\/status\.example\.com\/status\/en\//);
  });

  test('an unknown service, or a per-service JSON Feed, is a programming error', () => {
    const source = sourceAt(model, '2022-10-15T14:00');
    expect(() => createFeed(source, 'rss', 'daum')).toThrow('no service "daum"');
    expect(() => createFeed(source, 'json', 'kakaotalk')).toThrow('no per-service json feed');
  });
});

describe('Atom 1.0', () => {
  const source = sourceAt(model, '2022-10-15T14:00', 'en');

  test('the feed has an id, its self link, the page it follows, updated = the build moment and an author', () => {
    const { feed } = readAtom(buildAtomFeed(createFeed(source, 'atom', 'kakaotalk')));
    expect(feed.id).toBe(`${ROOT}en/services/kakaotalk/feed.atom`);
    expect(feed.link).toEqual([
      { rel: 'self', href: `${ROOT}en/services/kakaotalk/feed.atom`, type: 'application/atom+xml' },
      { rel: 'alternate', href: `${ROOT}en/services/kakaotalk/`, type: 'text/html', hreflang: 'en' },
    ]);
    expect(feed.updated).toBe('2022-10-15T14:00:00+09:00');
    expect(feed.author.name).toBe('Kakao Service Status');
    expect(feed['xml:lang']).toBe('en');
  });

  test('each entry: id = its link, updated = published = the update time in RFC 3339, a category for the state', () => {
    const { feed } = readAtom(buildAtomFeed(createFeed(source, 'atom')));
    const entries = feed.entry ?? [];
    expect(entries.map((e) => [e.id.replace(ROOT, ''), e.updated, e.category[0]])).toEqual([
      [
        'en/incidents/spread/#update-20221015-1300',
        '2022-10-15T13:00:00+09:00',
        { term: 'identified', label: 'Identified' },
      ],
      [
        'en/incidents/spread/#update-20221015-1205',
        '2022-10-15T12:05:00+09:00',
        { term: 'investigating', label: 'Investigating' },
      ],
      [
        'en/incidents/talk-delay/#update-20221015-1100',
        '2022-10-15T11:00:00+09:00',
        { term: 'resolved', label: 'Resolved' },
      ],
      [
        'en/incidents/talk-delay/#update-20221015-1005',
        '2022-10-15T10:05:00+09:00',
        { term: 'investigating', label: 'Investigating' },
      ],
      [
        'en/incidents/bank-maintenance/#update-20221015-0900',
        '2022-10-15T09:00:00+09:00',
        { term: 'scheduled', label: 'Scheduled' },
      ],
    ]);
    for (const entry of entries) {
      expect(entry.published).toBe(entry.updated);
      expect(entry.updated).toMatch(RFC_3339);
      expect(entry.link).toEqual([{ rel: 'alternate', href: entry.id, type: 'text/html', hreflang: 'en' }]);
      expect(entry.content.type).toBe('html');
    }
  });

  test('ids do not change when the next build adds an update', () => {
    const before = readAtom(buildAtomFeed(createFeed(sourceAt(model, '2022-10-15T12:30'), 'atom')));
    const after = readAtom(buildAtomFeed(createFeed(sourceAt(model, '2022-10-15T14:00'), 'atom')));
    const idsBefore = (before.feed.entry ?? []).map((e) => e.id);
    const idsAfter = (after.feed.entry ?? []).map((e) => e.id);
    expect(idsAfter.filter((id) => !idsBefore.includes(id))).toEqual([link('spread', '20221015-1300')]);
    expect(idsBefore.every((id) => idsAfter.includes(id))).toBe(true);
  });

  test('an empty feed is still a feed', async () => {
    const text = buildAtomFeed(createFeed(source, 'atom', 'kakao-t'));
    expect(text.startsWith('<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"')).toBe(
      true,
    );
    const parsed = await new Parser().parseString(text);
    expect(parsed.items).toEqual([]);
    expect(parsed.feedUrl).toBe(`${ROOT}en/services/kakao-t/feed.atom`);
  });
});

describe('RSS 2.0', () => {
  test('the channel has its language, lastBuildDate = the build moment and an atom:link to itself', async () => {
    const text = await buildRssFeed(createFeed(sourceAt(model, '2022-10-15T14:00'), 'rss', 'kakaobank'));
    const { channel } = (xml.parse(text) as ParsedRssChannel).rss;
    expect(channel.language).toBe('ko');
    expect(channel.lastBuildDate).toBe('Sat, 15 Oct 2022 05:00:00 GMT');
    expect(channel['atom:link']).toEqual({
      href: `${ROOT}services/kakaobank/rss.xml`,
      rel: 'self',
      type: 'application/rss+xml',
    });
  });

  test('every item has a permanent guid equal to its link, a date and the state as a category', async () => {
    const rss = await new Parser().parseString(
      await buildRssFeed(createFeed(sourceAt(model, '2022-10-15T14:00'), 'rss')),
    );
    expect(rss.items.map((i) => [i.isoDate, i.categories])).toEqual([
      ['2022-10-15T04:00:00.000Z', ['identified', 'kakaotalk', 'kakaobank']],
      ['2022-10-15T03:05:00.000Z', ['investigating', 'kakaotalk', 'kakaobank']],
      ['2022-10-15T02:00:00.000Z', ['resolved', 'kakaotalk']],
      ['2022-10-15T01:05:00.000Z', ['investigating', 'kakaotalk']],
      ['2022-10-15T00:00:00.000Z', ['scheduled', 'kakaobank']],
    ]);
    for (const item of rss.items) expect(item.guid).toBe(item.link);
  });
});

describe('JSON Feed 1.1', () => {
  test('top-level fields', () => {
    const feed = readJson(buildJsonFeed(createFeed(sourceAt(model, '2022-10-15T14:00', 'en'), 'json')));
    expect({ ...feed, items: feed.items.length }).toEqual({
      version: 'https://jsonfeed.org/version/1.1',
      title: 'Kakao Service Status: incidents and maintenance',
      home_page_url: `${ROOT}en/`,
      feed_url: `${ROOT}en/feed.json`,
      description: 'What works at Kakao right now',
      language: 'en',
      authors: [{ name: 'Kakao Service Status' }],
      items: 5,
    });
  });

  test('items: id = url = the entry link, date_published in RFC 3339 with the site offset', () => {
    const feed = readJson(buildJsonFeed(createFeed(sourceAt(model, '2022-10-15T14:00'), 'json')));
    const [latest] = feed.items;
    expect(latest).toEqual({
      id: link('spread', '20221015-1300'),
      url: link('spread', '20221015-1300'),
      title: '[카카오톡 · 원인 파악] 판교 데이터센터 화재',
      content_html: '<p>카카오뱅크도 영향을 받습니다.</p>',
      date_published: '2022-10-15T13:00:00+09:00',
      tags: ['identified', 'kakaotalk', 'kakaobank'],
    });
    for (const item of feed.items) {
      expect(item.date_published).toMatch(RFC_3339);
      expect(item.url).toBe(item.id);
    }
    expect(new Set(feed.items.map((i) => i.id)).size).toBe(feed.items.length);
  });
});

describe('author text in every format', () => {
  const source = sourceAt(model, '2022-10-15T14:00');
  const titleKo = '[카카오톡 · 조사 중] 메시지 <b>지연</b> & 오류';

  test('< & in titles come back as the same text, not markup', async () => {
    const rss = await new Parser().parseString(await buildRssFeed(createFeed(source, 'rss')));
    const atom = readAtom(buildAtomFeed(createFeed(source, 'atom')));
    const json = readJson(buildJsonFeed(createFeed(source, 'json')));
    expect(rss.items.map((i) => i.title)).toContain(titleKo);
    expect((atom.feed.entry ?? []).map((e) => e.title)).toContain(titleKo);
    expect(json.items.map((i) => i.title)).toContain(titleKo);
    expect(buildAtomFeed(createFeed(source, 'atom'))).toContain('메시지 &lt;b&gt;지연&lt;/b&gt; &amp; 오류');
  });

  test('no script, event handler or javascript: link survives into the content', async () => {
    const rss = await new Parser().parseString(await buildRssFeed(createFeed(source, 'rss')));
    const atom = readAtom(buildAtomFeed(createFeed(source, 'atom')));
    const json = readJson(buildJsonFeed(createFeed(source, 'json')));
    const contents = [
      ...rss.items.map((i) => i.content ?? ''),
      ...(atom.feed.entry ?? []).map((e) => e.content['#text'] ?? ''),
      ...json.items.map((i) => i.content_html),
    ];
    expect(contents).toHaveLength(15);
    for (const html of contents) expect(html).not.toMatch(/<script|<img|onerror=|javascript:/i);
    // The reader still sees what the author pasted, as text.
    expect(json.items.find((i) => i.id.endsWith('1005'))?.content_html).toContain(
      '&lt;script&gt;alert(1)&lt;/script&gt;',
    );
  });

  test('characters XML cannot carry are dropped, so one pasted control character does not break the feed', async () => {
    // The content check refuses these (text.ts); the feeds drop them anyway, in case a model comes from elsewhere.
    const clean = buildModel(
      contentWith(incidentFile('ctl', incidentFields({ title: '제어문자 장애' }), '본문입니다 😀')),
    );
    const withControl = {
      ...clean,
      incidents: clean.incidents.map((i) => ({
        ...i,
        title: '제어\u0001문자 \uFFFE장애',
        // The open incident's first entry reads its note.
        affected: i.affected.map((a) => ({ ...a, note: '본문\u0008입니다 😀' })),
      })),
    };
    const ctlSource = sourceAt(withControl, '2022-10-15T16:00');
    const atomText = buildAtomFeed(createFeed(ctlSource, 'atom'));
    const rssText = await buildRssFeed(createFeed(ctlSource, 'rss'));
    for (const text of [atomText, rssText]) {
      expect(['\u0001', '\u0008', '\uFFFE'].filter((c) => text.includes(c))).toEqual([]);
      const parsed = await new Parser().parseString(text);
      expect(parsed.items.map((i) => [i.title, i.content])).toEqual([
        ['[카카오톡 · 조사 중] 제어문자 장애', '<p>본문입니다 😀</p>'],
      ]);
    }
  });

  test.each([
    ['a\u0000b\u001Fc', 'abc'],
    ['tab\tnew\nline\r', 'tab\tnew\nline\r'],
    ['한글 😀 \uD800x', '한글 😀 x'],
  ])('toXmlChars(%j)', (text, expected) => {
    expect(toXmlChars(text)).toBe(expected);
  });

  test('a feed URL with & is escaped in the self links', async () => {
    const odd = { ...source, url: (route: string) => `${ORIGIN}/${route}?a=1&b=2` };
    const rss = await buildRssFeed(createFeed(odd, 'rss'));
    const atom = buildAtomFeed(createFeed(odd, 'atom'));
    expect(rss).toContain('href="https://status.example.com/rss.xml?a=1&amp;b=2" rel="self"');
    expect(readAtom(atom).feed.id).toBe(`${ORIGIN}/feed.atom?a=1&b=2`);
    expect((await new Parser().parseString(atom)).feedUrl).toBe(`${ORIGIN}/feed.atom?a=1&b=2`);
  });
});
