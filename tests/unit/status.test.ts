/**
 * The status engine: what the page says at a moment (SPEC.md, "What now means").
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { loadContentModel } from '../../src/data/read-content.ts';
import type { StatusModel } from '../../src/lib/model.ts';
import {
  getIncidentSnapshot,
  getServiceStates,
  getStatusSnapshot,
  groupServiceStates,
  type ServiceState,
  type StatusSnapshot,
} from '../../src/lib/status.ts';
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
import { COMPONENT_STATUSES, getSeverity, IMPACTS, worstOf } from '../../src/lib/vocabulary.ts';

const say = (at: string, status: string, extra: Fields = {}) => ({ at, status, message: `${status} 공지`, ...extra });

/** `{ service: status }` of a snapshot. */
function serviceStatuses(snapshot: StatusSnapshot): Record<string, string> {
  return Object.fromEntries(snapshot.services.map((s) => [s.service.id, s.status]));
}

/** `{ feature: status }` of one service. */
function featureStatuses(state: ServiceState | undefined): Record<string, string> {
  return Object.fromEntries((state?.features ?? []).map((f) => [f.feature.id, f.status]));
}

function serviceState(snapshot: StatusSnapshot, id: string): ServiceState | undefined {
  return snapshot.services.find((s) => s.service.id === id);
}

function incidentOf(model: StatusModel, slug: string) {
  const incident = model.incidents.find((i) => i.slug === slug);
  if (!incident) throw new Error(`no incident ${slug}`);
  return incident;
}

describe('overlapping incidents on one service: the worst wins', () => {
  // media: only the photo outage lists it; messages: only the slowdown (no map) touches it.
  const model = buildModel(
    contentWith(
      incidentFile(
        'photos',
        incidentFields({
          title: '사진 전송 장애',
          impact: 'major',
          started: '2022-10-15T15:30',
          resolved: '2022-10-15T18:00',
          affected: [
            {
              service: 'kakaotalk',
              status: 'partial_outage',
              features: { media: 'major_outage' },
              note: '사진·동영상 전송 불가',
            },
          ],
        }),
      ),
      incidentFile(
        'slow',
        incidentFields({
          title: '메시지 지연',
          started: '2022-10-15T16:00',
          affected: [{ service: 'kakaotalk', status: 'degraded_performance', note: '메시지 전송 지연' }],
        }),
      ),
    ),
  );

  test.each([
    {
      at: '2022-10-15T15:45',
      status: 'partial_outage',
      features: { messages: 'operational', media: 'major_outage', 'pc-login': 'operational' },
      slugs: ['photos'],
      indicator: 'major',
    },
    {
      at: '2022-10-15T17:00',
      status: 'partial_outage',
      features: { messages: 'degraded_performance', media: 'major_outage', 'pc-login': 'degraded_performance' },
      slugs: ['slow', 'photos'],
      indicator: 'major',
    },
    {
      at: '2022-10-15T18:00',
      status: 'degraded_performance',
      features: { messages: 'degraded_performance', media: 'degraded_performance', 'pc-login': 'degraded_performance' },
      slugs: ['slow'],
      indicator: 'minor',
    },
  ])('at $at KST: kakaotalk $status', ({ at, status, features, slugs, indicator }) => {
    const snapshot = getStatusSnapshot(model, kst(at));
    const talk = serviceState(snapshot, 'kakaotalk');
    expect(talk?.status).toBe(status);
    expect(featureStatuses(talk)).toEqual(features);
    expect(talk?.activeSlugs).toEqual(slugs);
    expect(snapshot.indicator).toBe(indicator);
    expect(serviceStatuses(snapshot).kakaobank).toBe('operational');
  });

  test('the notes of every active entry are shown, each with its incident', () => {
    const talk = serviceState(getStatusSnapshot(model, kst('2022-10-15T17:00')), 'kakaotalk');
    expect(talk?.notes).toEqual([
      { slug: 'slow', note: '메시지 전송 지연' },
      { slug: 'photos', note: '사진·동영상 전송 불가' },
    ]);
  });

  test('open incidents are listed most recently started first', () => {
    const snapshot = getStatusSnapshot(model, kst('2022-10-15T17:00'));
    expect(snapshot.openIncidents.map((s) => s.incident.slug)).toEqual(['slow', 'photos']);
    expect(snapshot.known.map((s) => [s.incident.slug, s.phase])).toEqual([
      ['slow', 'open'],
      ['photos', 'open'],
    ]);
  });
});

describe('a features map limits the status to the features it lists', () => {
  test.each([
    {
      name: 'no map: the status applies to every feature',
      entry: { service: 'kakaobank', status: 'major_outage' },
      features: { deposit: 'major_outage', transfer: 'major_outage' },
    },
    {
      name: 'a map: unlisted features stay operational',
      entry: { service: 'kakaobank', status: 'partial_outage', features: { transfer: 'major_outage' } },
      features: { deposit: 'operational', transfer: 'major_outage' },
    },
    {
      name: 'a map may say a feature works',
      entry: {
        service: 'kakaobank',
        status: 'partial_outage',
        features: { deposit: 'operational', transfer: 'degraded_performance' },
      },
      features: { deposit: 'operational', transfer: 'degraded_performance' },
    },
  ])('$name', ({ entry, features }) => {
    const model = buildModel(contentWith(incidentFile('bank', incidentFields({ affected: [entry] }))));
    const bank = serviceState(getStatusSnapshot(model, kst('2022-10-15T16:00')), 'kakaobank');
    expect(bank?.status).toBe(entry.status);
    expect(featureStatuses(bank)).toEqual(features);
  });
});

describe('maintenance windows', () => {
  // Window 02:00-04:00 KST on 2022-11-01, announced on 10-25.
  const announced = [say('2022-10-25T10:00', 'scheduled'), say('2022-11-01T02:00', 'in_progress')];

  test.each([
    { at: '2022-10-25T09:59', phase: undefined, state: undefined, bank: 'operational', upcoming: 0, active: 0 },
    { at: '2022-10-25T10:00', phase: 'upcoming', state: 'scheduled', bank: 'operational', upcoming: 1, active: 0 },
    { at: '2022-11-01T01:59', phase: 'upcoming', state: 'scheduled', bank: 'operational', upcoming: 1, active: 0 },
    {
      at: '2022-11-01T02:00',
      phase: 'in_progress',
      state: 'in_progress',
      bank: 'under_maintenance',
      upcoming: 0,
      active: 1,
    },
    {
      at: '2022-11-01T03:59',
      phase: 'in_progress',
      state: 'in_progress',
      bank: 'under_maintenance',
      upcoming: 0,
      active: 1,
    },
    { at: '2022-11-01T04:00', phase: 'completed', state: 'completed', bank: 'operational', upcoming: 0, active: 0 },
  ])('at $at KST: $phase', ({ at, phase, state, bank, upcoming, active }) => {
    const model = buildModel(contentWith(incidentFile('bank-maintenance', maintenanceFields({ updates: announced }))));
    const snapshot = getStatusSnapshot(model, kst(at));
    const known = snapshot.known[0];
    expect(known?.phase).toBe(phase);
    expect(known?.state).toBe(state);
    expect(serviceStatuses(snapshot).kakaobank).toBe(bank);
    expect(snapshot.upcomingMaintenance).toHaveLength(upcoming);
    expect(snapshot.activeMaintenance).toHaveLength(active);
    // Maintenance never counts as an open incident, and its impact is none.
    expect(snapshot.openIncidents).toEqual([]);
    expect(snapshot.indicator).toBe('none');
  });

  test.each([
    { at: '2022-11-01T02:59', phase: 'in_progress', state: 'in_progress' },
    { at: '2022-11-01T03:00', phase: 'in_progress', state: 'verifying' },
    { at: '2022-11-01T03:15', phase: 'completed', state: 'completed' },
  ])('a completed update before the end of the window ends it early: $at KST $state', ({ at, phase, state }) => {
    const updates = [...announced, say('2022-11-01T03:00', 'verifying'), say('2022-11-01T03:15', 'completed')];
    const model = buildModel(contentWith(incidentFile('bank-maintenance', maintenanceFields({ updates }))));
    const snapshot = getIncidentSnapshot(incidentOf(model, 'bank-maintenance'), kst(at));
    expect([snapshot?.phase, snapshot?.state]).toEqual([phase, state]);
  });

  test('a completed maintenance says when it ended', () => {
    const model = buildModel(contentWith(incidentFile('m', maintenanceFields())));
    expect(getIncidentSnapshot(incidentOf(model, 'm'), kst('2022-11-02T00:00'))?.endedAt).toBe(kst('2022-11-01T04:00'));
  });

  test('a maintenance without updates is upcoming as soon as it is published', () => {
    const model = buildModel(contentWith(incidentFile('m', maintenanceFields())));
    const snapshot = getStatusSnapshot(model, kst('2022-01-01T00:00'));
    expect(snapshot.upcomingMaintenance.map((s) => [s.incident.slug, s.state])).toEqual([['m', 'scheduled']]);
  });

  test('maintenance in progress carries its impact into the indicator', () => {
    const model = buildModel(contentWith(incidentFile('m', maintenanceFields({ impact: 'major' }))));
    expect(getStatusSnapshot(model, kst('2022-11-01T03:00')).indicator).toBe('major');
    expect(getStatusSnapshot(model, kst('2022-11-01T01:00')).indicator).toBe('none');
  });

  test('several maintenances: in progress soonest to end first, upcoming soonest to start first', () => {
    const window = (start: string, end: string) => maintenanceFields({ scheduled: { start, end } });
    const model = buildModel(
      contentWith(
        incidentFile('long', window('2022-11-01T01:00', '2022-11-01T06:00')),
        incidentFile('short', window('2022-11-01T02:00', '2022-11-01T03:00')),
        incidentFile('later', window('2022-11-03T02:00', '2022-11-03T04:00')),
        incidentFile('sooner', window('2022-11-02T02:00', '2022-11-02T04:00')),
      ),
    );
    const snapshot = getStatusSnapshot(model, kst('2022-11-01T02:30'));
    expect(snapshot.activeMaintenance.map((s) => s.incident.slug)).toEqual(['short', 'long']);
    expect(snapshot.upcomingMaintenance.map((s) => s.incident.slug)).toEqual(['sooner', 'later']);
  });
});

describe('an incident at a moment', () => {
  const model = buildModel(
    contentWith(
      incidentFile(
        'fire',
        incidentFields({
          impact: 'critical',
          started: '2022-10-15T15:30',
          resolved: '2022-10-15T23:00',
          updates: [
            say('2022-10-15T15:50', 'investigating'),
            say('2022-10-15T16:10', 'identified'),
            say('2022-10-15T20:30', 'monitoring', {
              affected: [
                { service: 'kakaotalk', status: 'partial_outage', features: { media: 'major_outage' } },
                { service: 'kakaobank', status: 'degraded_performance' },
              ],
            }),
            say('2022-10-15T23:00', 'resolved'),
            say('2022-10-20T10:00', 'postmortem'),
          ],
        }),
      ),
    ),
  );
  const fire = incidentOf(model, 'fire');

  test.each([
    { at: '2022-10-15T15:29', phase: undefined, state: undefined, updates: [] },
    // No update announced yet: the opening entry stands in (getOpeningUpdate).
    { at: '2022-10-15T15:30', phase: 'open', state: 'investigating', updates: ['15:30 investigating'] },
    {
      at: '2022-10-15T17:00',
      phase: 'open',
      state: 'identified',
      updates: ['16:10 identified', '15:50 investigating'],
    },
    {
      at: '2022-10-15T22:59',
      phase: 'open',
      state: 'monitoring',
      updates: ['20:30 monitoring', '16:10 identified', '15:50 investigating'],
    },
    {
      at: '2022-10-15T23:00',
      phase: 'resolved',
      state: 'resolved',
      updates: ['23:00 resolved', '20:30 monitoring', '16:10 identified', '15:50 investigating'],
    },
    {
      at: '2022-10-21T00:00',
      phase: 'resolved',
      state: 'postmortem',
      updates: ['10:00 postmortem', '23:00 resolved', '20:30 monitoring', '16:10 identified', '15:50 investigating'],
    },
  ])('at $at KST: $phase, $state', ({ at, phase, state, updates }) => {
    const snapshot = getIncidentSnapshot(fire, kst(at));
    expect(snapshot?.phase).toBe(phase);
    expect(snapshot?.state).toBe(state);
    expect(snapshot?.isActive ?? false).toBe(phase === 'open');
    const shown = (snapshot?.updates ?? []).map((u) => {
      const time = new Date(u.at + 9 * 3_600_000).toISOString().slice(11, 16);
      return `${time} ${u.status}`;
    });
    expect(shown).toEqual(updates);
  });

  test('resolved exactly at now: not open, ended then', () => {
    const snapshot = getStatusSnapshot(model, kst('2022-10-15T23:00'));
    expect(snapshot.openIncidents).toEqual([]);
    expect(snapshot.indicator).toBe('none');
    expect(snapshot.known[0]?.endedAt).toBe(kst('2022-10-15T23:00'));
    expect(serviceStatuses(snapshot)).toEqual({ kakaotalk: 'operational', kakaobank: 'operational' });
  });

  test('an open incident has not ended, even when its resolution is already in the content', () => {
    expect(getIncidentSnapshot(fire, kst('2022-10-15T22:59'))?.endedAt).toBeUndefined();
  });

  test.each([
    {
      at: '2022-10-15T20:29',
      statuses: { kakaotalk: 'major_outage', kakaobank: 'operational' },
      media: 'major_outage',
      messages: 'major_outage',
    },
    {
      at: '2022-10-15T20:30',
      statuses: { kakaotalk: 'partial_outage', kakaobank: 'degraded_performance' },
      media: 'major_outage',
      messages: 'operational',
    },
  ])('an update with affected replaces the list from its time on: $at KST', ({ at, statuses, media, messages }) => {
    const snapshot = getStatusSnapshot(model, kst(at));
    expect(serviceStatuses(snapshot)).toEqual(statuses);
    expect(featureStatuses(serviceState(snapshot, 'kakaotalk'))).toMatchObject({ media, messages });
  });

  test('a resolved incident shows the affected list it started with', () => {
    const snapshot = getIncidentSnapshot(fire, kst('2022-10-16T00:00'));
    expect(snapshot?.affected).toEqual([
      { service: 'kakaotalk', status: 'major_outage', features: undefined, note: undefined },
    ]);
  });

  test('a resolved field without a resolved update closes the incident with state resolved', () => {
    const closed = buildModel(contentWith(incidentFile('short', incidentFields({ resolved: '2022-10-15T16:00' }))));
    const snapshot = getIncidentSnapshot(incidentOf(closed, 'short'), kst('2022-10-15T16:00'));
    expect([snapshot?.phase, snapshot?.state]).toEqual(['resolved', 'resolved']);
  });
});

describe('the overall indicator is the worst active impact', () => {
  const at = (started: string, impact: string, resolved?: string) => incidentFields({ started, impact, resolved });
  test.each([
    { name: 'nothing happening', files: [], indicator: 'none' },
    { name: 'one minor incident', files: [incidentFile('a', at('2022-10-15T10:00', 'minor'))], indicator: 'minor' },
    {
      name: 'minor and major',
      files: [incidentFile('a', at('2022-10-15T10:00', 'minor')), incidentFile('b', at('2022-10-15T11:00', 'major'))],
      indicator: 'major',
    },
    {
      name: 'a resolved critical one does not count',
      files: [
        incidentFile('a', at('2022-10-15T10:00', 'minor')),
        incidentFile('b', at('2022-10-15T09:00', 'critical', '2022-10-15T11:00')),
      ],
      indicator: 'minor',
    },
    {
      name: 'a future critical one does not count',
      files: [incidentFile('a', at('2022-10-15T10:00', 'none')), incidentFile('b', at('2022-10-15T13:00', 'critical'))],
      indicator: 'none',
    },
  ])('$name: $indicator', ({ files, indicator }) => {
    const model = buildModel(contentWith(...files));
    expect(getStatusSnapshot(model, kst('2022-10-15T12:00')).indicator).toBe(indicator);
  });
});

describe('notes are collected from every active entry', () => {
  test('incidents and maintenance, on each service they affect', () => {
    const model = buildModel(
      contentWith(
        incidentFile(
          'talk',
          incidentFields({
            affected: [
              {
                service: 'kakaotalk',
                status: 'partial_outage',
                note: { ko: '텍스트 메시지는 송수신 가능', en: 'Text messages work' },
              },
              { service: 'kakaobank', status: 'degraded_performance' },
            ],
          }),
        ),
        incidentFile(
          'bank',
          maintenanceFields({
            scheduled: { start: '2022-10-15T15:00', end: '2022-10-15T18:00' },
            affected: [{ service: 'kakaobank', status: 'under_maintenance', note: '송금 점검 중' }],
          }),
        ),
        incidentFile(
          'old',
          incidentFields({
            started: '2022-10-01T10:00',
            resolved: '2022-10-01T11:00',
            affected: [{ service: 'kakaotalk', status: 'major_outage', note: '지난 장애' }],
          }),
        ),
      ),
    );
    const snapshot = getStatusSnapshot(model, kst('2022-10-15T16:00'));
    expect(serviceState(snapshot, 'kakaotalk')?.notes).toEqual([
      { slug: 'talk', note: { ko: '텍스트 메시지는 송수신 가능', en: 'Text messages work' } },
    ]);
    expect(serviceState(snapshot, 'kakaobank')?.notes).toEqual([{ slug: 'bank', note: '송금 점검 중' }]);
    // degraded_performance (incident) is worse than under_maintenance.
    expect(serviceStatuses(snapshot)).toEqual({ kakaotalk: 'partial_outage', kakaobank: 'degraded_performance' });
    expect(serviceState(snapshot, 'kakaobank')?.activeSlugs).toEqual(['talk', 'bank']);
  });
});

describe('getServiceStates and groupServiceStates', () => {
  const model = buildModel(
    contentWith(
      serviceFile('kakaotalk', {
        name: '카카오톡',
        order: 1,
        group: '메신저',
        features: [{ id: 'messages', name: '메시지' }],
      }),
      serviceFile('kakaobank', { name: '카카오뱅크', order: 2, group: { ko: '금융', en: 'Finance' } }),
      serviceFile('kakaopay', { name: '카카오페이', order: 3, group: { ko: '금융', en: 'Finance' } }),
      serviceFile('daum', { name: '다음', order: 4 }),
      serviceFile('kakaostory', { name: '카카오스토리', order: 5, group: '메신저' }),
      incidentFile('pay', incidentFields({ affected: [{ service: 'kakaopay', status: 'partial_outage' }] })),
      incidentFile('story', incidentFields({ affected: [{ service: 'kakaostory', status: 'degraded_performance' }] })),
    ),
  );

  test('without active entries every service and feature is operational', () => {
    const states = getServiceStates(model.services, []);
    expect(states.map((s) => [s.service.id, s.status, s.notes.length, s.activeSlugs.length])).toEqual([
      ['kakaotalk', 'operational', 0, 0],
      ['kakaobank', 'operational', 0, 0],
      ['kakaopay', 'operational', 0, 0],
      ['daum', 'operational', 0, 0],
      ['kakaostory', 'operational', 0, 0],
    ]);
    expect(states[0]?.features).toEqual([{ feature: { id: 'messages', name: '메시지' }, status: 'operational' }]);
  });

  test('groups keep display order (a group sits where its first service is) and take the worst state', () => {
    const { services } = getStatusSnapshot(model, kst('2022-10-15T16:00'));
    const groups = groupServiceStates(services).map((g) => ({
      group: g.group,
      status: g.status,
      services: g.services.map((s) => s.service.id),
    }));
    expect(groups).toEqual([
      { group: '메신저', status: 'degraded_performance', services: ['kakaotalk', 'kakaostory'] },
      { group: { ko: '금융', en: 'Finance' }, status: 'partial_outage', services: ['kakaobank', 'kakaopay'] },
      { group: undefined, status: 'operational', services: ['daum'] },
    ]);
  });

  test('no services, no groups', () => {
    expect(groupServiceStates([])).toEqual([]);
  });
});

describe('the sample content: the 2022 Pangyo data centre fire', () => {
  const contentDir = fileURLToPath(new URL('../../content', import.meta.url));
  const sample = loadContentModel(contentDir, { fresh: true });
  const FIRE = '2022-10-15-pangyo-datacenter-fire';

  test('2022-10-15 17:00 KST: everything down, cause identified', () => {
    const snapshot = getStatusSnapshot(sample, kst('2022-10-15T17:00'));
    expect(snapshot.indicator).toBe('critical');
    expect(snapshot.openIncidents.map((s) => [s.incident.slug, s.state])).toEqual([[FIRE, 'identified']]);
    const talk = serviceState(snapshot, 'kakaotalk');
    expect(talk?.status).toBe('major_outage');
    expect(new Set(Object.values(featureStatuses(talk)))).toEqual(new Set(['major_outage']));
    expect(serviceStatuses(snapshot)).toMatchObject({
      kakaobank: 'major_outage',
      'kakao-t': 'major_outage',
      kakaostory: 'major_outage',
    });
    expect(talk?.notes.map((n) => n.note)).toEqual([
      {
        ko: '메시지 송수신, PC 버전 로그인 등 모든 기능 이용 불가',
        en: 'Nothing works, including messaging and PC version login.',
      },
    ]);
  });

  test('2022-10-16 08:30 KST: text messages partly back, taxi calls down while designated-driver works', () => {
    const snapshot = getStatusSnapshot(sample, kst('2022-10-16T08:30'));
    expect(snapshot.indicator).toBe('critical');
    const talk = serviceState(snapshot, 'kakaotalk');
    expect(talk?.status).toBe('partial_outage');
    expect(featureStatuses(talk)).toMatchObject({
      messages: 'degraded_performance',
      media: 'major_outage',
      'pc-login': 'major_outage',
    });
    const taxi = serviceState(snapshot, 'kakao-t');
    expect(taxi?.status).toBe('partial_outage');
    expect(featureStatuses(taxi)).toEqual({ taxi: 'major_outage', 'designated-driver': 'operational' });
    expect(serviceStatuses(snapshot).kakaobank).toBe('major_outage');
    const fire = snapshot.openIncidents[0];
    expect(fire?.updates[0]?.at).toBe(kst('2022-10-16T08:00'));
    expect(fire?.updates.every((u) => u.at <= kst('2022-10-16T08:30'))).toBe(true);
  });

  test('2026-11-22: everything operational, every incident resolved', () => {
    const snapshot = getStatusSnapshot(sample, kst('2026-11-22T00:00'));
    expect(snapshot.indicator).toBe('none');
    expect(snapshot.openIncidents).toEqual([]);
    expect(snapshot.activeMaintenance).toEqual([]);
    for (const state of snapshot.services) {
      expect([state.service.id, state.status]).toEqual([state.service.id, 'operational']);
      for (const feature of state.features)
        expect([feature.feature.id, feature.status]).toEqual([feature.feature.id, 'operational']);
      expect(state.notes).toEqual([]);
    }
    expect(snapshot.known).toHaveLength(sample.incidents.length);
    expect(new Set(snapshot.known.map((s) => s.phase))).toEqual(new Set(['resolved', 'completed']));
  });
});

describe('worstOf, the one severity rule', () => {
  test.each([
    [['operational'], 'operational'],
    [['degraded_performance', 'partial_outage', 'under_maintenance'], 'partial_outage'],
    [['under_maintenance', 'operational'], 'under_maintenance'],
    [['major_outage', 'degraded_performance'], 'major_outage'],
    [[], 'operational'],
  ] as const)('component statuses %j: %s', (values, worst) => {
    expect(worstOf(COMPONENT_STATUSES, values)).toBe(worst);
  });

  test.each([
    [['minor', 'critical', 'major'], 'critical'],
    [[], 'none'],
  ] as const)('impacts %j: %s', (values, worst) => {
    expect(worstOf(IMPACTS, values)).toBe(worst);
  });

  test('a fallback is the floor', () => {
    expect(worstOf(IMPACTS, ['minor'], 'major')).toBe('major');
    expect(worstOf(IMPACTS, ['critical'], 'major')).toBe('critical');
  });

  test('getSeverity ranks statuses mildest first', () => {
    expect(COMPONENT_STATUSES.map(getSeverity)).toEqual([0, 1, 2, 3, 4]);
  });
});
