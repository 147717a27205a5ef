// One way to run `astro build` from scripts and tests: on the Node that runs
// the caller (Node 24 under npm scripts and npx), telemetry off, into `outDir`.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../', import.meta.url));
const ASTRO = join(ROOT, 'node_modules/astro/bin/astro.mjs');

/**
 * Starts `astro build --outDir <outDir>` in `cwd` (the project root unless
 * given) with `env` as the whole environment plus ASTRO_TELEMETRY_DISABLED.
 * @param {string} outDir
 * @param {{ cwd?: string, env?: NodeJS.ProcessEnv }} [options]
 */
export function spawnAstroBuild(outDir, { cwd = ROOT, env = process.env } = {}) {
  return spawn(process.execPath, [ASTRO, 'build', '--outDir', outDir], {
    cwd,
    env: { ...env, ASTRO_TELEMETRY_DISABLED: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/**
 * Waits for a build started by {@link spawnAstroBuild} and collects its output.
 * @param {import('node:child_process').ChildProcessWithoutNullStreams | import('node:child_process').ChildProcess} child
 * @returns {Promise<{ code: number | null, stdout: string, stderr: string }>}
 */
export function waitForBuild(child) {
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (/** @type {Buffer} */ chunk) => {
      stdout += chunk.toString();
    });
    child.stderr?.on('data', (/** @type {Buffer} */ chunk) => {
      stderr += chunk.toString();
    });
    child.once('error', reject);
    child.once('close', (code) => {
      resolve({ code, stdout, stderr });
    });
  });
}
