import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // The usual report, then what was skipped and why.
    reporters: ['default', './tests/support/skip-reporter.ts'],
    projects: [
      {
        test: { name: 'unit', include: ['tests/unit/**/*.test.ts'] },
      },
      {
        test: {
          name: 'build',
          include: ['tests/build/**/*.test.ts'],
          // Each file runs real `astro build`s in this project root: one file at a time.
          fileParallelism: false,
          testTimeout: 180_000,
          hookTimeout: 180_000,
        },
      },
      {
        test: {
          name: 'gates',
          include: ['tests/gates/**/*.test.ts'],
          // Builds the sample (calm, the fire, under /status/) and the basic fixture once per run.
          globalSetup: ['tests/gates/global-setup.ts'],
          // Chromium and the Nu HTML Checker are heavy: one gate file at a time, in one worker
          // (the files share no state; not re-importing playwright, cheerio ... saves seconds).
          fileParallelism: false,
          isolate: false,
          testTimeout: 180_000,
          hookTimeout: 180_000,
        },
      },
    ],
    coverage: {
      provider: 'v8',
      include: ['src/lib/**/*.ts'],
      thresholds: { lines: 90, functions: 90, branches: 85, statements: 90 },
    },
  },
});
