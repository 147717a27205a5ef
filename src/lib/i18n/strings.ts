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

  // Overall banner (src/lib/banner.ts): short, to fit three lines on a phone. The category, by indicator:
  'banner.none': { ko: '모든 서비스 정상 운영 중', en: 'All services operating normally' },
  'banner.maintenance': { ko: '일부 서비스 점검 중', en: 'Maintenance in progress' },
  'banner.minor': { ko: '일부 서비스 이용에 문제', en: 'Some services have problems' },
  'banner.major': { ko: '일부 서비스 장애', en: 'Some services are down' },
  'banner.critical': { ko: '주요 서비스 대규모 장애', en: 'Key services are down' },
  'banner.more': { ko: '외 {n}개 서비스: 서비스별 상태 보기', en: '{n} more: see every service' },
  // A sentence: {name} is one service or several, {says} what works and what does not.
  'banner.service': { ko: '{name}: {says}', en: '{name}: {says}' },
  // Services wholly in one state.
  'banner.whole.operational': { ko: '정상', en: 'operating normally' },
  'banner.whole.under_maintenance': { ko: '점검 중', en: 'under maintenance' },
  'banner.whole.degraded_performance': { ko: '느리거나 지연될 수 있습니다', en: 'may be slow' },
  'banner.whole.partial_outage': { ko: '일부 이용자 이용 불가', en: 'down for some users' },
  'banner.whole.major_outage': { ko: '이용할 수 없습니다', en: 'down' },
  // A service some of whose features work, in this order; {features} lists them (banner.andMore).
  'banner.works': { ko: '{features} 가능', en: '{features} working' },
  'banner.slow': { ko: '{features} 지연', en: '{features} slow' },
  'banner.paused': { ko: '{features} 점검 중', en: '{features} under maintenance' },
  'banner.down': { ko: '{features} 불가', en: '{features} down' },
  'banner.and': { ko: ', ', en: '; ' },
  'banner.andMore': { ko: '{names} 외 {n}개', en: '{names} and {n} more' },
  'banner.count': { ko: '기능 {n}개', en: '{n} features' },
  'banner.advice': {
    ko: '급한 연락은 문자·전화 등 다른 수단을 이용하세요.',
    en: 'For anything urgent, use another channel such as SMS or a phone call.',
  },

  // The live script (src/scripts/live.ts): {ago} is Intl.RelativeTimeFormat's "5분 전" / "5 minutes ago".
  'live.ago': { ko: '({ago})', en: '({ago})' },
  'live.stale': {
    ko: '이 정보는 {ago} 기준입니다. 공식 채널도 확인하세요.',
    en: 'This information is from {ago}. Check the official channels too.',
  },
  'live.updated': { ko: '새 정보로 바뀌었습니다: {headline}', en: 'Updated: {headline}' },

  // Layout
  'site.skip': { ko: '본문으로 건너뛰기', en: 'Skip to content' },
  'site.asOf': { ko: '{time} 기준', en: 'As of {time}' },
  'site.asOfNote': {
    ko: '이 페이지는 이 시각의 상태를 보여 줍니다. 새로 고쳐도 바뀌지 않으면 공식 채널도 확인하세요.',
    en: 'This page shows the state at this moment. If it does not change when you reload, check the official channels too.',
  },
  'site.closed': { ko: '종료된 기록 · 마지막 업데이트 {time}', en: 'Closed record · last updated {time}' },
  'site.closedNote': {
    ko: '이 장애·점검은 종료되었고, 이 페이지는 그 기록입니다. 서비스의 지금 상태는 현재 상태 페이지에서 확인하세요.',
    en: 'This incident or maintenance is over, and this page is its record. For the state of services now, see Current status.',
  },
  'site.closedList': { ko: '모두 종료된 기록 · 마지막 업데이트 {time}', en: 'All closed · last updated {time}' },
  'site.closedListNote': {
    ko: '이 목록의 장애·점검은 모두 종료되었습니다. 서비스의 지금 상태는 현재 상태 페이지에서 확인하세요.',
    en: 'Every incident and maintenance in this list is over. For the state of services now, see Current status.',
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
  // In progress first, then upcoming; each says which by its state (진행 중, 예정), which the live script flips.
  'overview.maintenance': { ko: '점검 안내', en: 'Maintenance' },
  'overview.recent': { ko: '최근 기록', en: 'Recent history' },
  'overview.allHistory': { ko: '전체 기록 보기', en: 'See all history' },
  'overview.noRecent': { ko: '기록된 장애가 없습니다.', en: 'No incidents recorded.' },

  // Service
  'service.features': { ko: '기능별 상태', en: 'Features' },
  'service.incidents': { ko: '이 서비스의 장애·점검 기록', en: 'Incidents and maintenance' },
  'service.noIncidents': { ko: '기록된 장애가 없습니다.', en: 'No incidents recorded.' },
  'service.recentOf': { ko: '전체 {total}건 중 최근 {shown}건', en: 'The latest {shown} of {total}' },

  // Uptime (service page): figures, day bars and the window they use
  'uptime.period': { ko: '{n}일 가동률', en: '{n}-day uptime' },
  'uptime.noData': { ko: '데이터 없음', en: 'No data' },
  'uptime.bars': { ko: '최근 {n}일 일별 상태', en: 'Daily status, last {n} days' },
  'uptime.downtime': { ko: '다운타임 {time}', en: 'Downtime {time}' },
  'uptime.window': {
    ko: '가동률: 최근 N일은 {tz} 달력 기준 N일(오늘은 지금까지)이며, 전면 장애 시간 전부와 부분 장애 시간의 30%를 다운타임으로 셉니다.',
    en: 'Uptime: the last N days are N calendar days in {tz}, today up to now; downtime counts major outages in full and partial outages at 30%.',
  },

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
  'incident.reportFollows': {
    ko: '원인과 조치 내용을 담은 상세 보고서는 장애가 해결된 뒤 이 페이지에 게시됩니다.',
    en: 'A full report on the cause and what was done will be posted on this page once the incident is resolved.',
  },
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
  'history.archive': { ko: '월별 기록', en: 'By month' },
  'history.monthCount': { ko: '{n}건', en: '{n}' },
  'history.monthTitle': { ko: '{month} 기록', en: 'History: {month}' },
  'history.monthIntro': {
    ko: '이 달에 시작된 장애와 점검을 최신순으로 보여 줍니다.',
    en: 'The incidents and maintenance that began this month, newest first.',
  },
  'history.months': { ko: '다른 달', en: 'Other months' },
  'history.all': { ko: '전체 기록', en: 'All history' },
  'history.service': { ko: '{name} 지난 기록', en: '{name}: history' },
  'history.serviceIntro': {
    ko: '이 서비스에 영향을 준 모든 장애와 점검을 최신순으로 보여 줍니다.',
    en: 'Every incident and maintenance that affected this service, newest first.',
  },
  'history.serviceLink': { ko: '전체 기록과 연도별 통계', en: 'All history, and the record by year' },

  // A service's record by year (its history page)
  'yearly.title': { ko: '연도별 기록', en: 'By year' },
  'yearly.year': { ko: '연도', en: 'Year' },
  'yearly.incidents': { ko: '장애', en: 'Incidents' },
  'yearly.downtime': { ko: '다운타임', en: 'Downtime' },
  'yearly.mttr': { ko: '평균 복구 시간', en: 'Mean time to resolve' },
  'yearly.longest': { ko: '최장 장애', en: 'Longest incident' },
  'yearly.count': { ko: '{n}건', en: '{n}' },
  'yearly.open': { ko: '{n}건 진행 중', en: '{n} still open' },
  'yearly.ongoing': { ko: '진행 중', en: 'ongoing' },
  'yearly.none': { ko: '없음', en: 'none' },
  'yearly.table': {
    ko: '연도별 장애 건수, 다운타임, 평균 복구 시간, 최장 장애',
    en: 'Incidents, downtime, mean time to resolve and the longest incident per year',
  },
  'yearly.chart': { ko: '연도별 장애 건수', en: 'Incidents per year' },
  'yearly.note': {
    ko: '장애는 시작된 해({tz})에 셉니다(점검 제외). 다운타임은 그해 안의 전면 장애 시간 전부와 부분 장애 시간의 30%이며, 겹친 장애는 한 번만 셉니다. 평균 복구 시간은 해결된 장애의 발생부터 해결까지입니다.',
    en: 'Incidents count in the year ({tz}) they began; maintenance does not count. Downtime is the major-outage time within the year plus 30% of the partial-outage time, overlaps counted once. Mean time to resolve runs from start to resolution of the resolved incidents.',
  },

  // 404
  'notFound.title': { ko: '페이지를 찾을 수 없습니다', en: 'Page not found' },
  'notFound.body': {
    ko: '주소가 바뀌었거나 없는 페이지입니다. 현재 상태는 첫 화면에서 확인하세요.',
    en: 'The address has changed or never existed. See the current status on the front page.',
  },

  // Feeds
  'feed.title': { ko: '{site} 장애·점검 소식', en: '{site}: incidents and maintenance' },
  'feed.moreServices': { ko: '{first} 외 {n}', en: '{first} +{n}' },
  'feed.serviceTitle': { ko: '{site} · {service} 장애·점검 소식', en: '{site}: {service} incidents and maintenance' },
  'feed.serviceDescription': {
    ko: '{service}의 장애와 점검 업데이트',
    en: 'Incident and maintenance updates for {service}',
  },

  // Subscribe, calendar, badges
  'site.subscribe': { ko: '구독', en: 'Subscribe' },
  'subscribe.intro': {
    ko: '장애·점검 소식을 피드 리더, 캘린더, API, 배지로 받아 보세요. 주소를 누르면 전체가 선택되어 바로 복사할 수 있습니다.',
    en: 'Follow incidents and maintenance in a feed reader, a calendar, your own scripts or a badge. Click an address to select all of it for copying.',
  },
  'subscribe.contents': { ko: '구독 방법', en: 'Ways to subscribe' },
  'subscribe.allServices': { ko: '모든 서비스', en: 'All services' },
  'subscribe.rssIntro': {
    ko: '피드 리더에 추가하면 새 장애와 업데이트를 알려 줍니다. 서비스별 피드도 있습니다.',
    en: 'Add it to a feed reader to hear of every new incident and update. Each service has its own feed too.',
  },
  'subscribe.atomIntro': {
    ko: 'RSS와 같은 소식을 Atom 형식으로 제공합니다.',
    en: 'The same news as the RSS feeds, in Atom.',
  },
  'subscribe.jsonFeedIntro': {
    ko: 'RSS와 같은 소식을 JSON Feed 형식으로 제공합니다.',
    en: 'The same news in JSON Feed format.',
  },
  'subscribe.calendar': { ko: '점검 일정 캘린더', en: 'Maintenance calendar' },
  'subscribe.calendarIntro': {
    ko: '캘린더 앱에서 이 주소를 구독하면 예정된 점검이 일정에 나타나고, 일정이 바뀌면 함께 바뀝니다.',
    en: 'Subscribe to this address in a calendar app: scheduled maintenance shows up in your calendar and stays up to date.',
  },
  'subscribe.webcal': { ko: '캘린더 앱에서 구독하기', en: 'Subscribe in your calendar app' },
  'subscribe.calendarHint': {
    ko: 'Google 캘린더는 ‘다른 캘린더 추가 → URL로 추가’에 주소를 붙여 넣으세요.',
    en: 'In Google Calendar, paste the address under “Other calendars → From URL”.',
  },
  'subscribe.apiIntro': {
    ko: 'Statuspage API v2와 같은 형식의 JSON이라 기존 Statuspage 클라이언트로 읽을 수 있습니다. 모든 언어에 하나입니다.',
    en: 'JSON in the shape of the Statuspage API v2, so existing Statuspage clients can read it. One for every language.',
  },
  'subscribe.badges': { ko: '상태 배지', en: 'Status badges' },
  'subscribe.badgesIntro': {
    ko: '웹사이트나 README에 넣으면 현재 상태를 보여 주고, 누르면 이 상태 페이지로 옵니다.',
    en: 'Put one on a website or a README: it shows the current state and links here.',
  },
  'subscribe.imageUrl': { ko: '이미지 주소', en: 'Image URL' },
  'subscribe.badgeAlt': { ko: '{name} 상태', en: '{name} status' },
  'calendar.name': { ko: '{site} 점검 일정', en: '{site}: maintenance' },
  'calendar.add': { ko: '캘린더에 추가 (.ics)', en: 'Add to calendar (.ics)' },
  'calendar.affected': { ko: '영향 받는 서비스: {services}', en: 'Affected: {services}' },
  'calendar.latest': { ko: '최근 공지 ({time}, {state})', en: 'Latest update ({time}, {state})' },
} as const satisfies Record<string, { ko: string; en: string }>;

export type StringKey = keyof typeof STRINGS;
