/**
 * The build's environment variables, read in one place (astro.config.mjs, the
 * content guard and the page loader all use this).
 *
 * - `STATUS_CONTENT_DIR`: the content folder, absolute or relative to the working directory (default `content/`)
 * - `STATUS_NOW`: the moment the site describes, ISO 8601 (default: the build's clock)
 * - `SITE_URL`: absolute origin for feeds and canonical links
 * - `BASE_PATH`: sub-path the site is served under, e.g. `/status/`
 * - `STATUS_INCREMENTAL`: `0` renders every page, without Astro's incremental build cache
 */
import { normalizeBase } from '../lib/paths.ts';

/** Used when SITE_URL is not set: right for `astro preview`, wrong for production (the build warns). */
export const DEFAULT_SITE_URL = 'http://localhost:4321';

export interface BuildEnv {
  contentDir: string | undefined;
  now: string | undefined;
  siteUrl: string;
  /** Normalized: `/` or `/status/`. */
  basePath: string;
  siteUrlIsDefault: boolean;
  /** Reuse unchanged pages from the last build (README, "Incremental builds"); on unless `STATUS_INCREMENTAL=0`. */
  incremental: boolean;
}

/** A variable with a value it cannot have: the message names it and what is allowed. */
export class EnvError extends Error {}

/** An empty variable (`SITE_URL= npm run build`) counts as unset. */
function read(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

/** `1` or `0`; unset or empty means `fallback`; anything else stops the build with a clear message. */
function readSwitch(name: string, value: string | undefined, fallback: boolean): boolean {
  const text = read(value);
  if (text === undefined) return fallback;
  if (text === '1' || text === '0') return text === '1';
  throw new EnvError(`${name}=${JSON.stringify(value)}: use 1 (on) or 0 (off)`);
}

export function readBuildEnv(env: NodeJS.ProcessEnv = process.env): BuildEnv {
  const siteUrl = read(env.SITE_URL);
  return {
    contentDir: read(env.STATUS_CONTENT_DIR),
    now: read(env.STATUS_NOW),
    siteUrl: siteUrl ?? DEFAULT_SITE_URL,
    basePath: normalizeBase(read(env.BASE_PATH) ?? '/'),
    siteUrlIsDefault: siteUrl === undefined,
    incremental: readSwitch('STATUS_INCREMENTAL', env.STATUS_INCREMENTAL, true),
  };
}
