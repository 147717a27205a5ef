/**
 * Builds every site the gates check, once per run, one build at a time, and hands their dist
 * folders to the gate files (`inject('gateSites')`). A site with `generate` gets its content
 * written into a temporary folder first. The folders are removed afterwards.
 *
 * GATES_DIST=<dir> keeps the builds in <dir>/<name>/ instead, and reuses a build already
 * there: for looking at what a gate saw, or for checking that a gate fails on a broken copy.
 */
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildSite } from '../build/helpers.ts';
import { SITE_NAMES, SITES, type GateSite, type SiteDirs } from './sites.ts';

const seconds = (since: number) => ((performance.now() - since) / 1000).toFixed(1);

export default async function setup(project: TestProject): Promise<() => void> {
  const keep = process.env.GATES_DIST;
  const built: string[] = [];
  const removeBuilt = () => {
    for (const dir of built) rmSync(dir, { recursive: true, force: true });
  };
  const dirs: Partial<SiteDirs> = {};
  const started = performance.now();
  try {
    for (const name of SITE_NAMES) {
      const kept = keep ? join(keep, name) : undefined;
      if (kept && existsSync(join(kept, 'index.html'))) {
        dirs[name] = kept;
        continue;
      }
      const buildStarted = performance.now();
      const site: GateSite = SITES[name];
      const env: Record<string, string> = { ...site.env };
      if (site.generate) {
        const content = mkdtempSync(join(tmpdir(), `gate-${name}-`));
        built.push(content);
        site.generate(join(content, 'content'));
        env.STATUS_CONTENT_DIR = join(content, 'content');
      }
      const result = await buildSite(env);
      built.push(result.outDir);
      if (result.code !== 0)
        throw new Error(`gates: the ${name} build failed (exit ${result.code}):\n${result.stderr}`);
      if (kept) cpSync(result.outDir, kept, { recursive: true });
      dirs[name] = kept ?? result.outDir;
      console.log(`gates: built ${name}, ${SITES[name].title}, in ${seconds(buildStarted)} s`);
    }
  } catch (error) {
    removeBuilt();
    throw error;
  }
  if (keep) {
    removeBuilt();
    built.length = 0;
  }
  console.log(`gates: ${SITE_NAMES.length} sites ready in ${seconds(started)} s`);
  project.provide('gateSites', dirs as SiteDirs);
  return removeBuilt;
}
