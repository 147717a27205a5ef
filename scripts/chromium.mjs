// The one place that finds a Chromium for the gates, the screenshot script
// and the audit, and the flags it is started with.
//
// Lookup order (README, "Browsers"):
//   1. CHROMIUM_PATH, or CHROME_PATH (what Lighthouse's chrome-launcher reads);
//   2. a system Chromium or Chrome at its usual place on Linux or macOS;
//   3. the npm package @sparticuz/chromium (a devDependency), which ships a
//      Linux x64 Chromium inside the package: `npm ci` is enough, no apt-get,
//      no download at install time. Its first use unpacks it into the system
//      temp folder (about 4 s).
import { accessSync, constants, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Flags verified on these machines (TOOLCHAIN.md). Without the networking
 * flags Chromium tries to reach Google's hosts at every start, which this
 * network refuses.
 */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Where Chromium and Chrome are installed by the usual package managers and installers. */
export const SYSTEM_BROWSERS = {
  linux: [
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/snap/bin/chromium',
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
    '/opt/google/chrome/chrome',
  ],
  darwin: [
    '/Applications/Chromium.app/Contents/MacOS/Chromium',
    '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
    '/opt/homebrew/bin/chromium',
  ],
};

/** What to do when there is no browser at all. */
export const NO_BROWSER_HELP =
  'No Chromium found. Run `npm ci` (it installs @sparticuz/chromium, a Linux x64 Chromium), ' +
  'install one (Debian/Ubuntu: `sudo apt-get install chromium`; macOS: `brew install --cask chromium`), ' +
  'or set CHROMIUM_PATH to a Chromium or Chrome executable.';

/**
 * @typedef {object} FoundChromium
 * @property {string} executablePath
 * @property {string[]} args
 * @property {string} source  how it was found, for the log: `CHROMIUM_PATH`, `system`, `@sparticuz/chromium 153.0.0`
 */

/**
 * Finds a Chromium in the order above. `isExecutable` and `loadPackage` are
 * there for the tests.
 * @param {{ env?: NodeJS.ProcessEnv, platform?: NodeJS.Platform, arch?: string, isExecutable?: (path: string) => boolean, loadPackage?: () => Promise<{ executablePath: () => Promise<string>, version?: string } | undefined> }} [options]
 * @returns {Promise<FoundChromium>}
 */
export async function findChromium({
  env = process.env,
  platform = process.platform,
  arch = process.arch,
  isExecutable = canExecute,
  loadPackage = loadSparticuz,
} = {}) {
  for (const name of ['CHROMIUM_PATH', 'CHROME_PATH']) {
    const value = env[name]?.trim();
    if (!value) continue;
    if (!isExecutable(value)) throw new Error(`${name}=${value} is not an executable file. ${NO_BROWSER_HELP}`);
    return { executablePath: value, args: CHROMIUM_ARGS, source: name };
  }
  const system = (SYSTEM_BROWSERS[/** @type {'linux' | 'darwin'} */ (platform)] ?? []).find((path) =>
    isExecutable(path),
  );
  if (system) return { executablePath: system, args: CHROMIUM_ARGS, source: 'system' };
  if (platform === 'linux' && arch === 'x64') {
    const bundled = await loadPackage();
    if (bundled) {
      return {
        executablePath: await bundled.executablePath(),
        // The packaged build has no zygote helper to fork renderers from.
        args: [...CHROMIUM_ARGS, '--no-zygote'],
        source: `@sparticuz/chromium ${bundled.version ?? ''}`.trim(),
      };
    }
  }
  throw new Error(NO_BROWSER_HELP);
}

/** @param {string} path */
function canExecute(path) {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

async function loadSparticuz() {
  try {
    const { default: Chromium } = await import('@sparticuz/chromium');
    // Its package.json is not exported: read it beside the entry point (…/build/index.js).
    const entry = fileURLToPath(import.meta.resolve('@sparticuz/chromium'));
    const { version } = JSON.parse(readFileSync(join(dirname(entry), '..', 'package.json'), 'utf8'));
    return { executablePath: () => Chromium.executablePath(), version };
  } catch {
    return undefined;
  }
}

let found;
/**
 * {@link findChromium}, once per process, and says on stdout which browser it
 * uses (the tests' log shows it).
 * @returns {Promise<FoundChromium>}
 */
export function getChromium() {
  found ??= findChromium().then((chromium) => {
    console.log(`chromium: ${chromium.executablePath} (${chromium.source})`);
    return chromium;
  });
  return found;
}

/**
 * Whether the page's fonts draw Hangul: a glyph of 한 compared with that of
 * an unassigned code point, which every font draws as the same empty box.
 * Run it in a page (`page.evaluate(hasHangulFont)`).
 */
/* global document -- runs in the page */
export function hasHangulFont() {
  const canvas = document.createElement('canvas');
  canvas.width = 64;
  canvas.height = 64;
  const context = canvas.getContext('2d');
  if (!context) return true;
  const draw = (/** @type {string} */ text) => {
    context.clearRect(0, 0, 64, 64);
    context.font = '48px sans-serif';
    context.fillText(text, 4, 52);
    return Array.from(context.getImageData(0, 0, 64, 64).data).join(',');
  };
  return draw('한') !== draw('\u{10FFFD}');
}
