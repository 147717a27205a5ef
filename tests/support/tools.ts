/**
 * Tools outside npm that a gate needs. Where one is missing, the gate is
 * skipped with one line saying what to install, and the end of `npm test`
 * lists it (tests/support/skip-reporter.ts); under CI=true it fails instead,
 * so CI always runs every gate.
 */
import { spawnSync } from 'node:child_process';
import type { TestContext } from 'vitest';

export interface Tool {
  /** What the tool is for, and how to install it. */
  missing: string;
  /** Whether it can be run here. */
  isAvailable: () => boolean;
}

export const JAVA: Tool = {
  missing:
    'java not found: the Nu HTML Checker (vnu.jar) needs a Java runtime. Install one (Debian/Ubuntu: ' +
    '`sudo apt-get install default-jre-headless`; macOS: `brew install openjdk`) and run npm test again',
  isAvailable: () => spawnSync('java', ['-version'], { stdio: 'ignore' }).status === 0,
};

/** Skips the test when `tool` is missing (fails under CI=true); the note says what to install. */
export function requireTool(tool: Tool, ctx: TestContext, env: NodeJS.ProcessEnv = process.env): void {
  if (tool.isAvailable()) return;
  if (env.CI === 'true') throw new Error(`${tool.missing}. Under CI=true every gate must run.`);
  console.log(`skipped: ${tool.missing}`);
  ctx.skip(tool.missing);
}
