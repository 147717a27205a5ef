/**
 * The deploy recipes say what the README says: the GitHub Pages workflow builds on push and every
 * 10 minutes with the official Pages actions; Vercel (which reads no _headers file) sends exactly
 * the headers of public/_headers and CORS on the API; Netlify builds and publishes dist/; the S3
 * bucket's CORS rule lets any origin read the API; deploy/nginx.conf sends those headers once, at
 * server level (nginx drops them in a location with an add_header of its own), CORS on the API
 * and its 404, short cache for 404s, the right types in UTF-8 and the build's .gz copies.
 * tests/gates/nginx.test.ts runs that file on a real nginx.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load as parseYaml } from 'js-yaml';
import { describe, expect, test } from 'vitest';
import { PRECOMPRESS_MIN_BYTES } from '../../src/integrations/precompress.ts';
import { shippedHeaders } from '../support/headers.ts';

const ROOT = join(import.meta.dirname, '../..');
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');

interface Step {
  id?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, unknown>;
}
interface Workflow {
  on: { push?: { branches?: string[] }; schedule?: { cron: string }[] };
  permissions: Record<string, string>;
  jobs: Record<string, { steps: Step[]; needs?: string }>;
}

describe('GitHub Pages workflow', () => {
  const workflow = parseYaml(read('.github/workflows/pages.yml')) as Workflow;
  const steps = Object.values(workflow.jobs).flatMap((job) => job.steps);
  const uses = (action: string) => steps.find((s) => s.uses?.startsWith(`${action}@`));

  test('runs on push to main and every 10 minutes, with the rights Pages needs', () => {
    expect(workflow.on.push?.branches).toEqual(['main']);
    expect(workflow.on.schedule).toEqual([{ cron: '*/10 * * * *' }]);
    expect(workflow.permissions).toMatchObject({ pages: 'write', 'id-token': 'write' });
  });

  test('builds with the URL and sub-path Pages gives, and deploys dist/ with the official actions', () => {
    expect(uses('actions/configure-pages')?.id).toBe('pages');
    const build = steps.find((s) => s.run === 'npm run build');
    expect(build?.env).toMatchObject({
      SITE_URL: '${{ steps.pages.outputs.origin }}',
      BASE_PATH: '${{ steps.pages.outputs.base_path }}',
      // Pages compresses by itself: no .gz/.br copies in the artifact.
      STATUS_PRECOMPRESS: 0,
    });
    expect(uses('actions/setup-node')?.with?.['node-version']).toBe(24);
    expect(uses('actions/upload-pages-artifact')?.with?.path).toBe('dist');
    expect(uses('actions/deploy-pages')).toBeDefined();
  });
});

test('vercel.json sends the headers of public/_headers on every page, and CORS on the API', () => {
  const vercel = JSON.parse(read('vercel.json')) as {
    buildCommand: string;
    outputDirectory: string;
    headers: { source: string; headers: { key: string; value: string }[] }[];
  };
  expect(vercel.outputDirectory).toBe('dist');
  expect(vercel.buildCommand).toBe('STATUS_PRECOMPRESS=0 npm run build');
  const bySource = new Map(vercel.headers.map((h) => [h.source, h.headers]));
  const every = Object.fromEntries((bySource.get('/(.*)') ?? []).map((h) => [h.key, h.value]));
  expect(every).toEqual(shippedHeaders());
  expect(bySource.get('/api/(.*)')).toEqual([{ key: 'Access-Control-Allow-Origin', value: '*' }]);
});

test('netlify.toml builds with npm run build and publishes dist/ on Node 24', () => {
  const toml = read('netlify.toml');
  expect(toml).toMatch(/^\s*command = "npm run build"$/m);
  expect(toml).toMatch(/^\s*publish = "dist"$/m);
  expect(toml).toMatch(/^\s*NODE_VERSION = "24"$/m);
  expect(toml).toMatch(/^\s*STATUS_PRECOMPRESS = "0"$/m);
});

test('the S3 bucket CORS rule lets any origin GET the API', () => {
  const cors = JSON.parse(read('deploy/s3-cors.json')) as { CORSRules: Record<string, string[]>[] };
  expect(cors.CORSRules[0]).toMatchObject({ AllowedOrigins: ['*'], AllowedMethods: ['GET', 'HEAD'] });
});

/** One directive of an nginx config: its name, its arguments (quotes removed) and the blocks it is in. */
interface NginxDirective {
  name: string;
  args: string[];
  /** The blocks around it, outermost first: `server`, `location ^~ /api/` ... */
  within: string[];
}

/** Enough of nginx's syntax for the shipped file: words, quoted strings, `;`, `{ }` and comments. */
function parseNginx(text: string): NginxDirective[] {
  const tokens = [...text.matchAll(/#[^\n]*|"((?:\\.|[^"\\])*)"|'((?:\\.|[^'\\])*)'|([{};])|([^\s{};"'#]+)/g)];
  const directives: NginxDirective[] = [];
  const within: string[] = [];
  let words: string[] = [];
  for (const [token, double, single, punctuation, word] of tokens) {
    if (token.startsWith('#')) continue;
    if (punctuation === undefined) {
      words.push(double ?? single ?? word ?? '');
      continue;
    }
    if (punctuation === '}') within.pop();
    else {
      const [name = '', ...args] = words;
      if (punctuation === '{') within.push(words.join(' '));
      else directives.push({ name, args, within: [...within] });
    }
    words = [];
  }
  return directives;
}

describe('deploy/nginx.conf', () => {
  const text = read('deploy/nginx.conf');
  const directives = parseNginx(text);
  const find = (name: string, block?: string) =>
    directives.filter((d) => d.name === name && (block === undefined || d.within.at(-1) === block));
  const only = (name: string, block?: string) => {
    const found = find(name, block);
    expect(found, `${name} in ${block ?? 'the file'}`).toHaveLength(1);
    return found[0]?.args ?? [];
  };

  test('sends the headers of public/_headers once, at server level, with every response; no location sends its own', () => {
    const headers = find('add_header', 'server');
    expect(Object.fromEntries(headers.map((h) => [h.args[0], h.args[1]]))).toMatchObject(shippedHeaders());
    expect(headers.every((h) => h.args[2] === 'always')).toBe(true);
    expect(headers.map((h) => h.args[0])).toEqual([...new Set(headers.map((h) => h.args[0]))]);
    // nginx does not merge add_header: one in a location would drop everything above.
    expect(find('add_header').filter((h) => h.within.at(-1) !== 'server')).toEqual([]);
  });

  test('CORS for the API and its 404 (a JSON body), nowhere else', () => {
    const cors = find('add_header', 'server').find((h) => h.args[0] === 'Access-Control-Allow-Origin');
    expect(cors?.args).toEqual(['Access-Control-Allow-Origin', '$status_page_cors', 'always']);
    expect(find('set').map((d) => [d.within.at(-1), d.args])).toEqual([
      ['server', ['$status_page_cors', '']],
      ['location ^~ /api/', ['$status_page_cors', '*']],
      ['location @api_not_found', ['$status_page_cors', '*']],
    ]);
    expect(only('try_files', 'location ^~ /api/')).toEqual(['$uri', '@api_not_found']);
    expect(only('default_type', 'location @api_not_found')).toEqual(['application/json']);
    const [code, body] = only('return', 'location @api_not_found');
    expect(code).toBe('404');
    // nginx reads \n in a quoted string as a line break.
    expect(JSON.parse((body ?? '').replaceAll('\\n', '\n'))).toMatchObject({ error: 'not_found' });
  });

  test('a minute of cache, 10 seconds for a 404, a year for hashed assets', () => {
    const map = directives.filter((d) => d.within.at(-1)?.startsWith('map '));
    expect(directives.find((d) => d.name === 'add_header' && d.args[0] === 'Cache-Control')?.args[1]).toBe(
      '$status_page_cache_control',
    );
    expect(Object.fromEntries(map.map((d) => [d.name, d.args[0]]))).toEqual({
      '~^404 ': 'public, max-age=10',
      '~^[23]\\d\\d .*/_astro/': 'public, max-age=31536000, immutable',
      default: 'public, max-age=60',
    });
  });

  test('types: calendar, feeds and the API by name, all text in UTF-8', () => {
    const types = Object.fromEntries(
      directives
        .filter((d) => d.within.at(-1) === 'types')
        .flatMap((d) => d.args.map((extension) => [`${d.within.at(-2) ?? ''} ${extension}`, d.name])),
    );
    expect(types).toMatchObject({
      'server ics': 'text/calendar',
      'server atom': 'application/atom+xml',
      'server html': 'text/html',
      'server js': 'text/javascript',
      'server json': 'application/json',
      'server svg': 'image/svg+xml',
      'location ~ /rss\\.xml$ xml': 'application/rss+xml',
      'location ~ /feed\\.json$ json': 'application/feed+json',
    });
    expect(only('charset', 'server')).toEqual(['utf-8']);
    const charsetTypes = new Set(only('charset_types', 'server'));
    // nginx adds the charset to text/html by itself.
    const textTypes = Object.values(types).filter((type) => /^text\/|json|xml/.test(type) && type !== 'text/html');
    expect(textTypes.filter((type) => !charsetTypes.has(type))).toEqual([]);
  });

  test("the build's .gz copies; gzip per request only as the fallback, from the same size; Brotli ready to uncomment", () => {
    expect(only('gzip_static', 'server')).toEqual(['on']);
    // A build without copies still goes out compressed, and what has a copy (1 KiB or more) is
    // exactly what the fallback would compress: one rule.
    expect(only('gzip', 'server')).toEqual(['on']);
    expect(only('gzip_min_length', 'server')).toEqual([String(PRECOMPRESS_MIN_BYTES)]);
    const gzipTypes = new Set(only('gzip_types', 'server'));
    expect([...new Set(only('charset_types', 'server'))].filter((type) => !gzipTypes.has(type))).toEqual([]);
    expect(only('gzip_vary', 'server')).toEqual(['on']);
    expect(text).toMatch(/^ {4}# brotli_static on;$/m);
    expect(text).toContain('apt-get install libnginx-mod-http-brotli-static');
  });

  test('the site is one ^~ location at the root, and one sed line moves it under a sub-path', () => {
    expect(directives.filter((d) => d.name === 'root')).toEqual([
      { name: 'root', args: ['/srv/status'], within: ['server'] },
    ]);
    // ^~ keeps regex locations off the site's paths, so the last one only answers outside them.
    expect([...text.matchAll(/^ {4}(location [^{]+?) \{$/gm)].map((m) => m[1])).toEqual([
      'location ^~ /',
      'location ^~ /api/',
      'location @api_not_found',
      'location ~ ^/',
    ]);
    expect(only('return', 'location ~ ^/')).toEqual(['404']);
    expect(text).toMatch(/^# {3}sed -E .+ nginx\.conf > \/etc\/nginx\/conf\.d\/status\.conf$/m);
  });
});
