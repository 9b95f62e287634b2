import { startTransition, StrictMode, type ReactNode } from 'react';
import { flushSync } from 'react-dom';
import { createRoot, hydrateRoot } from 'react-dom/client';
import { markPageHydrating } from './ui/hydration';
import { replayEarlyInput, takeEarlyInput, type EarlyInput } from './ui/early-input';
import { loadLazyParts } from './ui/lazy-parts';
import { PageRoot } from './ui/PageRoot';
import { isDefaultLink, readPageLink } from './ui/page-link';
import { ThemePicker } from './ui/ThemePicker';
import { applyTheme, storedTheme } from './ui/theme';
import './ui/styles.css';
import './ui/prerendered.css';

// Before the first render, so a dark page never flashes light (public/boot.js did so before the first paint).
applyTheme(storedTheme());

function element(id: string): HTMLElement {
  const found = document.getElementById(id);
  if (!found) throw new Error(`The page has no #${id} element`);
  return found;
}

// The header is static HTML (index.html) so it paints before this runs; the theme picker joins it here.
createRoot(element('theme-root')).render(
  <StrictMode>
    <ThemePicker />
  </StrictMode>,
);

// Hydrating is the page's largest task: it waits for the browser to paint the prerendered view first (the
// frame after next), so the view shows before it even when this script arrives before the first frame.
await new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
// The generator and the Review step, fetched at once rather than on first use (lazy-parts.tsx); the page
// renders once the generator is in, so the output it shows is never a placeholder over prerendered HTML.
await loadLazyParts();

/** Runs `run` once only: StrictMode runs effects twice in development. */
function once(run: () => void): () => void {
  let done = false;
  return () => {
    if (done) return;
    done = true;
    run();
  };
}

const link = readPageLink();
const root = element('root');
// What the user clicked or typed on the prerendered view before this ran (public/boot.js held the clicks):
// taken now, as React takes the view over, and made again once the live view has committed. A share link's
// view was hidden until now, so there is nothing to take there but boot.js's hold on clicks.
let early: EarlyInput = { clicks: [], fields: [] };
const app: ReactNode = <PageRoot initial={link} afterCommit={once(() => replayEarlyInput(early))} />;
// The build prerendered the default view into #root (scripts/prerender-plugin.ts). Opened without a link,
// the page hydrates it: React adopts that HTML, the output's included. A share link opens another state: public/boot.js kept the prerendered view
// hidden (html[data-opening-link]), and the page renders the link's state in its place. The dev server
// prerenders nothing, so it renders too.
if (root.hasChildNodes() && isDefaultLink(link)) {
  // As a transition, so React renders the tree in slices, yielding to the browser between them, instead of
  // in one long task: the prerendered view is already on screen and stays as it is meanwhile.
  early = takeEarlyInput(root);
  markPageHydrating();
  startTransition(() => {
    hydrateRoot(root, app);
  });
} else {
  takeEarlyInput(root);
  root.replaceChildren();
  // At once, so the hidden view is shown only with the link's state in it.
  flushSync(() => createRoot(root).render(app));
}
document.documentElement.removeAttribute('data-opening-link');
