/**
 * The incremental build's keys (src/lib/cache-keys.ts): a closed record's key
 * is what its page shows and nothing else; a page of the moment's key moves
 * with the moment and with any content. tests/build/incremental.test.ts
 * checks the same against real builds, byte for byte.
 */
import { describe, expect, test } from 'vitest';
import {
  getClosedAt,
  getContentDigest,
  getFrameDigest,
  getListClosedAt,
  getListKey,
  getMomentKey,
  getRecordKey,
} from '../../src/lib/cache-keys.ts';
import type { StatusModel } from '../../src/lib/model.ts';
import { getStatusSnapshot, type IncidentSnapshot } from '../../src/lib/status.ts';
import {
  buildModel,
  contentWith,
  incidentFields,
  incidentFile,
  KAKAOBANK,
  kst,
  maintenanceFields,
  serviceFile,
} from './builders.ts';

const RESOLVED = incidentFile(
  '2022/fire',
  incidentFields({
    resolved: '2022-10-20T23:00',
    updates: [
      { at: '2022-10-15T15:50', status: 'investigating', message: '확인 중입니다.' },
      { at: '2022-10-20T23:00', status: 'resolved', message: '복구되었습니다.' },
    ],
  }),
  '판교 데이터센터 화재의 기록입니다.',
);
const OPEN = incidentFile('2024/open', incidentFields({ title: '열린 장애', started: '2024-05-13T13:44' }));
const AFTER = kst('2024-06-01T12:00');

function snapshotOf(model: StatusModel, slug: string, at = AFTER): IncidentSnapshot {
  const found = getStatusSnapshot(model, at).known.find((s) => s.incident.slug === slug);
  if (!found) throw new Error(`no snapshot of ${slug}`);
  return found;
}

function recordKey(model: StatusModel, slug: string, overrides: { at?: number; locale?: 'ko' | 'en' } = {}) {
  const at = overrides.at ?? AFTER;
  return getRecordKey({
    frame: getFrameDigest({ site: model.site, siteUrl: 'https://status.example.com', basePath: '/' }),
    locale: overrides.locale ?? 'ko',
    snapshot: snapshotOf(model, slug, at),
    services: new Map(model.services.map((s) => [s.id, s])),
    now: at,
    content: getContentDigest(model),
  });
}

/** Resolved on 2022-10-20, with a postmortem dated 2022-12-06. */
const WITH_POSTMORTEM = incidentFile(
  '2022/fire',
  incidentFields({
    resolved: '2022-10-20T23:00',
    updates: [
      { at: '2022-10-20T23:00', status: 'resolved', message: '복구되었습니다.' },
      { at: '2022-12-06T10:00', status: 'postmortem', message: '원인 분석 보고서입니다.' },
    ],
  }),
);

describe('getClosedAt', () => {
  test('a resolved incident closed at its last entry; an open one has no such moment', () => {
    const model = buildModel(contentWith(RESOLVED, OPEN));
    expect(getClosedAt(snapshotOf(model, 'fire'))).toBe(kst('2022-10-20T23:00'));
    expect(getClosedAt(snapshotOf(model, 'open'))).toBeUndefined();
  });

  test('a postmortem after the resolution moves it, once the moment has passed it', () => {
    const model = buildModel(contentWith(WITH_POSTMORTEM));
    expect(getClosedAt(snapshotOf(model, 'fire', kst('2022-11-01T00:00')))).toBe(kst('2022-10-20T23:00'));
    expect(getClosedAt(snapshotOf(model, 'fire'))).toBe(kst('2022-12-06T10:00'));
  });

  test('maintenance: completed once its window is over, not while upcoming or in progress', () => {
    const model = buildModel(contentWith(incidentFile('2022/bank', maintenanceFields())));
    expect(getClosedAt(snapshotOf(model, 'bank', kst('2022-10-31T12:00')))).toBeUndefined();
    expect(getClosedAt(snapshotOf(model, 'bank', kst('2022-11-01T03:00')))).toBeUndefined();
    expect(getClosedAt(snapshotOf(model, 'bank'))).toBe(kst('2022-11-01T04:00'));
  });
});

describe('getRecordKey', () => {
  const model = buildModel(contentWith(RESOLVED, OPEN));

  test('a closed record: the same at any later moment, whatever else the content holds', () => {
    const key = recordKey(model, 'fire');
    expect(recordKey(model, 'fire', { at: kst('2026-12-02T09:00') })).toBe(key);
    const more = buildModel(
      contentWith(RESOLVED, OPEN, incidentFile('2024/other', incidentFields({ started: '2024-05-20T14:52' }))),
    );
    expect(recordKey(more, 'fire')).toBe(key);
    // A service it does not name, renamed.
    const renamedBank = serviceFile('kakaobank', { name: { ko: '카카오 뱅크', en: 'KakaoBank' }, order: 2 });
    expect(recordKey(buildModel(contentWith(RESOLVED, OPEN, renamedBank)), 'fire')).toBe(key);
    expect(KAKAOBANK.path).toBe(renamedBank.path);
  });

  test('a closed record: another key when what its page shows changes', () => {
    const key = recordKey(model, 'fire');
    expect(recordKey(model, 'fire', { locale: 'en' })).not.toBe(key);
    // Its body, a service it names, the site's title.
    const body = incidentFile('2022/fire', incidentFields({ resolved: '2022-10-20T23:00' }), '다른 본문');
    expect(recordKey(buildModel(contentWith(body, OPEN)), 'fire')).not.toBe(key);
    const renamed = serviceFile('kakaotalk', { name: { ko: '카카오톡 메신저', en: 'KakaoTalk' }, order: 1 });
    expect(recordKey(buildModel(contentWith(RESOLVED, OPEN, renamed)), 'fire')).not.toBe(key);
    const model2 = buildModel(contentWith(RESOLVED, OPEN));
    const frame = getFrameDigest({ site: { ...model2.site, title: { ko: '상태' } }, siteUrl: 'x', basePath: '/' });
    expect(
      getRecordKey({
        frame,
        locale: 'ko',
        snapshot: snapshotOf(model2, 'fire'),
        services: new Map(model2.services.map((s) => [s.id, s])),
        now: AFTER,
        content: '',
      }),
    ).not.toBe(key);
  });

  test('a closed record: another key once a later entry (a postmortem) is known, the same before', () => {
    const later = buildModel(contentWith(WITH_POSTMORTEM));
    const before = recordKey(later, 'fire', { at: kst('2022-11-01T00:00') });
    expect(recordKey(later, 'fire', { at: kst('2022-12-06T09:59') })).toBe(before);
    expect(recordKey(later, 'fire', { at: kst('2022-12-06T10:00') })).not.toBe(before);
  });

  test('an open record is a page of the moment: another key at every moment and for any content', () => {
    const key = recordKey(model, 'open');
    expect(recordKey(model, 'open', { at: AFTER + 60_000 })).not.toBe(key);
    const more = buildModel(
      contentWith(RESOLVED, OPEN, incidentFile('2021/other', incidentFields({ started: '2021-07-16T16:30' }))),
    );
    expect(recordKey(more, 'open')).not.toBe(key);
  });
});

describe('getListKey and getListClosedAt', () => {
  const model = buildModel(
    contentWith(
      RESOLVED,
      OPEN,
      incidentFile('2023/net', incidentFields({ started: '2023-01-17T14:09', resolved: '2023-01-17T14:18' })),
    ),
  );
  const services = new Map(model.services.map((s) => [s.id, s]));
  const list = (slugs: string[], now = AFTER, rest: Record<string, unknown> = { pages: 2 }) =>
    getListKey({
      frame: 'f',
      locale: 'ko',
      route: 'history:2',
      entries: slugs.map((slug) => snapshotOf(model, slug, now)),
      rest,
      services,
      now,
      content: getContentDigest(model),
    });

  test('closed records only: the latest closing moment, and a key the moment does not move', () => {
    const entries = ['net', 'fire'].map((slug) => snapshotOf(model, slug));
    expect(getListClosedAt(entries)).toBe(kst('2023-01-17T14:18'));
    expect(list(['net', 'fire'])).toBe(list(['net', 'fire'], AFTER + 86_400_000));
    expect(list(['net', 'fire'])).not.toBe(list(['fire']));
    expect(list(['net', 'fire'])).not.toBe(list(['net', 'fire'], AFTER, { pages: 3 }));
  });

  test('an open record or an empty list makes it a page of the moment', () => {
    expect(getListClosedAt([])).toBeUndefined();
    expect(getListClosedAt(['open', 'fire'].map((slug) => snapshotOf(model, slug)))).toBeUndefined();
    expect(list(['open', 'fire'])).not.toBe(list(['open', 'fire'], AFTER + 60_000));
    expect(list([])).not.toBe(list([], AFTER + 60_000));
  });
});

describe('getMomentKey', () => {
  test('moves with the moment, the content, the locale and the frame', () => {
    const base = { frame: 'f', locale: 'ko' as const, route: '', now: AFTER, content: 'c' };
    const key = getMomentKey(base);
    expect(getMomentKey({ ...base })).toBe(key);
    for (const change of [{ now: AFTER + 1 }, { content: 'd' }, { locale: 'en' as const }, { frame: 'g' }]) {
      expect(getMomentKey({ ...base, ...change })).not.toBe(key);
    }
  });
});
