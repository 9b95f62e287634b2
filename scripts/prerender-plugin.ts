/**
 * Vite plugin (build only): renders the wizard's first view into index.html's <div id="root"></div>, so the
 * page shows the wizard before its script runs; src/main.tsx hydrates it. The HTML comes from
 * src/prerender/entry.ts, imported through Vite's module runner (vite's runnerImport) with the build's own
 * aliases and defines, so it is the same code the page runs. It runs inside the build, before the PWA
 * plugin lists the files to precache, so the service worker's copy of index.html is the prerendered one.
 */
import { basename } from 'node:path';
import { runnerImport, type Plugin, type ResolvedConfig } from 'vite';

/** Where the view goes; a build whose index.html lacks it fails rather than ship an empty page. */
export const ROOT_ELEMENT = '<div id="root"></div>';

export interface PrerenderOptions {
  /**
   * Aliases for the prerender alone, ahead of the build's: Vite's module runner cannot run a CommonJS file
   * an alias points into node_modules, so such an alias takes the package's own entry here, which Node loads.
   */
  readonly nodeAliases?: Readonly<Record<string, string>>;
}

export function prerenderFirstView(entry: string, options: PrerenderOptions = {}): Plugin {
  let config: ResolvedConfig | undefined;
  return {
    name: 'prerender-first-view',
    apply: 'build',
    configResolved(resolved) {
      config = resolved;
    },
    transformIndexHtml: {
      order: 'post',
      async handler(html, context) {
        if (basename(context.filename) !== 'index.html') return html;
        if (!html.includes(ROOT_ELEMENT))
          throw new Error(`index.html has no ${ROOT_ELEMENT} to prerender into`);
        const { module } = await runnerImport<{ firstViewHtml: string }>(entry, {
          root: config?.root,
          mode: config?.mode,
          logLevel: 'warn',
          resolve: {
            alias: [
              ...Object.entries(options.nodeAliases ?? {}).map(([find, replacement]) => ({
                find,
                replacement,
              })),
              ...(config?.resolve.alias ?? []),
            ],
          },
          define: config?.define,
        });
        return html.replace(ROOT_ELEMENT, `<div id="root">${module.firstViewHtml}</div>`);
      },
    },
  };
}
