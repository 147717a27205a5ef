// Test and bench preload (tests/build/incremental.test.ts, scripts/bench/run.mjs):
// `NODE_OPTIONS=--import <this file>` with STATUS_TEST_WRITES=<file> makes `astro build` append
// one line per file it puts into the folder being built: `rendered /path` for one it rendered and
// wrote (`fs.promises.writeFile`, core/build/generate.js), `restored /path` for one its
// incremental cache copied (`fs.promises.copyFile`, core/build/incremental.js), `copied /path`
// for one the atomic publish copied from the live site (src/integrations/site-folders.ts).
//
// Why not Astro's log: with build.concurrency above 1 its lines interleave (a page's name, then
// another's, then the first one's "(restored)"), so they cannot say which page was which.
import fs, { openSync, writeSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// One descriptor for the whole build, appending: the bench counts with it too, and it must cost little.
const log = process.env.STATUS_TEST_WRITES ? openSync(process.env.STATUS_TEST_WRITES, 'a') : undefined;
// The atomic publish's folder (src/integrations/atomic-publish.ts): `.<outDir>.building-<pid>/`.
const IN_SITE = /\/\.[^/]+\.building-\d+(\/.+)$/;

// Astro's incremental cache keeps its copies in `<cacheDir>/dist/`.
const IN_CACHE = /\/\.astro\/[^/]+\/dist\//;

function pathOf(file) {
  return file instanceof URL ? fileURLToPath(file) : String(file);
}

function record(kind, file) {
  const match = IN_SITE.exec(pathOf(file));
  if (log !== undefined && match) writeSync(log, `${kind} ${match[1]}\n`);
}

const { writeFile, copyFile } = fs.promises;
fs.promises.writeFile = async function (file, ...rest) {
  const result = await writeFile.call(this, file, ...rest);
  record('rendered', file);
  return result;
};
fs.promises.copyFile = async function (from, to, ...rest) {
  const result = await copyFile.call(this, from, to, ...rest);
  record(IN_CACHE.test(pathOf(from)) ? 'restored' : 'copied', to);
  return result;
};
