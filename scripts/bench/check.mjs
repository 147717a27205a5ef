// npm run bench:check [-- 1000]
//
// How long `npm run status -- check` takes on N synthetic incidents (scripts/bench/generate.mjs):
// the whole CLI process, start-up included, 5 runs, median. Target: under 1 s for 1,000
// (issue 11). Figures, not a gate: these machines are shared and noisy.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../astro-build.mjs';
import { generateContent } from './generate.mjs';

const TARGET_SECONDS = 1;
const RUNS = 5;
const counts = process.argv
  .slice(2)
  .map(Number)
  .filter((n) => n > 0);

for (const n of counts.length > 0 ? counts : [1000]) {
  const dir = mkdtempSync(join(tmpdir(), `check-bench-${n}-`));
  try {
    generateContent(n, dir);
    const times = [];
    for (let run = 0; run < RUNS; run += 1) {
      const started = performance.now();
      const result = spawnSync(process.execPath, [join(ROOT, 'src/cli/status.ts'), 'check', '-c', dir], {
        encoding: 'utf8',
      });
      times.push((performance.now() - started) / 1000);
      if (result.status !== 0) throw new Error(`check failed on ${n} incidents:\n${result.stderr}`);
    }
    times.sort((a, b) => a - b);
    const median = times[Math.floor(RUNS / 2)];
    const verdict = n === 1000 ? (median < TARGET_SECONDS ? 'PASS' : 'FAIL') : 'info';
    console.log(
      `${verdict}  status check, ${n} incidents: median ${median.toFixed(2)} s ` +
        `(runs ${times.map((t) => t.toFixed(2)).join(', ')} s)` +
        (n === 1000 ? `, target under ${TARGET_SECONDS} s` : ''),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
