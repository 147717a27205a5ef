/**
 * Gate: under a sub-path (BASE_PATH=/status/, SITE_URL=https://status.example.com), served on
 * 127.0.0.1 under /status/ by scripts/static-server.mjs (404 outside it), every internal link,
 * asset, fragment and feed URL answers 200, and every #fragment names an element on its page.
 * Absolute URLs of the site (canonical, hreflang, the feeds' links and guids) are mapped from
 * https://status.example.com/status/ to the local server. Other origins are not fetched.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { readReferences } from './references.ts';
import { expectNone, htmlPages, pageRoute, serve, SITE_URL, SITES, siteDirs, type Server } from './sites.ts';

interface Reference {
  /** Where it was found: a path on the server. */
  from: string;
  /** As written. */
  raw: string;
  /** Resolved, on the local server. */
  url: URL;
}

interface Target {
  status: number;
  location?: string | null;
  /** Element ids (and <a name>) of an HTML target. */
  ids?: Set<string>;
}

let server: Server;
beforeAll(async () => {
  server = await serve(siteDirs().sub, SITES.sub.base);
});
afterAll(async () => {
  await server.close();
});

test('every internal link, asset, fragment and feed URL under /status/ answers 200', async () => {
  const local = new URL(server.url);
  const site = new URL(SITE_URL);
  const targets = new Map<string, Target>();
  const references: Reference[] = [];
  const problems: string[] = [];
  const tally = { pages: 0, feeds: 0, stylesheets: 0, external: 0 };

  // A project page on a shared host: nothing of ours outside the base path.
  expect((await fetch(new URL('/', local))).status, 'the server answers 404 outside /status/').toBe(404);

  /** On the local server, or undefined for other origins and schemes (mailto:, data: ...). */
  const toLocal = (raw: string, base: URL): URL | undefined => {
    const url = new URL(raw, base);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
    if (url.origin === site.origin) return new URL(`${url.pathname}${url.search}${url.hash}`, local.origin);
    if (url.origin === local.origin) return url;
    tally.external += 1;
    return undefined;
  };

  // Every built page and both feeds, then whatever they reference.
  const built = [...htmlPages(siteDirs().sub).map(pageRoute), 'rss.xml', 'en/rss.xml'].map((r) => new URL(r, local));
  const queue = [...built];
  const visit = async (url: URL): Promise<void> => {
    const key = url.href.replace(/#.*/, '');
    if (targets.has(key)) return;
    const response = await fetch(key, { redirect: 'manual' });
    const target: Target = { status: response.status, location: response.headers.get('location') };
    targets.set(key, target);
    if (response.status !== 200) {
      await response.body?.cancel();
      if (built.includes(url)) problems.push(`${url.pathname}: HTTP ${response.status} (a built file)`);
      return;
    }
    const type = response.headers.get('content-type') ?? '';
    const body = await response.text();
    const read = readReferences(body, type);
    if (read.ids) target.ids = read.ids;
    if (read.kind === 'page') tally.pages += 1;
    else if (read.kind === 'feed') tally.feeds += 1;
    else if (read.kind === 'stylesheet') tally.stylesheets += 1;
    const raws = read.raws;
    for (const raw of raws) {
      let resolved: URL | undefined;
      try {
        resolved = toLocal(raw, url);
      } catch {
        problems.push(`${url.pathname}: "${raw}" is not a URL`);
        continue;
      }
      if (!resolved) continue;
      references.push({ from: url.pathname, raw, url: resolved });
      queue.push(resolved);
    }
  };
  for (let next = queue.shift(); next; next = queue.shift()) await visit(next);

  let fragments = 0;
  for (const { from, raw, url } of references) {
    const target = targets.get(url.href.replace(/#.*/, ''));
    if (target?.status !== 200) {
      const moved = target?.location ? ` -> ${target.location}` : '';
      problems.push(`${from}: ${raw}: HTTP ${target?.status ?? '?'}${moved}`);
      continue;
    }
    if (url.hash.length > 1) {
      fragments += 1;
      const id = decodeURIComponent(url.hash.slice(1));
      if (!target.ids) problems.push(`${from}: ${raw}: #${id} on a page that is not HTML`);
      else if (!target.ids.has(id)) problems.push(`${from}: ${raw}: no element with id "${id}" on ${url.pathname}`);
    }
  }
  console.log(
    `links under /status/: ${tally.pages} pages, ${tally.feeds} feeds, ${tally.stylesheets} stylesheets; ` +
      `${references.length} internal references to ${targets.size} URLs, ${fragments} fragments; ` +
      `${tally.external} external (not fetched); ${problems.length} broken`,
  );
  expect(tally.pages).toBeGreaterThan(0);
  expect(tally.feeds).toBeGreaterThanOrEqual(2);
  expectNone(problems, 'broken links under /status/');
});
