import { useEffect, useState } from 'react';

/**
 * The events that say the user is at the page: the output is made for them before their next step. A click
 * too: a screen reader activates a button with a click alone, with no pointer or key event before it.
 */
const INTERACTIONS = ['pointerdown', 'keydown', 'focusin', 'click'] as const;

/**
 * Whether the output panel should show texts made in the browser rather than the build's HTML.
 *
 * The prerendered page already holds every file's text for its values; what the browser adds on top is only
 * the scripts' origin lines (share link, date, version). Making the files again costs the largest tasks of the
 * page's first seconds (a setup script's first build runs cold code: about 100 ms of a phone's main thread),
 * so they are made when they are about to be read: once the panel scrolls into view (at once on a wide
 * screen, where it sits beside the form), once the user presses, types or moves focus anywhere on the page
 * (so a Copy shows and copies the same text), or once the values differ from the prerendered ones (a share
 * link, an edit). Until then the blocks show the build's text, which is the same file without the origin lines.
 */
export function useOutputRevealed(panelId: string, valuesChanged: boolean): boolean {
  const [revealed, setRevealed] = useState(false);
  // Once the values have differed, the texts on screen are the browser's: going back to the prerendered values
  // (the browser's Back button) must not return to the build's text, which the blocks no longer hold.
  if (valuesChanged && !revealed) setRevealed(true);
  useEffect(() => {
    if (revealed || valuesChanged) return undefined;
    const reveal = (): void => setRevealed(true);
    for (const type of INTERACTIONS)
      document.addEventListener(type, reveal, { capture: true, passive: true });
    const panel = document.getElementById(panelId);
    const observer =
      panel && typeof IntersectionObserver !== 'undefined'
        ? new IntersectionObserver((entries) => {
            if (entries.some((entry) => entry.isIntersecting)) reveal();
          })
        : undefined;
    if (panel && observer) observer.observe(panel);
    else reveal();
    return () => {
      for (const type of INTERACTIONS) document.removeEventListener(type, reveal, { capture: true });
      observer?.disconnect();
    };
  }, [panelId, revealed, valuesChanged]);
  return revealed || valuesChanged;
}
