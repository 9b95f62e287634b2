/**
 * The floor's build: the site's own base, build (but its pages) and define options (read from the site's
 * vite.config.ts by Vite's own loader), with the same React plugin and no other, rooted in this folder. The
 * bench passes --outDir.
 */
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, loadConfigFromFile } from 'vite';

const SITE_CONFIG = fileURLToPath(new URL('../../../vite.config.ts', import.meta.url));

export default defineConfig(async ({ command, mode }) => {
  const site = (await loadConfigFromFile({ command, mode }, SITE_CONFIG))?.config ?? {};
  return {
    root: fileURLToPath(new URL('.', import.meta.url)),
    base: site.base,
    // The site's build options, but not its list of pages: the floor is one page, this folder's index.html.
    build: { ...site.build, rollupOptions: { ...site.build?.rollupOptions, input: undefined } },
    define: site.define,
    plugins: [react()],
  };
});
