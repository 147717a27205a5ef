/**
 * Refuses to build from broken content: validates the whole content folder
 * (and STATUS_NOW) before Astro renders anything, prints every problem at
 * once, one per line (`<file>: <field>: <what is wrong; what is allowed>`),
 * and stops the build with a non-zero exit, so no page is written.
 *
 * When the content is good it says, in one warning, what the page leaves out
 * because it is dated after the build's moment (src/lib/build-report.ts).
 * The check itself is src/data/check.ts, which `npm run status -- check` runs too.
 */
import type { AstroIntegration } from 'astro';
import { formatProblem } from '../lib/problems.ts';
import { checkContent } from '../data/check.ts';
import { readBuildEnv } from '../data/env.ts';
import { openIncidentMemo } from '../data/incident-memo.ts';
import { rememberContentModel, resolveContentDir } from '../data/read-content.ts';

export function contentGuard(): AstroIntegration {
  return {
    name: 'status-content-guard',
    hooks: {
      'astro:config:setup': ({ addWatchFile, logger, command }) => {
        if (command === 'preview') return;
        const env = readBuildEnv();
        // The CLI's edit, a moment ago, parsed the same files: keep what it parsed (src/data/incident-memo.ts).
        const memo = openIncidentMemo(env, resolveContentDir(env.contentDir));
        const result = checkContent(env, Date.now());
        memo.save();
        if (!result.ok) {
          const { problems } = result;
          // Plain lines on stderr, so scripts and editors can read them; no
          // stack trace, because the problem is in the content, not the code.
          process.stderr.write(`${problems.map(formatProblem).join('\n')}\n`);
          logger.error(
            `${problems.length} problem${problems.length === 1 ? '' : 's'} in ${result.dir} (listed above); no page was built.`,
          );
          process.exit(1);
        }
        const { model, dir } = result;
        rememberContentModel(dir, model);
        logger.info(`${model.services.length} services, ${model.incidents.length} incidents from ${dir}`);
        if (result.hidden) logger.warn(result.hidden);
        if (env.siteUrlIsDefault && command === 'build') {
          logger.warn(`SITE_URL is not set: feeds and canonical links point to ${env.siteUrl}.`);
        }
        if (command === 'dev') addWatchFile(dir);
      },
    },
  };
}
