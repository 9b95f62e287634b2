/**
 * The outputs, derived from the form on every change, and the address bar kept as the share link. This
 * module holds the generator (src/generate, js-yaml): the page loads it right after its first paint
 * (lazy-parts.tsx), so the first view's JavaScript stays small.
 */
import { useDeferredValue, useEffect, useRef, useState } from 'react';
import { useWatch } from 'react-hook-form';
import { planOutputs, type PlannedOutput } from '../generate/index';
import type { WizardConfig } from '../model/config';
import { toShareHash } from '../model/url-state';
import { outputTextsCameWithPage, useHydrating } from './hydration';
import { useOutputRevealed } from './output-reveal';
import { OutputPanel } from './OutputPanel';

interface LiveOutputProps {
  /** The configuration the build prerendered the page with: what this renders while hydrating. */
  readonly prerendered: WizardConfig;
}

interface Planned {
  readonly config: WizardConfig;
  readonly hash: string;
  readonly shareUrl: string;
  readonly output: PlannedOutput;
}

/** The planned outputs of a configuration (by its JSON), and its share link. */
function plan(configKey: string, live: boolean): Planned {
  const config = JSON.parse(configKey) as WizardConfig;
  const hash = toShareHash(config);
  const shareUrl = live
    ? `${window.location.origin}${window.location.pathname}${hash === '' ? '' : `#${hash}`}`
    : '';
  // The script's origin lines (share link, date, version) read the browser: none while hydrating.
  const output = planOutputs(
    config,
    live
      ? {
          shareLink: shareUrl,
          generatedOn: new Date().toISOString().slice(0, 10),
          version: __WIZARD_VERSION__,
        }
      : undefined,
  );
  return { config, hash, shareUrl, output };
}

/**
 * The plans of the last few configurations, by JSON: the same one while the values stay the same (the form
 * hands a new object on every update, even one that changed nothing, a validation), so each file's text is
 * made once per configuration, however many renders show it.
 */
function usePlans(): (configKey: string, live: boolean) => Planned {
  const plans = useRef(new Map<string, Planned>());
  return (configKey, live) => {
    const key = `${String(live)}:${configKey}`;
    const known = plans.current.get(key);
    if (known) return known;
    const made = plan(configKey, live);
    plans.current.set(key, made);
    const oldest = plans.current.keys().next().value;
    if (plans.current.size > 3 && oldest !== undefined) plans.current.delete(oldest);
    return made;
  };
}

export function LiveOutput({ prerendered }: LiveOutputProps) {
  const watched = useWatch<WizardConfig>() as WizardConfig;
  // While hydrating, the prerendered configuration and no page address: the HTML was made from them, and a
  // value typed before this chunk arrived would not match it. The render after uses the form's values, as a
  // deferred render (React pauses it for input and between files), not in the task that ends hydration.
  const hydrating = useHydrating();
  const live = useDeferredValue(!hydrating);
  const watchedKey = JSON.stringify(watched);
  const prerenderedKey = JSON.stringify(prerendered);
  const configKey = live ? watchedKey : prerenderedKey;
  // The files are made again in the browser only once they are about to be read (output-reveal.ts); the tab in
  // view first, the hidden tabs in a deferred render after it.
  const revealed = useOutputRevealed('output', live && watchedKey !== prerenderedKey);
  const hiddenRevealed = useDeferredValue(revealed);
  // The tab in view follows each keystroke; the hidden tabs follow a deferred copy of the values, which React
  // renders once the keystroke's output is on screen, and drops for a newer keystroke: a keystroke makes the
  // file in view, not every file. Caught up, both are the same plan.
  const backgroundKey = useDeferredValue(configKey);
  const plans = usePlans();
  const { config, hash, shareUrl, output } = plans(configKey, live);
  const background = plans(backgroundKey, live).output;
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
  // On a page that hydrated the build's HTML, until the live render of a revealed panel, the texts are that
  // HTML's (the build renders them). A page rendered in the browser alone renders its texts at once.
  const [keepsHtmlTexts] = useState(() => typeof document !== 'undefined' && outputTextsCameWithPage());
  const textsFromHtml = keepsHtmlTexts && !(live && revealed);
  const hiddenTextsFromHtml = keepsHtmlTexts && !(live && hiddenRevealed);
  return (
    <OutputPanel
      output={output}
      background={background}
      config={config}
      shareUrl={shareUrl}
      textsFromHtml={textsFromHtml}
      hiddenTextsFromHtml={hiddenTextsFromHtml}
    />
  );
}
