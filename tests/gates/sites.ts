/**
 * What the quality gates check and how they reach it: the five builds (made once per run by
 * ./global-setup.ts and shared through vitest's provide/inject), the pages of a build, a local
 * server and Debian's Chromium.
 */
import { readdirSync } from 'node:fs';
import { getChromium } from '../../scripts/chromium.mjs';
import { join, relative } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { expect, inject } from 'vitest';
import { startStaticServer } from '../../scripts/static-server.mjs';
import { STRINGS } from '../../src/lib/i18n/strings.ts';
import { COMPONENT_STATUSES } from '../../src/lib/vocabulary.ts';
import { FIXTURES } from '../build/helpers.ts';
import { shippedHeaders } from '../support/headers.ts';
import { BUSY_NOW, writeBusyContent } from '../support/busy-content.ts';

export const SITE_URL = 'https://status.example.com';
/** A fixed calm moment, so the gates see the same pages on every run. */
export const CALM_NOW = '2026-11-22T12:00:00+09:00';
/** The 2022 Pangyo data-centre fire. */
export const FIRE_NOW = '2022-10-15T17:00:00+09:00';
/** The next morning: messages slowly back, most features still down; the longest banner of the fire. */
export const MORNING_NOW = '2022-10-16T08:30:00+09:00';
export const FIXTURE_NOW = '2024-06-01T12:00:00+09:00';

export interface GateSite {
  /** Added to the build's environment (see buildSite). */
  env: Record<string, string>;
  /** Writes the content folder into a new temporary folder, which STATUS_CONTENT_DIR then names. */
  generate?: (dir: string) => void;
  /** BASE_PATH of the build: where it is served. */
  base: string;
  title: string;
}

export const SITES = {
  calm: { env: { STATUS_NOW: CALM_NOW, SITE_URL }, base: '/', title: 'sample content, calm (2026-11-22 12:00 KST)' },
  fire: {
    env: { STATUS_NOW: FIRE_NOW, SITE_URL },
    base: '/',
    title: 'sample content, the fire (2022-10-15 17:00 KST)',
  },
  morning: {
    env: { STATUS_NOW: MORNING_NOW, SITE_URL },
    base: '/',
    title: 'sample content, the morning after the fire (2022-10-16 08:30 KST)',
  },
  basic: {
    env: { STATUS_CONTENT_DIR: join(FIXTURES, 'basic'), STATUS_NOW: FIXTURE_NOW, SITE_URL },
    base: '/',
    title: 'fixture with every state (2024-06-01 12:00 KST)',
  },
  sub: {
    // Built as deploy/nginx.conf says, with the .gz/.br copies: the nginx gate serves this one.
    env: { STATUS_NOW: CALM_NOW, SITE_URL, BASE_PATH: '/status/', STATUS_PRECOMPRESS: '1' },
    base: '/status/',
    title: 'sample content, calm, under /status/',
  },
  busy: {
    env: { STATUS_NOW: BUSY_NOW, SITE_URL },
    generate: writeBusyContent,
    base: '/',
    title: '4 services x 6 features, all down every day for 90 days (2024-06-01 12:00 KST)',
  },
} as const satisfies Record<string, GateSite>;

export type SiteName = keyof typeof SITES;
export const SITE_NAMES = Object.keys(SITES) as SiteName[];
export type SiteDirs = Record<SiteName, string>;

declare module 'vitest' {
  export interface ProvidedContext {
    /** The dist folder of each gate build. */
    gateSites: SiteDirs;
  }
}

/** The dist folder of every gate build (built once per run by ./global-setup.ts). */
export function siteDirs(): SiteDirs {
  return inject('gateSites');
}

/** Every HTML page below `dir`, relative, sorted. */
export function htmlPages(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.html'))
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .sort();
}

/** The URL path (below the base) a page file is served at: `en/index.html` -> `en/`. */
export function pageRoute(file: string): string {
  return file === 'index.html' ? '' : file.replace(/(^|\/)index\.html$/, '$1');
}

export interface Server {
  /** Ends with the base path, e.g. http://127.0.0.1:41234/status/ */
  url: string;
  close: () => Promise<void>;
}

/** Serves a build on 127.0.0.1 under its base path (404 outside it), on a free port. */
export function serve(dir: string, base: string): Promise<Server> {
  return startStaticServer({ root: dir, base });
}

/** Offline and deterministic: any host but 127.0.0.1 fails at once (requests are still seen). */
const OFFLINE = '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1';

/** The Chromium scripts/chromium.mjs finds (and names in the log), with its flags and one more. */
export async function launchChromium(): Promise<Browser> {
  const { executablePath, args } = await getChromium();
  return chromium.launch({ executablePath, args: [...args, OFFLINE] });
}

/** The browser a gate file launched in beforeAll; a clear error if it did not start. */
export function launched(browser: Browser | undefined): Browser {
  if (!browser) throw new Error('Chromium did not start: see the error of beforeAll above');
  return browser;
}

export type Locale = 'ko' | 'en';

/** Component status -> the word the page shows for it (정상, Partial outage ...). */
export function statusWords(locale: Locale): Record<string, string> {
  return {
    ...Object.fromEntries(COMPONENT_STATUSES.map((status) => [status, STRINGS[`status.${status}`][locale]])),
    // A day bar before the service's `since`.
    no_data: STRINGS['uptime.noData'][locale],
  };
}

/** The locale a page is in, from its path below the base. */
export function pageLocale(file: string): Locale {
  return file.startsWith('en/') ? 'en' : 'ko';
}

/**
 * One page of each kind in a build, in both locales: overview, the first incident, the first
 * service, the first service's history, the first month of the archive, history, and the 404
 * page. Routes below the base path.
 */
export function pagesOfEachKind(dir: string): string[] {
  const files = htmlPages(dir);
  const first = (pattern: RegExp) => files.find((f) => pattern.test(f));
  const kinds = [
    'index.html',
    first(/^incidents\/[^/]+\/index\.html$/),
    first(/^services\/[^/]+\/index\.html$/),
    first(/^services\/[^/]+\/history\/index\.html$/),
    first(/^history\/\d{4}-\d{2}\/index\.html$/),
  ];
  const routes = [...kinds, 'history/index.html']
    .filter((f): f is string => f !== undefined)
    .flatMap((f) => [f, `en/${f}`])
    .filter((f) => files.includes(f))
    .map(pageRoute);
  return [...routes, '404.html'];
}

/** Fails with every problem on its own line (and no diff repeating them). */
export function expectNone(problems: string[], title: string): void {
  expect(problems.length, `${title} (${problems.length}):\n${problems.join('\n')}\n`).toBe(0);
}
export { shippedHeaders } from '../support/headers.ts';

/** Serves a build as a strict host would: with the headers the site ships for every page. */
export function serveWithShippedHeaders(dir: string, base: string): Promise<Server> {
  return startStaticServer({ root: dir, base, headers: shippedHeaders() });
}

/** Makes every page of `context` record its Content-Security-Policy violations (see {@link cspViolations}). */
export async function recordCspViolations(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const record: string[] = [];
    Object.assign(window, { cspViolations: record });
    document.addEventListener('securitypolicyviolation', (e) => record.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
}

/** The violations a page recorded since it loaded: `<directive> <blocked URI>`. */
export function cspViolations(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);
}
