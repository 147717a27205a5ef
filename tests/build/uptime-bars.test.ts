/**
 * The service page's uptime (SPEC.md hooks): the sample content built the
 * night after the 2022 fire was resolved (2022-10-21 00:00 KST). KakaoTalk
 * has 90 day bars, the fire's days are not up and open to links to the fire,
 * and every `data-uptime-*` figure is the uptime engine's, in both locales.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { CheerioAPI } from 'cheerio';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadContentModel } from '../../src/data/read-content.ts';
import { STRINGS } from '../../src/lib/i18n/strings.ts';
import { parseDateTime } from '../../src/lib/time.ts';
import { formatUptime, getStateTimeline, getUptime, getUptimeWindow, UPTIME_PERIODS } from '../../src/lib/uptime.ts';
import { buildSite, readPage, ROOT, type BuildResult } from './helpers.ts';

const CONTENT = join(ROOT, 'content');
const STATUS_NOW = '2022-10-21T00:00+09:00';
const TIMEZONE = 'Asia/Seoul';
const FIRE = '2022-10-15-pangyo-datacenter-fire';
const model = loadContentModel(CONTENT, { fresh: true });
const now = parseDateTime(STATUS_NOW, TIMEZONE) ?? Number.NaN;
const kakaotalk = model.services.find((s) => s.id === 'kakaotalk');

/** The figures the engine gives, as the hooks should carry them. */
function expectedHooks(feature?: string): Record<string, string> {
  const timeline = getStateTimeline(model, { service: 'kakaotalk', feature }, now);
  return Object.fromEntries(
    UPTIME_PERIODS.map((days) => {
      const { percent } = getUptime(timeline, getUptimeWindow(days, now, TIMEZONE), kakaotalk?.since);
      return [`data-uptime-${days}d`, percent === undefined ? '' : formatUptime(percent)];
    }),
  );
}

const hooksOf = ($: CheerioAPI, selector: string) =>
  Object.fromEntries(UPTIME_PERIODS.map((days) => [`data-uptime-${days}d`, $(selector).attr(`data-uptime-${days}d`)]));

let site: BuildResult;
beforeAll(async () => {
  site = await buildSite({ STATUS_NOW, SITE_URL: 'https://status.example.com' });
  expect(site.code, site.stderr).toBe(0);
});
afterAll(() => {
  rmSync(site.outDir, { recursive: true, force: true });
});

test('the sample has what this test relies on', () => {
  expect(Number.isFinite(now)).toBe(true);
  expect(kakaotalk?.features.length).toBeGreaterThan(0);
  expect(model.site.timezone).toBe(TIMEZONE);
});

describe.each([
  ['ko', ''],
  ['en', 'en/'],
] as const)('/%s services/kakaotalk/', (locale, prefix) => {
  const page = () => readPage(site.outDir, `${prefix}services/kakaotalk/index.html`);
  const serviceBars = ($: CheerioAPI) => $('[data-service="kakaotalk"] > .bars > [data-day]');

  test('90 day bars for the service, oldest first, ending today', () => {
    const $ = page();
    const days = serviceBars($)
      .map((_, el) => $(el).attr('data-day'))
      .get();
    expect(days).toHaveLength(90);
    expect(days[0]).toBe('2022-07-24');
    expect(days.at(-1)).toBe('2022-10-21');
    expect([...days].sort()).toEqual(days);
  });

  test('the fire days are down, every other day is up; each fire day links to the fire', () => {
    const $ = page();
    const statuses = Object.fromEntries(
      serviceBars($)
        .map((_, el) => [[$(el).attr('data-day'), $(el).attr('data-status')]])
        .get() as [string, string][],
    );
    const fireDays: Record<string, 'major_outage' | 'partial_outage'> = {
      '2022-10-15': 'major_outage',
      '2022-10-16': 'major_outage',
      '2022-10-17': 'partial_outage',
      '2022-10-18': 'partial_outage',
      '2022-10-19': 'partial_outage',
      '2022-10-20': 'partial_outage',
    };
    for (const [day, status] of Object.entries(statuses)) expect(status, day).toBe(fireDays[day] ?? 'operational');
    for (const [day, status] of Object.entries(fireDays)) {
      const bar = $(`[data-service="kakaotalk"] > .bars > [data-day="${day}"]`);
      expect(bar.attr('data-status'), day).toBe(status);
      expect(
        bar
          .find('a')
          .map((_, a) => $(a).attr('href'))
          .get(),
        day,
      ).toEqual([`/${prefix}incidents/${FIRE}/`]);
      // Colour is never alone: the date, the state and the downtime in words.
      const words = bar.find('summary').text();
      expect(words, day).toContain(day);
      expect(words, day).toContain(STRINGS[`status.${status}`][locale]);
      expect(bar.find('summary').attr('title'), day).toBe(words);
    }
  });

  test('a calm day is a bare bar that still says its date and state', () => {
    const $ = page();
    const calm = $('[data-service="kakaotalk"] > .bars > [data-day="2022-09-01"]');
    expect(calm.attr('data-status')).toBe('operational');
    expect(calm.text()).toBe(`2022-09-01 ${STRINGS['status.operational'][locale]}`);
    expect(calm.find('a, details')).toHaveLength(0);
  });

  test('the service and each feature carry the uptime the engine gives, and show it', () => {
    const $ = page();
    const expected = expectedHooks();
    expect(hooksOf($, '[data-service="kakaotalk"]')).toEqual(expected);
    // The fire is in every window: none of them is a perfect 100.00.
    for (const value of Object.values(expected)) expect(Number(value)).toBeLessThan(100);
    const shown = $('[data-service="kakaotalk"] > .uptime dd')
      .map((_, el) => $(el).text())
      .get();
    expect(shown).toEqual(UPTIME_PERIODS.map((days) => `${expected[`data-uptime-${days}d`] ?? ''}%`));

    const features = $('[data-service="kakaotalk"] [data-feature]');
    expect(features).toHaveLength(kakaotalk?.features.length ?? 0);
    for (const feature of kakaotalk?.features ?? []) {
      const selector = `[data-service="kakaotalk"] [data-feature="${feature.id}"]`;
      expect(hooksOf($, selector), feature.id).toEqual(expectedHooks(feature.id));
      expect($(`${selector} > .bars > [data-day]`), feature.id).toHaveLength(90);
    }
  });

  test('the page says which window the figures use', () => {
    const text = page()('main').text();
    expect(text).toContain(STRINGS['uptime.window'][locale].replace('{tz}', 'KST'));
  });
});

test('every service page carries the uptime hooks on every service and feature', () => {
  for (const service of model.services) {
    for (const prefix of ['', 'en/']) {
      const $ = readPage(site.outDir, `${prefix}services/${service.id}/index.html`);
      const hooked = $('[data-service], [data-feature]');
      expect(hooked.length, service.id).toBe(1 + service.features.length);
      hooked.each((_, el) => {
        for (const days of UPTIME_PERIODS)
          expect($(el).attr(`data-uptime-${days}d`), service.id).toMatch(/^\d+\.\d\d$/);
      });
    }
  }
});

describe.each([
  ['ko', ''],
  ['en', 'en/'],
] as const)('/%s overview', (locale, prefix) => {
  const page = () => readPage(site.outDir, `${prefix}index.html`);

  test('every service has 90 day bars and the hooks of the engine; every feature the hooks and its figures', () => {
    const $ = page();
    for (const service of model.services) {
      const selector = `[data-service="${service.id}"]`;
      const timelineFor = (feature?: string) => getStateTimeline(model, { service: service.id, feature }, now);
      const hooks = (feature?: string) =>
        Object.fromEntries(
          UPTIME_PERIODS.map((days) => {
            const { percent } = getUptime(timelineFor(feature), getUptimeWindow(days, now, TIMEZONE), service.since);
            return [`data-uptime-${days}d`, percent === undefined ? '' : formatUptime(percent)];
          }),
        );
      expect(hooksOf($, selector), service.id).toEqual(hooks());
      expect($(`${selector} > .bars > [data-day]`), service.id).toHaveLength(90);
      for (const feature of service.features) {
        const item = `${selector} [data-feature="${feature.id}"]`;
        const expected = hooks(feature.id);
        expect(hooksOf($, item), `${service.id}/${feature.id}`).toEqual(expected);
        // The value shown is the hook's.
        expect(
          $(`${item} .uptime dd`)
            .map((_, el) => $(el).text())
            .get(),
        ).toEqual(UPTIME_PERIODS.map((days) => `${expected[`data-uptime-${days}d`] ?? ''}%`));
        // Feature bars are on the service page only: on the overview they would cost
        // 34 KB gzip in the busiest case (README, "Uptime").
        expect($(`${item} [data-day]`)).toHaveLength(0);
      }
    }
  });

  test('a day with something to tell links to that day on the service page, where its details open', () => {
    const $ = page();
    const bar = $('[data-service="kakaotalk"] > .bars > [data-day="2022-10-15"]');
    expect(bar.attr('data-status')).toBe('major_outage');
    const link = bar.find('a');
    expect(link.attr('href')).toBe(`/${prefix}services/kakaotalk/#day-2022-10-15`);
    expect(link.text()).toContain('2022-10-15');
    expect(link.text()).toContain(STRINGS['status.major_outage'][locale]);
    expect(link.text()).toContain(locale === 'ko' ? '다운타임 8시간 30분' : 'Downtime 8 h 30 min');
    expect(link.find('time').attr('datetime')).toBe('2022-10-15T00:00:00+09:00');
    // The target is the day's tip, inside its closed <details>, with the link to the fire.
    const service = readPage(site.outDir, `${prefix}services/kakaotalk/index.html`);
    const tip = service('#day-2022-10-15');
    expect(tip.closest('details').closest('[data-day]').attr('data-day')).toBe('2022-10-15');
    expect(tip.find('a').attr('href')).toBe(`/${prefix}incidents/${FIRE}/`);
    expect(service('[id^="messages-day-"]').length).toBeGreaterThan(0);
  });

  test('a calm day is a bare bar with its date in <time> and its state in words', () => {
    const $ = page();
    const calm = $('[data-service="kakaotalk"] > .bars > [data-day="2022-09-01"]');
    expect(calm.attr('data-status')).toBe('operational');
    expect(calm.find('a, details')).toHaveLength(0);
    expect(calm.text()).toBe(`2022-09-01 ${STRINGS['status.operational'][locale]}`);
    expect(calm.find('time').attr('datetime')).toBe('2022-09-01T00:00:00+09:00');
  });
});
