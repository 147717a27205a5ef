/**
 * Gate: the pages hold together on a phone. In Chromium at 320 and 390 px wide (and the overview
 * at 1280 px), with every <details> open, on one page of each kind plus the subscribe page, in
 * Korean and English: nothing scrolls sideways; every status and state label (a pill) stays on
 * one line, inside its row, its card and the viewport; the parts of a row (a service's name and
 * status, a timeline entry's state and time ...) never overlap. And the overall banner says its
 * news in a few lines on a phone: at most BANNER_MAX_LINES lines of headline and service lines
 * at 390 px.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { expectNone, htmlPages, launchChromium, launched, pagesOfEachKind, serve, SITES, siteDirs } from './sites.ts';

const LAYOUT_SITES = ['calm', 'fire', 'morning', 'basic', 'busy'] as const;
type LayoutSite = (typeof LAYOUT_SITES)[number];
/** A small phone (iPhone SE 1st gen., Galaxy Fold folded) and a common one (iPhone 12-15). */
const PHONE_WIDTHS = [320, 390] as const;
/** A desktop width, for the overview only. */
const DESKTOP_WIDTH = 1280;
const OVERVIEWS = ['', 'en/'] as const;
/** Pages beyond pagesOfEachKind: the subscribe page has long addresses and code snippets. */
const EXTRA_ROUTES = ['subscribe/', 'en/subscribe/'] as const;
/** The banner's headline plus its service lines at 390 px, in rendered lines. */
const BANNER_MAX_LINES = 3;
const BANNER_WIDTH = 390;
const VIEWPORT_HEIGHT = 800;

/** Rows whose direct children must not overlap one another. */
const ROWS = '.service-head, .features li, .affected > li, .meta, .tl-head, .row-meta, .tip p, .uptime div, .eyebrow';
/** The box a label belongs in, beyond its row. */
const CARDS = '.card, .service, .tip, .row, .timeline > li, .uptime-features > li, article, main';

interface LayoutReport {
  /** What sticks out past the right edge of the viewport, if the page scrolls sideways. */
  overflow: string | null;
  labels: string[];
  labelCount: number;
  overlaps: string[];
  rowCount: number;
}

/**
 * Runs in the page: opens every <details> and measures. Self-contained (serialised into the page).
 */
function measureLayout(selectors: { rows: string; cards: string }): LayoutReport {
  for (const details of document.querySelectorAll('details')) details.open = true;
  const vw = window.innerWidth;
  const px = (n: number) => `${Math.round(n * 10) / 10}px`;
  const short = (el: Element) => el.textContent.replace(/\s+/g, ' ').trim().slice(0, 60);
  /** A short CSS path: up to four steps, tag.class:nth-of-type, stopping at an id. */
  const path = (el: Element): string => {
    const steps: string[] = [];
    for (let e: Element | null = el; e && e !== document.body && steps.length < 4; e = e.parentElement) {
      if (e.id) {
        steps.unshift(`#${e.id}`);
        break;
      }
      let step =
        e.localName +
        [...e.classList]
          .slice(0, 2)
          .map((c) => `.${c}`)
          .join('');
      const { localName, parentElement: parent } = e;
      const same = parent ? [...parent.children].filter((c) => c.localName === localName) : [];
      if (same.length > 1) step += `:nth-of-type(${same.indexOf(e) + 1})`;
      steps.unshift(step);
    }
    return steps.join(' > ');
  };
  const visible = (el: Element) => el.checkVisibility({ opacityProperty: true, visibilityProperty: true });
  /** Whether an ancestor clips it (then it cannot make the page scroll). */
  const clipped = (el: Element) => {
    for (let e = el.parentElement; e && e !== document.documentElement; e = e.parentElement) {
      if (getComputedStyle(e).overflowX !== 'visible') return true;
    }
    return false;
  };

  // 1. No horizontal scroll; name the element that sticks out furthest (the deepest of those
  // sticking out as far: usually the cause, a long word or a row too wide).
  let overflow: string | null = null;
  const scrollWidth = document.documentElement.scrollWidth;
  if (scrollWidth > vw) {
    let widest: { el: Element; right: number } | null = null;
    let past = 0;
    for (const el of document.body.querySelectorAll('*')) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.right <= vw + 0.5 || clipped(el)) continue;
      past += 1;
      if (!widest || r.right > widest.right + 0.5 || (r.right > widest.right - 0.5 && widest.el.contains(el)))
        widest = { el, right: r.right };
    }
    overflow =
      `scrolls sideways: scrollWidth ${scrollWidth}px > ${vw}px; ` +
      (widest
        ? `widest: ${path(widest.el)} ("${short(widest.el)}") ends at ${px(widest.right)}, ` +
          `${px(widest.right - vw)} past the edge (${past} elements past it)`
        : 'no element found past the edge');
  }

  // 2. Labels on one line, inside their row, card and the viewport.
  const labels: string[] = [];
  let labelCount = 0;
  for (const el of document.querySelectorAll('.status, .state')) {
    if (!visible(el) || el.closest('.vh')) continue;
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) continue;
    labelCount += 1;
    const what = `label ${path(el)} "${short(el)}"`;
    const rects = el.getClientRects().length;
    if (rects !== 1) labels.push(`${what} breaks into ${rects} boxes`);
    const style = getComputedStyle(el);
    const max = style.lineHeight === 'normal' ? parseFloat(style.fontSize) * 2 : parseFloat(style.lineHeight) * 1.6;
    let row = el.parentElement;
    while (row && /^(inline|contents)/.test(getComputedStyle(row).display)) row = row.parentElement;
    if (r.height > max + 0.5) {
      const lines = window.textLines(el);
      const why =
        lines > 1
          ? `its words wrap onto ${lines} lines`
          : `its words are on one line, the pill stretched to the height of its row ${row ? path(row) : '?'}`;
      labels.push(`${what} is ${px(r.height)} tall (> ${px(max)}, 1.6 line heights), a blob: ${why}`);
    }
    if (row) {
      const rowRight = row.getBoundingClientRect().right;
      if (r.right > rowRight + 1)
        labels.push(`${what} sticks out of its row ${path(row)} by ${px(r.right - rowRight)}`);
    }
    const card = el.closest(selectors.cards);
    if (card && card !== row) {
      const cardRight = card.getBoundingClientRect().right;
      if (r.right > cardRight + 1)
        labels.push(`${what} sticks out of its card ${path(card)} by ${px(r.right - cardRight)}`);
    }
    if (r.right > vw + 1) labels.push(`${what} ends ${px(r.right - vw)} past the viewport edge`);
  }

  // 3. The parts of a row do not overlap.
  const overlaps: string[] = [];
  let rowCount = 0;
  for (const row of document.querySelectorAll(selectors.rows)) {
    if (!visible(row)) continue;
    rowCount += 1;
    const parts = [...row.children]
      .filter((c) => !c.classList.contains('vh') && getComputedStyle(c).position !== 'absolute' && visible(c))
      .map((c) => ({ el: c, r: c.getBoundingClientRect() }))
      .filter((p) => p.r.width > 0 && p.r.height > 0);
    parts.forEach((a, i) => {
      for (const b of parts.slice(i + 1)) {
        const x = Math.min(a.r.right, b.r.right) - Math.max(a.r.left, b.r.left);
        const y = Math.min(a.r.bottom, b.r.bottom) - Math.max(a.r.top, b.r.top);
        if (x > 1 && y > 1)
          overlaps.push(`in ${path(row)}, "${short(a.el)}" and "${short(b.el)}" overlap by ${px(x)} x ${px(y)}`);
      }
    });
  }
  return { overflow, labels, labelCount, overlaps, rowCount };
}

/**
 * Runs in the page (installed as `window.textLines` by PAGE_HELPERS): the rendered lines of an
 * element's text. The boxes of a Range over its contents, grouped by their rounded top, where tops
 * closer than half a line are one line (Hangul and Latin come from different fonts, whose boxes on
 * one line start a pixel or two apart).
 */
function textLines(el: Element): number {
  const range = document.createRange();
  range.selectNodeContents(el);
  const style = getComputedStyle(el);
  const half = (parseFloat(style.lineHeight) || parseFloat(style.fontSize) * 1.2) / 2;
  const tops = [...range.getClientRects()]
    .filter((r) => r.width > 0 && r.height > 0)
    .map((r) => Math.round(r.top))
    .sort((a, b) => a - b);
  let lines = 0;
  let last = -Infinity;
  for (const top of tops) {
    if (top - last < half) continue;
    lines += 1;
    last = top;
  }
  return lines;
}
const PAGE_HELPERS = `window.textLines = ${textLines.toString()};`;
declare global {
  interface Window {
    textLines: typeof textLines;
  }
}

/**
 * Problems alike but for where they are (the same label in each of 90 days' tips, the same row in
 * each affected service) are told once per page and width, with how many more there are.
 */
function groupAlike(problems: string[]): string[] {
  const groups = new Map<string, { first: string; count: number }>();
  for (const problem of problems) {
    const key = problem
      .replace(/#[\w-]+/g, '#')
      .replace(/:nth-of-type\(\d+\)/g, '')
      .replace(/\d+(\.\d+)?px/g, 'px');
    const group = groups.get(key);
    if (group) group.count += 1;
    else groups.set(key, { first: problem, count: 1 });
  }
  return [...groups.values()].map((g) => (g.count > 1 ? `${g.first} (and ${g.count - 1} more like it)` : g.first));
}

interface BannerReport {
  lines: number;
  /** Lines of the headline, then of each service line. */
  parts: number[];
  text: string;
}

/** Runs in the page: the rendered lines of the banner's headline and service lines (not the "more" link or the advice). */
function measureBanner(): BannerReport | null {
  const banner = document.querySelector('[data-indicator]');
  if (!banner) return null;
  const parts = [...banner.querySelectorAll(':scope > h1, :scope > ul.banner-lines > li')];
  const counts = parts.map((p) => window.textLines(p));
  return {
    lines: counts.reduce((a, b) => a + b, 0),
    parts: counts,
    text: parts.map((p) => p.textContent.replace(/\s+/g, ' ').trim()).join(' / '),
  };
}

/** The routes the layout gate loads in a build, with the widths each is measured at. */
function layoutRoutes(dir: string): { route: string; widths: number[] }[] {
  const files = new Set(htmlPages(dir));
  const extra = EXTRA_ROUTES.filter((r) => files.has(`${r}index.html`));
  return [...pagesOfEachKind(dir), ...extra].map((route) => ({
    route,
    widths: (OVERVIEWS as readonly string[]).includes(route) ? [...PHONE_WIDTHS, DESKTOP_WIDTH] : [...PHONE_WIDTHS],
  }));
}

async function open(page: Page, url: string, route: string): Promise<void> {
  const response = await page.goto(url + route);
  expect(response?.status(), `/${route}`).toBe(200);
}

let browser: Browser | undefined;
const tally = { pages: 0, measures: 0, labels: 0, rows: 0, problems: 0 };
const bannerCounts: string[] = [];
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  // Undefined when the launch failed: its own error says why.
  await browser?.close();
  console.log(
    `layout: ${tally.pages} pages in ${LAYOUT_SITES.length} builds, ${tally.measures} page x width measures ` +
      `(${PHONE_WIDTHS.join(', ')} px; overviews also ${DESKTOP_WIDTH} px), ${tally.labels} labels and ` +
      `${tally.rows} rows checked, ${tally.problems} problems; banner lines at ${BANNER_WIDTH} px: ` +
      bannerCounts.join(', '),
  );
});

test.concurrent.each(LAYOUT_SITES)(
  'layout of the %s build at 320 and 390 px: no sideways scroll, labels on one line inside their row, no overlap',
  async (name: LayoutSite) => {
    const dir = siteDirs()[name];
    const server = await serve(dir, SITES[name].base);
    const context = await launched(browser).newContext({
      viewport: { width: PHONE_WIDTHS[0], height: VIEWPORT_HEIGHT },
      colorScheme: 'light',
    });
    try {
      await context.addInitScript({ content: PAGE_HELPERS });
      const page = await context.newPage();
      const problems: string[] = [];
      for (const { route, widths } of layoutRoutes(dir)) {
        await open(page, server.url, route);
        tally.pages += 1;
        // One load, every width: a new viewport lays the page out again in place.
        for (const width of widths) {
          await page.setViewportSize({ width, height: VIEWPORT_HEIGHT });
          const report = await page.evaluate(measureLayout, { rows: ROWS, cards: CARDS });
          const where = `${name} ${width}px /${route}`;
          tally.measures += 1;
          tally.labels += report.labelCount;
          tally.rows += report.rowCount;
          tally.problems += report.labels.length + report.overlaps.length + (report.overflow ? 1 : 0);
          if (report.overflow) problems.push(`${where}: ${report.overflow}`);
          problems.push(...groupAlike(report.labels).map((l) => `${where}: ${l}`));
          problems.push(...groupAlike(report.overlaps).map((o) => `${where}: ${o}`));
        }
      }
      expectNone(problems, `layout problems on the ${name} build`);
    } finally {
      await context.close();
      await server.close();
    }
  },
);

test.concurrent(
  `the overall banner is at most ${BANNER_MAX_LINES} lines (headline + service lines) at ${BANNER_WIDTH} px`,
  async () => {
    const problems: string[] = [];
    const context = await launched(browser).newContext({
      viewport: { width: BANNER_WIDTH, height: VIEWPORT_HEIGHT },
      colorScheme: 'light',
    });
    try {
      await context.addInitScript({ content: PAGE_HELPERS });
      const page = await context.newPage();
      for (const name of LAYOUT_SITES) {
        const server = await serve(siteDirs()[name], SITES[name].base);
        try {
          for (const route of OVERVIEWS) {
            await open(page, server.url, route);
            const banner = await page.evaluate(measureBanner);
            const where = `${name} ${BANNER_WIDTH}px /${route}`;
            if (!banner) {
              problems.push(`${where}: no [data-indicator] banner`);
              continue;
            }
            bannerCounts.push(`${name} /${route} ${banner.lines} (${banner.parts.join('+')})`);
            if (banner.lines > BANNER_MAX_LINES)
              problems.push(
                `${where}: the banner takes ${banner.lines} lines (${banner.parts.join(' + ')}), ` +
                  `over ${BANNER_MAX_LINES}: "${banner.text}"`,
              );
          }
        } finally {
          await server.close();
        }
      }
      expectNone(problems, `banners over ${BANNER_MAX_LINES} lines on a ${BANNER_WIDTH} px phone`);
    } finally {
      await context.close();
    }
  },
);
