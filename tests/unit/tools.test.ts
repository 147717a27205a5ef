/**
 * What the tests need outside npm: which Chromium they find (scripts/chromium.mjs),
 * and what happens when a tool is missing (tests/support/tools.ts).
 */
import { describe, expect, test, vi } from 'vitest';
import type { TestContext } from 'vitest';
import { CHROMIUM_ARGS, findChromium, NO_BROWSER_HELP } from '../../scripts/chromium.mjs';
import { requireTool, type Tool } from '../support/tools.ts';

const bundled = () => Promise.resolve({ executablePath: () => Promise.resolve('/tmp/chromium'), version: '153.0.0' });
const none = () => Promise.resolve(undefined);

describe('findChromium', () => {
  test.each([
    {
      name: 'CHROMIUM_PATH first',
      env: { CHROMIUM_PATH: '/opt/my/chrome', CHROME_PATH: '/opt/other' },
      present: ['/opt/my/chrome', '/opt/other', '/usr/bin/chromium'],
      expected: { executablePath: '/opt/my/chrome', source: 'CHROMIUM_PATH' },
    },
    {
      name: 'then CHROME_PATH',
      env: { CHROME_PATH: '/opt/other' },
      present: ['/opt/other', '/usr/bin/chromium'],
      expected: { executablePath: '/opt/other', source: 'CHROME_PATH' },
    },
    {
      name: 'then a system Chromium',
      env: {},
      present: ['/usr/bin/chromium', '/usr/bin/google-chrome'],
      expected: { executablePath: '/usr/bin/chromium', source: 'system' },
    },
    {
      name: 'or a system Chrome',
      env: {},
      present: ['/usr/bin/google-chrome-stable'],
      expected: { executablePath: '/usr/bin/google-chrome-stable', source: 'system' },
    },
    {
      name: 'then the npm package',
      env: {},
      present: [],
      expected: { executablePath: '/tmp/chromium', source: '@sparticuz/chromium 153.0.0' },
    },
  ])('$name', async ({ env, present, expected }) => {
    const found = await findChromium({
      env,
      platform: 'linux',
      arch: 'x64',
      isExecutable: (path) => present.includes(path),
      loadPackage: bundled,
    });
    expect(found).toMatchObject(expected);
  });

  test('macOS finds Chrome in /Applications', async () => {
    const app = '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome';
    const found = await findChromium({
      env: {},
      platform: 'darwin',
      arch: 'arm64',
      isExecutable: (p) => p === app,
      loadPackage: bundled,
    });
    expect(found).toEqual({ executablePath: app, args: CHROMIUM_ARGS, source: 'system' });
  });

  test('the packaged Chromium starts without a zygote', async () => {
    const found = await findChromium({
      env: {},
      platform: 'linux',
      arch: 'x64',
      isExecutable: () => false,
      loadPackage: bundled,
    });
    expect(found.args).toEqual([...CHROMIUM_ARGS, '--no-zygote']);
  });

  test.each([
    ['no browser at all', 'linux', 'x64', none],
    ['the package has no build for this machine', 'linux', 'arm64', bundled],
    ['macOS without Chrome', 'darwin', 'arm64', bundled],
  ] as const)('%s: an error saying how to get one', async (_, platform, arch, loadPackage) => {
    await expect(findChromium({ env: {}, platform, arch, isExecutable: () => false, loadPackage })).rejects.toThrow(
      NO_BROWSER_HELP,
    );
  });

  test('a CHROMIUM_PATH that is not there is an error, not a silent fallback', async () => {
    await expect(
      findChromium({
        env: { CHROMIUM_PATH: '/nope' },
        platform: 'linux',
        arch: 'x64',
        isExecutable: () => false,
        loadPackage: bundled,
      }),
    ).rejects.toThrow('CHROMIUM_PATH=/nope is not an executable file.');
  });
});

describe('requireTool', () => {
  const missing: Tool = { missing: 'frob not found: install frob', isAvailable: () => false };
  const present: Tool = { missing: 'unused', isAvailable: () => true };
  const context = () => {
    const skip = vi.fn();
    return { ctx: { skip } as unknown as TestContext, skip };
  };

  test('a tool that is there: the test runs', () => {
    const { ctx, skip } = context();
    requireTool(present, ctx, {});
    expect(skip).not.toHaveBeenCalled();
  });

  test('a missing tool skips the test, with what to install as the note', () => {
    const { ctx, skip } = context();
    vi.spyOn(console, 'log').mockImplementation(() => undefined);
    requireTool(missing, ctx, {});
    expect(skip).toHaveBeenCalledWith('frob not found: install frob');
  });

  test('under CI=true a missing tool fails instead', () => {
    const { ctx, skip } = context();
    expect(() => {
      requireTool(missing, ctx, { CI: 'true' });
    }).toThrow('frob not found: install frob. Under CI=true every gate must run.');
    expect(skip).not.toHaveBeenCalled();
  });
});
