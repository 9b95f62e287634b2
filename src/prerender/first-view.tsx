/**
 * The wizard's first view as HTML, for index.html at build time (scripts/prerender-plugin.ts): App with the
 * default configuration, as the page shows it opened without a share link, the output panel included.
 * main.tsx hydrates it. The HTML holds the outputs, not their placeholder (react-dom/static's prerender
 * would also wait for any part still loading).
 */
import { prerender } from 'react-dom/static';
import { defaultConfig } from '../model/config';
import { PageRoot } from '../ui/PageRoot';
import { loadLazyParts } from '../ui/lazy-parts';
import { withFormValues } from './form-values';

export async function renderFirstView(): Promise<string> {
  // As main.tsx does before it hydrates: the output's part then renders at once, not through React.lazy.
  await loadLazyParts();
  const config = defaultConfig();
  const errors: unknown[] = [];
  const { prelude } = await prerender(<PageRoot initial={{ config, linkErrors: {} }} />, {
    onError: (error) => void errors.push(error),
    // React outlines a boundary whose HTML passes this size (12.8 kB by default) into a hidden segment
    // moved into place by an inline script, which the page's Content-Security-Policy forbids: the output
    // panel (the whole setup script) is past it, so the whole view is emitted in place.
    progressiveChunkSize: Number.POSITIVE_INFINITY,
  });
  const html = await new Response(prelude).text();
  // A part that threw would be left to the browser to render: the build fails instead.
  if (errors.length > 0)
    throw new Error(`Prerendering the first view failed: ${errors.map(String).join('; ')}`);
  return withFormValues(html, config);
}
