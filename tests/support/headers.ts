/**
 * The headers the site ships for every page: the `/*` block of public/_headers (Netlify and
 * Cloudflare Pages read it; deploy/nginx.conf and vercel.json send the same), by name.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '../..');

export function shippedHeaders(): Record<string, string> {
  const text = readFileSync(join(ROOT, 'public/_headers'), 'utf8');
  const block = /^\/\*\n((?:[ \t]+.+\n?)+)/m.exec(text)?.[1];
  if (!block) throw new Error('public/_headers has no /* block');
  return Object.fromEntries(
    block
      .split('\n')
      .map((line) => /^\s+([\w-]+):\s*(.+)$/.exec(line))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => [m[1] ?? '', m[2] ?? '']),
  );
}
