/**
 * The heaviest overview the weight budget must hold (issue 9): 4 services
 * with 6 features each, and every one of them down on each of the 90 days the
 * bars show, with 3 incidents a day (long titles, each naming every service),
 * and an outage open at the build's moment. Real histories are calmer; this
 * bounds what a day bar may cost on the overview.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { dump } from 'js-yaml';

/** The build's moment for this content. */
export const BUSY_NOW = '2024-06-01T12:00:00+09:00';

const SERVICES = [
  ['kakaotalk', '카카오톡', 'KakaoTalk'],
  ['kakaobank', '카카오뱅크', 'KakaoBank'],
  ['kakao-t', '카카오 T', 'Kakao T'],
  ['kakaopay', '카카오페이', 'KakaoPay'],
] as const;
const FEATURES = [
  ['messages', '메시지 송수신', 'Sending and receiving messages'],
  ['media', '사진·동영상 전송', 'Photo and video sending'],
  ['login', '로그인', 'Login'],
  ['pc-login', 'PC 로그인', 'PC version login'],
  ['notifications', '알림', 'Notifications'],
  ['payments', '결제·송금', 'Payments and transfers'],
] as const;
const DAYS = 95;
const PER_DAY = 3;

const file = (path: string, fields: Record<string, unknown>, body = '') => {
  writeFileSync(path, `---\n${dump(fields)}---\n${body}\n`);
};

/** `YYYY-MM-DDTHH:mm` in KST, `days` days before BUSY_NOW's date. */
function kstDay(daysBefore: number, time: string): string {
  const date = new Date(Date.parse('2024-06-01T00:00:00Z') - daysBefore * 86_400_000);
  return `${date.toISOString().slice(0, 10)}T${time}`;
}

/** Writes the content folder into `dir` (which should not exist yet). */
export function writeBusyContent(dir: string): void {
  mkdirSync(join(dir, 'services'), { recursive: true });
  mkdirSync(join(dir, 'incidents'), { recursive: true });
  writeFileSync(
    join(dir, 'site.yaml'),
    dump({
      title: { ko: '카카오 서비스 상태', en: 'Kakao Service Status' },
      timezone: 'Asia/Seoul',
      defaultLocale: 'ko',
      locales: ['ko', 'en'],
    }),
  );
  SERVICES.forEach(([id, ko, en], order) => {
    file(join(dir, 'services', `${id}.md`), {
      name: { ko, en },
      order: order + 1,
      features: FEATURES.map(([feature, fko, fen]) => ({ id: feature, name: { ko: fko, en: fen } })),
    });
  });
  const affected = (day: number, n: number) =>
    SERVICES.map(([service], s) => ({
      service,
      status: (day + n + s) % 2 === 0 ? 'partial_outage' : 'major_outage',
      features: Object.fromEntries(
        FEATURES.map(([feature], f) => [feature, (day + f) % 3 === 0 ? 'major_outage' : 'partial_outage']),
      ),
      note: {
        ko: '텍스트 메시지는 송수신 가능, 사진·동영상 전송 불가',
        en: 'Text messages work; photos and videos cannot be sent',
      },
    }));
  for (let day = 1; day <= DAYS; day += 1) {
    for (let n = 0; n < PER_DAY; n += 1) {
      const hour = String(2 + n * 7).padStart(2, '0');
      file(
        join(dir, 'incidents', `${kstDay(day, hour).slice(0, 10)}-${n}.md`),
        {
          title: {
            ko: `데이터센터 전원 문제로 카카오톡·카카오뱅크·카카오 T·카카오페이 일부 기능 장애 (${day}-${n})`,
            en: `A data-centre power problem breaks some features of KakaoTalk, KakaoBank, Kakao T and KakaoPay (${day}-${n})`,
          },
          started: kstDay(day, `${hour}:00`),
          resolved: kstDay(day, `${hour}:45`),
          affected: affected(day, n),
          updates: [
            {
              at: kstDay(day, `${hour}:05`),
              status: 'investigating',
              message: { ko: '원인을 확인하고 있습니다.', en: 'We are investigating.' },
            },
            { at: kstDay(day, `${hour}:45`), status: 'resolved', message: { ko: '복구되었습니다.', en: 'Resolved.' } },
          ],
        },
        '원인과 재발 방지 대책은 조사가 끝나는 대로 알려 드립니다.',
      );
    }
  }
  file(join(dir, 'incidents', 'open-now.md'), {
    title: { ko: '카카오 주요 서비스 접속 장애', en: 'Most Kakao services are unreachable' },
    started: '2024-06-01T09:00',
    affected: affected(0, 1),
    updates: [
      {
        at: '2024-06-01T09:10',
        status: 'investigating',
        message: { ko: '긴급 점검 중입니다.', en: 'Emergency check under way.' },
      },
      {
        at: '2024-06-01T10:30',
        status: 'identified',
        message: { ko: '원인을 파악했습니다.', en: 'The cause is identified.' },
      },
    ],
  });
}
