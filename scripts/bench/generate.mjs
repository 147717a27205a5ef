// Generates a synthetic content folder in the SPEC format: N realistic
// incidents (Korean and English titles, 1-4 affected services with features
// and notes, 2-5 updates, a body of about 300 words) spread over 10 years,
// with the sample's services and site.yaml. Deterministic for a given N.
//
// Usage: node scripts/bench/generate.mjs <N> <out-dir>
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { dump as stringify } from 'js-yaml';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Small seeded PRNG (mulberry32): the same N gives the same files. */
function createRandom(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SERVICES = {
  kakaotalk: {
    ko: '카카오톡',
    en: 'KakaoTalk',
    features: ['messages', 'media', 'pc-login', 'login', 'notifications', 'signup'],
  },
  kakaobank: { ko: '카카오뱅크', en: 'KakaoBank', features: ['login', 'deposit', 'transfer', 'notifications'] },
  'kakao-t': { ko: '카카오 T', en: 'Kakao T', features: ['taxi', 'designated-driver'] },
  kakaostory: { ko: '카카오스토리', en: 'KakaoStory', features: ['login', 'posting'] },
};
const PROBLEMS = [
  { ko: '메시지 송수신 지연', en: 'Delayed messages' },
  { ko: '로그인 오류', en: 'Login errors' },
  { ko: '사진 전송 실패', en: 'Photo uploads fail' },
  { ko: '접속 장애', en: 'Connection failures' },
  { ko: '알림 지연', en: 'Delayed notifications' },
  { ko: '결제 오류', en: 'Payment errors' },
  { ko: '일시적 서비스 중단', en: 'Brief service interruption' },
];
const STATUSES = ['degraded_performance', 'partial_outage', 'major_outage'];
const SENTENCES_KO = [
  '일부 이용자가 서비스를 원활하게 이용하지 못하는 현상이 있었습니다.',
  '서버 설정 변경 과정에서 예상하지 못한 오류가 발생했습니다.',
  '담당 조직이 즉시 원인을 파악하고 이전 설정으로 되돌렸습니다.',
  '이 시간 동안 메시지 전송이 늦어지거나 실패할 수 있었습니다.',
  '재발을 막기 위해 배포 전 검증 절차를 강화하겠습니다.',
  '앱을 최신 버전으로 업데이트하면 대부분의 문제가 해결됩니다.',
  '급한 용무는 문자나 전화 등 다른 수단을 이용해 주시기 바랍니다.',
  '이용에 불편을 드려 죄송합니다.',
];
const SENTENCES_EN = [
  'Some users could not use the service smoothly.',
  'An unexpected error occurred while a server setting was changed.',
  'The team found the cause at once and rolled the setting back.',
  'During this time messages could be delayed or fail to send.',
];

function formatKst(ms) {
  // Naive KST wall-clock time, as operators write it.
  return new Date(ms + 9 * 3_600_000).toISOString().slice(0, 16);
}

function pick(random, list) {
  return list[Math.floor(random() * list.length)];
}

function createIncident(index, random, start, span) {
  const started = start + Math.floor((random() * span) / 60_000) * 60_000;
  const duration = (5 + Math.floor(random() * 240)) * 60_000;
  const ids = Object.keys(SERVICES);
  const count = 1 + Math.floor(random() * 4);
  const chosen = ids
    .slice(0)
    .sort(() => random() - 0.5)
    .slice(0, count);
  const problem = pick(random, PROBLEMS);
  const affected = chosen.map((id) => {
    const service = SERVICES[id];
    const feature = pick(random, service.features);
    const status = pick(random, STATUSES);
    return {
      service: id,
      status,
      features: { [feature]: status },
      note: {
        ko: `${service.ko} 일부 기능 이용 불가, 나머지는 정상`,
        en: `Some ${service.en} features fail; the rest work`,
      },
    };
  });
  const states = ['investigating', 'identified', 'monitoring'];
  const updateCount = 2 + Math.floor(random() * 4);
  const updates = [];
  for (let i = 0; i < updateCount - 1; i++) {
    updates.push({
      at: formatKst(started + Math.floor((duration * i) / updateCount)),
      status: states[Math.min(i, states.length - 1)],
      message: {
        ko: `${problem.ko} 현상을 확인하고 조치 중입니다. (${i + 1})`,
        en: `${problem.en}: we are working on it. (${i + 1})`,
      },
    });
  }
  updates.push({
    at: formatKst(started + duration),
    status: 'resolved',
    message: { ko: '정상화되었습니다.', en: 'Resolved.' },
  });
  const body = [];
  for (let p = 0; p < 5; p++) {
    const sentences = [];
    for (let s = 0; s < 6; s++) sentences.push(pick(random, SENTENCES_KO));
    sentences.push(pick(random, SENTENCES_EN));
    body.push(sentences.join(' '));
  }
  const names = chosen.map((id) => SERVICES[id]);
  const frontMatter = {
    title: { ko: `${names[0].ko} ${problem.ko}`, en: `${names[0].en}: ${problem.en}` },
    impact: pick(random, ['minor', 'minor', 'major', 'critical']),
    started: formatKst(started),
    affected,
    updates,
  };
  const year = formatKst(started).slice(0, 4);
  const slug = `${formatKst(started).slice(0, 10)}-synthetic-${String(index).padStart(5, '0')}`;
  return {
    path: join('incidents', year, `${slug}.md`),
    text: `---\n${stringify(frontMatter)}---\n${body.join('\n\n')}\n`,
  };
}

/** Writes N incidents into `outDir` (emptied first). Returns the number of files written. */
export function generateContent(n, outDir) {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  cpSync(join(ROOT, 'content/site.yaml'), join(outDir, 'site.yaml'));
  cpSync(join(ROOT, 'content/services'), join(outDir, 'services'), { recursive: true });
  const random = createRandom(n);
  const start = Date.UTC(2016, 0, 1);
  const span = Date.UTC(2025, 11, 31) - start;
  for (let i = 0; i < n; i++) {
    const file = createIncident(i, random, start, span);
    mkdirSync(join(outDir, file.path, '..'), { recursive: true });
    writeFileSync(join(outDir, file.path), file.text);
  }
  return n;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [n = '1000', outDir = 'bench-content'] = process.argv.slice(2);
  generateContent(Number(n), outDir);
  console.log(`${n} incidents in ${outDir}`);
}
