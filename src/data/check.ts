/**
 * The content check the build runs before Astro renders anything (the
 * content guard) and `npm run status -- check` runs alone: the whole folder
 * and STATUS_NOW, every problem at once, in one format
 * (`<file>: <field>: <what is wrong; what is allowed>`), and, when it is
 * good, what the page leaves out because it is dated after the moment.
 */
import { describeHiddenContent, getHiddenContent } from '../lib/build-report.ts';
import type { StatusModel } from '../lib/model.ts';
import { ContentError, type Problem } from '../lib/problems.ts';
import { resolveNow, type Instant } from '../lib/time.ts';
import type { ParseResult } from '../lib/validate.ts';
import type { BuildEnv } from './env.ts';
import { readAndParseContent, resolveContentDir } from './read-content.ts';

export type CheckResult =
  | { ok: false; dir: string; problems: Problem[] }
  | {
      ok: true;
      dir: string;
      model: StatusModel;
      now: Instant;
      /** What the page leaves out (dated after the moment), in one sentence; '' when nothing. */
      hidden: string;
    };

/** Checks the content folder and STATUS_NOW of `env`; `clock` is the build's clock. */
export function checkContent(env: BuildEnv, clock: Instant): CheckResult {
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
  const now = resolveNow(env.now, timezone, clock);
  const problems: Problem[] = result.ok ? [] : [...result.problems];
  if (!now.ok) problems.push({ file: '(environment)', field: 'STATUS_NOW', message: now.message });
  if (!result.ok || !now.ok) return { ok: false, dir, problems };
  const { model } = result;
  const hidden = describeHiddenContent(
    getHiddenContent(model, now.instant),
    now.instant,
    timezone,
    env.now !== undefined,
  );
  return { ok: true, dir, model, now: now.instant, hidden: hidden ?? '' };
}
