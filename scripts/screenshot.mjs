// Screenshots of built pages in Chromium (scripts/chromium.mjs finds one), at two phone widths and
// desktop width, light and dark, with the live script running.
// Usage: npm run screenshot -- [out-dir] [page ...]   (after npm run build)
// Pages are paths relative to the site root, e.g. "" (overview) or "en/history/".
// With STATUS_NOW set (as for the build), the browser's clock starts two minutes after it, so the
// page looks as it did then ("2분 전"), not as a page left open since.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { getChromium, hasHangulFont } from './chromium.mjs';
import { startStaticServer } from './static-server.mjs';

const [outDir = 'screenshots', ...pages] = process.argv.slice(2);
const targets = pages.length > 0 ? pages : [''];
const base = process.env.BASE_PATH || '/';
mkdirSync(outDir, { recursive: true });
const server = await startStaticServer({ root: 'dist', base });
const { executablePath, args } = await getChromium();
const browser = await chromium.launch({ executablePath, args });
try {
  const probe = await browser.newPage();
  if (!(await probe.evaluate(hasHangulFont))) {
    console.warn(
      'warning: this Chromium has no font with Hangul, so Korean text shows as empty boxes in these screenshots ' +
        '(the site uses system fonts; install one, e.g. Debian: apt-get install fonts-noto-cjk, or fonts-nanum).',
    );
  }
  await probe.close();
  for (const scheme of ['light', 'dark']) {
    for (const width of [320, 390, 1280]) {
      const page = await browser.newPage({ viewport: { width, height: 844 }, colorScheme: scheme });
      if (process.env.STATUS_NOW) {
        await page.clock.install({ time: new Date(Date.parse(process.env.STATUS_NOW) + 2 * 60_000) });
      }
      for (const target of targets) {
        await page.goto(server.url + target);
        const name = `${(target || 'overview').replace(/\/+$/, '').replaceAll('/', '_')}-${width}-${scheme}.png`;
        await page.screenshot({ path: join(outDir, name), fullPage: true });
        // What a reader sees before scrolling.
        await page.screenshot({ path: join(outDir, name.replace('.png', '-first-screen.png')) });
        console.log(join(outDir, name));
      }
      await page.close();
    }
  }
} finally {
  await browser.close();
  await server.close();
}
