/**
 * The precompression step (src/integrations/precompress.ts) on its own: which files get .gz and
 * .br copies, that the copies hold exactly their source, the STATUS_PRECOMPRESS switch, and the
 * build log's line. tests/build/precompress.test.ts checks a real build.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, test } from 'vitest';
import {
  brotliText,
  formatSummary,
  gzipText,
  isPrecompressedCopy,
  precompressDir,
  PRECOMPRESS_MIN_BYTES,
  readPrecompressSetting,
  shouldPrecompress,
} from '../../src/integrations/precompress.ts';
import { listAllFiles } from '../build/helpers.ts';

describe('shouldPrecompress', () => {
  test.each([
    ['index.html', 12_000, true],
    ['en/services/kakaotalk/rss.xml', 8_000, true],
    ['feed.atom', 9_000, true],
    ['feed.json', 14_000, true],
    ['maintenance.ics', 1_168, true],
    ['badges/overall.svg', 1_393, true],
    ['_astro/live.nJyqwpn9.js', 3_968, true],
    ['_astro/site.css', 2_000, true],
    ['site.webmanifest', 1_500, true],
    ['INDEX.HTML', 2_000, true],
    ['exactly-the-threshold.html', PRECOMPRESS_MIN_BYTES, true],
    ['one-byte-under.html', PRECOMPRESS_MIN_BYTES - 1, false],
    ['robots.txt', 23, false],
    ['api/v2/status.json', 295, false],
    ['photo.png', 50_000, false],
    ['font.woff2', 50_000, false],
    ['index.html.gz', 5_000, false],
    ['index.html.br', 5_000, false],
    ['_headers', 1_366, false],
  ])('%s of %i bytes: %s', (path, size, expected) => {
    expect(shouldPrecompress(path, size)).toBe(expected);
  });
});

test.each([
  ['index.html.gz', true],
  ['en/rss.xml.br', true],
  ['api/v2/summary.json.gz', true],
  ['index.html', false],
  ['backup.tar.gz', false],
  ['data.br', false],
])('isPrecompressedCopy(%s) is %s', (path, expected) => {
  expect(isPrecompressedCopy(path)).toBe(expected);
});

describe('STATUS_PRECOMPRESS', () => {
  test.each([
    [undefined, false],
    ['', false],
    ['  ', false],
    ['1', true],
    [' 1 ', true],
    ['0', false],
    [' 0 ', false],
  ])('%j: %s', (value, expected) => {
    expect(readPrecompressSetting(value)).toBe(expected);
  });

  test.each(['false', 'off', 'yes', '2'])('%j is refused, with what to write instead', (value) => {
    expect(() => readPrecompressSetting(value)).toThrow(
      `STATUS_PRECOMPRESS is "${value}": write 1 (write .gz and .br copies, for nginx) or 0 (the default: do not)`,
    );
  });
});

test('the copies decompress to exactly their source, Korean text included', async () => {
  const source = Buffer.from('<p>카카오톡: 메시지 송수신 지연, 사진·동영상 전송 불가</p>\n'.repeat(200));
  const [gzipped, brotli] = await Promise.all([gzipText(source), brotliText(source)]);
  expect(gunzipSync(gzipped).equals(source)).toBe(true);
  expect(brotliDecompressSync(brotli).equals(source)).toBe(true);
  expect(gzipped.length).toBeLessThan(source.length / 10);
  expect(brotli.length).toBeLessThan(gzipped.length);
});

describe('precompressDir', () => {
  const dir = mkdtempSync(join(tmpdir(), 'precompress-'));
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });
  const page = Buffer.from('<!doctype html><title>상태</title>'.padEnd(5000, '<p>정상</p>'));
  const files: Record<string, Buffer> = {
    'index.html': page,
    'en/incidents/a/index.html': page,
    'api/v2/summary.json': Buffer.from(JSON.stringify({ page: { name: '카카오' }, list: Array(1000).fill(1) })),
    'robots.txt': Buffer.from('User-agent: *\nAllow: /\n'),
    // Random bytes named .txt: no compressor makes them smaller, so no copy is written.
    'noise.txt': randomBytes(4096),
    'photo.png': Buffer.alloc(4096),
  };

  test('writes .gz and .br beside each text file of 1 KiB or more, and nothing else', async () => {
    for (const [path, bytes] of Object.entries(files)) {
      mkdirSync(join(dir, path, '..'), { recursive: true });
      writeFileSync(join(dir, path), bytes);
    }
    const summary = await precompressDir(dir);
    const compressed = ['api/v2/summary.json', 'en/incidents/a/index.html', 'index.html'];
    expect(listAllFiles(dir)).toEqual(
      [...Object.keys(files), ...compressed.flatMap((path) => [`${path}.gz`, `${path}.br`])].sort(),
    );
    for (const path of compressed) {
      const source = readFileSync(join(dir, path));
      expect(gunzipSync(readFileSync(join(dir, `${path}.gz`))).equals(source), path).toBe(true);
      expect(brotliDecompressSync(readFileSync(join(dir, `${path}.br`))).equals(source), path).toBe(true);
    }
    expect(summary.files).toBe(3);
    expect(summary.bytes).toBe(compressed.reduce((sum, path) => sum + (files[path]?.length ?? 0), 0));
    const size = (suffix: string) =>
      compressed.reduce((sum, path) => sum + readFileSync(join(dir, `${path}${suffix}`)).length, 0);
    expect(summary.gzipBytes).toBe(size('.gz'));
    expect(summary.brotliBytes).toBe(size('.br'));
  });

  test('the same source gives the same bytes on every run', async () => {
    const before = readFileSync(join(dir, 'index.html.gz'));
    const brotliBefore = readFileSync(join(dir, 'index.html.br'));
    await precompressDir(dir);
    expect(readFileSync(join(dir, 'index.html.gz')).equals(before)).toBe(true);
    expect(readFileSync(join(dir, 'index.html.br')).equals(brotliBefore)).toBe(true);
  });
});

test('the log line: files, bytes before and after, milliseconds', () => {
  expect(formatSummary({ files: 99, bytes: 2_205_157, gzipBytes: 386_493, brotliBytes: 339_797 }, 120.4)).toBe(
    'precompressed 99 files, 2153 KiB → gzip 377 KiB, brotli 332 KiB, in 120 ms',
  );
});
