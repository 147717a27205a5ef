/**
 * The deploy recipes say what the README says: the GitHub Pages workflow builds on push and every
 * 10 minutes with the official Pages actions; Vercel (which reads no _headers file) sends exactly
 * the headers of public/_headers and CORS on the API; Netlify builds and publishes dist/; the S3
 * bucket's CORS rule lets any origin read the API.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load as parseYaml } from 'js-yaml';
import { describe, expect, test } from 'vitest';
import { shippedHeaders } from '../support/headers.ts';

const ROOT = join(import.meta.dirname, '../..');
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');

interface Step {
  id?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, unknown>;
}
interface Workflow {
  on: { push?: { branches?: string[] }; schedule?: { cron: string }[] };
  permissions: Record<string, string>;
  jobs: Record<string, { steps: Step[]; needs?: string }>;
}

describe('GitHub Pages workflow', () => {
  const workflow = parseYaml(read('.github/workflows/pages.yml')) as Workflow;
  const steps = Object.values(workflow.jobs).flatMap((job) => job.steps);
  const uses = (action: string) => steps.find((s) => s.uses?.startsWith(`${action}@`));

  test('runs on push to main and every 10 minutes, with the rights Pages needs', () => {
    expect(workflow.on.push?.branches).toEqual(['main']);
    expect(workflow.on.schedule).toEqual([{ cron: '*/10 * * * *' }]);
    expect(workflow.permissions).toMatchObject({ pages: 'write', 'id-token': 'write' });
  });

  test('builds with the URL and sub-path Pages gives, and deploys dist/ with the official actions', () => {
    expect(uses('actions/configure-pages')?.id).toBe('pages');
    const build = steps.find((s) => s.run === 'npm run build');
    expect(build?.env).toMatchObject({
      SITE_URL: '${{ steps.pages.outputs.origin }}',
      BASE_PATH: '${{ steps.pages.outputs.base_path }}',
    });
    expect(uses('actions/setup-node')?.with?.['node-version']).toBe(24);
    expect(uses('actions/upload-pages-artifact')?.with?.path).toBe('dist');
    expect(uses('actions/deploy-pages')).toBeDefined();
  });
});

test('vercel.json sends the headers of public/_headers on every page, and CORS on the API', () => {
  const vercel = JSON.parse(read('vercel.json')) as {
    outputDirectory: string;
    headers: { source: string; headers: { key: string; value: string }[] }[];
  };
  expect(vercel.outputDirectory).toBe('dist');
  const bySource = new Map(vercel.headers.map((h) => [h.source, h.headers]));
  const every = Object.fromEntries((bySource.get('/(.*)') ?? []).map((h) => [h.key, h.value]));
  expect(every).toEqual(shippedHeaders());
  expect(bySource.get('/api/(.*)')).toEqual([{ key: 'Access-Control-Allow-Origin', value: '*' }]);
});

test('netlify.toml builds with npm run build and publishes dist/ on Node 24', () => {
  const toml = read('netlify.toml');
  expect(toml).toMatch(/^\s*command = "npm run build"$/m);
  expect(toml).toMatch(/^\s*publish = "dist"$/m);
  expect(toml).toMatch(/^\s*NODE_VERSION = "24"$/m);
});

test('the S3 bucket CORS rule lets any origin GET the API', () => {
  const cors = JSON.parse(read('deploy/s3-cors.json')) as { CORSRules: Record<string, string[]>[] };
  expect(cors.CORSRules[0]).toMatchObject({ AllowedOrigins: ['*'], AllowedMethods: ['GET', 'HEAD'] });
});
