import { StrictMode, useEffect } from 'react';
import type { ParsedLink } from '../model/url-state';
import { App } from './App';

/** Runs `run` once the tree it is in has committed. */
function AfterCommit({ run }: { readonly run: () => void }) {
  useEffect(run, [run]);
  return null;
}

const nothing = (): void => undefined;

/**
 * The page's React tree, the same for the build's prerender (src/prerender/first-view.tsx) and the page
 * (main.tsx): hydration must meet the tree the HTML was made from, down to its shape, because React derives
 * useId's ids (the output tabs' ids, which their keyboard focus looks up) from each component's place in it.
 * `afterCommit` runs once the page's first render has committed (the prerender runs no effects).
 */
export function PageRoot({
  initial,
  afterCommit = nothing,
}: {
  readonly initial: ParsedLink;
  readonly afterCommit?: () => void;
}) {
  return (
    <StrictMode>
      <App initial={initial} />
      <AfterCommit run={afterCommit} />
    </StrictMode>
  );
}
