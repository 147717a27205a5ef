/**
 * What the live script is handed (lib/live.ts) and the one rule it applies:
 * the status engine itself at every later moment the clock alone changes the
 * page (status.ts, getScheduledSnapshots), over the content as known at the
 * build's moment. The browser side of the same rule: tests/gates/live.test.ts.
 */
import { describe, expect, test } from 'vitest';
import { localize } from '../../src/lib/i18n/locales.ts';
import { createTranslator } from '../../src/lib/i18n/translate.ts';
import { getLiveData, serializeLiveData } from '../../src/lib/live.ts';
import type { StatusModel } from '../../src/lib/model.ts';
import { getScheduledSnapshots, getStatusSnapshot, MAX_SCHEDULED_CHANGES } from '../../src/lib/status.ts';
import { buildModel, contentWith, incidentFields, incidentFile, kst, maintenanceFields } from './builders.ts';

// KakaoBank's window 02:00-04:00 on 2022-11-01, announced on 10-25.
const announced = { updates: [{ at: '2022-10-25T10:00', status: 'scheduled', message: '점검 예정' }] };
const BUILT = kst('2022-11-01T01:00');

function liveData(model: StatusModel, now: number, locale: 'ko' | 'en' = 'ko') {
  return getLiveData({
    snapshot: getStatusSnapshot(model, now),
    scheduled: getScheduledSnapshots(model, now),
    staleAfterMinutes: 15,
    poll: '/api/v2/status.json',
    timezone: 'Asia/Seoul',
    t: createTranslator(locale),
    text: (value) => localize(value, locale, 'ko'),
  });
}

describe('getScheduledSnapshots: the page at each later start and end of a window', () => {
  test('a window announced before the build: its start and its end, as the engine sees them then', () => {
    const model = buildModel(contentWith(incidentFile('bank-maintenance', maintenanceFields(announced))));
    const snapshots = getScheduledSnapshots(model, BUILT);
    expect(snapshots.map((s) => s.at)).toEqual([kst('2022-11-01T02:00'), kst('2022-11-01T04:00')]);
    // With nothing written after the build, the same as a build at those moments.
    for (const snapshot of snapshots) expect(snapshot).toEqual(getStatusSnapshot(model, snapshot.at));
    expect(snapshots.map((s) => s.services.find((x) => x.service.id === 'kakaobank')?.status)).toEqual([
      'under_maintenance',
      'operational',
    ]);
  });

  test('nothing written after the build counts: not an early end, a new incident or a later update', () => {
    const model = buildModel(
      contentWith(
        incidentFile(
          'bank-maintenance',
          maintenanceFields({
            updates: [
              ...announced.updates,
              { at: '2022-11-01T02:00', status: 'in_progress', message: '시작' },
              // Done early, written at 03:00: the build at 01:00 cannot know.
              { at: '2022-11-01T03:00', status: 'completed', message: '완료' },
            ],
            resolved: '2022-11-01T03:00',
          }),
        ),
        incidentFile('later', incidentFields({ started: '2022-11-01T02:30' })),
      ),
    );
    const [start, end] = getScheduledSnapshots(model, BUILT);
    expect(end?.at).toBe(kst('2022-11-01T04:00'));
    expect(start?.known.map((s) => s.incident.slug)).toEqual(['bank-maintenance']);
    expect(start?.known[0]?.updates.map((u) => u.status)).toEqual(['scheduled']);
    expect(start?.openIncidents).toEqual([]);
  });

  test('an open incident stays open: its resolution after the build is not known yet', () => {
    const model = buildModel(
      contentWith(
        incidentFile('bank-maintenance', maintenanceFields(announced)),
        incidentFile('talk', incidentFields({ started: '2022-11-01T00:30', resolved: '2022-11-01T02:30' })),
      ),
    );
    const snapshots = getScheduledSnapshots(model, BUILT);
    expect(snapshots.map((s) => s.openIncidents.map((o) => o.incident.slug))).toEqual([['talk'], ['talk']]);
  });

  test('nothing scheduled: no changes; a window already over: none either', () => {
    expect(getScheduledSnapshots(buildModel(contentWith()), BUILT)).toEqual([]);
    const model = buildModel(contentWith(incidentFile('bank-maintenance', maintenanceFields(announced))));
    expect(getScheduledSnapshots(model, kst('2022-11-01T05:00'))).toEqual([]);
  });

  test(`at most ${MAX_SCHEDULED_CHANGES} moments, the soonest`, () => {
    const windows = Array.from({ length: 12 }, (_, i) => {
      const day = String(i + 2).padStart(2, '0');
      return incidentFile(
        `m${i}`,
        maintenanceFields({ ...announced, scheduled: { start: `2022-11-${day}T02:00`, end: `2022-11-${day}T04:00` } }),
      );
    });
    const snapshots = getScheduledSnapshots(buildModel(contentWith(...windows)), BUILT);
    expect(snapshots).toHaveLength(MAX_SCHEDULED_CHANGES);
    expect(snapshots.at(-1)?.at).toBe(kst('2022-11-09T04:00'));
  });
});

describe('getLiveData', () => {
  const model = buildModel(contentWith(incidentFile('bank-maintenance', maintenanceFields(announced))));

  test('each change carries only what changes then, the banner, and the time with the offset', () => {
    const data = liveData(model, BUILT);
    expect(data.generatedAt).toBe('2022-11-01T01:00:00+09:00');
    expect(data.changes).toEqual([
      {
        at: '2022-11-01T02:00:00+09:00',
        banner: {
          indicator: 'none',
          tone: 'maintenance',
          headline: '카카오뱅크: 점검 중',
          lines: [],
          moreText: '',
          advice: '',
        },
        status: {
          kakaobank: 'under_maintenance',
          'kakaobank/transfer': 'under_maintenance',
          'kakaobank/deposit': 'under_maintenance',
        },
        state: { 'bank-maintenance': 'in_progress' },
      },
      {
        at: '2022-11-01T04:00:00+09:00',
        banner: {
          indicator: 'none',
          tone: 'none',
          headline: '모든 서비스 정상 운영 중',
          lines: [],
          moreText: '',
          advice: '',
        },
        status: { kakaobank: 'operational', 'kakaobank/transfer': 'operational', 'kakaobank/deposit': 'operational' },
        state: { 'bank-maintenance': 'completed' },
      },
    ]);
  });

  test('the words and sentences are the page language', () => {
    const data = liveData(model, BUILT, 'en');
    expect(data.words.in_progress).toBe('In progress');
    expect(data.words.under_maintenance).toBe('Under maintenance');
    expect(data.text.stale).toBe('This information is from {ago}. Check the official channels too.');
    expect(data.changes[0]?.banner.headline).toBe('KakaoBank: under maintenance');
  });

  test('serialised for a <script type="application/json">: no author text can close the element', () => {
    const data = { ...liveData(model, BUILT), poll: '</script><script>alert(1)</script>' };
    const json = serializeLiveData(data);
    expect(json).not.toContain('<');
    expect(JSON.parse(json)).toEqual(data);
  });
});
