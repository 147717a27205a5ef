/**
 * Gate: the live script (src/scripts/live.ts) in Chromium, on builds served from 127.0.0.1
 * under a strict Content-Security-Policy (`script-src 'self'`, no 'unsafe-inline' for scripts):
 * - a newer build on disk (its status.json and page) replaces the banner, the states and the
 *   hooks of an open page, and says so in the aria-live region;
 * - with the clock mocked (`page.clock`), a maintenance window flips from 예정 to 진행 중 and then
 *   to 완료 without a rebuild, and the flipped page shows what a real build at that moment shows;
 * - "n분 전" beside the "as of" time, and with the server stopped the page says it is stale;
 * - the script is small, and nothing breaks the policy.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { buildSite, FIXTURES } from '../build/helpers.ts';
import {
  cspViolations,
  launchChromium,
  launched,
  recordCspViolations,
  serveWithShippedHeaders,
  siteDirs,
  SITE_URL,
} from './sites.ts';

/** The script's budget (issue 10). */
const SCRIPT_BUDGET = 3 * 1024;
const MINUTE = 60_000;

let browser: Browser | undefined;
const temporary: string[] = [];
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  for (const dir of temporary) rmSync(dir, { recursive: true, force: true });
});

/** A copy of a build that a test may change on disk. */
function copyOf(dir: string): string {
  const copy = mkdtempSync(join(tmpdir(), 'live-'));
  temporary.push(copy);
  cpSync(dir, copy, { recursive: true });
  return copy;
}

/** Served with the headers the site ships (a policy that allows no inline script). */
const serveStrict = (dir: string) => serveWithShippedHeaders(dir, '/');

/** A phone-sized context whose pages record every policy violation. */
async function strictContext(): Promise<BrowserContext> {
  const context = await launched(browser).newContext({ viewport: { width: 390, height: 844 } });
  await recordCspViolations(context);
  return context;
}

/** A copy of the fire build, served, and its overview open at 17:01 (a minute after the build). */
async function openFireCopy() {
  const dir = copyOf(siteDirs().fire);
  const server = await serveStrict(dir);
  const context = await strictContext();
  const page = await context.newPage();
  await page.clock.install({ time: new Date('2022-10-15T17:01:00+09:00') });
  await page.goto(server.url);
  const close = async () => {
    await context.close();
    await server.close();
  };
  return { dir, page, close };
}

interface Hooks {
  indicator: string | undefined;
  headline: string | undefined;
  lines: (string | undefined)[];
  /** `<id>` -> `<data-status> <the word shown>` */
  services: Record<string, string>;
  /** `<service>/<feature>` -> `<data-status> <the word shown>` */
  features: Record<string, string>;
  /** slug -> `<data-state> <the word shown>` */
  maintenance: Record<string, string>;
}

/** The SPEC hooks and the words beside them, as a script reading the page sees them. */
function readHooks(page: Page): Promise<Hooks> {
  return page.evaluate((): Hooks => {
    const banner = document.querySelector<HTMLElement>('[data-indicator]');
    const label = (element: Element) => element.querySelector('.status, .state')?.textContent.trim() ?? '';
    return {
      indicator: banner?.dataset.indicator,
      headline: banner?.querySelector('h1')?.textContent.trim(),
      lines: [...(banner?.querySelectorAll('.banner-lines li') ?? [])].map((li) => li.textContent.trim()),
      services: Object.fromEntries(
        [...document.querySelectorAll<HTMLElement>('main [data-service]')].map((s) => [
          s.dataset.service ?? '',
          `${s.dataset.status} ${label(s)}`,
        ]),
      ),
      features: Object.fromEntries(
        [...document.querySelectorAll<HTMLElement>('main [data-service] [data-feature]')].map((f) => [
          `${f.closest<HTMLElement>('[data-service]')?.dataset.service}/${f.dataset.feature}`,
          `${f.dataset.status} ${label(f)}`,
        ]),
      ),
      maintenance: Object.fromEntries(
        [...document.querySelectorAll<HTMLElement>('main [data-maintenance]')].map((m) => [
          m.dataset.maintenance ?? '',
          `${m.dataset.state} ${label(m)}`,
        ]),
      ),
    };
  });
}

test('the live script is one same-origin file of at most 3 KB gzip, and a page has one <script> to run', () => {
  const dir = siteDirs().fire;
  const scripts = readdirSync(join(dir, '_astro')).filter((f) => f.endsWith('.js'));
  expect(scripts).toHaveLength(1);
  const size = gzipSync(readFileSync(join(dir, '_astro', scripts[0] ?? ''))).length;
  console.log(`live script: ${statSync(join(dir, '_astro', scripts[0] ?? '')).size} B, ${size} B gzip`);
  expect(size).toBeLessThanOrEqual(SCRIPT_BUDGET);
  const html = readFileSync(join(dir, 'index.html'), 'utf8');
  const tags = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
  // One module file, and the data block (never run, so no policy blocks it).
  expect(tags).toEqual([
    '<script type="application/json" id="live-data">',
    `<script type="module" src="/_astro/${scripts[0]}">`,
  ]);
});

test('a newer build on disk replaces the banner, the states and the hooks of an open page', async () => {
  const { dir, page, close } = await openFireCopy();
  try {
    const before = await readHooks(page);
    expect(before.indicator).toBe('critical');
    expect(before.services.kakaotalk).toBe('major_outage 전면 장애');
    // A reader opened KakaoBank's feature list; it stays open across the swap.
    const bankFeatures = page.locator('[data-service="kakaobank"] details.features');
    await bankFeatures.locator('summary').click();
    // The page as a calm day's build writes it, and that build's status.json.
    const calm = siteDirs().calm;
    cpSync(join(calm, 'index.html'), join(dir, 'index.html'));
    cpSync(join(calm, 'api/v2/status.json'), join(dir, 'api/v2/status.json'));
    await page.clock.runFor(MINUTE + 1000);
    await expect.poll(() => page.locator('[data-indicator]').getAttribute('data-indicator')).toBe('none');
    const after = await readHooks(page);
    expect(after.headline).toBe('모든 서비스 정상 운영 중');
    expect(Object.values(after.services).every((s) => s === 'operational 정상')).toBe(true);
    expect(await bankFeatures.getAttribute('open')).toBe('');
    expect(await page.locator('#live-status').textContent()).toBe('새 정보로 바뀌었습니다: 모든 서비스 정상 운영 중');
    expect(await page.locator('[data-generated-at]').getAttribute('data-generated-at')).toBe(
      '2026-11-22T12:00:00+09:00',
    );
    expect(await cspViolations(page)).toEqual([]);
  } finally {
    await close();
  }
});

test('a page never goes back to an older build, and an unchanged one is left alone', async () => {
  const { dir, page, close } = await openFireCopy();
  try {
    // The host now claims a newer build but still serves the old page (a cache): nothing changes.
    const status = JSON.parse(readFileSync(join(dir, 'api/v2/status.json'), 'utf8')) as {
      page: { updated_at: string };
    };
    status.page.updated_at = '2022-10-15T17:05:00+09:00';
    writeFileSync(join(dir, 'api/v2/status.json'), JSON.stringify(status));
    await page.clock.runFor(MINUTE + 1000);
    await page.waitForTimeout(300);
    expect(await page.locator('[data-generated-at]').getAttribute('data-generated-at')).toBe(
      '2022-10-15T17:00:00+09:00',
    );
    expect(await page.locator('#live-status').textContent()).toBe('');
  } finally {
    await close();
  }
});

test('with the clock mocked, maintenance flips 진행 중 -> 완료 and 예정 -> 진행 중, as a build at that moment says', async () => {
  const dir = siteDirs().basic;
  const server = await serveStrict(dir);
  const context = await strictContext();
  // The fixture at the moment the second window has begun, built for real.
  const later = await buildSite({
    STATUS_CONTENT_DIR: join(FIXTURES, 'basic'),
    STATUS_NOW: '2024-06-03T02:30:00+09:00',
    SITE_URL,
  });
  temporary.push(later.outDir);
  expect(later.code, later.stderr).toBe(0);
  const laterServer = await serveStrict(later.outDir);
  try {
    for (const prefix of ['', 'en/']) {
      const page = await context.newPage();
      // Built at 12:00; the first window ends at 13:00, the second runs 06-03 02:00-04:00.
      await page.clock.install({ time: new Date('2024-06-01T12:00:30+09:00') });
      await page.goto(server.url + prefix);
      const start = await readHooks(page);
      expect(start.maintenance).toEqual(
        prefix
          ? { 'maintenance-now': 'in_progress In progress', 'maintenance-next': 'scheduled Scheduled' }
          : { 'maintenance-now': 'in_progress 진행 중', 'maintenance-next': 'scheduled 예정' },
      );
      expect(start.services.story).toMatch(/^under_maintenance /);

      await page.clock.fastForward(60 * MINUTE);
      await expect.poll(async () => (await readHooks(page)).maintenance['maintenance-now']).toMatch(/^completed /);
      expect((await readHooks(page)).services.story).toMatch(/^operational /);

      await page.clock.fastForward(38 * 60 * MINUTE);
      await expect.poll(async () => (await readHooks(page)).maintenance['maintenance-next']).toMatch(/^in_progress /);
      const flipped = await readHooks(page);
      expect(flipped.services.taxi).toBe(prefix ? 'under_maintenance Under maintenance' : 'under_maintenance 점검 중');
      expect(await page.locator('#live-status').textContent()).toContain(flipped.headline ?? '?');

      // What a build at 02:30 shows, hook for hook and word for word.
      const real = await context.newPage();
      await real.goto(laterServer.url + prefix);
      const truth = await readHooks(real);
      expect(flipped).toEqual(truth);
      // And the service page of the window's service.
      await page.goto(`${server.url}${prefix}services/taxi/`);
      await page.clock.fastForward(MINUTE);
      await real.goto(`${laterServer.url}${prefix}services/taxi/`);
      await expect.poll(async () => (await readHooks(page)).maintenance['maintenance-next']).toMatch(/^in_progress /);
      expect(await readHooks(page)).toEqual(await readHooks(real));
      expect(await cspViolations(page)).toEqual([]);
      await page.close();
      await real.close();
    }
  } finally {
    await context.close();
    await server.close();
    await laterServer.close();
  }
});

test('"n분 전" beside the "as of" time; with the server stopped the page says it is stale', async () => {
  const server = await serveStrict(siteDirs().fire);
  const context = await strictContext();
  try {
    const page = await context.newPage();
    await page.clock.install({ time: new Date('2022-10-15T17:03:00+09:00') });
    await page.goto(server.url);
    await expect.poll(() => page.locator('[data-live-ago]').textContent()).toBe('(3분 전)');
    expect(await page.locator('#live-stale').isHidden()).toBe(true);
    await server.close();
    await page.clock.fastForward(13 * MINUTE);
    await expect.poll(() => page.locator('#live-stale').isVisible()).toBe(true);
    expect(await page.locator('#live-stale').textContent()).toBe(
      '이 정보는 16분 전 기준입니다. 공식 채널도 확인하세요.',
    );
    expect(await page.locator('[data-live-ago]').textContent()).toBe('(16분 전)');
    expect(await cspViolations(page)).toEqual([]);
  } finally {
    await context.close();
    await server.close().catch(() => undefined);
  }
});
