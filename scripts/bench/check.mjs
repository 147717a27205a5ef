// npm run bench:check [-- [--runs N] [COUNT ...]]   (default: 5 runs each of 1000 and 10000)
//
// How long `npm run status -- check` takes on COUNT synthetic incidents
// (scripts/bench/generate.mjs): the whole CLI process, Node's start-up and
// module loading included, as the operator waits for it; only npm's own
// start-up in front of it (about 0.2 s) is left out. Each count is run N
// times; the figures are the median, the fastest and the slowest run.
// Target (issue 11): under 1 s for 1,000 incidents, judged on the median.
// These machines are shared and noisy: compare figures taken together, and
// rerun before believing a single one.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../astro-build.mjs';
import { generateContent } from './generate.mjs';

const TARGET_COUNT = 1000;
const TARGET_SECONDS = 1;

const args = process.argv.slice(2);
const runsAt = args.indexOf('--runs');
const runs = runsAt >= 0 ? Number(args.splice(runsAt, 2)[1]) : 5;
if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs takes a whole number of runs, at least 1');
const counts = args.map(Number).filter((n) => Number.isInteger(n) && n > 0);

const seconds = (value) => `${value.toFixed(2)} s`;

console.log(
  `status check: node ${process.version}, ${runs} run${runs === 1 ? '' : 's'} per count, ` +
    'whole CLI process (start-up included, npm left out)',
);
for (const n of counts.length > 0 ? counts : [TARGET_COUNT, 10 * TARGET_COUNT]) {
  const dir = mkdtempSync(join(tmpdir(), `check-bench-${n}-`));
  try {
    generateContent(n, dir);
    const times = [];
    for (let run = 0; run < runs; run += 1) {
      const started = performance.now();
      const result = spawnSync(process.execPath, [join(ROOT, 'src/cli/status.ts'), 'check', '-c', dir], {
        encoding: 'utf8',
      });
      times.push((performance.now() - started) / 1000);
      if (result.status !== 0) throw new Error(`check failed on ${n} incidents:\n${result.stderr}`);
    }
    const sorted = [...times].sort((a, b) => a - b);
    const middle = Math.floor(runs / 2);
    const median = runs % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    const verdict =
      n === TARGET_COUNT
        ? `${median < TARGET_SECONDS ? 'PASS' : 'FAIL'} (target: median under ${seconds(TARGET_SECONDS)})`
        : '(no target at this count)';
    console.log(
      `${n.toLocaleString('en-US').padStart(7)} incidents: median ${seconds(median)}, ` +
        `min ${seconds(sorted[0])}, max ${seconds(sorted.at(-1))}  ${verdict}\n` +
        `${' '.repeat(19)}runs in order: ${times.map(seconds).join(', ')}`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
