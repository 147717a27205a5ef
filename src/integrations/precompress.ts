/**
 * Writes a gzip and a Brotli copy beside every text file of the build (`index.html.gz`,
 * `index.html.br`, `rss.xml.gz` ...), so that a server which can send a precompressed file
 * (nginx `gzip_static` / `brotli_static`, see deploy/nginx.conf) sends these bytes instead of
 * compressing the same page again on every request. Gzipping each response held nginx to about
 * 5,000 requests/s on the overview (49,000 without gzip), exactly when a status page has the most
 * readers; sending this copy it served 25,000–38,000 on the same machines (`npm run bench:nginx`).
 * Compressed once here, it costs one build.
 *
 * - What: files whose extension says text ({@link COMPRESSIBLE_EXTENSIONS}), of at least
 *   {@link PRECOMPRESS_MIN_BYTES}; a copy that would not be smaller than its source is not written.
 * - How: gzip at level 9, Brotli at quality {@link BROTLI_QUALITY} in text mode with the size as a
 *   hint (quality 11 is 10 % smaller on the sample but 50 times slower: minutes at 10,000
 *   incidents, on every rebuild). node:zlib's async calls run on libuv's thread pool, a few files
 *   at a time, so memory stays bounded however large the site is.
 * - When: in `astro:build:done`, before atomic publishing swaps the folder in (register this
 *   integration before atomicPublish): the copies are published with their pages, in the same
 *   rename, never a moment apart.
 * - On with `STATUS_PRECOMPRESS=1`, for a server that sends the copies (deploy/nginx.conf). Off
 *   by default: the hosts that compress by themselves (GitHub Pages, Netlify, Cloudflare Pages,
 *   Vercel, a CDN) would only store and upload them, and at 10,000 incidents the 45,000 extra
 *   files cost a build about 35 s (80 s to 117 s: `npm run bench`), past twice the bare-Astro floor.
 *
 * One line in the build log says what it did: files, bytes before and after, milliseconds.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { AstroIntegration } from 'astro';

/**
 * Extensions of the text files a build can hold: what Astro and this site write (pages, the live
 * script, feeds, the API, calendars, badges, robots.txt) and what `public/` may add.
 */
export const COMPRESSIBLE_EXTENSIONS: ReadonlySet<string> = new Set([
  '.html',
  '.css',
  '.js',
  '.mjs',
  '.map',
  '.json',
  '.xml',
  '.rss',
  '.atom',
  '.ics',
  '.svg',
  '.txt',
  '.webmanifest',
]);

/**
 * Smaller files are left alone. Below 1 KiB compression saves at most a few hundred bytes (the
 * sample's `api/v2/status.json`, which open pages poll: 295 → 239 bytes gzip; an incident's
 * `maintenance.ics`: 787 → 503) against about 700 bytes of response headers, and the response goes
 * out in the first round trip either way; each compressed file, though, is two more files in
 * every build and every upload. The badges (about 1.3 KiB, 580 bytes gzip) are above it.
 */
export const PRECOMPRESS_MIN_BYTES = 1024;

/**
 * Brotli quality: 6 is within 2 % of 9 on this site's files at a tenth of the time (about gzip -9's
 * speed); 10 and 11 are 8–10 % smaller than 6 but 20–50 times slower.
 */
export const BROTLI_QUALITY = 6;

/** The suffixes of the copies, as the servers look them up (`gzip_static`, `brotli_static`). */
export const PRECOMPRESSED_SUFFIXES = ['.gz', '.br'] as const;

const gzipAsync = promisify(gzip);
const brotliAsync = promisify(brotliCompress);

/**
 * Whether a file of the build gets compressed copies.
 * @example shouldPrecompress('index.html', 12_000) // true
 * @example shouldPrecompress('robots.txt', 23) // false: too small to pay
 */
export function shouldPrecompress(path: string, size: number): boolean {
  return COMPRESSIBLE_EXTENSIONS.has(extname(path).toLowerCase()) && size >= PRECOMPRESS_MIN_BYTES;
}

/** Whether a path is a compressed copy written by this integration (`x.html.gz`), not a file of the site. */
export function isPrecompressedCopy(path: string): boolean {
  return PRECOMPRESSED_SUFFIXES.some(
    (suffix) =>
      path.endsWith(suffix) && COMPRESSIBLE_EXTENSIONS.has(extname(path.slice(0, -suffix.length)).toLowerCase()),
  );
}

/**
 * Reads `STATUS_PRECOMPRESS`: `1` compresses; unset, empty or `0` does not; anything else is a
 * mistake worth stopping for (a misspelt `true` would otherwise silently not compress).
 */
export function readPrecompressSetting(value: string | undefined): boolean {
  const setting = value?.trim() ?? '';
  if (setting === '1') return true;
  if (setting === '' || setting === '0') return false;
  throw new Error(
    `STATUS_PRECOMPRESS is "${value ?? ''}": write 1 (write .gz and .br copies, for nginx) or 0 (the default: do not)`,
  );
}

/**
 * Room for the whole output at once: each output chunk is one more trip through the thread pool,
 * and with the default 16 KiB a large page or feed takes several.
 */
function outputChunk(source: Buffer): number {
  return Math.max(constants.Z_DEFAULT_CHUNK, source.length);
}

/** The same bytes, gzip level 9. */
export function gzipText(source: Buffer): Promise<Buffer> {
  return gzipAsync(source, { level: constants.Z_BEST_COMPRESSION, chunkSize: outputChunk(source) });
}

/** The same bytes, Brotli in text mode at {@link BROTLI_QUALITY}, with the size as a hint. */
export function brotliText(source: Buffer): Promise<Buffer> {
  return brotliAsync(source, {
    chunkSize: outputChunk(source),
    params: {
      [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
      [constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY,
      [constants.BROTLI_PARAM_SIZE_HINT]: source.length,
    },
  });
}

export interface PrecompressSummary {
  /** Files that got copies. */
  files: number;
  /** Their bytes. */
  bytes: number;
  /** Bytes of the .gz copies written. */
  gzipBytes: number;
  /** Bytes of the .br copies written. */
  brotliBytes: number;
}

/**
 * Writes `<file>.gz` and `<file>.br` beside every file below `dir` that {@link shouldPrecompress}
 * selects, a few at a time (twice the cores: the compression runs on libuv's thread pool).
 */
export async function precompressDir(dir: string): Promise<PrecompressSummary> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const candidates = entries
    .filter((entry) => entry.isFile() && COMPRESSIBLE_EXTENSIONS.has(extname(entry.name).toLowerCase()))
    .map((entry) => join(entry.parentPath, entry.name));
  const summary: PrecompressSummary = { files: 0, bytes: 0, gzipBytes: 0, brotliBytes: 0 };
  const compressOne = async (path: string) => {
    const source = await readFile(path);
    if (!shouldPrecompress(path, source.length)) return;
    const [gzipped, brotli] = await Promise.all([gzipText(source), brotliText(source)]);
    const writes: Promise<void>[] = [];
    if (gzipped.length < source.length) {
      writes.push(writeFile(`${path}.gz`, gzipped));
      summary.gzipBytes += gzipped.length;
    }
    if (brotli.length < source.length) {
      writes.push(writeFile(`${path}.br`, brotli));
      summary.brotliBytes += brotli.length;
    }
    if (writes.length === 0) return;
    await Promise.all(writes);
    summary.files += 1;
    summary.bytes += source.length;
  };
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < candidates.length; i = next++) await compressOne(candidates[i] ?? '');
  };
  await Promise.all(Array.from({ length: Math.min(candidates.length, availableParallelism() * 2) }, worker));
  return summary;
}

const kib = (bytes: number) => `${(bytes / 1024).toFixed(0)} KiB`;

/** The build log's line: `precompressed 99 files, 2154 KiB → gzip 377 KiB, brotli 332 KiB, in 120 ms`. */
export function formatSummary(summary: PrecompressSummary, ms: number): string {
  return (
    `precompressed ${summary.files} files, ${kib(summary.bytes)} → gzip ${kib(summary.gzipBytes)}, ` +
    `brotli ${kib(summary.brotliBytes)}, in ${ms.toFixed(0)} ms`
  );
}

/**
 * Writes .gz and .br copies of the build's text files into the folder Astro built; `astro build`
 * only. Register it before atomicPublish. `STATUS_PRECOMPRESS=1` (read from `env`) turns it on.
 */
export function precompress({ env = process.env }: { env?: NodeJS.ProcessEnv } = {}): AstroIntegration {
  let enabled = false;
  return {
    name: 'status-precompress',
    hooks: {
      'astro:config:setup': ({ command, logger }) => {
        if (command !== 'build') return;
        try {
          enabled = readPrecompressSetting(env.STATUS_PRECOMPRESS);
        } catch (error) {
          // Like bad content: one plain line and a non-zero exit, before anything is built.
          logger.error((error as Error).message);
          process.exit(1);
        }
      },
      'astro:build:done': async ({ dir, logger }) => {
        if (!enabled) {
          logger.info('no .gz or .br copies written (STATUS_PRECOMPRESS=1 writes them, for nginx)');
          return;
        }
        const started = performance.now();
        const summary = await precompressDir(fileURLToPath(dir));
        logger.info(formatSummary(summary, performance.now() - started));
      },
    },
  };
}
