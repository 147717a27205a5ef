/**
 * Feed entries: one per update, so a subscriber hears of every update, with a
 * title that says which services and what state, and a permanent link.
 */
import { describe, expect, test } from 'vitest';
import {
  buildFeedEntries,
  FEED_ENTRY_LIMIT,
  formatServiceList,
  type FeedContext,
} from '../../src/lib/feeds/entries.ts';
import type { Locale } from '../../src/lib/i18n/locales.ts';
import { createTranslator } from '../../src/lib/i18n/translate.ts';
import type { StatusModel } from '../../src/lib/model.ts';
import { getStatusSnapshot } from '../../src/lib/status.ts';
import type { ContentFile } from '../../src/lib/validate.ts';
import {
  buildModel,
  contentWith,
  incidentFields,
  incidentFile,
  kst,
  maintenanceFields,
  serviceFile,
  type Fields,
} from './builders.ts';

const SITE = 'https://status.example.com';
const say = (at: string, status: string, message: Fields | string = `${status} 공지`) => ({ at, status, message });

const EXTRA_SERVICES = [
  serviceFile('kakao-t', { name: { ko: '카카오 T', en: 'Kakao T' }, order: 3 }),
  serviceFile('kakaostory', { name: { ko: '카카오스토리', en: 'KakaoStory' }, order: 4 }),
];

const FIRE_UPDATES = [
  say('2022-10-15T15:50', 'investigating', { ko: '긴급 점검 중입니다.', en: 'An emergency check is under way.' }),
  say('2022-10-15T16:10', 'identified', {
    ko: '데이터센터 **화재**가 원인입니다.',
    en: 'A data centre **fire** is the cause.',
  }),
  say('2022-10-15T20:30', 'identified', '복구가 지연되고 있습니다. <script>alert(1)</script>'),
];

function fireFile(updates: Fields[] = FIRE_UPDATES, extra: Fields = {}): ContentFile {
  return incidentFile(
    '2022/fire',
    incidentFields({
      title: { ko: '판교 데이터센터 화재', en: 'Pangyo data centre fire' },
      impact: 'critical',
      affected: ['kakaotalk', 'kakaobank', 'kakao-t', 'kakaostory'].map((service) => ({
        service,
        status: 'major_outage',
      })),
      updates,
      ...extra,
    }),
  );
}

function contextFor(
  model: StatusModel,
  now: number,
  locale: Locale = 'ko',
  timezone = model.site.timezone,
): FeedContext {
  return {
    locale,
    defaultLocale: model.site.defaultLocale,
    timezone,
    now,
    t: createTranslator(locale),
    services: new Map(model.services.map((s) => [s.id, s])),
    getIncidentUrl: (slug) => `${SITE}${locale === 'ko' ? '' : `/${locale}`}/incidents/${slug}/`,
  };
}

/** The feed as the build writes it at `now`. */
function feedAt(model: StatusModel, now: string, locale: Locale = 'ko', limit?: number) {
  const instant = kst(now);
  return buildFeedEntries(getStatusSnapshot(model, instant).known, contextFor(model, instant, locale), { limit });
}

describe('buildFeedEntries', () => {
  const model = buildModel(contentWith(...EXTRA_SERVICES, fireFile()));

  test('one entry per update announced by then, newest first; later updates are not in the feed yet', () => {
    expect(feedAt(model, '2022-10-15T17:00').map(({ title, link, published }) => ({ title, link, published }))).toEqual(
      [
        {
          title: '[카카오톡 외 3 · 원인 파악] 판교 데이터센터 화재',
          link: `${SITE}/incidents/fire/#update-20221015-1610`,
          published: kst('2022-10-15T16:10'),
        },
        {
          title: '[카카오톡 외 3 · 조사 중] 판교 데이터센터 화재',
          link: `${SITE}/incidents/fire/#update-20221015-1550`,
          published: kst('2022-10-15T15:50'),
        },
      ],
    );
  });

  test('entries carry the update message as sanitised HTML', () => {
    const entries = feedAt(model, '2022-10-15T21:00');
    expect(entries.map((e) => e.html)).toEqual([
      '<p>복구가 지연되고 있습니다. &lt;script&gt;alert(1)&lt;/script&gt;</p>',
      '<p>데이터센터 <strong>화재</strong>가 원인입니다.</p>',
      '<p>긴급 점검 중입니다.</p>',
    ]);
  });

  test('the English feed has English titles, names and messages', () => {
    const [latest] = feedAt(model, '2022-10-15T17:00', 'en');
    expect(latest).toEqual({
      title: '[KakaoTalk +3 · Identified] Pangyo data centre fire',
      link: `${SITE}/en/incidents/fire/#update-20221015-1610`,
      published: kst('2022-10-15T16:10'),
      html: '<p>A data centre <strong>fire</strong> is the cause.</p>',
      state: 'identified',
      services: ['kakaotalk', 'kakaobank', 'kakao-t', 'kakaostory'],
      categories: [
        { term: 'identified', label: 'Identified' },
        { term: 'kakaotalk', label: 'KakaoTalk' },
        { term: 'kakaobank', label: 'KakaoBank' },
        { term: 'kakao-t', label: 'Kakao T' },
        { term: 'kakaostory', label: 'KakaoStory' },
      ],
    });
  });

  test('nothing before the incident started', () => {
    expect(feedAt(model, '2022-10-15T15:00')).toEqual([]);
  });

  test('the limit keeps the newest entries', () => {
    expect(feedAt(model, '2022-10-16T00:00', 'ko', 2).map((e) => e.published)).toEqual([
      kst('2022-10-15T20:30'),
      kst('2022-10-15T16:10'),
    ]);
  });

  test(`without a limit at most ${FEED_ENTRY_LIMIT} entries, the newest`, () => {
    const many = Array.from({ length: 60 }, (_, i) => {
      const day = String(1 + (i % 28)).padStart(2, '0');
      const month = String(1 + Math.floor(i / 28)).padStart(2, '0');
      return incidentFile(
        `i${i}`,
        incidentFields({
          started: `2023-${month}-${day}T10:00`,
          updates: [say(`2023-${month}-${day}T10:05`, 'investigating'), say(`2023-${month}-${day}T11:00`, 'resolved')],
        }),
      );
    });
    const entries = feedAt(buildModel(contentWith(...many)), '2024-01-01T00:00');
    expect(entries).toHaveLength(FEED_ENTRY_LIMIT);
    expect(entries[0]?.published).toBe(kst('2023-03-04T11:00'));
    const published = entries.map((e) => e.published);
    expect(published).toEqual([...published].sort((a, b) => b - a));
  });
});

describe('entries across incidents', () => {
  const model = buildModel(
    contentWith(
      ...EXTRA_SERVICES,
      fireFile(),
      incidentFile(
        'photos',
        incidentFields({
          title: '사진 전송 장애',
          started: '2022-10-15T16:30',
          affected: [{ service: 'kakaotalk', status: 'partial_outage' }],
        }),
        '사진과 동영상을 보낼 수 없습니다.',
      ),
      incidentFile(
        'bank',
        incidentFields({
          title: '카카오뱅크 송금 지연',
          started: '2022-10-15T16:00',
          resolved: '2022-10-15T16:45',
          affected: [{ service: 'kakaobank', status: 'degraded_performance' }],
          updates: [say('2022-10-15T16:05', 'investigating')],
        }),
      ),
      incidentFile(
        'bank-maintenance',
        maintenanceFields({ scheduled: { start: '2022-11-01T02:00', end: '2022-11-01T04:00' } }),
        '정기 점검입니다.',
      ),
    ),
  );

  test('interleaved newest first, with an opening entry for an incident without updates', () => {
    expect(feedAt(model, '2022-10-15T17:00').map((e) => [e.title, e.link.replace(SITE, '')])).toEqual([
      // Published at the build's moment: it was known by then at the latest.
      ['[카카오뱅크 · 예정] 카카오뱅크 정기 점검', '/incidents/bank-maintenance/'],
      ['[카카오뱅크 · 해결] 카카오뱅크 송금 지연', '/incidents/bank/#update-20221015-1645'],
      ['[카카오톡 · 조사 중] 사진 전송 장애', '/incidents/photos/#update-20221015-1630'],
      ['[카카오톡 외 3 · 원인 파악] 판교 데이터센터 화재', '/incidents/fire/#update-20221015-1610'],
      ['[카카오뱅크 · 조사 중] 카카오뱅크 송금 지연', '/incidents/bank/#update-20221015-1605'],
      ['[카카오톡 외 3 · 조사 중] 판교 데이터센터 화재', '/incidents/fire/#update-20221015-1550'],
    ]);
  });

  test('an open incident without updates is published when it started, with its title, not its body', () => {
    const entry = feedAt(model, '2022-10-15T17:00').find((e) => e.link.includes('/photos/'));
    expect(entry).toEqual({
      title: '[카카오톡 · 조사 중] 사진 전송 장애',
      link: `${SITE}/incidents/photos/#update-20221015-1630`,
      published: kst('2022-10-15T16:30'),
      html: '<p>사진 전송 장애</p>',
      state: 'investigating',
      services: ['kakaotalk'],
      categories: [
        { term: 'investigating', label: '조사 중' },
        { term: 'kakaotalk', label: '카카오톡' },
      ],
    });
  });

  test('an upcoming maintenance without updates is published no later than the build moment', () => {
    const entry = feedAt(model, '2022-10-15T17:00').find((e) => e.link.endsWith('/bank-maintenance/'));
    expect(entry?.published).toBe(kst('2022-10-15T17:00'));
    expect(entry?.html).toBe('<p>정기 점검입니다.</p>');
  });

  test('the synthetic resolved update reads "정상화되었습니다." / "Service has been restored."', () => {
    const ko = feedAt(model, '2022-10-15T17:00').find((e) => e.link.endsWith('1645'));
    const en = feedAt(model, '2022-10-15T17:00', 'en').find((e) => e.link.endsWith('1645'));
    expect([ko?.html, en?.title, en?.html]).toEqual([
      '<p>정상화되었습니다.</p>',
      '[KakaoBank · Resolved] 카카오뱅크 송금 지연',
      '<p>Service has been restored.</p>',
    ]);
  });
});

describe('links are permanent', () => {
  test('appending an update does not change the links of the earlier ones', () => {
    const before = buildModel(contentWith(...EXTRA_SERVICES, fireFile(FIRE_UPDATES.slice(0, 2))));
    const after = buildModel(contentWith(...EXTRA_SERVICES, fireFile(FIRE_UPDATES)));
    const linksBefore = feedAt(before, '2022-10-16T00:00').map((e) => e.link);
    const linksAfter = feedAt(after, '2022-10-16T00:00').map((e) => e.link);
    expect(linksAfter.slice(1)).toEqual(linksBefore);
    expect(new Set(linksAfter).size).toBe(3);
  });

  test('two updates in the same minute get distinct anchors, the later one -2', () => {
    const model = buildModel(
      contentWith(
        ...EXTRA_SERVICES,
        fireFile([say('2022-10-15T15:50:00', 'investigating'), say('2022-10-15T15:50:40', 'identified')]),
      ),
    );
    expect(feedAt(model, '2022-10-15T17:00').map((e) => [e.title.slice(0, 18), e.link.split('#')[1]])).toEqual([
      ['[카카오톡 외 3 · 원인 파악]', 'update-20221015-1550-2'],
      ['[카카오톡 외 3 · 조사 중] ', 'update-20221015-1550'],
    ]);
  });

  test('in the same minute, file order decides: a third update renames neither of the first two', () => {
    const sameMinute = [
      say('2022-10-15T15:50:00', 'investigating', '첫째'),
      say('2022-10-15T15:50:00', 'identified', '둘째'),
      say('2022-10-15T15:50:00', 'identified', '셋째'),
    ];
    const linksOf = (updates: Fields[]) => {
      const model = buildModel(contentWith(...EXTRA_SERVICES, fireFile(updates)));
      const entries = feedAt(model, '2022-10-15T17:00');
      return Object.fromEntries(entries.map((e) => [e.html, e.link.split('#')[1]]));
    };
    const two = linksOf(sameMinute.slice(0, 2));
    const three = linksOf(sameMinute);
    expect(two).toEqual({ '<p>첫째</p>': 'update-20221015-1550', '<p>둘째</p>': 'update-20221015-1550-2' });
    expect(three).toEqual({ ...two, '<p>셋째</p>': 'update-20221015-1550-3' });
  });

  test('anchors use the site timezone', () => {
    const model = buildModel(contentWith(...EXTRA_SERVICES, fireFile()));
    const now = kst('2022-10-15T17:00');
    const utcFeed = buildFeedEntries(getStatusSnapshot(model, now).known, contextFor(model, now, 'ko', 'UTC'));
    expect(utcFeed.map((e) => e.link.split('#')[1])).toEqual(['update-20221015-0710', 'update-20221015-0650']);
  });
});

describe('formatServiceList', () => {
  const model = buildModel(contentWith(...EXTRA_SERVICES));
  const ctx = contextFor(model, 0);
  test.each([
    [[], ''],
    [['kakaotalk'], '카카오톡'],
    [['kakaobank', 'kakaotalk'], '카카오뱅크 외 1'],
    [['kakaotalk', 'kakaobank', 'kakao-t', 'kakaostory'], '카카오톡 외 3'],
    [['daum'], 'daum'],
  ])('%j: %s', (ids, text) => {
    expect(formatServiceList(ids, ctx)).toBe(text);
  });

  test('in English', () => {
    expect(formatServiceList(['kakao-t', 'kakaostory'], contextFor(model, 0, 'en'))).toBe('Kakao T +1');
  });
});
