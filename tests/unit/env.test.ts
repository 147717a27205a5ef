/**
 * The build's environment variables (src/data/env.ts): a misspelt switch
 * stops the build instead of silently meaning something else.
 */
import { describe, expect, test } from 'vitest';
import { DEFAULT_SITE_URL, readBuildEnv } from '../../src/data/env.ts';

describe('readBuildEnv', () => {
  test('unset and empty variables take their defaults', () => {
    for (const env of [{}, { SITE_URL: ' ', BASE_PATH: '', STATUS_INCREMENTAL: '' }]) {
      expect(readBuildEnv(env)).toEqual({
        contentDir: undefined,
        now: undefined,
        siteUrl: DEFAULT_SITE_URL,
        basePath: '/',
        siteUrlIsDefault: true,
        incremental: true,
      });
    }
  });

  test.each([
    ['1', true],
    ['0', false],
    [' 0 ', false],
  ])('STATUS_INCREMENTAL=%j is %s', (value, incremental) => {
    expect(readBuildEnv({ STATUS_INCREMENTAL: value }).incremental).toBe(incremental);
  });

  test.each(['false', 'off', 'no', 'true', '2'])(
    'STATUS_INCREMENTAL=%j is refused, naming what is allowed',
    (value) => {
      expect(() => readBuildEnv({ STATUS_INCREMENTAL: value })).toThrow(
        `STATUS_INCREMENTAL=${JSON.stringify(value)}: use 1 (on) or 0 (off)`,
      );
    },
  );

  test('the base path is normalised', () => {
    expect(readBuildEnv({ BASE_PATH: 'status' }).basePath).toBe('/status/');
  });
});
