// Test-only preload: `NODE_OPTIONS=--import <this file>` makes `astro build`
// fail half-way through generating pages, through Astro's own error path
// (the error propagates, the CLI prints it and exits 1), the way a page that
// throws while rendering does.
//
// Why not content that makes a page throw: the content guard validates
// everything the pages render (Markdown nesting included), so no valid
// content folder crashes a page, and product code gets no test switch. Astro
// writes each rendered page with `fs.promises.writeFile` (core/build/generate.js),
// and copies a page its incremental cache holds with `fs.promises.copyFile`;
// this wraps both so the 21st HTML page fails instead of being written.
import fs from 'node:fs';

const PAGES_BEFORE_FAILURE = 20;
const writeFile = fs.promises.writeFile;
let pages = 0;

fs.promises.writeFile = function (file, ...rest) {
  if (String(file).endsWith('.html') && ++pages > PAGES_BEFORE_FAILURE) {
    return Promise.reject(
      new Error(`simulated render failure before writing ${String(file)} (tests/build/fail-render.mjs)`),
    );
  }
  return writeFile.call(this, file, ...rest);
};

// An incremental build copies unchanged pages from its cache instead (core/build/incremental.js):
// those count too, so that it fails as far in. Only copies into the site, not into the cache.
const copyFile = fs.promises.copyFile;
fs.promises.copyFile = function (from, to, ...rest) {
  const target = String(to instanceof URL ? to.pathname : to);
  if (target.endsWith('.html') && !target.includes('/node_modules/') && ++pages > PAGES_BEFORE_FAILURE) {
    return Promise.reject(new Error(`simulated render failure before writing ${target} (tests/build/fail-render.mjs)`));
  }
  return copyFile.call(this, from, to, ...rest);
};
