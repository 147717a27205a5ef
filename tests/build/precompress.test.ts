/**
 * The .gz and .br copies a real build writes (src/integrations/precompress.ts), read back as nginx's
 * gzip_static and brotli_static would send them: beside exactly the text files of 1 KiB or more,
 * each one its source byte for byte, in the folder that is published (not left behind in the
 * building folder), with STATUS_PRECOMPRESS=1 (as deploy/nginx.conf says to build); none at all
 * without it.
 */
import { readFileSync, rmSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildSite, FIXTURES, listAllFiles, listFiles, type BuildResult } from './helpers.ts';

const ENV = {
  STATUS_CONTENT_DIR: join(FIXTURES, 'basic'),
  STATUS_NOW: '2024-06-01T12:00:00+09:00',
  SITE_URL: 'https://status.example.com',
  BASE_PATH: '/status/',
};
/** What the site writes as text: pages, the live script, feeds, API, calendars, badges, robots.txt. */
const TEXT = new Set(['.html', '.js', '.css', '.xml', '.atom', '.json', '.ics', '.svg', '.txt']);

const builds: BuildResult[] = [];
afterAll(() => {
  for (const build of builds) rmSync(build.outDir, { recursive: true, force: true });
});

describe('a build', () => {
  let site: BuildResult;
  let files: string[];
  let all: string[];
  beforeAll(async () => {
    site = await buildSite({ ...ENV, STATUS_PRECOMPRESS: '1' });
    builds.push(site);
    expect(site.code, site.stderr).toBe(0);
    files = listFiles(site.outDir);
    all = listAllFiles(site.outDir);
  });
  const size = (file: string) => statSync(join(site.outDir, file)).size;

  test('writes a .gz and a .br beside every text file of 1 KiB or more, and beside nothing else', () => {
    const expected = files.filter((f) => TEXT.has(extname(f)) && size(f) >= 1024);
    const copies = all.filter((f) => !files.includes(f));
    expect(copies.sort()).toEqual(expected.flatMap((f) => [`${f}.br`, `${f}.gz`]).sort());
    // What that means for this site: every page, the site's feeds, the badges and the script; the
    // small API files, robots.txt, the favicon (and a quiet service's feed) go as they are, and so
    // does anything that is not text.
    const compressed = (f: string) => all.includes(`${f}.gz`);
    expect(files.filter((f) => f.endsWith('.html')).every(compressed)).toBe(true);
    expect(files.filter((f) => /^(en\/)?(rss\.xml|feed\.atom|feed\.json)$/.test(f)).every(compressed)).toBe(true);
    expect(files.filter((f) => f.startsWith('badges/')).every(compressed)).toBe(true);
    expect(files.filter((f) => f.startsWith('_astro/') && f.endsWith('.js')).every(compressed)).toBe(true);
    for (const f of ['api/v2/summary.json', 'api/uptime.json', 'maintenance.ics']) expect(compressed(f), f).toBe(true);
    for (const f of ['robots.txt', 'favicon.svg', 'api/v2/status.json', '_headers'])
      expect(compressed(f), f).toBe(false);
    console.log(
      `precompressed: ${expected.length} of ${files.length} files have .gz and .br; ` +
        `left as they are: ${files.filter((f) => !expected.includes(f)).join(', ')}`,
    );
  });

  test('each copy decompresses to exactly its source, and is smaller', () => {
    let bytes = 0;
    let gzipBytes = 0;
    let brotliBytes = 0;
    for (const file of files.filter((f) => all.includes(`${f}.gz`))) {
      const source = readFileSync(join(site.outDir, file));
      const gzipped = readFileSync(join(site.outDir, `${file}.gz`));
      const brotli = readFileSync(join(site.outDir, `${file}.br`));
      expect(gunzipSync(gzipped).equals(source), `${file}.gz`).toBe(true);
      expect(brotliDecompressSync(brotli).equals(source), `${file}.br`).toBe(true);
      expect(gzipped.length, `${file}.gz`).toBeLessThan(source.length);
      expect(brotli.length, `${file}.br`).toBeLessThan(source.length);
      bytes += source.length;
      gzipBytes += gzipped.length;
      brotliBytes += brotli.length;
    }
    console.log(`precompressed: ${bytes} bytes → gzip ${gzipBytes}, brotli ${brotliBytes}`);
    expect(gzipBytes).toBeLessThan(bytes / 3);
    expect(brotliBytes).toBeLessThan(gzipBytes);
  });

  test('says what it did in one line of the build log, before the site is published', () => {
    // Under CI=true Astro's logger colours its labels: read the text as a person would.
    const lines = stripVTControlCharacters(site.stdout).split('\n');
    const line = lines.findIndex((l) => /\[status-precompress\] precompressed \d+ files, /.test(l));
    expect(line, site.stdout).toBeGreaterThanOrEqual(0);
    const count = all.filter((f) => f.endsWith('.gz')).length;
    expect(lines[line]).toMatch(
      new RegExp(`precompressed ${count} files, \\d+ KiB → gzip \\d+ KiB, brotli \\d+ KiB, in \\d+ ms`),
    );
    expect(lines.findIndex((l) => l.includes('[status-atomic-publish] published'))).toBeGreaterThan(line);
  });
});

test.each([undefined, '0'])('STATUS_PRECOMPRESS=%s writes no copy, and says how to get them', async (value) => {
  const site = await buildSite({ ...ENV, STATUS_PRECOMPRESS: value });
  builds.push(site);
  expect(site.code, site.stderr).toBe(0);
  expect(listAllFiles(site.outDir)).toEqual(listFiles(site.outDir));
  expect(stripVTControlCharacters(site.stdout)).toContain(
    'no .gz or .br copies written (STATUS_PRECOMPRESS=1 writes them, for nginx)',
  );
});

test('a STATUS_PRECOMPRESS other than 0 or 1 stops the build, saying what to write', async () => {
  const site = await buildSite({ ...ENV, STATUS_PRECOMPRESS: 'false' });
  builds.push(site);
  expect(site.code).not.toBe(0);
  expect(`${site.stdout}${site.stderr}`).toContain('STATUS_PRECOMPRESS is "false": write 1');
});
