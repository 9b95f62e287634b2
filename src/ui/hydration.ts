import { useSyncExternalStore } from 'react';

const subscribeToNothing = (): (() => void) => () => undefined;

/**
 * True while React renders on the server (the build's prerender) or hydrates that HTML, false from the
 * render after hydration on (and always in a page rendered in the browser alone). A part whose output
 * depends on the browser (the form's live values, the page's address, today's date) renders what the
 * build rendered while this is true, so hydration matches the HTML, and React renders it again at once
 * with the browser's values: useSyncExternalStore reads getServerSnapshot while hydrating.
 */
export function useHydrating(): boolean {
  return useSyncExternalStore(
    subscribeToNothing,
    () => false,
    () => true,
  );
}
