// npm run bench:nginx [-- <dist folder>]
//
// Serves one build with the nginx config as it was before precompression (commit 7c7a742, which
// gzipped every response on each request) and with deploy/nginx.conf as shipped now (the build's
// .gz files through gzip_static), each adapted only in its port and root, and runs
// `wrk -t2 -c200 -d10s -H 'Accept-Encoding: gzip'` against the overview and one API file under
// each: requests/s, transfer/s and latency. Builds the calm sample into a temporary folder unless
// given a dist/ to reuse. Figures, not a gate: these machines are shared and noisy.
//
// The rest of this file is the one way the scripts and tests/gates/nginx.test.ts run nginx: find
// the binary (often /usr/sbin/nginx, not on a user's PATH; NGINX_PATH names another), write a
// main config around a server block, in a temporary folder, as the current user, on a free
// 127.0.0.1 port, `nginx -t` it or run it in the foreground, and stop it again.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import {
  accessSync,
  constants,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { ROOT, spawnAstroBuild, waitForBuild } from '../astro-build.mjs';

/** The shipped config. */
export const NGINX_CONF = join(ROOT, 'deploy/nginx.conf');
/** The commit whose deploy/nginx.conf compressed on the fly: the "before" of the bench. */
export const OLD_CONFIG_COMMIT = '7c7a742';

/** Where packages put nginx: Debian and Ubuntu in /usr/sbin (not on a user's PATH), others elsewhere. */
const NGINX_PLACES = [
  '/usr/sbin/nginx',
  '/usr/local/sbin/nginx',
  '/usr/local/nginx/sbin/nginx',
  '/opt/homebrew/bin/nginx',
  '/usr/local/bin/nginx',
];

const isExecutable = (/** @type {string} */ path) => {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

/**
 * The nginx executable: NGINX_PATH, then `nginx` on PATH, then the usual places; undefined when
 * there is none.
 * @param {NodeJS.ProcessEnv} [env]
 * @returns {string | undefined}
 */
export function findNginx(env = process.env) {
  if (env.NGINX_PATH) return isExecutable(env.NGINX_PATH) ? env.NGINX_PATH : undefined;
  const onPath = (env.PATH ?? '').split(delimiter).map((dir) => join(dir, 'nginx'));
  return [...onPath, ...NGINX_PLACES].find(isExecutable);
}

/**
 * What `nginx -V` says about where this nginx keeps its files.
 * @param {string} nginx
 * @returns {{ version: string, confDir: string | undefined, modulesDir: string | undefined }}
 */
export function describeNginx(nginx) {
  const text = spawnSync(nginx, ['-V'], { encoding: 'utf8' }).stderr;
  const option = (/** @type {string} */ name) => new RegExp(`--${name}=(\\S+)`).exec(text)?.[1];
  const conf = option('conf-path');
  return {
    version: /nginx\/(\S+)/.exec(text)?.[1] ?? 'unknown',
    confDir: conf ? dirname(conf) : undefined,
    modulesDir: option('modules-path'),
  };
}

/**
 * The Brotli static module of this nginx (Debian: libnginx-mod-http-brotli-static), if installed.
 * @param {string} nginx
 * @returns {string | undefined}
 */
export function findBrotliModule(nginx) {
  const { modulesDir } = describeNginx(nginx);
  const path = modulesDir ? join(modulesDir, 'ngx_http_brotli_static_module.so') : undefined;
  return path && existsSync(path) ? path : undefined;
}

/**
 * The documented command that writes the config for a sub-path (from the comment at the top of
 * deploy/nginx.conf), without its file names: `sed -E -e '…' -e '…'`.
 * @param {string} text  deploy/nginx.conf
 */
export function subPathCommand(text) {
  const command = /^#\s+(sed -E .+?) nginx\.conf > \S+$/m.exec(text)?.[1];
  if (!command) throw new Error('deploy/nginx.conf documents no `sed -E … nginx.conf > …` line for a sub-path');
  return command;
}

/**
 * Runs the documented sub-path command on `file`, as an operator would, and returns what it writes.
 * @param {string} file
 */
export function writeSubPathConfig(file) {
  const command = subPathCommand(readFileSync(file, 'utf8'));
  const result = spawnSync('sh', ['-c', `${command} "$1"`, 'sh', file], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${command} failed (exit ${result.status}):\n${result.stderr}`);
  return result.stdout;
}

/**
 * A server block adapted to run here, and nothing else: its `listen` lines become one on
 * 127.0.0.1:<port>, and its `root /srv…` moves under `srv` (where /srv/status is the build).
 * @param {string} text
 * @param {{ port: number, srv: string }} where
 */
export function adaptServer(text, { port, srv }) {
  const listens = text.match(/^ *listen\s[^;]*;/gm) ?? [];
  const roots = text.match(/^ *root \/srv[^;]*;/gm) ?? [];
  if (listens.length === 0 || roots.length !== 1) throw new Error('expected listen lines and one `root /srv…;`');
  let first = true;
  return text
    .replace(/^( *)listen\s[^;]*;\n/gm, (_, indent) => {
      const line = first ? `${indent}listen 127.0.0.1:${port};\n` : '';
      first = false;
      return line;
    })
    .replace(/^( *)root \/srv/m, `$1root ${srv}`);
}

/** A port nobody listens on now. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/**
 * The main config around `<dir>/server.conf`: what Debian's nginx.conf sets around conf.d/*.conf
 * (its mime.types, sendfile, gzip on), with the pid, logs and temporary files in `dir`, workers as
 * the current user, in the foreground.
 * @param {string} nginx
 * @param {string} dir
 * @param {{ modules?: string[], workers?: number | 'auto', accessLog?: boolean }} [options]
 */
function mainConfig(nginx, dir, { modules = [], workers = 1, accessLog = true } = {}) {
  const { confDir } = describeNginx(nginx);
  const mimeTypes = confDir && existsSync(join(confDir, 'mime.types')) ? join(confDir, 'mime.types') : undefined;
  return [
    ...modules.map((path) => `load_module ${path};`),
    // A master run by root would start its workers as nobody, who cannot read a private build.
    ...(process.getuid?.() === 0 ? [`user ${userInfo().username};`] : []),
    'daemon off;',
    `worker_processes ${workers};`,
    `pid ${join(dir, 'nginx.pid')};`,
    `error_log ${join(dir, 'error.log')} warn;`,
    'events { worker_connections 1024; }',
    'http {',
    '  sendfile on;',
    '  tcp_nopush on;',
    '  types_hash_max_size 2048;',
    ...(mimeTypes ? [`  include ${mimeTypes};`] : []),
    '  default_type application/octet-stream;',
    `  access_log ${accessLog ? join(dir, 'access.log') : 'off'};`,
    '  gzip on;',
    ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map(
      (name) => `  ${name}_temp_path ${join(dir, `${name}_temp`)};`,
    ),
    `  include ${join(dir, 'server.conf')};`,
    '}',
    '',
  ].join('\n');
}

/**
 * @typedef {object} RunningNginx
 * @property {string} origin  http://127.0.0.1:<port>
 * @property {string} dir  its temporary folder (config, logs, pid)
 * @property {() => string} errors  the error log so far
 * @property {() => Promise<void>} stop  stops nginx and deletes the folder
 */

/**
 * Starts nginx in the foreground on a free 127.0.0.1 port with a main config of its own (pid,
 * logs and temporary files in a new temporary folder; workers as the current user) around
 * `server`, the server block as `(port, srv) => text`. `dist` is served as `<srv>/status`.
 * @param {{ nginx: string, dist: string, server: (where: { port: number, srv: string }) => string,
 *   modules?: string[], workers?: number | 'auto', accessLog?: boolean }} options
 * @returns {Promise<RunningNginx>}
 */
export async function startNginx({ nginx, dist, server, modules = [], workers = 1, accessLog = true }) {
  const dir = mkdtempSync(join(tmpdir(), 'status-nginx-'));
  const srv = join(dir, 'srv');
  mkdirSync(srv);
  symlinkSync(dist, join(srv, 'status'));
  let lastError = '';
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const port = await freePort();
    writeFileSync(join(dir, 'server.conf'), server({ port, srv }));
    writeFileSync(join(dir, 'nginx.conf'), mainConfig(nginx, dir, { modules, workers, accessLog }));
    const child = spawn(nginx, ['-p', dir, '-c', join(dir, 'nginx.conf')], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (/** @type {Buffer} */ chunk) => (stderr += chunk.toString()));
    const exited = new Promise((resolve) => child.once('exit', resolve));
    // Also when the caller ends without stop() (an error, a failed test file): no nginx left behind.
    const orphaned = () => child.kill('SIGTERM');
    process.once('exit', orphaned);
    void exited.then(() => process.off('exit', orphaned));
    const origin = `http://127.0.0.1:${port}`;
    const up = await waitUntilUp(origin, exited);
    const errors = () => {
      const log = join(dir, 'error.log');
      return `${stderr}${existsSync(log) ? readFileSync(log, 'utf8') : ''}`;
    };
    if (up) {
      return {
        origin,
        dir,
        errors,
        stop: async () => {
          if (child.exitCode === null && child.signalCode === null) {
            child.kill('SIGTERM');
            await exited;
          }
          rmSync(dir, { recursive: true, force: true });
        },
      };
    }
    lastError = errors();
    // SIGTERM: the master stops its workers too (SIGKILL would leave them running).
    child.kill('SIGTERM');
    await exited;
    if (!/Address already in use/.test(lastError)) break;
  }
  rmSync(dir, { recursive: true, force: true });
  throw new Error(`nginx did not start:\n${lastError}`);
}

/** Whether nginx answers at `origin` within 10 s (false as soon as it exits). */
async function waitUntilUp(/** @type {string} */ origin, /** @type {Promise<unknown>} */ exited) {
  let gone = false;
  void exited.then(() => (gone = true));
  const deadline = performance.now() + 10_000;
  while (!gone && performance.now() < deadline) {
    try {
      await fetch(origin, { method: 'HEAD' });
      return true;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  return false;
}

/**
 * `nginx -t` on a server block (as `startNginx` would run it, on a port that is not opened).
 * @param {string} nginx
 * @param {string} serverText  adapted with {@link adaptServer}
 * @returns {{ ok: boolean, output: string }}
 */
export function testConfig(nginx, serverText) {
  const dir = mkdtempSync(join(tmpdir(), 'status-nginx-t-'));
  try {
    writeFileSync(join(dir, 'server.conf'), serverText);
    writeFileSync(join(dir, 'nginx.conf'), mainConfig(nginx, dir));
    const result = spawnSync(nginx, ['-t', '-p', dir, '-c', join(dir, 'nginx.conf')], { encoding: 'utf8' });
    return { ok: result.status === 0, output: `${result.stdout}${result.stderr}`.trim() };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Runs wrk and reads its summary.
 * @param {string} url
 */
function runWrk(url) {
  const args = ['-t2', '-c200', '-d10s', '-H', 'Accept-Encoding: gzip', '--latency', url];
  const out = execFileSync('wrk', args, { encoding: 'utf8' });
  const latency = /Latency\s+(\S+)\s+(\S+)\s+(\S+)/.exec(out);
  return {
    requests: Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? NaN),
    transfer: /Transfer\/sec:\s+(\S+)/.exec(out)?.[1] ?? '?',
    avg: latency?.[1] ?? '?',
    stdev: latency?.[2] ?? '?',
    max: latency?.[3] ?? '?',
    p99: /^\s+99%\s+(\S+)/m.exec(out)?.[1] ?? '?',
    errors: /Non-2xx or 3xx responses: (\d+)|Socket errors: (.+)/.exec(out)?.[0] ?? '',
  };
}

async function buildSample() {
  const dist = mkdtempSync(join(tmpdir(), 'status-bench-nginx-dist-'));
  console.log(`building the calm sample into ${dist} ...`);
  const result = await waitForBuild(
    spawnAstroBuild(dist, {
      env: {
        ...process.env,
        STATUS_NOW: '2026-11-22T12:00:00+09:00',
        SITE_URL: 'https://status.example.com',
        STATUS_PRECOMPRESS: '1',
      },
    }),
  );
  if (result.code !== 0) throw new Error(`the build failed:\n${result.stderr}`);
  console.log(result.stdout.split('\n').find((line) => line.includes('precompressed')) ?? '');
  return dist;
}

async function main() {
  const nginx = findNginx();
  if (!nginx) throw new Error('nginx not found (Debian: apt-get install nginx-light; or set NGINX_PATH)');
  if (spawnSync('wrk', ['--version']).error) throw new Error('wrk not found (Debian: apt-get install wrk)');
  const given = process.argv[2];
  const dist = given ?? (await buildSample());
  if (!existsSync(join(dist, 'index.html'))) throw new Error(`${dist} holds no built site (no index.html)`);
  const configs = {
    [`before (${OLD_CONFIG_COMMIT}: gzip on the fly)`]: execFileSync(
      'git',
      ['show', `${OLD_CONFIG_COMMIT}:deploy/nginx.conf`],
      {
        cwd: ROOT,
        encoding: 'utf8',
      },
    ),
    'now (deploy/nginx.conf: gzip_static)': readFileSync(NGINX_CONF, 'utf8'),
  };
  const paths = ['/', '/api/v2/summary.json'];
  console.log(
    `nginx ${describeNginx(nginx).version} (${nginx}), 2 workers; wrk -t2 -c200 -d10s -H 'Accept-Encoding: gzip'`,
  );
  const rows = [];
  try {
    for (const [name, text] of Object.entries(configs)) {
      const running = await startNginx({
        nginx,
        dist,
        server: (where) => adaptServer(text, where),
        workers: 2,
        accessLog: false,
      });
      try {
        for (const path of paths) {
          const row = { config: name, path, ...runWrk(running.origin + path) };
          rows.push(row);
          console.log(
            `${name.padEnd(42)} ${path.padEnd(22)} ${row.requests.toFixed(0).padStart(8)} req/s  ` +
              `${row.transfer.padStart(9)}/s  latency avg ${row.avg}, stdev ${row.stdev}, p99 ${row.p99}, max ${row.max}` +
              (row.errors ? `  (${row.errors})` : ''),
          );
        }
      } finally {
        await running.stop();
      }
    }
  } finally {
    if (!given) rmSync(dist, { recursive: true, force: true });
  }
  for (const path of paths) {
    const [before, now] = rows.filter((r) => r.path === path);
    if (before && now) console.log(`${path}: ${(now.requests / before.requests).toFixed(1)}x the requests/s`);
  }
}

if (import.meta.main) await main();
