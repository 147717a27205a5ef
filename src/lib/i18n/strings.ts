/**
 * Every UI string, Korean and English side by side so a missing translation is
 * a type error, not a blank on the page. Keys are dotted: `status.<word>`
 * mirrors the vocabularies in `../vocabulary.ts`.
 *
 * `{name}` placeholders are filled by `t()`; see `./translate.ts`.
 */
export const STRINGS = {
  // Component status (정상, 점검 중, 성능 저하, 부분 장애, 전면 장애)
  'status.operational': { ko: '정상', en: 'Operational' },
  'status.under_maintenance': { ko: '점검 중', en: 'Under maintenance' },
  'status.degraded_performance': { ko: '성능 저하', en: 'Degraded performance' },
  'status.partial_outage': { ko: '부분 장애', en: 'Partial outage' },
  'status.major_outage': { ko: '전면 장애', en: 'Major outage' },

  // Incident and maintenance states
  'state.investigating': { ko: '조사 중', en: 'Investigating' },
  'state.identified': { ko: '원인 파악', en: 'Identified' },
  'state.monitoring': { ko: '모니터링 중', en: 'Monitoring' },
  'state.resolved': { ko: '해결', en: 'Resolved' },
  'state.postmortem': { ko: '사후 분석', en: 'Postmortem' },
  'state.scheduled': { ko: '예정', en: 'Scheduled' },
  'state.in_progress': { ko: '진행 중', en: 'In progress' },
  'state.verifying': { ko: '확인 중', en: 'Verifying' },
  'state.completed': { ko: '완료', en: 'Completed' },

  // Impact
  'impact.none': { ko: '영향 없음', en: 'No impact' },
  'impact.minor': { ko: '경미', en: 'Minor' },
  'impact.major': { ko: '주요', en: 'Major' },
  'impact.critical': { ko: '심각', en: 'Critical' },

  // Overall banner, by indicator
  'banner.none': { ko: '모든 서비스가 정상 운영 중입니다', en: 'All services are operating normally' },
  'banner.maintenance': { ko: '일부 서비스 점검 중입니다', en: 'Maintenance in progress' },
  'banner.minor': { ko: '일부 서비스 이용에 문제가 있습니다', en: 'Some services have problems' },
  'banner.major': { ko: '일부 서비스에 장애가 발생했습니다', en: 'Some services are down' },
  'banner.critical': { ko: '주요 서비스에 대규모 장애가 발생했습니다', en: 'Major services are down' },
  'banner.affected': { ko: '영향 받는 서비스: {services}', en: 'Affected: {services}' },
  'banner.advice': {
    ko: '급한 연락은 문자·전화 등 다른 수단을 이용하세요.',
    en: 'For anything urgent, use another channel such as SMS or a phone call.',
  },

  // Layout
  'site.skip': { ko: '본문으로 건너뛰기', en: 'Skip to content' },
  'site.asOf': { ko: '{time} 기준', en: 'As of {time}' },
  'site.asOfNote': {
    ko: '이 페이지는 이 시각의 상태를 보여 줍니다. 새로 고쳐도 바뀌지 않으면 공식 채널도 확인하세요.',
    en: 'This page shows the state at this moment. If it does not change when you reload, check the official channels too.',
  },
  'site.language': { ko: '언어', en: 'Language' },
  'site.languageName': { ko: '한국어', en: 'English' },
  'site.officialChannels': { ko: '공식 안내 채널', en: 'Official channels' },
  'site.rss': { ko: 'RSS 피드', en: 'RSS feed' },
  'site.home': { ko: '현재 상태', en: 'Current status' },
  'site.history': { ko: '지난 기록', en: 'History' },

  // Overview
  'overview.services': { ko: '서비스별 상태', en: 'Services' },
  'overview.openIncidents': { ko: '진행 중인 장애', en: 'Ongoing incidents' },
  'overview.activeMaintenance': { ko: '진행 중인 점검', en: 'Maintenance in progress' },
  'overview.upcomingMaintenance': { ko: '예정된 점검', en: 'Upcoming maintenance' },
  'overview.recent': { ko: '최근 기록', en: 'Recent history' },
  'overview.allHistory': { ko: '전체 기록 보기', en: 'See all history' },
  'overview.noRecent': { ko: '기록된 장애가 없습니다.', en: 'No incidents recorded.' },

  // Service
  'service.features': { ko: '기능별 상태', en: 'Features' },
  'service.incidents': { ko: '이 서비스의 장애·점검 기록', en: 'Incidents and maintenance' },
  'service.noIncidents': { ko: '기록된 장애가 없습니다.', en: 'No incidents recorded.' },
  'service.recentOf': { ko: '전체 {total}건 중 최근 {shown}건', en: 'The latest {shown} of {total}' },

  // Incident
  'incident.kind.incident': { ko: '장애', en: 'Incident' },
  'incident.kind.maintenance': { ko: '점검', en: 'Maintenance' },
  'incident.timeline': { ko: '진행 상황', en: 'Updates' },
  'incident.affected': { ko: '영향 받는 서비스', en: 'Affected services' },
  'incident.details': { ko: '상세 내용', en: 'Details' },
  'incident.started': { ko: '발생', en: 'Started' },
  'incident.resolvedAt': { ko: '해결', en: 'Resolved' },
  'incident.duration': { ko: '지속 시간', en: 'Duration' },
  'incident.ongoingFor': { ko: '경과 시간', en: 'Ongoing for' },
  'incident.window': { ko: '점검 시간', en: 'Window' },
  'incident.impact': { ko: '영향도', en: 'Impact' },
  'incident.affectedUsers': { ko: '영향 받은 이용자(추정)', en: 'Users affected (estimate)' },
  'incident.resolvedMessage': { ko: '정상화되었습니다.', en: 'Service has been restored.' },
  'incident.olderUpdates': { ko: '이전 업데이트 {n}건', en: '{n} earlier updates' },
  'incident.noUpdates': { ko: '아직 공지된 내용이 없습니다.', en: 'No updates yet.' },

  // Durations
  'duration.days': { ko: '{n}일', en: '{n} d' },
  'duration.hours': { ko: '{n}시간', en: '{n} h' },
  'duration.minutes': { ko: '{n}분', en: '{n} min' },

  // History
  'history.title': { ko: '지난 기록', en: 'History' },
  'history.intro': {
    ko: '모든 장애와 점검을 최신순으로 보여 줍니다.',
    en: 'Every incident and maintenance, newest first.',
  },
  'history.page': { ko: '{page} / {pages} 페이지', en: 'Page {page} of {pages}' },
  'history.newer': { ko: '← 최근 기록', en: '← Newer' },
  'history.older': { ko: '이전 기록 →', en: 'Older →' },
  'history.pagination': { ko: '페이지 이동', en: 'Pagination' },
  'history.empty': { ko: '기록된 장애가 없습니다.', en: 'Nothing recorded yet.' },

  // 404
  'notFound.title': { ko: '페이지를 찾을 수 없습니다', en: 'Page not found' },
  'notFound.body': {
    ko: '주소가 바뀌었거나 없는 페이지입니다. 현재 상태는 첫 화면에서 확인하세요.',
    en: 'The address has changed or never existed. See the current status on the front page.',
  },

  // Feeds
  'feed.title': { ko: '{site} 장애·점검 소식', en: '{site}: incidents and maintenance' },
  'feed.moreServices': { ko: '{first} 외 {n}', en: '{first} +{n}' },
} as const satisfies Record<string, { ko: string; en: string }>;

export type StringKey = keyof typeof STRINGS;
