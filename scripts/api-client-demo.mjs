// Reads the site's Statuspage-compatible API (/api/v2/) with a real Statuspage
// client, statuspage.js, and prints what a bot or dashboard would see: the
// overall status, every component's status, and the unresolved incidents.
//
// Usage: npx node scripts/api-client-demo.mjs [--dist <dir>] [--base <path>]
//   Without --dist it builds the site into a temporary folder first (removed
//   afterwards); the build sees the caller's environment (STATUS_CONTENT_DIR,
//   STATUS_NOW, SITE_URL, BASE_PATH). `npx node` runs the project's Node 24,
//   which Astro needs.
//   --dist <dir>   read an existing build instead
//   --base <path>  the base path it was built with (default: BASE_PATH, else /)
// Example, the 2022 data-centre fire:
//   STATUS_NOW=2022-10-15T17:00:00+09:00 npx node scripts/api-client-demo.mjs
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Statuspage } from 'statuspage.js';
import { ROOT, spawnAstroBuild, waitForBuild } from './astro-build.mjs';
import { startStaticServer } from './static-server.mjs';

const USAGE = 'Usage: npx node scripts/api-client-demo.mjs [--dist <dir>] [--base <path>]';

/** @type {{ dist?: string, base?: string, help?: boolean }} */
let args;
try {
  args = parseArgs({
    options: { dist: { type: 'string' }, base: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  }).values;
} catch (error) {
  console.error(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
  process.exit(2);
}
if (args.help) {
  console.log(USAGE);
  process.exit(0);
}

/** Cleanup steps, last first. @type {(() => unknown)[]} */
const cleanups = [];
let exitCode = 0;
try {
  await main();
} catch (error) {
  console.error(`api-client-demo: ${error instanceof Error ? error.message : String(error)}`);
  exitCode = 1;
} finally {
  for (let step = cleanups.pop(); step; step = cleanups.pop()) await step();
}
process.exit(exitCode);

async function main() {
  let dist;
  if (args.dist) {
    dist = resolve(args.dist);
    if (!existsSync(join(dist, 'api/v2/summary.json'))) throw new Error(`${dist} has no api/v2/summary.json`);
  } else {
    // Inside the project (git-ignored .tmp/), as tests/build/helpers.ts explains: Astro keeps
    // a build's chunks next to an outDir below the working directory.
    mkdirSync(join(ROOT, '.tmp'), { recursive: true });
    dist = mkdtempSync(join(ROOT, '.tmp/api-demo-'));
    const built = dist;
    cleanups.push(() => rmSync(built, { recursive: true, force: true }));
    await build(dist);
  }

  const server = await startStaticServer({ root: dist, base: args.base ?? (process.env.BASE_PATH || '/') });
  cleanups.push(() => server.close());
  const client = new Statuspage('demo');
  // statuspage.js is made for <id>.statuspage.io; its axios instance is the one place to point it elsewhere.
  client['axios'].defaults.baseURL = `${server.url}api/v2`;
  console.log(`statuspage.js reading ${server.url}api/v2/ (${dist})\n`);

  const { page, status } = await client.status();
  /** @param {Date} date */
  const time = (date) => `${date.toLocaleString('sv-SE', { timeZone: page.time_zone })} (${page.time_zone})`;
  console.log(`status(): ${status.indicator}, "${status.description}"`);
  console.log(`  page "${page.name}", ${page.url}, as of ${time(page.updated_at)}\n`);

  const { components } = await client.components();
  console.log('components():');
  const width = Math.max(...components.map((c) => c.id.length + (c.group_id ? 2 : 0)));
  for (const component of components) {
    const id = `${component.group_id ? '  ' : ''}${component.id}`;
    console.log(`  ${id.padEnd(width)}  ${component.status}${component.group ? '  (group)' : ''}`);
  }

  const { incidents } = await client.unresolvedIncidents();
  console.log(`\nunresolvedIncidents(): ${incidents.length}`);
  for (const incident of incidents) {
    const [latest] = incident.incident_updates;
    console.log(`  ${incident.id}  status=${incident.status}  impact=${incident.impact}  "${incident.name}"`);
    console.log(
      latest
        ? `    latest update ${latest.id}, ${time(latest.display_at)}, ${latest.status}: ${latest.body}`
        : '    no update yet',
    );
  }
}

/** Runs `astro build` into `outDir` with the caller's environment. @param {string} outDir */
async function build(outDir) {
  const major = Number(process.versions.node.split('.')[0]);
  if (major < 22) throw new Error(`Node ${process.versions.node} cannot run Astro: use \`npx node\` (Node 24)`);
  console.log(`Building the site into ${outDir}`);
  const { code, stdout, stderr } = await waitForBuild(spawnAstroBuild(outDir));
  const log = stdout + stderr;
  if (code !== 0) {
    process.stderr.write(log);
    throw new Error(`astro build failed (exit code ${String(code)})`);
  }
}
