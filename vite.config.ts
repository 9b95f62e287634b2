import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { defineConfig } from 'vitest/config';
import { deferEntry } from './scripts/defer-entry-plugin.ts';
import { prerenderFirstView } from './scripts/prerender-plugin.ts';

/**
 * The page loads nothing from other origins and runs no inline script: only the built page gets the policy,
 * because the dev server injects inline scripts of its own (React refresh).
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
].join('; ');

/** Adds the CSP meta tag to the built page, and the absolute social preview URL when SITE_URL is known. */
function securityAndSharing(): Plugin {
  return {
    name: 'security-and-sharing',
    apply: 'build',
    transformIndexHtml(html) {
      // Social previews need an absolute image URL; CI passes the Pages URL, local builds keep it relative.
      const siteUrl = (process.env.SITE_URL ?? '').replace(/\/?$/, '/');
      // The policy right after the charset, before anything it governs.
      return html
        .replace(
          '<meta charset="UTF-8" />',
          `<meta charset="UTF-8" />\n    <meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}" />`,
        )
        .replace(
          /(content=")\.\/social-preview\.png"/g,
          `$1${siteUrl === '/' ? './' : siteUrl}social-preview.png"`,
        );
    },
  };
}

// base './' keeps every asset URL relative, so the same build works at a root domain and under a
// GitHub Pages sub-path such as https://owner.github.io/<repo>/.
/** The wizard's version, which each generated setup script names (src/wizard-version.d.ts). */
const WIZARD_VERSION = (
  JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string }
).version;

export default defineConfig({
  base: './',
  define: { __WIZARD_VERSION__: JSON.stringify(WIZARD_VERSION) },
  build: {
    rollupOptions: {
      // Two pages: the wizard, and the troubleshooting view, which ships its own small script.
      input: {
        main: fileURLToPath(new URL('./index.html', import.meta.url)),
        troubleshoot: fileURLToPath(new URL('./troubleshoot.html', import.meta.url)),
      },
    },
  },
  resolve: {
    alias: {
      // The page only writes YAML. js-yaml's ES build wraps loader and dumper in one CommonJS closure that
      // cannot be tree-shaken, so the page imports the dumper module alone (same package, same code):
      // about a third of js-yaml's bytes, the whole loader, never ship.
      'js-yaml/dumper': fileURLToPath(new URL('./node_modules/js-yaml/lib/dumper.js', import.meta.url)),
    },
  },
  plugins: [
    react(),
    securityAndSharing(),
    // The first view, rendered into index.html at build time and hydrated by src/main.tsx.
    prerenderFirstView(fileURLToPath(new URL('./src/prerender/entry.ts', import.meta.url)), {
      // Under Node the prerender takes js-yaml's own ES entry (the same dump) instead of the CommonJS dumper.
      nodeAliases: { 'js-yaml/dumper': 'js-yaml' },
    }),
    // The page's script starts after the prerendered view's first paint (public/boot.js adds it).
    deferEntry(),
    // Offline after the first visit: a Workbox service worker precaches the build (hashed file names, one
    // revision per deployment), so a visit is served wholly from one deployment, never a mix; a new
    // deployment is installed in the background and used from the next visit on.
    VitePWA({
      registerType: 'autoUpdate',
      // A registerSW.js file instead of an inline script, which the CSP forbids.
      injectRegister: 'script-defer',
      manifest: {
        name: 'Dapr Managed Identity Wizard',
        short_name: 'Dapr MI Wizard',
        description:
          'Password-less Dapr on Azure: component YAML and the Azure CLI commands for managed identity.',
        start_url: './',
        scope: './',
        display: 'standalone',
        background_color: '#ffffff',
        theme_color: '#0b57d0',
        icons: [{ src: 'favicon.svg', sizes: 'any', type: 'image/svg+xml' }],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg,webmanifest}'],
        cleanupOutdatedCaches: true,
        // The new worker takes over at once; the page holds one bundle, so an open page never needs a file
        // the new deployment removed.
        skipWaiting: true,
        clientsClaim: true,
        navigateFallback: 'index.html',
      },
    }),
  ],
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
    environment: 'node',
  },
});
