// @ts-check
import { defineConfig } from 'astro/config';
import { readBuildEnv } from './src/data/env.ts';
import { atomicPublish } from './src/integrations/atomic-publish.ts';
import { contentGuard } from './src/integrations/content-guard.ts';
import { precompress } from './src/integrations/precompress.ts';

// SITE_URL, BASE_PATH and the content variables: see src/data/env.ts and the README.
const { siteUrl, basePath } = readBuildEnv();

export default defineConfig({
  site: siteUrl,
  base: basePath,
  trailingSlash: 'ignore',
  build: {
    format: 'directory',
    // The overview must arrive in one round trip: no render-blocking CSS request.
    inlineStylesheets: 'always',
  },
  // The guard first (bad content builds nothing); the .gz/.br copies into the folder being built;
  // atomic publish last (it swaps in what the others wrote).
  integrations: [contentGuard(), precompress(), atomicPublish()],
  devToolbar: { enabled: false },
  vite: {
    build: {
      // The live script stays a same-origin file (never inlined), so a Content-Security-Policy
      // of script-src 'self' runs it without 'unsafe-inline'.
      assetsInlineLimit: (file) => (file.endsWith('.js') ? false : undefined),
    },
  },
});
