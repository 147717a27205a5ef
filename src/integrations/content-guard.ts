/**
 * Refuses to build from broken content: validates the whole content folder
 * (and STATUS_NOW) before Astro renders anything, prints every problem at
 * once, one per line (`<file>: <field>: <what is wrong; what is allowed>`),
 * and stops the build with a non-zero exit, so no page is written.
 *
 * When the content is good it says, in one warning, what the page leaves out
 * because it is dated after the build's moment (src/lib/build-report.ts).
 */
import type { AstroIntegration } from 'astro';
import { describeHiddenContent, getHiddenContent } from '../lib/build-report.ts';
import { ContentError, formatProblem, type Problem } from '../lib/problems.ts';
import { resolveNow } from '../lib/time.ts';
import type { ParseResult } from '../lib/validate.ts';
import { readBuildEnv } from '../data/env.ts';
import { readAndParseContent, rememberContentModel, resolveContentDir } from '../data/read-content.ts';

export function contentGuard(): AstroIntegration {
  return {
    name: 'status-content-guard',
    hooks: {
      'astro:config:setup': ({ addWatchFile, logger, command }) => {
        if (command === 'preview') return;
        const env = readBuildEnv();
        const dir = resolveContentDir(env.contentDir);
        let result: ParseResult;
        try {
          result = readAndParseContent(dir);
        } catch (error) {
          if (!(error instanceof ContentError)) throw error;
          result = { ok: false, problems: [...error.problems], timezone: 'Asia/Seoul' };
        }
        // STATUS_NOW is checked whatever the content, and reported with it.
        const timezone = result.ok ? result.model.site.timezone : result.timezone;
        const now = resolveNow(env.now, timezone, Date.now());
        const problems: Problem[] = result.ok ? [] : [...result.problems];
        if (!now.ok) problems.push({ file: '(environment)', field: 'STATUS_NOW', message: now.message });

        if (problems.length > 0 || !result.ok || !now.ok) {
          // Plain lines on stderr, so scripts and editors can read them; no
          // stack trace, because the problem is in the content, not the code.
          process.stderr.write(`${problems.map(formatProblem).join('\n')}\n`);
          logger.error(
            `${problems.length} problem${problems.length === 1 ? '' : 's'} in ${dir} (listed above); no page was built.`,
          );
          process.exit(1);
        }
        const { model } = result;
        rememberContentModel(dir, model);
        logger.info(`${model.services.length} services, ${model.incidents.length} incidents from ${dir}`);
        const hidden = describeHiddenContent(
          getHiddenContent(model, now.instant),
          now.instant,
          timezone,
          env.now !== undefined,
        );
        if (hidden) logger.warn(hidden);
        if (env.siteUrlIsDefault && command === 'build') {
          logger.warn(`SITE_URL is not set: feeds and canonical links point to ${env.siteUrl}.`);
        }
        if (command === 'dev') addWatchFile(dir);
      },
    },
  };
}
