/**
 * The Statuspage-compatible API: the bodies of /api/v2/*.json as a
 * Statuspage client reads them, at a moment.
 */
import { describe, expect, test } from 'vitest';
import {
  buildStatuspageResponses,
  describeStatus,
  getComponentId,
  getPageId,
  getStatuspageIndicator,
  STATUSPAGE_ENDPOINTS,
  STATUSPAGE_LIST_LIMIT,
  type StatuspageComponent,
  type StatuspageIncident,
  type StatuspageIndicator,
  type StatuspageOptions,
  type StatuspageResponses,
} from '../../src/lib/api/statuspage.ts';
import type { StatusModel } from '../../src/lib/model.ts';
import { getStatusSnapshot } from '../../src/lib/status.ts';
import type { Impact } from '../../src/lib/vocabulary.ts';
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

const SITE = 'https://status.example.com/';
const say = (at: string, status: string, message: Fields | string = `${status} 공지`, extra: Fields = {}) => ({
  at,
  status,
  message,
  ...extra,
});

const KAKAO_T = serviceFile(
  'kakao-t',
  { name: { ko: '카카오 T', en: 'Kakao T' }, order: 3 },
  '**택시** 호출과\n\n대리운전.',
);

/**
 * The 2022 fire, shortened: KakaoTalk and KakaoBank down; the next morning text
 * messages come back (the affected list is replaced); resolved five days later
 * by time only (so the timeline ends with the build's own "resolved" entry).
 */
const FIRE = incidentFile(
  '2022/fire',
  incidentFields({
    title: { ko: '판교 데이터센터 화재', en: 'Pangyo data centre fire' },
    impact: 'critical',
    affected: [
      { service: 'kakaotalk', status: 'major_outage' },
      { service: 'kakaobank', status: 'major_outage' },
    ],
    resolved: '2022-10-20T23:00',
    updates: [
      say('2022-10-15T15:50', 'investigating', { ko: '긴급 점검 중입니다.', en: 'An emergency check is under way.' }),
      say('2022-10-15T16:10', 'identified', {
        ko: '데이터센터 **화재**가 원인입니다.',
        en: 'A **fire** is the cause.',
      }),
      say('2022-10-16T07:24', 'monitoring', '텍스트 메시지를 보낼 수 있습니다.', {
        affected: [
          {
            service: 'kakaotalk',
            status: 'partial_outage',
            features: { media: 'major_outage', 'pc-login': 'degraded_performance' },
          },
        ],
      }),
      say('2022-10-16T14:30', 'monitoring', 'PC 로그인이 복구되었습니다.', {
        affected: [{ service: 'kakaotalk', status: 'degraded_performance', features: { media: 'partial_outage' } }],
      }),
    ],
  }),
);

/** KakaoBank maintenance 2022-11-01 02:00-04:00, announced on 10-25, verifying from 03:30. */
const MAINTENANCE = incidentFile(
  '2022/bank-maintenance',
  maintenanceFields({
    updates: [
      say('2022-10-25T10:00', 'scheduled', '11월 1일 새벽 점검이 있습니다.'),
      say('2022-11-01T02:00', 'in_progress'),
      say('2022-11-01T03:30', 'verifying'),
    ],
  }),
);

const PHOTOS = incidentFile(
  '2022/photos',
  incidentFields({
    title: '사진 전송 장애',
    impact: 'minor',
    started: '2022-10-15T16:30',
    resolved: '2022-10-17T12:00',
    affected: [{ service: 'kakaotalk', status: 'partial_outage', features: { media: 'major_outage' } }],
  }),
);

const OLD = incidentFile(
  '2021/old',
  incidentFields({
    title: '지난해 장애',
    started: '2021-07-16T16:30',
    affected: [{ service: 'kakao-t', status: 'degraded_performance' }],
    updates: [say('2021-07-16T16:58', 'investigating'), say('2021-07-16T18:10', 'resolved')],
  }),
);

const model = buildModel(contentWith(KAKAO_T, FIRE, MAINTENANCE, PHOTOS, OLD));

function optionsFor(now: number, timezone = 'Asia/Seoul'): StatuspageOptions {
  return {
    now,
    timezone,
    siteUrl: SITE,
    pageName: '카카오 서비스 상태',
    incidentUrl: (slug) => `${SITE}incidents/${slug}/`,
  };
}

/** Every response as the build writes it at a Korean wall-clock moment, through JSON and back. */
function apiAt(at: string, from: StatusModel = model, timezone?: string): StatuspageResponses {
  const now = kst(at);
  const responses = buildStatuspageResponses(from, getStatusSnapshot(from, now), optionsFor(now, timezone));
  return JSON.parse(JSON.stringify(responses)) as StatuspageResponses;
}

const ids = (list: readonly { id: string }[]) => list.map((item) => item.id);

function findIncident(list: readonly StatuspageIncident[], id: string): StatuspageIncident {
  const found = list.find((i) => i.id === id);
  if (!found) throw new Error(`no incident ${id} in ${ids(list).join(', ')}`);
  return found;
}

function statuses(components: readonly StatuspageComponent[]): Record<string, string> {
  return Object.fromEntries(components.map((c) => [c.id, c.status]));
}

describe('page', () => {
  test('every endpoint starts with the same page: stable id from the URL, title, URL, timezone, the build moment', () => {
    const api = apiAt('2022-10-15T17:00');
    const page = {
      id: getPageId(SITE),
      name: '카카오 서비스 상태',
      url: SITE,
      time_zone: 'Asia/Seoul',
      updated_at: '2022-10-15T17:00:00+09:00',
    };
    for (const endpoint of STATUSPAGE_ENDPOINTS) expect(api[endpoint].page, endpoint).toEqual(page);
  });

  test.each([
    ['https://status.example.com/'],
    ['https://status.example.com/status/'],
    ['https://example.github.io/kakao-status/'],
    ['http://localhost:4321/'],
  ])('the id of %s is 12 base-36 characters, the same every time', (url) => {
    expect(getPageId(url)).toMatch(/^[0-9a-z]{12}$/);
    expect(getPageId(url)).toBe(getPageId(url));
  });

  test('different sites get different ids', () => {
    const urls = ['https://a.example/', 'https://b.example/', 'https://a.example/status/', 'https://a.example/x/'];
    expect(new Set(urls.map(getPageId)).size).toBe(urls.length);
  });
});

describe('status', () => {
  test.each<[Impact, boolean, string]>([
    ['none', false, 'All Systems Operational'],
    ['none', true, 'Service Under Maintenance'],
    ['minor', false, 'Minor Service Outage'],
    ['major', false, 'Partial System Outage'],
    ['major', true, 'Partial System Outage'],
    ['critical', false, 'Major System Outage'],
  ])('indicator %s (maintenance in progress: %s) reads "%s"', (indicator, maintenance, description) => {
    expect(describeStatus(indicator, maintenance)).toBe(description);
  });

  test.each([
    ['2021-01-01T00:00', 'none', 'All Systems Operational'],
    ['2022-10-15T16:00', 'critical', 'Major System Outage'],
    ['2022-10-20T12:00', 'critical', 'Major System Outage'],
    ['2022-10-21T00:00', 'none', 'All Systems Operational'],
    ['2022-11-01T03:00', 'maintenance', 'Service Under Maintenance'],
  ])('at %s the indicator is %s: "%s"', (at, indicator, description) => {
    const api = apiAt(at);
    expect(api['status.json'].status).toEqual({ indicator, description });
    expect(api['summary.json'].status).toEqual(api['status.json'].status);
  });

  test('the page indicator is sent as it is, except none during maintenance, which is sent as maintenance', () => {
    const table: [Impact, boolean, StatuspageIndicator][] = [
      ['none', true, 'maintenance'],
      ['none', false, 'none'],
      ['minor', true, 'minor'],
      ['major', true, 'major'],
      ['critical', true, 'critical'],
      ['critical', false, 'critical'],
    ];
    for (const [indicator, maintenance, sent] of table) {
      expect(getStatuspageIndicator(indicator, maintenance), `${indicator}, maintenance ${String(maintenance)}`).toBe(
        sent,
      );
    }
  });

  test('status.json and summary.json send maintenance while a maintenance is in progress and nothing worse is open', () => {
    // The KakaoBank maintenance (02:00-04:00, verifying from 03:30), with a minor
    // incident open 03:00-03:20 and an impact-none one 03:30-03:50 during it.
    const during = buildModel(
      contentWith(
        MAINTENANCE,
        incidentFile(
          'minor-during',
          incidentFields({ impact: 'minor', started: '2022-11-01T03:00', resolved: '2022-11-01T03:20' }),
        ),
        incidentFile(
          'none-during',
          incidentFields({
            impact: 'none',
            started: '2022-11-01T03:30',
            resolved: '2022-11-01T03:50',
            affected: [{ service: 'kakaotalk', status: 'degraded_performance' }],
          }),
        ),
      ),
    );
    const table: [string, string, StatuspageIndicator, string][] = [
      ['2022-10-26T00:00', 'upcoming only', 'none', 'All Systems Operational'],
      ['2022-11-01T02:30', 'in progress, nothing open', 'maintenance', 'Service Under Maintenance'],
      ['2022-11-01T03:10', 'in progress, a minor incident open', 'minor', 'Minor Service Outage'],
      ['2022-11-01T03:25', 'in progress, the minor incident resolved', 'maintenance', 'Service Under Maintenance'],
      ['2022-11-01T03:40', 'verifying, an impact-none incident open', 'maintenance', 'Service Under Maintenance'],
      ['2022-11-01T05:00', 'completed', 'none', 'All Systems Operational'],
    ];
    for (const [at, what, indicator, description] of table) {
      const api = apiAt(at, during);
      expect(api['status.json'].status, `${at}, ${what}`).toEqual({ indicator, description });
      expect(api['summary.json'].status, `${at}, ${what}`).toEqual({ indicator, description });
      // The page's own hook keeps the SPEC's four words: only the API says `maintenance`.
      expect(getStatusSnapshot(during, kst(at)).indicator, `${at}, ${what}`).toBe(
        indicator === 'maintenance' ? 'none' : indicator,
      );
    }
  });
});

describe('components', () => {
  test('each service, then its features: ids from the content, 1-based positions within the parent', () => {
    const { components } = apiAt('2022-10-15T17:00')['components.json'];
    expect(components.map((c) => [c.id, c.position, c.group_id, c.group, c.components])).toEqual([
      ['kakaotalk', 1, null, true, ['kakaotalk.messages', 'kakaotalk.media', 'kakaotalk.pc-login']],
      ['kakaotalk.messages', 1, 'kakaotalk', false, undefined],
      ['kakaotalk.media', 2, 'kakaotalk', false, undefined],
      ['kakaotalk.pc-login', 3, 'kakaotalk', false, undefined],
      ['kakaobank', 2, null, true, ['kakaobank.deposit', 'kakaobank.transfer']],
      ['kakaobank.deposit', 1, 'kakaobank', false, undefined],
      ['kakaobank.transfer', 2, 'kakaobank', false, undefined],
      ['kakao-t', 3, null, false, undefined],
    ]);
    // A plain component has no `components` key at all, as in Statuspage's payloads.
    expect(components.find((c) => c.id === 'kakao-t')).not.toHaveProperty('components');
    expect(getComponentId('kakaotalk', 'media')).toBe('kakaotalk.media');
  });

  test('names in the default locale, descriptions as plain text or null, the fixed Statuspage fields', () => {
    const { components } = apiAt('2022-10-15T17:00')['components.json'];
    expect(components.map((c) => [c.id, c.name, c.description])).toEqual([
      ['kakaotalk', '카카오톡', '카카오의 메신저입니다.'],
      ['kakaotalk.messages', '메시지 송수신', null],
      ['kakaotalk.media', '사진·동영상 전송', null],
      ['kakaotalk.pc-login', 'PC 로그인', null],
      ['kakaobank', '카카오뱅크', null],
      ['kakaobank.deposit', '입금', null],
      ['kakaobank.transfer', '송금', null],
      ['kakao-t', '카카오 T', '택시 호출과 대리운전.'],
    ]);
    for (const c of components) {
      expect(c).toMatchObject({
        showcase: false,
        start_date: null,
        only_show_if_degraded: false,
        page_id: getPageId(SITE),
      });
    }
  });

  test.each([
    [
      '2022-10-15T15:00',
      {
        kakaotalk: 'operational',
        'kakaotalk.messages': 'operational',
        'kakaotalk.media': 'operational',
        'kakaotalk.pc-login': 'operational',
        kakaobank: 'operational',
        'kakaobank.deposit': 'operational',
        'kakaobank.transfer': 'operational',
        'kakao-t': 'operational',
      },
    ],
    [
      '2022-10-15T17:00',
      {
        kakaotalk: 'major_outage',
        'kakaotalk.messages': 'major_outage',
        'kakaotalk.media': 'major_outage',
        'kakaotalk.pc-login': 'major_outage',
        kakaobank: 'major_outage',
        'kakaobank.deposit': 'major_outage',
        'kakaobank.transfer': 'major_outage',
        'kakao-t': 'operational',
      },
    ],
    [
      '2022-10-16T15:00',
      {
        // The photo incident is still open: media stays down.
        kakaotalk: 'partial_outage',
        'kakaotalk.messages': 'operational',
        'kakaotalk.media': 'major_outage',
        'kakaotalk.pc-login': 'operational',
        kakaobank: 'operational',
        'kakaobank.deposit': 'operational',
        'kakaobank.transfer': 'operational',
        'kakao-t': 'operational',
      },
    ],
    [
      '2022-11-01T03:00',
      {
        kakaotalk: 'operational',
        'kakaotalk.messages': 'operational',
        'kakaotalk.media': 'operational',
        'kakaotalk.pc-login': 'operational',
        kakaobank: 'under_maintenance',
        'kakaobank.deposit': 'under_maintenance',
        'kakaobank.transfer': 'under_maintenance',
        'kakao-t': 'operational',
      },
    ],
  ])('at %s: the service state for the group, the feature state for each feature', (at, expected) => {
    const api = apiAt(at);
    expect(statuses(api['components.json'].components)).toEqual(expected);
    expect(api['summary.json'].components).toEqual(api['components.json'].components);
  });

  test('created_at is the earliest known time; updated_at the latest change of what affects it, else the page time', () => {
    const { components } = apiAt('2022-10-16T08:00')['components.json'];
    expect(components.map((c) => [c.id, c.created_at, c.updated_at])).toEqual([
      ['kakaotalk', '2021-07-16T16:30:00+09:00', '2022-10-16T07:24:00+09:00'],
      ['kakaotalk.messages', '2021-07-16T16:30:00+09:00', '2022-10-16T07:24:00+09:00'],
      ['kakaotalk.media', '2021-07-16T16:30:00+09:00', '2022-10-16T07:24:00+09:00'],
      ['kakaotalk.pc-login', '2021-07-16T16:30:00+09:00', '2022-10-16T07:24:00+09:00'],
      ['kakaobank', '2021-07-16T16:30:00+09:00', '2022-10-16T07:24:00+09:00'],
      ['kakaobank.deposit', '2021-07-16T16:30:00+09:00', '2022-10-16T07:24:00+09:00'],
      ['kakaobank.transfer', '2021-07-16T16:30:00+09:00', '2022-10-16T07:24:00+09:00'],
      ['kakao-t', '2021-07-16T16:30:00+09:00', '2021-07-16T18:10:00+09:00'],
    ]);
  });

  test('a component nothing has affected is updated at the page time; with no history, created then too', () => {
    const calm = buildModel(contentWith());
    const { components } = apiAt('2023-05-05T05:05', calm)['components.json'];
    expect(new Set(components.map((c) => `${c.created_at} ${c.updated_at}`))).toEqual(
      new Set(['2023-05-05T05:05:00+09:00 2023-05-05T05:05:00+09:00']),
    );
  });
});

describe('incidents', () => {
  test('incidents.json: every incident known by then, newest first, maintenance apart', () => {
    expect(ids(apiAt('2021-08-01T00:00')['incidents.json'].incidents)).toEqual(['old']);
    expect(ids(apiAt('2022-10-15T16:00')['incidents.json'].incidents)).toEqual(['fire', 'old']);
    expect(ids(apiAt('2022-11-01T03:00')['incidents.json'].incidents)).toEqual(['photos', 'fire', 'old']);
  });

  test.each([
    ['2022-10-15T15:00', []],
    ['2022-10-15T16:00', ['fire']],
    ['2022-10-15T17:00', ['photos', 'fire']],
    ['2022-10-16T15:00', ['photos', 'fire']],
    ['2022-10-18T00:00', ['fire']],
    ['2022-10-21T00:00', []],
  ])('unresolved at %s: %j', (at, expected) => {
    const api = apiAt(at);
    expect(ids(api['incidents/unresolved.json'].incidents)).toEqual(expected);
    expect(ids(api['summary.json'].incidents)).toEqual(expected);
    for (const incident of api['incidents/unresolved.json'].incidents) {
      expect(['investigating', 'identified', 'monitoring']).toContain(incident.status);
    }
  });

  test('an open incident: its fields at the moment, updates newest first with stable ids', () => {
    const fire = findIncident(apiAt('2022-10-15T17:00')['incidents.json'].incidents, 'fire');
    expect(fire).toMatchObject({
      id: 'fire',
      name: '판교 데이터센터 화재',
      status: 'identified',
      impact: 'critical',
      created_at: '2022-10-15T15:30:00+09:00',
      updated_at: '2022-10-15T16:10:00+09:00',
      started_at: '2022-10-15T15:30:00+09:00',
      monitoring_at: null,
      resolved_at: null,
      shortlink: 'https://status.example.com/incidents/fire/',
      page_id: getPageId(SITE),
    });
    expect(fire.incident_updates).toEqual([
      {
        id: 'fire.update-20221015-1610',
        incident_id: 'fire',
        status: 'identified',
        body: '데이터센터 **화재**가 원인입니다.',
        created_at: '2022-10-15T16:10:00+09:00',
        updated_at: '2022-10-15T16:10:00+09:00',
        display_at: '2022-10-15T16:10:00+09:00',
        affected_components: null,
        deliver_notifications: true,
        custom_tweet: null,
        tweet_id: null,
      },
      {
        id: 'fire.update-20221015-1550',
        incident_id: 'fire',
        status: 'investigating',
        body: '긴급 점검 중입니다.',
        created_at: '2022-10-15T15:50:00+09:00',
        updated_at: '2022-10-15T15:50:00+09:00',
        display_at: '2022-10-15T15:50:00+09:00',
        affected_components: null,
        deliver_notifications: true,
        custom_tweet: null,
        tweet_id: null,
      },
    ]);
    expect(fire.components.map((c) => [c.id, c.status])).toEqual([
      ['kakaotalk', 'major_outage'],
      ['kakaotalk.messages', 'major_outage'],
      ['kakaotalk.media', 'major_outage'],
      ['kakaotalk.pc-login', 'major_outage'],
      ['kakaobank', 'major_outage'],
      ['kakaobank.deposit', 'major_outage'],
      ['kakaobank.transfer', 'major_outage'],
    ]);
  });

  test('a resolved incident: monitoring_at is the first monitoring update, the closing entry says 정상화되었습니다.', () => {
    const api = apiAt('2022-10-21T00:00');
    const fire = findIncident(api['incidents.json'].incidents, 'fire');
    expect(fire).toMatchObject({
      status: 'resolved',
      updated_at: '2022-10-20T23:00:00+09:00',
      monitoring_at: '2022-10-16T07:24:00+09:00',
      resolved_at: '2022-10-20T23:00:00+09:00',
    });
    expect(fire.incident_updates.map((u) => [u.id, u.status, u.body])).toEqual([
      ['fire.update-20221020-2300', 'resolved', '정상화되었습니다.'],
      ['fire.update-20221016-1430', 'monitoring', 'PC 로그인이 복구되었습니다.'],
      ['fire.update-20221016-0724', 'monitoring', '텍스트 메시지를 보낼 수 있습니다.'],
      ['fire.update-20221015-1610', 'identified', '데이터센터 **화재**가 원인입니다.'],
      ['fire.update-20221015-1550', 'investigating', '긴급 점검 중입니다.'],
    ]);
    // Every component it ever hit, as the components are now.
    expect(fire.components.map((c) => [c.id, c.status])).toEqual([
      ['kakaotalk', 'operational'],
      ['kakaotalk.messages', 'operational'],
      ['kakaotalk.media', 'operational'],
      ['kakaotalk.pc-login', 'operational'],
      ['kakaobank', 'operational'],
      ['kakaobank.deposit', 'operational'],
      ['kakaobank.transfer', 'operational'],
    ]);
    expect(ids(api['incidents/unresolved.json'].incidents)).not.toContain('fire');
  });

  test('an update that replaces the affected list says, per component, the status before and after', () => {
    const fire = findIncident(apiAt('2022-10-17T00:00')['incidents.json'].incidents, 'fire');
    const byId = Object.fromEntries(fire.incident_updates.map((u) => [u.id, u.affected_components]));
    expect(byId['fire.update-20221016-0724']).toEqual([
      { code: 'kakaotalk', name: '카카오톡', old_status: 'major_outage', new_status: 'partial_outage' },
      { code: 'kakaotalk.messages', name: '메시지 송수신', old_status: 'major_outage', new_status: 'operational' },
      { code: 'kakaotalk.media', name: '사진·동영상 전송', old_status: 'major_outage', new_status: 'major_outage' },
      {
        code: 'kakaotalk.pc-login',
        name: 'PC 로그인',
        old_status: 'major_outage',
        new_status: 'degraded_performance',
      },
      { code: 'kakaobank', name: '카카오뱅크', old_status: 'major_outage', new_status: 'operational' },
      { code: 'kakaobank.deposit', name: '입금', old_status: 'major_outage', new_status: 'operational' },
      { code: 'kakaobank.transfer', name: '송금', old_status: 'major_outage', new_status: 'operational' },
    ]);
    // Compared with the list the update before it set, not the incident's own.
    expect(byId['fire.update-20221016-1430']).toEqual([
      {
        code: 'kakaotalk',
        name: '카카오톡',
        old_status: 'partial_outage',
        new_status: 'degraded_performance',
      },
      { code: 'kakaotalk.media', name: '사진·동영상 전송', old_status: 'major_outage', new_status: 'partial_outage' },
      {
        code: 'kakaotalk.pc-login',
        name: 'PC 로그인',
        old_status: 'degraded_performance',
        new_status: 'operational',
      },
    ]);
    expect(byId['fire.update-20221015-1550']).toBeNull();
  });

  /**
   * KakaoTalk photos fail from 10:00; the 10:30 update widens it, naming
   * services and features in another order than the page's (and PC login, and
   * messages as operational, which it still sets).
   */
  const SPREAD = incidentFile(
    'spread',
    incidentFields({
      title: '연쇄 장애',
      started: '2023-03-01T10:00',
      affected: [{ service: 'kakaotalk', status: 'partial_outage', features: { media: 'major_outage' } }],
      updates: [
        say('2023-03-01T10:30', 'identified', '범위가 넓어졌습니다.', {
          affected: [
            { service: 'kakao-t', status: 'degraded_performance' },
            { service: 'kakaobank', status: 'degraded_performance', features: { transfer: 'degraded_performance' } },
            {
              service: 'kakaotalk',
              status: 'partial_outage',
              features: { 'pc-login': 'partial_outage', media: 'partial_outage', messages: 'operational' },
            },
          ],
        }),
      ],
    }),
  );
  const spreadModel = buildModel(contentWith(KAKAO_T, SPREAD));

  const KAKAOTALK_ALL = ['kakaotalk', 'kakaotalk.messages', 'kakaotalk.media', 'kakaotalk.pc-login'];
  test.each<{ id: string; at: string; what: string; from: StatusModel; expected: string[] }>([
    {
      id: 'fire',
      at: '2022-10-15T17:00',
      what: 'no features map: every feature',
      from: model,
      expected: [...KAKAOTALK_ALL, 'kakaobank', 'kakaobank.deposit', 'kakaobank.transfer'],
    },
    {
      id: 'photos',
      at: '2022-10-15T17:00',
      what: 'a features map: the features it lists',
      from: model,
      expected: ['kakaotalk', 'kakaotalk.media'],
    },
    {
      id: 'spread',
      at: '2023-03-01T10:15',
      what: 'before the update: its own list',
      from: spreadModel,
      expected: ['kakaotalk', 'kakaotalk.media'],
    },
    {
      id: 'spread',
      at: '2023-03-01T11:00',
      what: 'after the update: both lists, page order, once each',
      from: spreadModel,
      expected: [...KAKAOTALK_ALL, 'kakaobank', 'kakaobank.transfer', 'kakao-t'],
    },
    {
      id: 'bank-maintenance',
      at: '2022-10-26T00:00',
      what: 'a maintenance without a features map',
      from: model,
      expected: ['kakaobank', 'kakaobank.deposit', 'kakaobank.transfer'],
    },
  ])('components of $id at $at ($what): every component it hits', ({ id, at, from, expected }) => {
    const api = apiAt(at, from);
    const all = [...api['incidents.json'].incidents, ...api['scheduled-maintenances.json'].scheduled_maintenances];
    const found = all.find((i) => i.id === id);
    expect(found?.components.map((c) => c.id)).toEqual(expected);
    // Full component objects, as components.json has them at that moment.
    const byId = new Map(api['components.json'].components.map((c) => [c.id, c]));
    for (const component of found?.components ?? []) expect(component).toEqual(byId.get(component.id));
  });

  test.each<[string, Fields[], string]>([
    [
      'the note of its affected entry',
      [{ service: 'kakaotalk', status: 'partial_outage', note: '텍스트는 송수신 가능, **사진** 전송 불가' }],
      '텍스트는 송수신 가능, **사진** 전송 불가',
    ],
    [
      'the first note of its affected list',
      [
        { service: 'kakaotalk', status: 'partial_outage' },
        { service: 'kakaobank', status: 'major_outage', note: { ko: '송금 불가', en: 'No transfers' } },
        { service: 'kakao-t', status: 'major_outage', note: '호출 불가' },
      ],
      '송금 불가',
    ],
    ['its title, without a note', [{ service: 'kakaotalk', status: 'major_outage' }], '카카오톡 메시지 장애'],
  ])('an open incident with no update yet has one: investigating at its start, with %s', (_, affected, body) => {
    const fresh = buildModel(contentWith(KAKAO_T, incidentFile('fresh', incidentFields({ affected }))));
    const api = apiAt('2022-10-15T16:00', fresh);
    const incident = findIncident(api['incidents/unresolved.json'].incidents, 'fresh');
    expect(incident).toMatchObject({ status: 'investigating', updated_at: '2022-10-15T15:30:00+09:00' });
    expect(incident.incident_updates).toEqual([
      {
        id: 'fresh.update-20221015-1530',
        incident_id: 'fresh',
        status: 'investigating',
        body,
        created_at: '2022-10-15T15:30:00+09:00',
        updated_at: '2022-10-15T15:30:00+09:00',
        display_at: '2022-10-15T15:30:00+09:00',
        affected_components: null,
        deliver_notifications: true,
        custom_tweet: null,
        tweet_id: null,
      },
    ]);
    expect(findIncident(api['summary.json'].incidents, 'fresh').incident_updates).toEqual(incident.incident_updates);
  });

  test('updates announced after the moment are not there, nor incidents that had not started', () => {
    const text = JSON.stringify(apiAt('2022-10-15T16:00'));
    expect(text).not.toContain('fire.update-20221015-1610');
    expect(text).not.toContain('화재**가 원인');
    expect(text).not.toContain('"photos"');
    expect(text).not.toContain('bank-maintenance');
  });

  test(`incidents.json lists the ${STATUSPAGE_LIST_LIMIT} most recent; unresolved ones beyond are still unresolved`, () => {
    const many = Array.from({ length: 60 }, (_, i) => {
      const day = new Date(Date.UTC(2023, 0, 1 + i)).toISOString().slice(0, 10);
      return incidentFile(
        `bulk/i${i}`,
        incidentFields({
          title: `장애 ${i}`,
          started: `${day}T10:00`,
          ...(i === 0 ? {} : { resolved: `${day}T11:00` }),
        }),
      );
    });
    const api = apiAt('2024-01-01T00:00', buildModel(contentWith(...many)));
    const listed = ids(api['incidents.json'].incidents);
    expect(listed).toHaveLength(STATUSPAGE_LIST_LIMIT);
    expect(listed[0]).toBe('i59');
    expect(listed.at(-1)).toBe('i10');
    expect(ids(api['incidents/unresolved.json'].incidents)).toEqual(['i0']);
  });
});

describe('scheduled maintenances', () => {
  test.each([
    // Not announced yet: unknown.
    ['2022-10-24T00:00', null, [], [], '2022-11-01T02:00:00+09:00'],
    ['2022-10-26T00:00', 'scheduled', ['bank-maintenance'], [], '2022-10-25T10:00:00+09:00'],
    ['2022-11-01T02:30', 'in_progress', [], ['bank-maintenance'], '2022-11-01T02:00:00+09:00'],
    ['2022-11-01T03:40', 'verifying', [], ['bank-maintenance'], '2022-11-01T03:30:00+09:00'],
    ['2022-11-01T05:00', 'completed', [], [], '2022-11-01T04:00:00+09:00'],
  ])('at %s its status is %s; upcoming %j, active %j', (at, status, upcoming, active, updatedAt) => {
    const api = apiAt(at);
    expect(ids(api['scheduled-maintenances/upcoming.json'].scheduled_maintenances)).toEqual(upcoming);
    expect(ids(api['scheduled-maintenances/active.json'].scheduled_maintenances)).toEqual(active);
    expect(ids(api['summary.json'].scheduled_maintenances)).toEqual([...active, ...upcoming]);
    const [maintenance] = api['scheduled-maintenances.json'].scheduled_maintenances;
    if (status === null) {
      expect(maintenance).toBeUndefined();
      return;
    }
    expect(maintenance).toMatchObject({
      id: 'bank-maintenance',
      name: '카카오뱅크 정기 점검',
      status,
      impact: 'maintenance',
      created_at: '2022-10-25T10:00:00+09:00',
      updated_at: updatedAt,
      started_at: '2022-11-01T02:00:00+09:00',
      scheduled_for: '2022-11-01T02:00:00+09:00',
      scheduled_until: '2022-11-01T04:00:00+09:00',
      resolved_at: status === 'completed' ? '2022-11-01T04:00:00+09:00' : null,
      shortlink: 'https://status.example.com/incidents/bank-maintenance/',
    });
    expect(maintenance?.incident_updates[0]?.incident_id).toBe('bank-maintenance');
    expect(maintenance?.components.map((c) => c.id)).toEqual(['kakaobank', 'kakaobank.deposit', 'kakaobank.transfer']);
    // Maintenance is not an incident.
    expect(ids(api['incidents.json'].incidents)).not.toContain('bank-maintenance');
  });

  test('in progress first, then upcoming (soonest first) in the summary', () => {
    const extra = incidentFile(
      'later',
      maintenanceFields({
        title: '카카오톡 점검',
        scheduled: { start: '2022-11-03T02:00', end: '2022-11-03T03:00' },
        affected: [{ service: 'kakaotalk', status: 'under_maintenance' }],
        updates: [say('2022-10-20T10:00', 'scheduled')],
      }),
    );
    const extraModel = buildModel(contentWith(MAINTENANCE, extra));
    expect(ids(apiAt('2022-10-26T00:00', extraModel)['summary.json'].scheduled_maintenances)).toEqual([
      'bank-maintenance',
      'later',
    ]);
    expect(ids(apiAt('2022-11-01T03:00', extraModel)['summary.json'].scheduled_maintenances)).toEqual([
      'bank-maintenance',
      'later',
    ]);
    expect(ids(apiAt('2022-11-02T00:00', extraModel)['summary.json'].scheduled_maintenances)).toEqual(['later']);
    expect(ids(apiAt('2022-11-02T00:00', extraModel)['scheduled-maintenances.json'].scheduled_maintenances)).toEqual([
      'later',
      'bank-maintenance',
    ]);
  });

  test(`scheduled-maintenances.json lists the ${STATUSPAGE_LIST_LIMIT} most recent`, () => {
    const many = Array.from({ length: 55 }, (_, i) => {
      const day = new Date(Date.UTC(2023, 0, 1 + i)).toISOString().slice(0, 10);
      return incidentFile(`m${i}`, maintenanceFields({ scheduled: { start: `${day}T02:00`, end: `${day}T04:00` } }));
    });
    const listed = ids(
      apiAt('2024-01-01T00:00', buildModel(contentWith(...many)))['scheduled-maintenances.json'].scheduled_maintenances,
    );
    expect(listed).toHaveLength(STATUSPAGE_LIST_LIMIT);
    expect([listed[0], listed.at(-1)]).toEqual(['m54', 'm5']);
  });
});

describe('serialisation', () => {
  /** Every [path, value] of a JSON value whose key names a time. */
  function times(value: unknown, path = ''): [string, unknown][] {
    if (Array.isArray(value)) return value.flatMap((item, i) => times(item, `${path}[${i}]`));
    if (value === null || typeof value !== 'object') return [];
    return Object.entries(value).flatMap(([key, item]): [string, unknown][] =>
      /_at$|^scheduled_(for|until)$/.test(key) && item !== null
        ? [[`${path}.${key}`, item]]
        : times(item, `${path}.${key}`),
    );
  }

  test.each([
    ['2022-10-15T17:00', 'Asia/Seoul', /\+09:00$/],
    ['2022-10-21T00:00', 'Asia/Seoul', /\+09:00$/],
    ['2022-11-01T03:40', 'Asia/Seoul', /\+09:00$/],
    ['2022-10-21T00:00', 'Europe/Berlin', /\+0[12]:00$/],
  ])('at %s in %s every time is ISO 8601 with the offset', (at, timezone, offset) => {
    const found = times(apiAt(at, model, timezone));
    expect(found.length).toBeGreaterThan(20);
    for (const [path, value] of found) {
      expect(value, path).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/);
      expect(value, path).toMatch(offset);
    }
  });

  test('the same content and moment give the same bytes', () => {
    expect(JSON.stringify(apiAt('2022-10-16T08:00'))).toBe(JSON.stringify(apiAt('2022-10-16T08:00')));
  });

  test('texts come in the default locale of the site', () => {
    const english = buildModel(contentWith(siteYaml({ defaultLocale: 'en', locales: ['en', 'ko'] }), FIRE));
    const fire = findIncident(apiAt('2022-10-21T00:00', english)['incidents.json'].incidents, 'fire');
    expect(fire.name).toBe('Pangyo data centre fire');
    expect(fire.incident_updates.map((u) => u.body).slice(0, 1)).toEqual(['Service has been restored.']);
    expect(fire.incident_updates.at(-1)?.body).toBe('An emergency check is under way.');
    expect(fire.components.map((c) => c.name)).toEqual([
      'KakaoTalk',
      'Messages',
      'Photos and videos',
      'PC login',
      'KakaoBank',
      'Deposits',
      'Transfers',
    ]);
  });
});
