/**
 * Refuses to build from broken content: validates the whole content folder
 * before Astro renders anything, prints every problem at once, one per line
 * (`<file>: <field>: <what is wrong; what is allowed>`), and stops the build
 * with a non-zero exit, so no page is written.
 */
import type { AstroIntegration } from 'astro';
import { formatProblem, type Problem } from '../lib/problems.ts';
import { resolveNow } from '../lib/time.ts';
import { parseContent } from '../lib/validate.ts';
import { readBuildEnv } from '../data/env.ts';
import { readContentFiles, rememberContentModel, resolveContentDir } from '../data/read-content.ts';
import { ContentError } from '../lib/problems.ts';

export function contentGuard(): AstroIntegration {
  return {
    name: 'status-content-guard',
    hooks: {
      'astro:config:setup': ({ addWatchFile, logger, command }) => {
        if (command === 'preview') return;
        const env = readBuildEnv();
        const dir = resolveContentDir(env.contentDir);
        let problems: readonly Problem[];
        try {
          const result = parseContent(readContentFiles(dir));
          problems = result.ok ? [] : result.problems;
          if (result.ok) {
            const { services, incidents, site } = result.model;
            const now = resolveNow(env.now, site.timezone, Date.now());
            if (now.ok) {
              rememberContentModel(dir, result.model);
              logger.info(`${services.length} services, ${incidents.length} incidents from ${dir}`);
            } else {
              problems = [
                { file: '(environment)', field: 'STATUS_NOW', message: now.message.replace(/^STATUS_NOW: /, '') },
              ];
            }
          }
        } catch (error) {
          if (!(error instanceof ContentError)) throw error;
          problems = error.problems;
        }
        if (problems.length > 0) {
          // Plain lines on stderr, so scripts and editors can read them; no
          // stack trace, because the problem is in the content, not the code.
          process.stderr.write(`${problems.map(formatProblem).join('\n')}\n`);
          logger.error(
            `${problems.length} problem${problems.length === 1 ? '' : 's'} in ${dir} (listed above); no page was built.`,
          );
          process.exit(1);
        }
        if (env.siteUrlIsDefault && command === 'build') {
          logger.warn(`SITE_URL is not set: feeds and canonical links point to ${env.siteUrl}.`);
        }
        if (command === 'dev') addWatchFile(dir);
      },
    },
  };
}
