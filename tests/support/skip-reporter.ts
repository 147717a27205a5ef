/**
 * Ends a test run with the list of what was skipped and why (`ctx.skip(note)`),
 * so a contributor whose machine lacks a tool sees at the bottom of `npm test`
 * which gate did not run and how to get it. Under CI=true the gates fail
 * instead of skipping (tests/support/tools.ts).
 */
import type { Reporter, TestModule } from 'vitest/node';

export default class SkipReporter implements Reporter {
  onTestRunEnd(testModules: readonly TestModule[]): void {
    const skipped: string[] = [];
    let unexplained = 0;
    for (const module of testModules) {
      for (const test of module.children.allTests()) {
        const result = test.result();
        if (result.state !== 'skipped') continue;
        if (result.note) skipped.push(`  - ${test.fullName}: ${result.note}`);
        else unexplained += 1;
      }
    }
    if (skipped.length === 0 && unexplained === 0) return;
    const lines = [`Skipped (${skipped.length + unexplained}):`, ...skipped];
    if (unexplained > 0) lines.push(`  - ${unexplained} more without a reason (.skip or .todo in the code)`);
    console.log(`\n${lines.join('\n')}\n`);
  }
}
