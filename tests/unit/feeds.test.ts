/**
 * Feed entries: one per update, so a subscriber hears of every update, with a
 * title that says which services and what state, and a permanent link.
 */
import { describe, expect, test } from 'vitest';
import { getSnapshotAnchors } from '../../src/lib/anchors.ts';
import {
  buildFeedEntries,
  createFeedEntryIndex,
  FEED_ENTRY_LIMIT,
  formatServiceList,
  type FeedContext,
  type FeedEntry,
  type FeedEntryOptions,
} from '../../src/lib/feeds/entries.ts';
import { localize, type Locale } from '../../src/lib/i18n/locales.ts';
import { createTranslator } from '../../src/lib/i18n/translate.ts';
import { renderMarkdown } from '../../src/lib/markdown.ts';
import type { StatusModel } from '../../src/lib/model.ts';
import { getAffectedServiceIds, getStatusSnapshot, type IncidentSnapshot } from '../../src/lib/status.ts';
import type { UpdateState } from '../../src/lib/vocabulary.ts';
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

/**
 * The feeds of a build are selections of one ordered walk (createFeedEntryIndex):
 * what they select must be exactly what building each feed on its own gives.
 */
describe('one walk for every feed', () => {
  /** Each feed built on its own: every entry of the incidents it selects, sorted, then the limit. */
  function eachOnItsOwn(
    snapshots: readonly IncidentSnapshot[],
    ctx: FeedContext,
    options: FeedEntryOptions = {},
  ): FeedEntry[] {
    const { locale, defaultLocale, t } = ctx;
    const { service: only, limit = FEED_ENTRY_LIMIT } = options;
    const entries: FeedEntry[] = [];
    for (const snapshot of snapshots) {
      const { incident } = snapshot;
      const affectedIds = getAffectedServiceIds(snapshot);
      if (only !== undefined && !affectedIds.includes(only)) continue;
      const title = localize(incident.title, locale, defaultLocale);
      const url = ctx.getIncidentUrl(incident.slug);
      const services = formatServiceList(
        incident.affected.map((a) => a.service),
        ctx,
      );
      const describe = (state: UpdateState) => ({
        title: `[${services} · ${t(`state.${state}`)}] ${title}`,
        state,
        services: affectedIds,
        categories: [
          { term: state, label: t(`state.${state}`) },
          ...affectedIds.map((id) => ({ term: id, label: formatServiceList([id], ctx) })),
        ],
      });
      if (snapshot.updates.length === 0) {
        entries.push({
          ...describe(snapshot.state),
          link: url,
          published: Math.min(incident.started, ctx.now),
          html: renderMarkdown(snapshot.body),
        });
        continue;
      }
      const anchors = getSnapshotAnchors(snapshot, ctx.timezone);
      for (const update of snapshot.updates) {
        const message =
          update.synthetic === 'resolved'
            ? t('incident.resolvedMessage')
            : localize(update.message, locale, defaultLocale);
        entries.push({
          ...describe(update.status),
          link: `${url}#${anchors.get(update) ?? ''}`,
          published: update.at,
          html: renderMarkdown(message),
        });
      }
    }
    return entries
      .sort((a, b) => b.published - a.published || (a.link < b.link ? -1 : a.link > b.link ? 1 : 0))
      .slice(0, limit);
  }

  const SERVICES = ['kakaotalk', 'kakaobank', 'kakao-t', 'kakaostory'];
  const MINUTES = ['10:00', '10:00', '10:05', '10:30', '11:00'];
  let seed = 5;
  const random = () => (seed = (Math.imul(seed, 1_664_525) + 1_013_904_223) >>> 0) / 2 ** 32;
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  // Many incidents on few days at few minutes: entries published at the same moment, in one
  // incident and across incidents, ordered by their links; upcoming maintenance without
  // updates, all published at the build's moment; updates that change the affected list.
  const files = Array.from({ length: 48 }, (_, i) => {
    const day = `2022-10-${String(10 + (i % 4)).padStart(2, '0')}`;
    const affected = SERVICES.filter(() => random() < 0.4);
    const list = (ids: string[]) =>
      (ids.length ? ids : [pick(SERVICES)]).map((service) => ({ service, status: 'partial_outage' }));
    if (i % 7 === 3) {
      return incidentFile(
        `m${i}`,
        maintenanceFields({
          scheduled: { start: '2022-11-01T02:00', end: '2022-11-01T04:00' },
          affected: list(affected).map((a) => ({ ...a, status: 'under_maintenance' })),
        }),
        `점검 ${i}`,
      );
    }
    const times = [...new Set(Array.from({ length: 1 + Math.floor(random() * 4) }, () => pick(MINUTES)))].sort();
    const updates = times.map((time, n) =>
      say(`${day}T${time}`, n === 0 ? 'investigating' : 'identified', {
        ko: `${i}번 ${n} 공지 <b>굵게</b>`,
        en: `Notice ${i}.${n}`,
      }),
    );
    if (random() < 0.5) (updates[updates.length - 1] as Fields).affected = list(SERVICES.filter(() => random() < 0.5));
    return incidentFile(
      `i${String(i).padStart(2, '0')}`,
      incidentFields({
        title: { ko: `장애 ${i}`, en: `Outage ${i}` },
        started: `${day}T09:${String(i % 60).padStart(2, '0')}`,
        affected: list(affected),
        updates,
        ...(random() < 0.5 ? { resolved: `${day}T12:00` } : {}),
      }),
    );
  });
  const model = buildModel(contentWith(...EXTRA_SERVICES, ...files));

  test.each(['2022-10-10T10:00', '2022-10-12T10:30', '2022-10-20T00:00'])(
    'at %s: every feed of both locales, with any limit, as if built on its own',
    (now) => {
      const instant = kst(now);
      const { known } = getStatusSnapshot(model, instant);
      for (const locale of ['ko', 'en'] as const) {
        const ctx = contextFor(model, instant, locale);
        const index = createFeedEntryIndex(known, ctx);
        for (const service of [undefined, ...SERVICES, 'daum']) {
          for (const limit of [undefined, 0, 1, 2, 5, 1000]) {
            const expected = eachOnItsOwn(known, ctx, { service, limit });
            expect(index.select({ service, limit })).toEqual(expected);
            expect(buildFeedEntries(known, ctx, { service, limit })).toEqual(expected);
          }
        }
      }
    },
  );

  test('the content above has entries of the same moment, which the link orders', () => {
    const now = kst('2022-10-20T00:00');
    const entries = buildFeedEntries(getStatusSnapshot(model, now).known, contextFor(model, now), { limit: 1000 });
    const published = entries.map((e) => e.published);
    expect(new Set(published).size).toBeLessThan(published.length - 20);
    expect(published.filter((p) => p === now).length).toBeGreaterThan(2);
  });

  test('a service feed gets its own limit of entries, however many newer ones the site feed has', () => {
    const talk = Array.from({ length: 30 }, (_, i) =>
      incidentFile(
        `talk${i}`,
        incidentFields({
          started: `2023-02-${String(1 + (i % 28)).padStart(2, '0')}T10:00`,
          updates: [
            say(`2023-02-${String(1 + (i % 28)).padStart(2, '0')}T10:05`, 'investigating'),
            say(`2023-02-${String(1 + (i % 28)).padStart(2, '0')}T11:00`, 'resolved'),
          ],
        }),
      ),
    );
    const bank = incidentFile(
      'bank-old',
      incidentFields({
        started: '2023-01-01T10:00',
        affected: [{ service: 'kakaobank', status: 'major_outage' }],
        updates: [say('2023-01-01T10:05', 'investigating'), say('2023-01-01T11:00', 'resolved')],
      }),
    );
    const many = buildModel(contentWith(...EXTRA_SERVICES, ...talk, bank));
    const now = kst('2024-01-01T00:00');
    const index = createFeedEntryIndex(getStatusSnapshot(many, now).known, contextFor(many, now));
    expect(index.select({ limit: 10 }).every((e) => e.services.includes('kakaotalk'))).toBe(true);
    expect(index.select({ service: 'kakaobank', limit: 10 }).map((e) => e.link.replace(SITE, ''))).toEqual([
      '/incidents/bank-old/#update-20230101-1100',
      '/incidents/bank-old/#update-20230101-1005',
    ]);
    expect(index.select({ service: 'kakaotalk', limit: 10 })).toEqual(index.select({ limit: 10 }));
  });
});
