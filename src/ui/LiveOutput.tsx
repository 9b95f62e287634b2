/**
 * The outputs, derived from the form on every change, and the address bar kept as the share link. This
 * module holds the generator (src/generate, js-yaml): the page loads it right after its first paint
 * (lazy-parts.tsx), so the first view's JavaScript stays small.
 */
import { useDeferredValue, useEffect, useMemo } from 'react';
import { useWatch } from 'react-hook-form';
import { planOutputs } from '../generate/index';
import type { WizardConfig } from '../model/config';
import { toShareHash } from '../model/url-state';
import { useHydrating } from './hydration';
import { OutputPanel } from './OutputPanel';

interface LiveOutputProps {
  /** The configuration the build prerendered the page with: what this renders while hydrating. */
  readonly prerendered: WizardConfig;
}

export function LiveOutput({ prerendered }: LiveOutputProps) {
  const watched = useWatch<WizardConfig>() as WizardConfig;
  // While hydrating, the prerendered configuration and no page address: the HTML was made from them, and a
  // value typed before this chunk arrived would not match it. The render after uses the form's values, as a
  // deferred render (React pauses it for input and between files), not in the task that ends hydration.
  const hydrating = useHydrating();
  const live = useDeferredValue(!hydrating);
  const shown = live ? watched : prerendered;
  // The same object while the values stay the same: the form hands a new one on every update, even one that
  // changed nothing (a validation), and each new one would have every file made again.
  const configKey = JSON.stringify(shown);
  const config = useMemo(() => JSON.parse(configKey) as WizardConfig, [configKey]);
  const hash = useMemo(() => toShareHash(config), [config]);
  const shareUrl = live
    ? `${window.location.origin}${window.location.pathname}${hash === '' ? '' : `#${hash}`}`
    : '';
  // The script's origin lines (share link, date, version) read the browser: none while hydrating.
  const output = useMemo(
    () =>
      planOutputs(
        config,
        live
          ? {
              shareLink: shareUrl,
              generatedOn: new Date().toISOString().slice(0, 10),
              version: __WIZARD_VERSION__,
            }
          : undefined,
      ),
    [config, live, shareUrl],
  );
  useEffect(() => {
    if (!live) return;
    // In a task of its own, after the keystroke's: replaceState costs milliseconds the output would
    // otherwise wait for (React runs this effect before the keystroke's task ends); a newer value cancels it.
    const timer = window.setTimeout(() => {
      const url = `${window.location.pathname}${window.location.search}${hash === '' ? '' : `#${hash}`}`;
      if (url !== `${window.location.pathname}${window.location.search}${window.location.hash}`) {
        window.history.replaceState(null, '', url);
      }
    }, 0);
    return () => window.clearTimeout(timer);
  }, [hash, live]);
  // In the browser, before the live render, the texts are the prerendered HTML's (the build renders them).
  const textsFromHtml = !live && typeof document !== 'undefined';
  return <OutputPanel output={output} config={config} shareUrl={shareUrl} textsFromHtml={textsFromHtml} />;
}
