/**
 * Gate: deploy/nginx.conf on a real nginx, set up the way its comments tell an operator to.
 * The BASE_PATH=/status/ build is served under /status/ by the file that the documented `sed`
 * line writes (run as written, from the comment), adapted only in what a test must change: one
 * listen on a free 127.0.0.1 port, the /srv root inside a temporary folder, and a main config of
 * its own (pid, logs, temporary files there; nginx runs as the current user, in the foreground).
 * - `nginx -t` accepts the file as shipped (root mode) and as written for /status/.
 * - Every built file, and every link, asset, fragment, feed and API URL the pages and feeds give,
 *   answers 200 (the crawl of links.test.ts, on nginx); each file with the type its name says, in
 *   UTF-8 if it is text, and, asked with `Accept-Encoding: gzip`, as the build's own .gz copy byte
 *   for byte where there is one (gzip_static: nothing compressed per request), else as it is.
 * - The headers: the security headers of public/_headers on a page, an API file, a 404 page and an
 *   API 404; CORS on the API and its 404 (a JSON body); a minute of cache for pages and API, 10
 *   seconds for a 404, a year for /_astro/; 404 outside /status/.
 * - Brotli, where the module is installed: `brotli_static on;` uncommented, the .br copy is sent
 *   (skipped with a note without the module, which is optional).
 * - In Chromium, one page of each kind (and /subscribe/, and a real 404) from nginx: 0 violations
 *   of the policy nginx sends, and the stylesheet applied.
 * Without nginx the gate is skipped with a note (under CI=true it fails): tests/support/tools.ts.
 */
import { readFileSync } from 'node:fs';
import { request, type IncomingHttpHeaders } from 'node:http';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  adaptServer,
  describeNginx,
  findBrotliModule,
  findNginx,
  NGINX_CONF,
  startNginx,
  testConfig,
  writeSubPathConfig,
  type RunningNginx,
} from '../../scripts/bench/nginx.mjs';
import { listAllFiles, listFiles } from '../build/helpers.ts';
import { requireTool, type Tool } from '../support/tools.ts';
import { readReferences } from './references.ts';
import {
  cspViolations,
  expectNone,
  launchChromium,
  launched,
  pagesOfEachKind,
  recordCspViolations,
  shippedHeaders,
  SITE_URL,
  SITES,
  siteDirs,
} from './sites.ts';

const NGINX_PATH = findNginx();
const BROTLI_MODULE = NGINX_PATH ? findBrotliModule(NGINX_PATH) : undefined;

const NGINX: Tool = {
  missing:
    'nginx not found (looked on PATH, in /usr/sbin and /usr/local; NGINX_PATH names another): the nginx gate ' +
    'serves the build with deploy/nginx.conf. Install it (Debian/Ubuntu: `sudo apt-get install nginx-light`; ' +
    'macOS: `brew install nginx`) and run npm test again',
  isAvailable: () => NGINX_PATH !== undefined,
};
/**
 * Brotli is optional in deploy/nginx.conf (nginx-light has no module for it), so its check is
 * skipped without the module, under CI=true too; .ci/run installs the module, so CI checks it.
 */
const NO_BROTLI =
  'the nginx Brotli module (ngx_http_brotli_static_module.so) is not installed, and deploy/nginx.conf ' +
  'keeps `brotli_static on;` commented out without it. To check it, install the module (Debian 12: ' +
  '`sudo apt-get install libnginx-mod-http-brotli-static`) and run npm test again';

const BASE = SITES.sub.base;
const HEADERS = shippedHeaders();
const SHIPPED = readFileSync(NGINX_CONF, 'utf8');
/** What the comment says to do to serve Brotli: uncomment the line. */
const withBrotli = (text: string) => text.replace(/^(\s*)# (brotli_static on;)$/m, '$1$2');

let nginx: RunningNginx | undefined;
let browser: Browser | undefined;
beforeAll(async () => {
  if (!NGINX_PATH) return;
  const file = writeSubPathConfig(NGINX_CONF);
  nginx = await startNginx({
    nginx: NGINX_PATH,
    dist: siteDirs().sub,
    server: (where) => adaptServer(BROTLI_MODULE ? withBrotli(file) : file, where),
    modules: BROTLI_MODULE ? [BROTLI_MODULE] : [],
  });
  console.log(
    `nginx ${describeNginx(NGINX_PATH).version} (${NGINX_PATH}) serves the /status/ build at ${nginx.origin}${BASE}` +
      (BROTLI_MODULE ? ', with brotli_static' : ', without the Brotli module'),
  );
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await nginx?.stop();
});

/** The nginx the gate started, or a clear error when beforeAll failed. */
function running(): RunningNginx {
  if (!nginx) throw new Error('nginx did not start: see the error of beforeAll above');
  return nginx;
}

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  /** As sent: compressed when Content-Encoding says so. */
  raw: Buffer;
}

/** One request, with the body as nginx sent it (fetch would decompress it). */
function get(url: string, headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        resolve({ status: res.statusCode ?? 0, headers: res.headers, raw: Buffer.concat(chunks) });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

const GZIP = { 'Accept-Encoding': 'gzip' };
const url = (path: string) => `${running().origin}${BASE}${path}`;
/** The bytes of a file of the build. */
const built = (file: string) => readFileSync(join(siteDirs().sub, file));
/** The body, decompressed when it came gzipped. */
const text = (answer: Answer) =>
  (answer.headers['content-encoding'] === 'gzip' ? gunzipSync(answer.raw) : answer.raw).toString('utf8');

/** The type nginx must send for a file of the build, by its name. */
function expectedType(file: string): string {
  const name = file.split('/').pop() ?? '';
  if (name === 'rss.xml') return 'application/rss+xml; charset=utf-8';
  if (name === 'feed.json') return 'application/feed+json; charset=utf-8';
  const byExtension: Record<string, string> = {
    html: 'text/html; charset=utf-8',
    css: 'text/css; charset=utf-8',
    js: 'text/javascript; charset=utf-8',
    json: 'application/json; charset=utf-8',
    xml: 'application/xml; charset=utf-8',
    atom: 'application/atom+xml; charset=utf-8',
    ics: 'text/calendar; charset=utf-8',
    svg: 'image/svg+xml; charset=utf-8',
    txt: 'text/plain; charset=utf-8',
  };
  return byExtension[/\.([^./]+)$/.exec(name)?.[1] ?? ''] ?? 'application/octet-stream';
}

/** The security headers public/_headers ships, as they came. */
const securityHeaders = (answer: Answer) =>
  Object.fromEntries(Object.keys(HEADERS).map((name) => [name, answer.headers[name.toLowerCase()]]));

describe('deploy/nginx.conf', () => {
  test('nginx -t accepts it as shipped and as the documented command writes it for /status/', (ctx) => {
    requireTool(NGINX, ctx);
    const nginxPath = NGINX_PATH ?? '';
    const where = { port: 8080, srv: '/tmp/status-nginx-t/srv' };
    for (const [name, file] of [
      ['as shipped', SHIPPED],
      ['for /status/', writeSubPathConfig(NGINX_CONF)],
    ] as const) {
      const result = testConfig(nginxPath, adaptServer(file, where));
      expect(result.ok, `nginx -t, ${name}:\n${result.output}`).toBe(true);
    }
    // The command moves the root and the site's paths to the prefix, and touches nothing else.
    const changed = writeSubPathConfig(NGINX_CONF)
      .split('\n')
      .filter((line, i) => line !== SHIPPED.split('\n')[i])
      .map((line) => line.trim());
    expect(changed).toEqual([
      'root /srv;',
      'error_page 404 /status/404.html;',
      'error_page 403 =404 /status/404.html;',
      'location ^~ /status/ {',
      'location ^~ /status/api/ {',
    ]);
  });

  test('every built file and every URL the pages and feeds give answers 200, typed, from the .gz copy', async (ctx) => {
    requireTool(NGINX, ctx);
    const dir = siteDirs().sub;
    const local = new URL(url(''));
    const site = new URL(SITE_URL);
    const all = new Set(listAllFiles(dir));
    const problems: string[] = [];
    const targets = new Map<string, { status: number; location?: string | undefined; ids?: Set<string> }>();
    const references: { from: string; raw: string; url: URL }[] = [];
    const tally = { files: 0, pages: 0, feeds: 0, stylesheets: 0, gzip: 0, external: 0 };

    const toLocal = (raw: string, base: URL): URL | undefined => {
      const resolved = new URL(raw, base);
      if (resolved.protocol !== 'http:' && resolved.protocol !== 'https:') return undefined;
      if (resolved.origin === site.origin)
        return new URL(`${resolved.pathname}${resolved.search}${resolved.hash}`, local.origin);
      if (resolved.origin === local.origin) return resolved;
      tally.external += 1;
      return undefined;
    };
    /** The file of the build a URL under /status/ is (a folder's index.html). */
    const fileOf = (target: URL) => {
      const path = decodeURIComponent(target.pathname.slice(BASE.length));
      return path === '' || path.endsWith('/') ? `${path}index.html` : path;
    };

    const files = listFiles(dir);
    const queue = files.map((file) => new URL(url(file.replace(/(^|\/)index\.html$/, '$1'))));
    for (let next = queue.shift(); next; next = queue.shift()) {
      const key = next.href.replace(/#.*/, '');
      if (targets.has(key)) continue;
      const answer = await get(key, GZIP);
      const target: { status: number; location?: string | undefined; ids?: Set<string> } = {
        status: answer.status,
        location: answer.headers.location,
      };
      targets.set(key, target);
      const file = fileOf(new URL(key));
      if (answer.status !== 200) {
        if (files.includes(file)) problems.push(`${new URL(key).pathname}: HTTP ${answer.status} (a built file)`);
        continue;
      }
      tally.files += 1;
      const type = answer.headers['content-type'] ?? '';
      if (type !== expectedType(file)) problems.push(`${file}: Content-Type "${type}", not "${expectedType(file)}"`);
      // gzip_static: the build's .gz file as it is on disk, or the file itself when it has none.
      const copy = all.has(`${file}.gz`) ? `${file}.gz` : file;
      const encoding = answer.headers['content-encoding'];
      if ((encoding === 'gzip') !== copy.endsWith('.gz'))
        problems.push(`${file}: Content-Encoding ${encoding ?? 'none'}, but the build has ${copy}`);
      else if (!answer.raw.equals(built(copy))) problems.push(`${file}: the body is not the build's ${copy}`);
      if (copy.endsWith('.gz')) {
        tally.gzip += 1;
        if (answer.headers.vary !== 'Accept-Encoding') problems.push(`${file}: Vary "${answer.headers.vary ?? ''}"`);
      }

      const body = text(answer);
      const read = readReferences(body, type);
      if (read.ids) target.ids = read.ids;
      if (read.kind === 'page') tally.pages += 1;
      else if (read.kind === 'feed') tally.feeds += 1;
      else if (read.kind === 'stylesheet') tally.stylesheets += 1;
      const raws = read.raws;
      for (const raw of raws) {
        let resolved: URL | undefined;
        try {
          resolved = toLocal(raw, next);
        } catch {
          problems.push(`${next.pathname}: "${raw}" is not a URL`);
          continue;
        }
        if (!resolved) continue;
        references.push({ from: next.pathname, raw, url: resolved });
        queue.push(resolved);
      }
    }

    let fragments = 0;
    for (const { from, raw, url: target } of references) {
      const found = targets.get(target.href.replace(/#.*/, ''));
      if (found?.status !== 200) {
        problems.push(`${from}: ${raw}: HTTP ${found?.status ?? '?'}${found?.location ? ` -> ${found.location}` : ''}`);
        continue;
      }
      if (target.hash.length > 1) {
        fragments += 1;
        const id = decodeURIComponent(target.hash.slice(1));
        if (!found.ids) problems.push(`${from}: ${raw}: #${id} on a page that is not HTML`);
        else if (!found.ids.has(id)) problems.push(`${from}: ${raw}: no element with id "${id}" on ${target.pathname}`);
      }
    }
    console.log(
      `nginx under /status/: ${tally.files} files (${files.length} built), ${tally.gzip} sent as their .gz; ` +
        `${tally.pages} pages, ${tally.feeds} feeds, ${tally.stylesheets} stylesheets; ${references.length} ` +
        `internal references to ${targets.size} URLs, ${fragments} fragments; ${tally.external} external ` +
        `(not fetched); ${problems.length} problems`,
    );
    expect(tally.files).toBeGreaterThanOrEqual(files.length);
    expect(tally.gzip).toBeGreaterThan(files.length / 2);
    expectNone(problems, 'broken, mistyped or not precompressed under /status/ on nginx');
  });

  test.for([
    ['the overview', '', 'text/html; charset=utf-8'],
    ['RSS', 'rss.xml', 'application/rss+xml; charset=utf-8'],
    ["a service's RSS", 'services/kakaotalk/rss.xml', 'application/rss+xml; charset=utf-8'],
    ['Atom', 'feed.atom', 'application/atom+xml; charset=utf-8'],
    ['JSON Feed', 'feed.json', 'application/feed+json; charset=utf-8'],
    ['the calendar', 'maintenance.ics', 'text/calendar; charset=utf-8'],
    ['a badge', 'badges/overall.svg', 'image/svg+xml; charset=utf-8'],
    ['the Statuspage API', 'api/v2/summary.json', 'application/json; charset=utf-8'],
    ['the uptime API', 'api/uptime.json', 'application/json; charset=utf-8'],
  ] as const)('%s (/status/%s): %s', async ([, path, type], ctx) => {
    requireTool(NGINX, ctx);
    const answer = await get(url(path));
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toBe(type);
  });

  test('a page and an API file: the security headers, a minute of cache, CORS on the API only', async (ctx) => {
    requireTool(NGINX, ctx);
    const page = await get(url(''));
    expect(page.status).toBe(200);
    expect(securityHeaders(page)).toEqual(HEADERS);
    expect(page.headers['cache-control']).toBe('public, max-age=60');
    expect(page.headers['access-control-allow-origin']).toBeUndefined();
    const api = await get(url('api/v2/summary.json'));
    expect(api.status).toBe(200);
    expect(api.headers['access-control-allow-origin']).toBe('*');
    expect(api.headers['cache-control']).toBe('public, max-age=60');
    expect(securityHeaders(api)).toEqual(HEADERS);
    const script = listFiles(siteDirs().sub).find((f) => f.startsWith('_astro/') && f.endsWith('.js')) ?? '';
    const asset = await get(url(script));
    expect(asset.status).toBe(200);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(securityHeaders(asset)).toEqual(HEADERS);
  });

  test('a missing API file: 404 with CORS, a JSON body and 10 seconds of cache', async (ctx) => {
    requireTool(NGINX, ctx);
    for (const path of ['api/v2/no-such-file.json', 'api/v2/', 'api/v3/summary.json']) {
      const answer = await get(url(path), GZIP);
      expect(answer.status, path).toBe(404);
      expect(answer.headers['access-control-allow-origin'], path).toBe('*');
      expect(answer.headers['content-type'], path).toBe('application/json; charset=utf-8');
      expect(answer.headers['cache-control'], path).toBe('public, max-age=10');
      expect(securityHeaders(answer), path).toEqual(HEADERS);
      expect(JSON.parse(text(answer)), path).toMatchObject({ error: 'not_found' });
    }
  });

  test('a missing page: the 404 page, with the security headers and 10 seconds of cache', async (ctx) => {
    requireTool(NGINX, ctx);
    // An incident the next build may publish; a folder with no page of its own; a gone asset.
    for (const path of ['incidents/2099-01-01-not-yet/', 'incidents/', 'no-such-page', '_astro/gone.js']) {
      const answer = await get(url(path));
      expect(answer.status, path).toBe(404);
      expect(answer.headers['content-type'], path).toBe('text/html; charset=utf-8');
      expect(answer.raw.equals(built('404.html')), path).toBe(true);
      expect(answer.headers['cache-control'], path).toBe('public, max-age=10');
      expect(securityHeaders(answer), path).toEqual(HEADERS);
    }
  });

  test('outside /status/ nothing is served; a folder without its slash is redirected', async (ctx) => {
    requireTool(NGINX, ctx);
    for (const path of ['/', '/index.html', '/api/v2/summary.json', '/status']) {
      const answer = await get(`${running().origin}${path}`);
      expect(answer.status, path).toBe(404);
      expect(answer.headers['cache-control'], path).toBe('public, max-age=10');
    }
    const folder = await get(url('en'));
    expect(folder.status).toBe(301);
    expect(folder.headers.location).toBe(`${BASE}en/`);
  });

  test("gzip: the build's index.html.gz to a client that asks for gzip, index.html to one that does not", async (ctx) => {
    requireTool(NGINX, ctx);
    const gzipped = await get(url(''), GZIP);
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expect(gzipped.raw.equals(built('index.html.gz'))).toBe(true);
    const plain = await get(url(''));
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.raw.equals(built('index.html'))).toBe(true);
    // Too small to compress: sent as it is, even when gzip is welcome.
    const small = await get(url('robots.txt'), GZIP);
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(small.raw.equals(built('robots.txt'))).toBe(true);
  });

  test("Brotli with the module: the build's .br copy to a client that asks for br", async (ctx) => {
    requireTool(NGINX, ctx);
    if (!BROTLI_MODULE) {
      console.log(`skipped: ${NO_BROTLI}`);
      ctx.skip(NO_BROTLI);
    }
    for (const file of ['index.html', 'api/v2/summary.json', 'rss.xml']) {
      const answer = await get(url(file.replace(/index\.html$/, '')), { 'Accept-Encoding': 'gzip, deflate, br' });
      expect(answer.headers['content-encoding'], file).toBe('br');
      expect(answer.raw.equals(built(`${file}.br`)), file).toBe(true);
    }
  });

  test('in Chromium, one page of each kind from nginx: 0 policy violations, the stylesheet applied', async (ctx) => {
    requireTool(NGINX, ctx);
    const context = await launched(browser).newContext({ viewport: { width: 390, height: 844 } });
    try {
      await recordCspViolations(context);
      const page = await context.newPage();
      const problems: string[] = [];
      const routes = [...pagesOfEachKind(siteDirs().sub), 'subscribe/', 'en/subscribe/', 'no-such-page/'];
      for (const route of routes) {
        const response = await page.goto(url(route));
        const expected = route === 'no-such-page/' ? 404 : 200;
        if (response?.status() !== expected) problems.push(`/${route}: HTTP ${response?.status() ?? '?'}`);
        // Wait for the live script's first poll (a fetch of the API: connect-src).
        await page.waitForLoadState('networkidle');
        problems.push(...(await cspViolations(page)).map((v) => `/${route}: ${v}`));
        const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
        if (background !== 'rgb(245, 245, 245)')
          problems.push(`/${route}: the stylesheet did not apply (background ${background})`);
      }
      console.log(`nginx: ${routes.length} pages in Chromium under the headers nginx sends`);
      expectNone(problems, 'policy violations on nginx');
    } finally {
      await context.close();
    }
  });
});
