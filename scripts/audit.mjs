// Lighthouse audit (performance, accessibility, best practices, SEO; mobile,
// Lighthouse's defaults) of the overview and one incident page, in Debian's Chromium.
// Usage: npm run audit -- [--dist <dir>] [--page <path>]
//   Without --dist it builds the site into a temporary folder first; the build
//   sees the caller's environment (STATUS_NOW, SITE_URL, BASE_PATH, ...).
//   --dist <dir>   audit an existing build instead (served under BASE_PATH, default /)
//   --page <path>  the second page, relative to the site root (default: the first
//                  incidents/*/ page of the build); repeat for more pages
// A report, not a gate: the target is 100 in every category, but scores move with
// CPU load, so it exits 0 below target and non-zero only when Lighthouse could not run.
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { constants, cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs, stripVTControlCharacters } from 'node:util';
import { launch } from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { spawnAstroBuild, waitForBuild } from './astro-build.mjs';
import { getChromium } from './chromium.mjs';
import { startStaticServer } from './static-server.mjs';

const CHROME_FLAGS = ['--headless=new', '--no-sandbox', '--disable-gpu'];
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];
/** @type {Record<string, string>} */
const CATEGORY_LABELS = { performance: 'Perf', accessibility: 'A11y', 'best-practices': 'BP', seo: 'SEO' };
/** Audit modes that count towards a score; informative, manual and notApplicable ones do not. */
const SCORED_MODES = new Set(['binary', 'numeric', 'metricSavings']);

/**
 * A line of context for some failing audits: whether it is the local setup's doing,
 * or where the time goes.
 * @type {Record<string, (lhr: import('lighthouse').Result) => string | undefined>}
 */
const NOTES = {
  'uses-text-compression': () =>
    'local setup: scripts/static-server.mjs sends no Content-Encoding (static hosts usually gzip or brotli HTML)',
  'total-blocking-time': (lhr) => {
    const details = /** @type {{ items?: { groupLabel?: string, duration?: number }[] } | undefined} */ (
      lhr.audits['mainthread-work-breakdown']?.details
    );
    const top = (details?.items ?? [])
      .slice(0, 3)
      .map((item) => `${item.groupLabel ?? '?'} ${Math.round(item.duration ?? 0)} ms`);
    const slowdown = lhr.configSettings.throttling.cpuSlowdownMultiplier;
    return `main thread (CPU slowed ${slowdown}x): ${top.join(', ')}; moves with CPU load, run it alone`;
  },
};

/** @typedef {import('lighthouse').Result} Lhr */
/** @typedef {{ path: string, url: string, lhr?: Lhr, error?: string, seconds: number }} PageResult */

const USAGE = 'Usage: npm run audit -- [--dist <dir>] [--page <path>]...  (see scripts/audit.mjs)';

/** An error whose message says it all: printed without a stack trace. */
class AuditError extends Error {}

/** @param {unknown} error */
function describe(error) {
  if (error instanceof AuditError) return error.message;
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

/** Cleanup steps (temporary build, server, Chrome), run last-in first-out, once. */
/** @type {(() => unknown)[]} */
const cleanups = [];
/** @type {Promise<void> | undefined} */
let cleaning;
function cleanUp() {
  cleaning ??= (async () => {
    for (let step = cleanups.pop(); step; step = cleanups.pop()) {
      try {
        await step();
      } catch (error) {
        console.error(`cleanup: ${describe(error)}`);
      }
    }
  })();
  return cleaning;
}

// A first SIGINT/SIGTERM/SIGHUP stops what is running (build or Chrome), so that
// the run unwinds through the cleanup below; a second one ends the process at once.
/** @type {NodeJS.Signals | undefined} */
let interrupted;
/** @type {Set<() => void>} */
const aborts = new Set();
for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM', 'SIGHUP'])) {
  process.once(signal, () => {
    interrupted = signal;
    console.error(`\n${signal}: stopping and cleaning up`);
    for (const abort of aborts) abort();
  });
}
function checkInterrupted() {
  if (interrupted) throw new AuditError(`stopped by ${interrupted}`);
}
// An error thrown outside the awaited chain (say, an 'error' event nobody listens
// to) would end the process without the `finally` below.
process.on('uncaughtException', (error) => {
  console.error(`audit: ${describe(error)}`);
  void cleanUp().finally(() => process.exit(1));
});

/** @type {{ dist?: string, page?: string[], help?: boolean }} */
let args;
try {
  args = parseArgs({
    options: {
      dist: { type: 'string' },
      page: { type: 'string', multiple: true },
      help: { type: 'boolean', short: 'h' },
    },
  }).values;
} catch (error) {
  console.error(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
  process.exit(2);
}
if (args.help) {
  console.log(USAGE);
  process.exit(0);
}

const started = performance.now();
/** @type {number} */
let exitCode;
try {
  exitCode = await main();
} catch (error) {
  console.error(`audit: ${describe(error)}`);
  exitCode = 1;
} finally {
  await cleanUp();
}
console.log(`\nTotal run time: ${seconds(performance.now() - started)} s`);
process.exit(interrupted ? 128 + constants.signals[interrupted] : exitCode);

/** @returns {Promise<number>} the exit code */
async function main() {
  // chrome-launcher does not catch a failed spawn: find one that exists first.
  let chromePath;
  /** @type {string[]} */
  let extraFlags;
  try {
    const found = await getChromium();
    chromePath = found.executablePath;
    // The packaged Chromium (@sparticuz/chromium) needs --no-zygote; the others take the defaults.
    extraFlags = found.args.filter((flag) => flag === '--no-zygote');
  } catch (error) {
    throw new AuditError(error instanceof Error ? error.message : String(error));
  }
  let dist;
  if (args.dist) {
    dist = resolve(args.dist);
    if (!existsSync(join(dist, 'index.html'))) throw new AuditError(`${dist} has no index.html: not a build`);
  } else {
    dist = mkdtempSync(join(tmpdir(), 'status-audit-'));
    const tmp = dist;
    cleanups.push(() => {
      rmSync(tmp, { recursive: true, force: true });
    });
    await build(dist);
  }

  const pages = ['', ...(args.page ?? [firstIncident(dist)].filter((page) => page !== undefined))]
    .map((page) => page.replace(/^\/+/, ''))
    .filter((page, index, all) => all.indexOf(page) === index);

  const server = await startStaticServer({ root: dist, base: process.env.BASE_PATH || '/' });
  cleanups.push(() => server.close());

  // Our own profile folder, so that it goes even when Chrome fails to start.
  const userDataDir = mkdtempSync(join(tmpdir(), 'status-audit-chrome-'));
  cleanups.push(() => {
    rmSync(userDataDir, { recursive: true, force: true, maxRetries: 5 });
  });
  /** @type {import('chrome-launcher').LaunchedChrome} */
  let chrome;
  try {
    chrome = await launch({
      chromePath,
      chromeFlags: [...CHROME_FLAGS, ...extraFlags],
      userDataDir,
      handleSIGINT: false, // ours also removes the build and stops the server
      logLevel: 'silent',
    });
  } catch (error) {
    throw new AuditError(`${chromePath} did not start: ${error instanceof Error ? error.message : String(error)}`);
  }
  cleanups.push(() => killChrome(chrome));
  aborts.add(() => {
    chrome.kill();
  });
  checkInterrupted();
  const browser = await fetch(`http://127.0.0.1:${chrome.port}/json/version`)
    .then((response) => /** @type {Promise<{ Browser?: string }>} */ (response.json()))
    .then((version) => version.Browser ?? 'Chromium')
    .catch(() => 'Chromium');

  const load = loadavg()[0] ?? 0;
  console.log(
    `Auditing ${dist} at ${server.url} (load average ${load.toFixed(2)} on ${cpus().length} CPUs` +
      `${load >= cpus().length ? ': busy machine, expect lower performance scores' : ''})`,
  );

  /** @type {PageResult[]} */
  const results = [];
  for (const path of pages) {
    const url = new URL(path, server.url).href;
    const pageStarted = performance.now();
    /** @type {PageResult} */
    const result = { path: new URL(url).pathname, url, seconds: 0 };
    try {
      const run = await lighthouse(url, {
        port: chrome.port,
        logLevel: 'error',
        output: 'json',
        onlyCategories: CATEGORIES,
      });
      if (!run) result.error = 'Lighthouse returned no result';
      else if (run.lhr.runtimeError) result.error = `${run.lhr.runtimeError.code}: ${run.lhr.runtimeError.message}`;
      else result.lhr = run.lhr;
    } catch (error) {
      result.error = error instanceof Error ? error.message : String(error);
    }
    checkInterrupted();
    result.seconds = (performance.now() - pageStarted) / 1000;
    console.log(`  ${result.path}: ${result.error ? 'failed' : 'done'} in ${result.seconds.toFixed(1)} s`);
    results.push(result);
  }

  report(results, browser);
  return results.some((result) => result.error) ? 1 : 0;
}

/**
 * `astro build --outDir <outDir>` in the project root, on the Node that runs this script.
 * The build's log is kept back; its warnings and summary line are shown, all of it on failure.
 * @param {string} outDir
 */
async function build(outDir) {
  console.log(`Building the site into ${outDir}`);
  const child = spawnAstroBuild(outDir);
  const closed = waitForBuild(child);
  const abortBuild = () => child.kill('SIGTERM');
  aborts.add(abortBuild);
  const { code, stdout, stderr } = await closed;
  const log = stdout + stderr;
  aborts.delete(abortBuild);
  checkInterrupted();
  if (code !== 0) {
    process.stderr.write(log);
    throw new AuditError(`astro build failed (exit code ${String(code)})`);
  }
  for (const line of stripVTControlCharacters(log).split('\n')) {
    if (/\[(WARN|ERROR)\]|page\(s\) built/.test(line)) console.log(`  ${line.trim()}`);
  }
}

/**
 * The first incident page of a build, e.g. `incidents/2020-01-01-foo/`.
 * @param {string} dist
 * @returns {string | undefined}
 */
function firstIncident(dist) {
  const folder = join(dist, 'incidents');
  if (!existsSync(folder)) return undefined;
  const slug = readdirSync(folder, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(folder, entry.name, 'index.html')))
    .map((entry) => entry.name)
    .sort()[0];
  if (slug === undefined) console.warn(`No incidents/*/index.html in ${dist}: auditing the overview only.`);
  return slug === undefined ? undefined : `incidents/${slug}/`;
}

/**
 * Stops Chrome: SIGTERM first, so that it shuts down and reaps its own helper
 * processes; then chrome-launcher's kill, a SIGKILL to the process group, for stragglers.
 * @param {import('chrome-launcher').LaunchedChrome} chrome
 */
async function killChrome(chrome) {
  const child = chrome.process;
  if (child.exitCode === null && child.signalCode === null) {
    const closed = new Promise((done) => child.once('close', done));
    child.kill('SIGTERM');
    await Promise.race([closed, new Promise((done) => setTimeout(done, 5000).unref())]);
  }
  chrome.kill();
}

/**
 * @param {PageResult[]} results
 * @param {string} browser
 */
function report(results, browser) {
  const first = results.find((result) => result.lhr)?.lhr;
  console.log(
    first
      ? `\nLighthouse ${first.lighthouseVersion}, ${browser}, ${first.configSettings.formFactor}, ` +
          `${first.configSettings.throttlingMethod === 'simulate' ? 'simulated' : first.configSettings.throttlingMethod} throttling. ` +
          'Target: 100 in each category.\n'
      : '\n',
  );
  const header = ['URL', ...CATEGORIES.map((id) => CATEGORY_LABELS[id]), 'FCP', 'LCP', 'TBT', 'CLS', 'Bytes'];
  const rows = results.map(({ path, lhr }) => [
    path,
    ...CATEGORIES.map((id) => score(lhr?.categories[id]?.score)),
    metric(lhr, 'first-contentful-paint', (ms) => `${seconds(ms)} s`),
    metric(lhr, 'largest-contentful-paint', (ms) => `${seconds(ms)} s`),
    metric(lhr, 'total-blocking-time', (ms) => `${Math.round(ms)} ms`),
    metric(lhr, 'cumulative-layout-shift', (value) => value.toFixed(3)),
    metric(lhr, 'total-byte-weight', (bytes) => `${(bytes / 1024).toFixed(1)} KiB`),
  ]);
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  for (const row of [header, ...rows]) {
    const cells = row.map((cell, column) =>
      column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0),
    );
    console.log(cells.join('  '));
  }

  for (const { path, lhr, error } of results) {
    if (error) {
      console.log(`\n${path}: Lighthouse could not run: ${error}`);
      continue;
    }
    if (!lhr) continue;
    for (const warning of lhr.runWarnings) console.log(`\n${path}: warning: ${warning}`);
    for (const id of CATEGORIES) {
      /** @type {Lhr['categories'][string] | undefined} */
      const category = lhr.categories[id];
      if (!category || category.score === 1) continue;
      console.log(`\n${path} ${category.title} ${score(category.score)}:`);
      for (const ref of category.auditRefs) {
        if (ref.group === 'hidden') continue;
        /** @type {Lhr['audits'][string] | undefined} */
        const audit = lhr.audits[ref.id];
        if (!audit) continue;
        const failed = SCORED_MODES.has(audit.scoreDisplayMode) && audit.score !== null && audit.score < 1;
        if (!failed && audit.scoreDisplayMode !== 'error') continue;
        const value = audit.displayValue ? ` (${audit.displayValue})` : '';
        const weight = ref.weight > 0 ? `, weight ${ref.weight}` : '';
        console.log(`  - ${audit.id}: ${audit.title}${value} [score ${score(audit.score)}${weight}]`);
        if (audit.errorMessage) console.log(`      error: ${audit.errorMessage}`);
        if (audit.explanation) console.log(`      ${oneLine(audit.explanation)}`);
        const note = NOTES[audit.id]?.(lhr);
        if (note) console.log(`      note: ${note}`);
        const lines = items(audit.details);
        for (const line of lines.slice(0, 5)) console.log(`      ${line}`);
        if (lines.length > 5) console.log(`      ... and ${lines.length - 5} more`);
      }
    }
  }
}

/**
 * Readable lines from an audit's table or list: the element and why it fails
 * (axe's explanation), the console message, the URL or the source location.
 * @param {unknown} details
 * @returns {string[]}
 */
function items(details) {
  if (!details || typeof details !== 'object' || !('items' in details) || !Array.isArray(details.items)) return [];
  /** @type {string[]} */
  const lines = [];
  for (const item of /** @type {Record<string, any>[]} */ (details.items)) {
    const node = item.node?.type === 'node' ? item.node : undefined;
    const location = [item.source, item.sourceLocation].find((value) => value?.type === 'source-location');
    const where = location ? `${location.url}:${location.line + 1}` : '';
    if (node) {
      const why = typeof node.explanation === 'string' ? ` -- ${reasons(node.explanation)}` : '';
      lines.push(oneLine(`${node.selector ?? ''} ${node.snippet ?? ''}${why}`));
    } else if (typeof item.description === 'string') {
      lines.push(oneLine(`${item.description}${where ? ` (${where})` : ''}`));
    } else if (typeof item.url === 'string') {
      lines.push(oneLine(item.url));
    } else if (where) {
      lines.push(oneLine(where));
    } else if (item.type === 'table' || item.type === 'list') {
      lines.push(...items(item));
    }
  }
  return lines;
}

/**
 * axe's "Fix any of the following:\n  reason\n  reason" as "reason; reason".
 * @param {string} explanation
 */
function reasons(explanation) {
  return explanation
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !/^Fix (any|all) of the following:$/i.test(line))
    .join('; ');
}

/** @param {string} text */
function oneLine(text, max = 300) {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/** @param {number | null | undefined} value 0-1 */
function score(value) {
  return value === null || value === undefined ? '-' : String(Math.round(value * 100));
}

/**
 * @param {Lhr | undefined} lhr
 * @param {string} id
 * @param {(value: number) => string} format
 */
function metric(lhr, id, format) {
  const value = lhr?.audits[id]?.numericValue;
  return value === undefined ? '-' : format(value);
}

/** @param {number} ms */
function seconds(ms) {
  return (ms / 1000).toFixed(1);
}
