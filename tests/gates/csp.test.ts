/**
 * Gate: the security headers the site ships (public/_headers, and deploy/nginx.conf the same) hold
 * for every page, with no 'unsafe-inline' at all:
 * - every built page has one inline stylesheet, the same on every page, and the policy allows it
 *   by its hash (when the stylesheet changes, this names the new hash to write in both files);
 *   no style attribute, no inline script (the live script is a file; its data block never runs);
 * - in Chromium, one page of each kind and /subscribe/, in both locales, on the calm and the
 *   fire builds and under BASE_PATH=/status/, served with exactly those headers: 0 violations,
 *   and the stylesheet did apply.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'cheerio';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { ROOT } from '../build/helpers.ts';
import {
  cspViolations,
  expectNone,
  htmlPages,
  launchChromium,
  launched,
  pagesOfEachKind,
  recordCspViolations,
  serveWithShippedHeaders,
  shippedHeaders,
  SITE_NAMES,
  SITES,
  siteDirs,
} from './sites.ts';

const HEADERS = shippedHeaders();
const CSP = HEADERS['Content-Security-Policy'] ?? '';
const BROWSER_SITES = ['calm', 'fire', 'sub'] as const;

let browser: Browser | undefined;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

test('the shipped headers: a strict policy, nosniff, referrer and permissions, the same in nginx', () => {
  expect(CSP).toMatch(/(^|; )script-src 'self'(;|$)/);
  expect(CSP).toMatch(/frame-ancestors 'none'/);
  expect(CSP).not.toContain('unsafe-inline');
  expect(CSP).not.toContain('unsafe-eval');
  expect(Object.keys(HEADERS).sort()).toEqual([
    'Content-Security-Policy',
    'Permissions-Policy',
    'Referrer-Policy',
    'X-Content-Type-Options',
  ]);
  const nginx = readFileSync(join(ROOT, 'deploy/nginx.conf'), 'utf8');
  for (const [name, value] of Object.entries(HEADERS)) {
    const quoted = /[\s;]/.test(value) ? `"${value}"` : value;
    expect(nginx, `deploy/nginx.conf sends ${name}`).toContain(`add_header ${name} ${quoted} always;`);
  }
});

test('every page has the one inline stylesheet the policy allows by hash, no style attribute, no inline script', () => {
  const problems: string[] = [];
  const hashes = new Map<string, number>();
  let pages = 0;
  for (const name of SITE_NAMES) {
    for (const file of htmlPages(siteDirs()[name])) {
      pages += 1;
      const $ = load(readFileSync(join(siteDirs()[name], file), 'utf8'));
      const styles = $('style');
      if (styles.length !== 1) problems.push(`${name}/${file}: ${styles.length} <style> elements, not 1`);
      styles.each((_, el) => {
        const hash = `'sha256-${createHash('sha256').update($(el).text()).digest('base64')}'`;
        hashes.set(hash, (hashes.get(hash) ?? 0) + 1);
      });
      const attributes = $('[style]').length;
      if (attributes > 0) problems.push(`${name}/${file}: ${attributes} style attributes`);
      const inline = $('script:not([src]):not([type="application/json"])').length;
      if (inline > 0) problems.push(`${name}/${file}: ${inline} inline scripts`);
    }
  }
  for (const [hash, count] of hashes) {
    if (!CSP.includes(`style-src ${hash}`))
      problems.push(
        `the stylesheet of ${count} pages has the hash ${hash}, which the policy does not allow: ` +
          `write it as style-src in public/_headers and deploy/nginx.conf`,
      );
  }
  console.log(`csp: ${pages} pages, ${hashes.size} inline stylesheet(s): ${[...hashes.keys()].join(', ')}`);
  expect(hashes.size).toBe(1);
  expectNone(problems, 'pages the shipped policy would break');
});

test.concurrent.each(BROWSER_SITES)(
  'in Chromium under the shipped headers, the %s build: 0 violations on every kind of page',
  async (name) => {
    const { base } = SITES[name];
    const server = await serveWithShippedHeaders(siteDirs()[name], base);
    const context = await launched(browser).newContext({ viewport: { width: 390, height: 844 } });
    try {
      await recordCspViolations(context);
      const page = await context.newPage();
      const problems: string[] = [];
      const routes = [...pagesOfEachKind(siteDirs()[name]), 'subscribe/', 'en/subscribe/'];
      for (const route of routes) {
        await page.goto(server.url + route);
        // Wait for the live script's first poll (a fetch: connect-src).
        await page.waitForLoadState('networkidle');
        problems.push(...(await cspViolations(page)).map((v) => `${name} /${route}: ${v}`));
        // global.css paints the page #f5f5f5 in the light scheme; unstyled it would be white.
        const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
        if (background !== 'rgb(245, 245, 245)')
          problems.push(`${name} /${route}: the stylesheet did not apply (background ${background})`);
      }
      console.log(`csp: ${name}: ${routes.length} pages under the shipped headers`);
      expectNone(problems, `policy violations on the ${name} build`);
    } finally {
      await context.close();
      await server.close();
    }
  },
);
