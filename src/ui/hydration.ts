import { startTransition, useEffect, useState } from 'react';

/**
 * Set by main.tsx right before it hydrates the prerendered view; cleared once that view has committed, so a
 * part mounted later renders with the browser's values at once.
 */
let pageHydrating = false;
/** Whether the page adopted the build's HTML at all (a share link's page renders in the browser alone). */
let pageAdoptedHtml = false;

export function markPageHydrating(): void {
  pageHydrating = true;
  pageAdoptedHtml = true;
}

/**
 * Whether the output blocks on screen hold the build's text: only on a page that hydrated the prerendered
 * view. Rendered in the browser alone (a share link, the dev server) there is no such text to keep.
 */
export function outputTextsCameWithPage(): boolean {
  return pageAdoptedHtml;
}

/**
 * True while React renders on the server (the build's prerender) or hydrates that HTML, false from the
 * render after hydration on (and always in a page rendered in the browser alone). A part whose output
 * depends on the browser (the form's live values, the page's address, today's date) renders what the
 * build rendered while this is true, so hydration matches the HTML, and renders again with the browser's
 * values right after.
 * That render is a transition, so React renders it in slices and yields to the browser between them. (A
 * useSyncExternalStore whose server snapshot differs would do it in one synchronous task, right as
 * hydration commits: the page's longest task on a phone.)
 */
export function useHydrating(): boolean {
  const [hydrating, setHydrating] = useState(() => typeof document === 'undefined' || pageHydrating);
  useEffect(() => {
    pageHydrating = false;
    if (hydrating) startTransition(() => setHydrating(false));
  }, [hydrating]);
  return hydrating;
}
