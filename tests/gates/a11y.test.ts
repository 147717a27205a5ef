/**
 * Gate: axe-core, in Debian's Chromium, finds no accessibility violation on the overview, an
 * incident page, a service page and the history, in Korean and English, in the light and the
 * dark colour scheme. And state is never colour alone: every `[data-status]` element shows its
 * status in words (정상, Partial outage ...), in the browser and in every built page.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type Axe from 'axe-core';
import { load } from 'cheerio';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import {
  expectNone,
  htmlPages,
  launchChromium,
  launched,
  pageLocale,
  pagesOfEachKind,
  serve,
  SITES,
  siteDirs,
  SITE_NAMES,
  statusWords,
} from './sites.ts';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * The pages axe checks in each build (routes in the default locale; `en/` is added): every kind of
 * page during the fire, the morning after and in the fixture with every state; on a calm day, one
 * page of each kind (pagesOfEachKind) and the subscribe page; the busiest overview. With the live
 * script running (its stale warning shows: these builds describe the past). 2 locales x 2 colour
 * schemes each.
 */
const AXE_PAGES = {
  fire: [
    '',
    'incidents/2022-10-15-pangyo-datacenter-fire/',
    'services/kakaotalk/',
    'services/kakaotalk/history/',
    'history/',
    'history/2022-10/',
    'subscribe/',
  ],
  morning: ['', 'incidents/2022-10-15-pangyo-datacenter-fire/', 'services/kakaotalk/'],
  basic: ['', 'incidents/media-failure/', 'services/talk/', 'history/'],
  // Filled in from the build: see routesOf.
  calm: ['subscribe/'],
  // Every day bar of the overview a link.
  busy: [''],
} as const;
const AXE_SITES = Object.keys(AXE_PAGES) as (keyof typeof AXE_PAGES)[];
const SCHEMES = ['light', 'dark'] as const;
const LOCALE_PREFIXES = ['', 'en/'] as const;

/** The routes of AXE_PAGES below a locale prefix; the calm build's also one page of each kind. */
function routesOf(name: (typeof AXE_SITES)[number], prefix: string): string[] {
  const extra =
    name === 'calm'
      ? pagesOfEachKind(siteDirs().calm)
          .filter((route) => (prefix === '' ? !route.startsWith('en/') : route.startsWith('en/')))
          .map((route) => route.slice(prefix.length))
      : [];
  // The 404 page has no English copy: it is checked once.
  return [...new Set([...AXE_PAGES[name], ...extra])].filter((r) => prefix === '' || r !== '404.html');
}

interface PageReport {
  violations: Axe.Result[];
  /** `[data-status]` elements without their status word in visible text. */
  unlabelled: string[];
  statuses: number;
}

/**
 * Runs in the page: opens every <details> (folded content is checked too), runs axe, and reads
 * each `[data-status]` element's own visible text (not that of `[data-status]` elements inside it).
 */
async function inspect(words: Record<string, string>): Promise<PageReport> {
  for (const details of document.querySelectorAll('details')) details.open = true;
  const { axe } = window as unknown as { axe: typeof Axe };
  const results = await axe.run(document, { resultTypes: ['violations'] });
  const unlabelled: string[] = [];
  const elements = [...document.querySelectorAll('[data-status]')];
  for (const element of elements) {
    const status = element.getAttribute('data-status') ?? '';
    let text = '';
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (parent?.closest('[data-status]') !== element) continue;
      if (!parent.checkVisibility({ opacityProperty: true, visibilityProperty: true })) continue;
      text += node.textContent ?? '';
    }
    const word = words[status];
    if (word === undefined || !text.includes(word)) {
      const hooks = [...element.attributes]
        .filter((a) => a.name.startsWith('data-'))
        .map((a) => `${a.name}="${a.value}"`)
        .join(' ');
      unlabelled.push(`[${hooks}] shows "${text.replace(/\s+/g, ' ').trim()}", not "${word ?? '?'}"`);
    }
  }
  return {
    violations: results.violations,
    unlabelled,
    statuses: elements.length,
  };
}

function describeViolation(where: string, v: PageReport['violations'][number]): string {
  const nodes = v.nodes
    .slice(0, 3)
    .map(
      (n) => `${n.target.join(' ')}: ${(n.failureSummary ?? '').split('\n').slice(1).join(' ').trim().slice(0, 240)}`,
    )
    .join('; ');
  return `${where}: ${v.id} [${v.impact ?? '?'}] ${v.help} (${v.nodes.length} elements) ${nodes}`;
}

let browser: Browser | undefined;
const tally = { runs: 0, violations: 0, statuses: 0 };
/** Pages loaded per build (both locales). */
const loaded: Record<string, number> = {};
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  // Undefined when the launch failed: its own error says why.
  await browser?.close();
  console.log(
    `axe: ${tally.runs} runs (${AXE_SITES.map((n) => `${n}: ${loaded[n] ?? 0}`).join(', ')} pages, ` +
      `x 2 colour schemes), ` +
      `${tally.violations} violations; ${tally.statuses} [data-status] elements checked for words`,
  );
});

// The builds in parallel: Chromium then keeps both cores busy.
test.concurrent.each(AXE_SITES)(
  'axe-core on the %s build: 0 violations in the light and the dark colour scheme; every status in words',
  async (name) => {
    const server = await serve(siteDirs()[name], SITES[name].base);
    const context = await launched(browser).newContext();
    try {
      await context.addInitScript({ content: AXE_SOURCE });
      const page = await context.newPage();
      const problems: string[] = [];
      for (const prefix of LOCALE_PREFIXES) {
        const words = statusWords(prefix === '' ? 'ko' : 'en');
        for (const route of routesOf(name, prefix)) {
          const path = `${prefix}${route}`;
          const response = await page.goto(server.url + path);
          expect(response?.status(), path).toBe(200);
          loaded[name] = (loaded[name] ?? 0) + 1;
          // One load, both schemes: switching the emulated scheme restyles the page in place.
          for (const colorScheme of SCHEMES) {
            await page.emulateMedia({ colorScheme });
            const where = `${name} ${colorScheme} /${path}`;
            const report = await page.evaluate(inspect, words);
            tally.runs += 1;
            tally.violations += report.violations.length;
            tally.statuses += report.statuses;
            problems.push(...report.violations.map((v) => describeViolation(where, v)));
            problems.push(...report.unlabelled.map((u) => `${where}: colour alone: ${u}`));
          }
        }
      }
      expectNone(problems, `axe-core and status words on the ${name} build`);
    } finally {
      await context.close();
      await server.close();
    }
  },
);

test('every [data-status] element on every built page carries its status in words', () => {
  const dirs = siteDirs();
  const problems: string[] = [];
  let checked = 0;
  for (const name of SITE_NAMES) {
    for (const file of htmlPages(dirs[name])) {
      const words = statusWords(pageLocale(file));
      const $ = load(readFileSync(`${dirs[name]}/${file}`, 'utf8'));
      $('[data-status]').each((_, el) => {
        checked += 1;
        const status = $(el).attr('data-status') ?? '';
        const own = $(el).clone().find('[data-status]').remove().end().text();
        const word = words[status];
        if (word === undefined || !own.includes(word))
          problems.push(`${name}/${file}: data-status="${status}" shows "${own.replace(/\s+/g, ' ').trim()}"`);
      });
    }
  }
  console.log(`status words: ${checked} [data-status] elements in ${SITE_NAMES.length} builds`);
  expect(checked).toBeGreaterThan(0);
  expectNone(problems, '[data-status] elements without their status in words');
});

test('Korean text on an English page is marked lang="ko", so screen readers switch voice', () => {
  const dirs = siteDirs();
  const problems: string[] = [];
  let marked = 0;
  for (const name of ['calm', 'fire', 'morning', 'basic'] as const) {
    for (const file of htmlPages(dirs[name]).filter((f) => pageLocale(f) === 'en')) {
      const $ = load(readFileSync(`${dirs[name]}/${file}`, 'utf8'));
      $('body *:not(script, style)').each((_, el) => {
        const lang = $(el).closest('[lang]').attr('lang');
        // Its own text nodes (nodeType 3) with Hangul in them.
        for (const node of $(el).contents().toArray()) {
          const text = node.nodeType === 3 ? $(node).text() : '';
          if (!/\p{Script=Hangul}/u.test(text)) continue;
          if (lang === 'ko') marked += 1;
          else problems.push(`${name}/${file}: "${text.trim().slice(0, 60)}" is in lang="${lang ?? '?'}"`);
        }
      });
    }
  }
  console.log(`lang: ${marked} Korean texts on English pages, each inside lang="ko"`);
  expect(marked).toBeGreaterThan(0);
  expectNone(problems, 'Korean text on English pages without lang="ko"');
});
