/**
 * Gate: page weight and what the page asks of the network.
 * - The overview's first render (its HTML plus every render-blocking stylesheet and script) is
 *   at most 14 KB gzip on the sample content, calm, during the fire and the morning after, and on
 *   the busiest overview the day bars can make (tests/support/busy-content.ts): one round trip.
 *   With all its JavaScript (the live script loads after the first render) it is too.
 * - Any JavaScript is at most 3 KB gzip a page, and the page reads the same without it.
 * - No request leaves the site: every page loaded in Chromium asks only 127.0.0.1 (data: is fine),
 *   and no built page references a resource (stylesheet, script, image, font ...) elsewhere.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { load, type CheerioAPI } from 'cheerio';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, test } from 'vitest';
import {
  expectNone,
  htmlPages,
  launchChromium,
  launched,
  pageRoute,
  pagesOfEachKind,
  serve,
  SITE_NAMES,
  SITE_URL,
  SITES,
  siteDirs,
  statusWords,
  type SiteName,
} from './sites.ts';

/** One TCP round trip (initial congestion window of 10 segments). */
const FIRST_RENDER_BUDGET = 14 * 1024;
const JS_BUDGET = 3 * 1024;
const OVERVIEWS = [
  ['calm', 'index.html'],
  ['calm', 'en/index.html'],
  ['fire', 'index.html'],
  ['fire', 'en/index.html'],
  ['morning', 'index.html'],
  ['morning', 'en/index.html'],
  // 4 services x 6 features, every one down on each of the 90 days the bars show.
  ['busy', 'index.html'],
  ['busy', 'en/index.html'],
] as const;

const gz = (content: string | Buffer) => gzipSync(content, { level: 9 }).length;

/** A URL the page references, as a file of the build, or a reason it is not one. */
function localFile(name: SiteName, page: string, href: string): string | { error: string } {
  const { base } = SITES[name];
  const url = new URL(href, `${SITE_URL}${base}${pageRoute(page)}`);
  if (url.origin !== SITE_URL || !url.pathname.startsWith(base)) return { error: `from another site: ${href}` };
  const file = join(siteDirs()[name], decodeURIComponent(url.pathname.slice(base.length)));
  return existsSync(file) ? file : { error: `missing: ${href}` };
}

/** gzip bytes of a render-blocking stylesheet and of those it @imports. */
function stylesheetBytes(
  name: SiteName,
  from: string,
  href: string,
  problems: string[],
  seen = new Set<string>(),
): number {
  const file = localFile(name, from, href);
  if (typeof file !== 'string') {
    problems.push(`${name}/${from}: render-blocking stylesheet ${file.error}`);
    return 0;
  }
  if (seen.has(file)) return 0;
  seen.add(file);
  const css = readFileSync(file, 'utf8');
  const path = relative(siteDirs()[name], file);
  return gz(css) + cssImports(css).reduce((sum, url) => sum + stylesheetBytes(name, path, url, problems, seen), 0);
}

const cssImports = (css: string) =>
  [...css.matchAll(/@import\s+(?:url\(\s*)?(['"]?)([^'")\s;]+)\1/g)].map((m) => m[2] ?? '');

const isJavaScript = (type: string | undefined) =>
  type === undefined || /^(module|(text|application)\/(java|ecma)script)$/i.test(type.trim()) || type.trim() === '';

/** Every script of a page, inline or not, gzip bytes each. */
function scripts(name: SiteName, page: string, $: CheerioAPI, problems: string[]) {
  return $('script')
    .filter((_, el) => isJavaScript($(el).attr('type')))
    .map((_, el) => {
      const src = $(el).attr('src');
      const blocking = src !== undefined && !$(el).is('[async], [defer], [type="module"]');
      if (src === undefined) return { blocking: false, bytes: gz($(el).text()) };
      const file = localFile(name, page, src);
      if (typeof file !== 'string') {
        problems.push(`${name}/${page}: script ${file.error}`);
        return { blocking, bytes: 0 };
      }
      return { blocking, bytes: gz(readFileSync(file)) };
    })
    .get();
}

test('the overview renders from at most 14 KB gzip, with all its JS too: calm, during the fire and at its busiest', () => {
  const problems: string[] = [];
  const rows = OVERVIEWS.map(([name, page]) => {
    const html = readFileSync(join(siteDirs()[name], page));
    const $ = load(html);
    // Linked stylesheets, and those an inline <style> imports, block rendering.
    const hrefs = [
      ...$('link[rel~="stylesheet"]').map((_, el) => $(el).attr('href') ?? ''),
      ...$('style').map((_, el) => cssImports($(el).text())),
    ];
    const seen = new Set<string>();
    const css = hrefs.reduce((sum, href) => sum + stylesheetBytes(name, page, href, problems, seen), 0);
    const all = scripts(name, page, $, problems);
    const js = all.filter((s) => s.blocking).reduce((sum, s) => sum + s.bytes, 0);
    // The live script too, which loads after the first render: the whole page in one round trip's worth.
    const allJs = all.reduce((sum, s) => sum + s.bytes, 0);
    const row = { page: `${name} /${pageRoute(page)}`, html: gz(html), css, js, total: 0, allJs, whole: 0 };
    row.total = row.html + row.css + row.js;
    row.whole = row.html + row.css + row.allJs;
    if (row.total > FIRST_RENDER_BUDGET)
      problems.push(`${row.page}: first render is ${row.total} bytes gzip, over the budget of ${FIRST_RENDER_BUDGET}`);
    if (row.whole > FIRST_RENDER_BUDGET)
      problems.push(
        `${row.page}: with all its JS it is ${row.whole} bytes gzip, over the budget of ${FIRST_RENDER_BUDGET}`,
      );
    return row;
  });
  const cells = (values: (string | number)[]) =>
    values.map((v, i) => (i === 0 ? String(v).padEnd(14) : String(v).padStart(9))).join(' ');
  console.log(
    [
      'first render, gzip -9 bytes (HTML + render-blocking CSS + render-blocking JS), and with all JS',
      cells(['page', 'HTML gz', 'CSS gz', 'JS gz', 'total', 'all JS', 'whole', 'budget']),
      ...rows.map((r) => cells([r.page, r.html, r.css, r.js, r.total, r.allJs, r.whole, FIRST_RENDER_BUDGET])),
    ].join('\n'),
  );
  expectNone(problems, 'first render over budget or not measurable');
});

test('any JavaScript is at most 3 KB gzip a page', () => {
  const problems: string[] = [];
  let pages = 0;
  let largest = 0;
  for (const name of SITE_NAMES) {
    for (const page of htmlPages(siteDirs()[name])) {
      const $ = load(readFileSync(join(siteDirs()[name], page)));
      const bytes = scripts(name, page, $, problems).reduce((sum, s) => sum + s.bytes, 0);
      pages += 1;
      largest = Math.max(largest, bytes);
      if (bytes > JS_BUDGET) problems.push(`${name}/${page}: ${bytes} bytes of JavaScript gzip, over ${JS_BUDGET}`);
    }
  }
  console.log(`JavaScript: at most ${largest} bytes gzip on any of ${pages} pages (budget ${JS_BUDGET})`);
  expectNone(problems, 'JavaScript over budget');
});

/** What a browser fetches by itself while loading a page (links to other pages are not requests). */
const RESOURCE_ATTRIBUTES: [selector: string, attribute: string][] = [
  ['link[rel~="stylesheet"], link[rel~="preload"], link[rel~="modulepreload"], link[rel~="icon"]', 'href'],
  ['link[rel~="prefetch"], link[rel~="preconnect"], link[rel~="dns-prefetch"], link[rel~="manifest"]', 'href'],
  ['script, img, iframe, embed, source, track, audio, video, input[type="image"]', 'src'],
  ['img, source', 'srcset'],
  ['video', 'poster'],
  ['object', 'data'],
];

test('no page of any build references a resource on another host', () => {
  const problems: string[] = [];
  let resources = 0;
  for (const name of SITE_NAMES) {
    const page = (file: string) => new URL(`${SITE_URL}${SITES[name].base}${pageRoute(file)}`);
    for (const file of htmlPages(siteDirs()[name])) {
      const $ = load(readFileSync(join(siteDirs()[name], file)));
      const urls: string[] = [];
      for (const [selector, attribute] of RESOURCE_ATTRIBUTES)
        $(selector).each((_, el) => {
          const value = $(el).attr(attribute);
          if (value === undefined) return;
          if (attribute === 'srcset') urls.push(...value.split(',').map((c) => c.trim().split(/\s+/)[0] ?? ''));
          else urls.push(value);
        });
      const css = [...$('style').map((_, el) => $(el).text()), ...$('[style]').map((_, el) => $(el).attr('style'))];
      for (const text of css)
        urls.push(
          ...[...text.matchAll(/url\(\s*(['"]?)([^'")]+)\1\s*\)/g)].map((m) => m[2] ?? ''),
          ...cssImports(text),
        );
      for (const url of urls.filter(Boolean)) {
        resources += 1;
        const resolved = new URL(url, page(file));
        if (resolved.protocol !== 'data:' && resolved.origin !== SITE_URL) problems.push(`${name}/${file}: ${url}`);
      }
    }
  }
  console.log(
    `resources: ${resources} referenced by the pages of ${SITE_NAMES.length} builds, ${problems.length} elsewhere`,
  );
  expectNone(problems, 'resources on other hosts');
});

let browser: Browser | undefined;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  // Undefined when the launch failed: its own error says why.
  await browser?.close();
});

test('the overview reads the same without JavaScript: the banner, every service and its status in words', async () => {
  const problems: string[] = [];
  // One context with JavaScript, one without, each reusing one page.
  const contexts = await Promise.all(
    [false, true].map((javaScriptEnabled) => launched(browser).newContext({ javaScriptEnabled })),
  );
  try {
    const pages = await Promise.all(contexts.map((context) => context.newPage()));
    for (const name of ['calm', 'fire'] as const) {
      const server = await serve(siteDirs()[name], SITES[name].base);
      try {
        for (const route of ['', 'en/']) {
          const words = statusWords(route === '' ? 'ko' : 'en');
          const seen: string[][] = [];
          for (const [i, page] of pages.entries()) {
            await page.goto(server.url + route);
            const view = await page.evaluate(readOverview, words);
            seen.push(view.hooks);
            for (const what of view.unreadable)
              problems.push(`${name} /${route} (JavaScript ${i === 0 ? 'off' : 'on'}): ${what} is not readable`);
          }
          // A script may change the page, but keeps the SPEC hooks true.
          const [off = [], on = []] = seen;
          for (const hook of off.filter((h) => !on.includes(h)))
            problems.push(`${name} /${route}: with JavaScript, [${hook}] is gone or changed`);
          for (const hook of on.filter((h) => !off.includes(h)))
            problems.push(`${name} /${route}: with JavaScript, [${hook}] appears`);
        }
      } finally {
        await server.close();
      }
    }
  } finally {
    await Promise.all(contexts.map((context) => context.close()));
  }
  expectNone(problems, 'the overview needs JavaScript to be read');
});

/** Runs in the page: the SPEC hooks, and what of the banner and the services is not readable. */
function readOverview(words: Record<string, string>): { hooks: string[]; unreadable: string[] } {
  const visible = (el: Element | null) =>
    el?.checkVisibility({ visibilityProperty: true, opacityProperty: true }) ?? false;
  const hooks = [
    ...document.querySelectorAll(
      '[data-indicator], [data-service], [data-feature], [data-incident], [data-maintenance]',
    ),
  ].map((el) =>
    [...el.attributes]
      .filter((a) => a.name.startsWith('data-'))
      .map((a) => `${a.name}=${a.value}`)
      .join(' '),
  );
  const unreadable = [...document.querySelectorAll<HTMLElement>('[data-service]')]
    .filter((el) => !visible(el) || !el.innerText.includes(words[el.dataset.status ?? ''] ?? '\0'))
    .map((el) => `service ${el.dataset.service ?? ''}`);
  const banner = document.querySelector<HTMLElement>('[data-indicator] h1');
  if (!banner || !visible(banner) || !banner.innerText.trim()) unreadable.push('the banner');
  return { hooks, unreadable };
}

test('no request leaves the site: every page of each kind asks only 127.0.0.1', async () => {
  const problems: string[] = [];
  let loads = 0;
  let requests = 0;
  const context = await launched(browser).newContext();
  try {
    const page = await context.newPage();
    let current = '';
    page.on('request', (request) => {
      requests += 1;
      const url = new URL(request.url());
      if (url.protocol !== 'data:' && url.hostname !== '127.0.0.1')
        problems.push(`${current}: ${request.resourceType()} ${url.href}`);
    });
    for (const name of SITE_NAMES) {
      const server = await serve(siteDirs()[name], SITES[name].base);
      try {
        for (const route of pagesOfEachKind(siteDirs()[name])) {
          current = `${name} /${route}`;
          await page.goto(server.url + route, { waitUntil: 'load' });
          loads += 1;
        }
      } finally {
        await server.close();
      }
    }
  } finally {
    await context.close();
  }
  console.log(
    `requests: ${loads} page loads in ${SITE_NAMES.length} builds, ${requests} requests, ${problems.length} to other hosts`,
  );
  expectNone(problems, 'requests to other hosts');
});
