/**
 * The operator CLI: `npm run status -- <command>` (Node 24 runs this file as
 * TypeScript directly). Commands so far:
 * - `check`: validates the content folder with exactly the rules the build
 *   uses (src/data/check.ts, the same code the content guard runs), without
 *   building, and prints problems in the build's format; exit 1 on any.
 * - `preview`: the dev server on the content folder.
 * Arguments are parsed by commander, which also writes every `--help`.
 */
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { Command, Option } from 'commander';
import { checkContent } from '../data/check.ts';
import { readBuildEnv } from '../data/env.ts';
import { formatProblem } from '../lib/problems.ts';

// Piped into `head`, the reader may leave early: that is not an error of the check.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
});

const program = new Command('status')
  .description('카카오 서비스 상태: work on the content folder (incidents, maintenance, services)')
  .showHelpAfterError('(run with --help for the commands and their options)');

const contentOption = () =>
  new Option('-c, --content <dir>', 'the content folder (default: STATUS_CONTENT_DIR, else content/)').env(
    'STATUS_CONTENT_DIR',
  );

program
  .command('check')
  .description("validate the content folder with the build's rules, without building (exit 1 on any problem)")
  .addOption(contentOption())
  .option('--now <iso>', 'the moment to check against, as STATUS_NOW (default: now)')
  .action((options: { content?: string; now?: string }) => {
    const started = performance.now();
    const buildEnv = readBuildEnv();
    const env = { ...buildEnv, contentDir: options.content, now: options.now ?? buildEnv.now };
    const result = checkContent(env, Date.now());
    const took = `${Math.round(performance.now() - started)} ms`;
    if (!result.ok) {
      process.stderr.write(`${result.problems.map(formatProblem).join('\n')}\n`);
      const n = result.problems.length;
      process.stderr.write(
        `${n} problem${n === 1 ? '' : 's'} in ${result.dir} (${took}); the build would refuse it.\n`,
      );
      process.exitCode = 1;
      return;
    }
    const { model } = result;
    process.stdout.write(
      `ok: ${model.services.length} services, ${model.incidents.length} incidents in ${result.dir} (${took})\n`,
    );
    if (result.hidden) process.stdout.write(`${result.hidden}\n`);
  });

program
  .command('preview')
  .description('start the dev server on the content folder (astro dev); edits show up as you save')
  .addOption(contentOption())
  .option('--port <port>', 'port to listen on', '4321')
  .action((options: { content?: string; port: string }) => {
    const env = options.content ? { ...process.env, STATUS_CONTENT_DIR: options.content } : process.env;
    const child = spawn('npx', ['astro', 'dev', '--port', options.port], { stdio: 'inherit', env });
    child.on('exit', (code) => {
      process.exitCode = code ?? 1;
    });
  });

program.parse();
