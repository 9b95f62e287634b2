/**
 * Vite plugin (build only): index.html's module script and its modulepreload links go into an inert
 * <template id="page-scripts">, and public/boot.js adds them to the page after its first paint (at once when
 * the page opens a share link, whose view the script must render). The prerendered view then paints with
 * only the HTML, its stylesheet and boot.js fetched: the page's JavaScript (over 100 kB gzip) no longer
 * competes with them for the connection before that paint. The tags are Vite's own, unchanged, so the
 * script, its preloads and the build manifest's entry stay what they were.
 */
import { basename } from 'node:path';
import type { Plugin } from 'vite';

/** The id public/boot.js looks for. */
export const PAGE_SCRIPTS_ID = 'page-scripts';

const MODULE_SCRIPT = /<script type="module"[^>]*\bsrc="[^"]+"[^>]*><\/script>\s*/g;
const MODULE_PRELOAD = /<link rel="modulepreload"[^>]*>\s*/g;

/** index.html with its module script and modulepreload links moved into the template; fails without one. */
export function deferEntryScripts(html: string): string {
  const scripts = html.match(MODULE_SCRIPT) ?? [];
  if (scripts.length !== 1)
    throw new Error(`index.html has ${scripts.length} module scripts; the deferred loader expects one`);
  const preloads = html.match(MODULE_PRELOAD) ?? [];
  const tags = [...preloads, ...scripts].map((tag) => tag.trim());
  const template = `<template id="${PAGE_SCRIPTS_ID}">${tags.join('')}</template>`;
  return html
    .replace(MODULE_SCRIPT, '')
    .replace(MODULE_PRELOAD, '')
    .replace('</body>', `  ${template}\n  </body>`);
}

export function deferEntry(): Plugin {
  return {
    name: 'defer-entry',
    apply: 'build',
    transformIndexHtml: {
      // After Vite has written the entry's tags, which the 'post' hooks receive.
      order: 'post',
      handler: (html, context) =>
        basename(context.filename) === 'index.html' ? deferEntryScripts(html) : html,
    },
  };
}
