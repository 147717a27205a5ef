/**
 * The operator CLI: `npm run status -- <command>` (Node 24 runs this file as
 * TypeScript directly):
 * - `new`, `update <slug>`, `resolve <slug>`, `maintenance new|start|complete`:
 *   write incident files (src/cli/incident-commands.ts), from flags, asking
 *   on a terminal for what the flags leave out;
 * - `check`: validates the content folder with exactly the rules the build
 *   uses (src/data/check.ts, the same code the content guard runs), without
 *   building, and prints problems in the build's format; exit 1 on any;
 * - `preview`: the dev server on the content folder.
 * Arguments are parsed by commander, which also writes every `--help`.
 */
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { Command, Option } from 'commander';
import { checkContent } from '../data/check.ts';
import { EnvError, readBuildEnv, type BuildEnv } from '../data/env.ts';
import { openIncidentMemo } from '../data/incident-memo.ts';
import { resolveContentDir } from '../data/read-content.ts';
import { LOCALES } from '../lib/i18n/locales.ts';
import { formatProblem } from '../lib/problems.ts';
import { COMPONENT_STATUSES, IMPACTS, INCIDENT_STATES, MAINTENANCE_STATES } from '../lib/vocabulary.ts';
// The writing commands and the prompt library load only when one of them runs: `check`, run
// on every edit and by CI, starts a tenth of a second sooner without them (150 modules).
import type { CommandIo, WriteOptions } from './incident-commands.ts';

type Commands = typeof import('./incident-commands.ts');

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

/** Repeatable `--flag a --flag b`. */
const collect = (value: string, previous: string[] = []) => [...previous, value];

/** `--<name>` in the site's language and `--<name>-<locale>` for each locale. */
function addLocalized(command: Command, name: string, what: string): Command {
  command.option(`--${name} <text>`, `${what}, in the site's language`);
  for (const locale of LOCALES) command.option(`--${name}-${locale} <text>`, `${what}, in ${locale}`);
  return command;
}

function addAffected(command: Command, statusHint: string): Command {
  return command
    .option('--service <id=status>', `an affected service and its status (${statusHint}); repeat for each`, collect)
    .option(
      '--feature <id.feature=status>',
      "a feature's status, e.g. kakaotalk.media=major_outage (the service follows: some features down, others working is partial_outage); repeat",
      collect,
    )
    .option(
      '--note <id=text>',
      'what works and what does not, e.g. kakaotalk="텍스트 메시지는 송수신 가능"; repeat',
      collect,
    )
    .option('--note-en <id=text>', 'the note in English; repeat', collect)
    .option('--note-ko <id=text>', 'the note in Korean; repeat', collect);
}

function addWrite(command: Command, atHelp = 'when it was announced (default: now, in the site timezone)'): Command {
  return command
    .addOption(contentOption())
    .option('--at <time>', `${atHelp}; 2026-12-02T03:15 (site timezone) or with an offset`)
    .option('--dry-run', 'print the file and what the page would say; write nothing')
    .option('-y, --yes', 'ask nothing: fail on anything the flags do not give');
}

/** Runs a writing command: the build's environment, the clock, and questions only on a terminal. */
async function write(
  run: (commands: Commands, env: BuildEnv, io: CommandIo) => Promise<void>,
  options: WriteOptions & { yes?: boolean },
) {
  const commands = await import('./incident-commands.ts');
  const buildEnv = readBuildEnv();
  const env = { ...buildEnv, contentDir: resolveContentDir(options.content ?? buildEnv.contentDir) };
  const interactive = process.stdin.isTTY && process.stdout.isTTY && !options.yes;
  const io: CommandIo = {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    now: () => Date.now(),
    ask: interactive ? (await import('./prompts.ts')).createTerminalAsker() : undefined,
  };
  // The build after this edit reads what this command parsed (src/data/incident-memo.ts).
  const memo = openIncidentMemo(env, env.contentDir);
  try {
    await run(commands, env, io);
  } catch (error) {
    // Ctrl-C at a prompt: nothing was written.
    if (error instanceof Error && error.name === 'ExitPromptError') {
      process.stderr.write('cancelled; nothing written\n');
      process.exitCode = 130;
      return;
    }
    if (!(error instanceof commands.CommandError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exitCode = 1;
  } finally {
    memo.save();
  }
}

const statusWords = COMPONENT_STATUSES.join(', ');

const create = addAffected(
  addLocalized(
    addWrite(
      program
        .command('new')
        .description('open an incident: a new file in incidents/<year>/, its slug from the date and title'),
      'when it began (default: now, in the site timezone)',
    )
      .option('--impact <impact>', `${IMPACTS.join(', ')} (default: major if a whole service is down, else minor)`)
      .option('--status <state>', `the first update's state: ${INCIDENT_STATES.join(', ')} (default: investigating)`)
      .option('--users <percent>', 'share of users affected, 0-100')
      .option('--slug <slug>', 'the file name and URL (default: <date>-<title in English>)'),
    'title',
    'the headline',
  ),
  statusWords,
);
addLocalized(create, 'message', 'the first update');
create.action((options: WriteOptions & { yes?: boolean }) =>
  write((c, env, io) => c.runNew(env, options, io), options),
);

const update = addAffected(
  addWrite(
    program
      .command('update')
      .description("add an update to an incident's timeline (and change what is affected from here on)")
      .argument('<slug>', 'the incident (its file name without .md)')
      .option('--status <state>', `${INCIDENT_STATES.join(', ')} (maintenance: ${MAINTENANCE_STATES.join(', ')})`),
  ).option('--remove <id>', 'take a service off the affected list (it works again); repeat', collect),
  statusWords,
);
addLocalized(update, 'message', 'the update');
update.action((slug: string, options: WriteOptions & { yes?: boolean }) =>
  write((c, env, io) => c.runUpdate(env, slug, options, io), options),
);

const resolve = addWrite(
  program
    .command('resolve')
    .description('close an incident: a "resolved" update (with a standard message unless given)')
    .argument('<slug>', 'the incident'),
);
addLocalized(resolve, 'message', 'the closing message');
resolve.action((slug: string, options: WriteOptions & { yes?: boolean }) =>
  write((c, env, io) => c.runClose(env, slug, 'resolved', options, io), options),
);

const maintenance = program.command('maintenance').description('scheduled maintenance: new, start, complete');
const maintenanceNew = addAffected(
  addLocalized(
    addWrite(
      maintenance
        .command('new')
        .description('announce a maintenance window (a "scheduled" update now)')
        .option('--start <time>', 'the window start, e.g. 2026-12-05T02:00')
        .option('--end <time>', 'the window end')
        .option('--impact <impact>', `${IMPACTS.join(', ')} (default: none)`)
        .option('--slug <slug>', 'the file name and URL'),
    ),
    'title',
    'the headline',
  ),
  `${statusWords}; default under_maintenance`,
);
addLocalized(maintenanceNew, 'message', 'the announcement');
maintenanceNew.action((options: WriteOptions & { yes?: boolean }) =>
  write((c, env, io) => c.runMaintenanceNew(env, options, io), options),
);
for (const [name, state, what] of [
  ['start', 'in_progress', 'the maintenance has started'],
  ['complete', 'completed', 'the maintenance is done'],
] as const) {
  const command = addWrite(
    maintenance
      .command(name)
      .description(`${what}: an "${state}" update (with a standard message unless given)`)
      .argument('<slug>', 'the maintenance'),
  );
  addLocalized(command, 'message', 'the message');
  command.action((slug: string, options: WriteOptions & { yes?: boolean }) =>
    write((c, env, io) => c.runClose(env, slug, state, options, io), options),
  );
}

program
  .command('check')
  .description("validate the content folder with the build's rules, without building (exit 1 on any problem)")
  .addOption(contentOption())
  .option('--now <iso>', 'the moment to check against, as STATUS_NOW (default: now)')
  .action((options: { content?: string; now?: string }) => {
    const started = performance.now();
    const buildEnv = readBuildEnv();
    const env = { ...buildEnv, contentDir: options.content, now: options.now ?? buildEnv.now };
    const memo = openIncidentMemo(env, resolveContentDir(env.contentDir));
    const result = checkContent(env, Date.now());
    memo.save();
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

try {
  await program.parseAsync();
} catch (error) {
  // A variable of the build's environment with a value it cannot have: say which, no stack trace.
  if (!(error instanceof EnvError)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exitCode = 2;
}
