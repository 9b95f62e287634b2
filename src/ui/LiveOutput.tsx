/**
 * The outputs, derived from the form on every change, and the address bar kept as the share link. This
 * module holds the generator (src/generate, js-yaml): the page loads it right after its first paint
 * (lazy-parts.tsx), so the first view's JavaScript stays small.
 */
import { useEffect, useMemo } from 'react';
import { useWatch } from 'react-hook-form';
import { generate } from '../generate/index';
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
  // value typed before this chunk arrived would not match it. The render right after uses the form's values.
  const hydrating = useHydrating();
  const config = hydrating ? prerendered : watched;
  const hash = useMemo(() => toShareHash(config), [config]);
  const shareUrl = hydrating
    ? ''
    : `${window.location.origin}${window.location.pathname}${hash === '' ? '' : `#${hash}`}`;
  // The script's origin lines (share link, date, version) read the browser: none while hydrating.
  const output = useMemo(
    () =>
      generate(
        config,
        hydrating
          ? undefined
          : {
              shareLink: shareUrl,
              generatedOn: new Date().toISOString().slice(0, 10),
              version: __WIZARD_VERSION__,
            },
      ),
    [config, hydrating, shareUrl],
  );
  useEffect(() => {
    if (hydrating) return;
    const url = `${window.location.pathname}${window.location.search}${hash === '' ? '' : `#${hash}`}`;
    if (url !== `${window.location.pathname}${window.location.search}${window.location.hash}`) {
      window.history.replaceState(null, '', url);
    }
  }, [hash, hydrating]);
  return <OutputPanel output={output} config={config} shareUrl={shareUrl} />;
}
