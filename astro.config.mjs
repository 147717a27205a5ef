// @ts-check
import { defineConfig } from 'astro/config';
import { contentGuard } from './src/integrations/content-guard.ts';

// SITE_URL: the absolute origin feeds and canonical links use.
// BASE_PATH: the sub-path the site is served under (e.g. /status/).
const site = process.env.SITE_URL || 'http://localhost:4321';
const base = process.env.BASE_PATH || '/';

export default defineConfig({
  site,
  base,
  trailingSlash: 'ignore',
  build: {
    format: 'directory',
    // The overview must arrive in one round trip: no render-blocking CSS request.
    inlineStylesheets: 'always',
  },
  integrations: [contentGuard()],
  devToolbar: { enabled: false },
});
