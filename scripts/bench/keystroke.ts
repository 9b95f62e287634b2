/**
 * Keystroke to output: the in-page time from a key event to the moment the output block in view shows it, and
 * on to the moment every watched block does (the hidden tabs' follow in a deferred render: LiveOutput.tsx).
 *
 * Playwright presses real keys (CDP key events, through the browser's input pipeline); the page itself
 * times them: from the keydown event's timeStamp to the MutationObserver callback in which every watched
 * block's textContent has changed (React commits the whole output at once), and on to the next frame
 * (requestAnimationFrame, then a task: the frame with the change has been produced). Playwright's round
 * trips happen between keystrokes, never inside a measurement. Keys alternate between a letter and
 * Backspace, so the field's value (and so the outputs) stays valid and of the same size throughout.
 */
import { devices, type Browser, type Page } from '@playwright/test';

interface Sample {
  readonly ok: boolean;
  /** keydown event.timeStamp to the DOM holding the new text in the block in view. */
  readonly shownFromKey: number;
  /** keydown event.timeStamp to the DOM holding the new text in every watched block, hidden tabs' too. */
  readonly fromKey: number;
  /** the keydown listener's own start to the DOM holding the new text (excludes input delivery). */
  readonly fromHandler: number;
  /** keydown event.timeStamp to the end of the next frame after the change. */
  readonly toFrame: number;
}

interface Harness {
  arm(selectors: readonly string[], shown: string): void;
  result(timeoutMs: number): Promise<Sample>;
}

declare global {
  interface Window {
    __bench?: Harness;
  }
}

// Plain JavaScript, evaluated as a string: tsx's transform would otherwise add helpers the page lacks.
const HARNESS = String.raw`(() => {
  if (window.__bench) return;
  let keyStamp = NaN;
  let keyHandler = NaN;
  document.addEventListener('keydown', (event) => {
    keyStamp = event.timeStamp;
    keyHandler = performance.now();
  }, true);
  let current = null;
  const texts = (selectors) => selectors.map((selector) => {
    const element = document.querySelector(selector);
    return element ? element.textContent : null;
  });
  // Each run's observer checks its own run: result() lets go of the current run at once, and a change that
  // lands after that call (a deferred render of a hidden tab) must still be seen.
  const check = (run) => {
    if (run.reflectedAt !== undefined) return;
    const now = texts(run.selectors);
    const changed = now.map((text, index) => text !== null && text !== run.before[index]);
    if (run.shownAt === undefined && changed[run.shown]) run.shownAt = performance.now();
    if (!changed.every(Boolean)) return;
    run.reflectedAt = performance.now();
    run.observer.disconnect();
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        run.framedAt = performance.now();
        run.done();
      };
      channel.port2.postMessage(0);
    });
  };
  window.__bench = {
    arm(selectors, shown) {
      let done = () => {};
      const finished = new Promise((resolve) => (done = resolve));
      const run = { selectors, shown: selectors.indexOf(shown), before: texts(selectors), finished, done };
      run.observer = new MutationObserver(() => check(run));
      current = run;
      current.observer.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: false });
      keyStamp = NaN;
      keyHandler = NaN;
    },
    async result(timeoutMs) {
      const run = current;
      current = null;
      const outcome = await Promise.race([
        run.finished.then(() => 'ok'),
        new Promise((resolve) => setTimeout(() => resolve('timeout'), timeoutMs)),
      ]);
      run.observer.disconnect();
      if (outcome !== 'ok') return { ok: false, shownFromKey: NaN, fromKey: NaN, fromHandler: NaN, toFrame: NaN };
      return {
        ok: true,
        shownFromKey: run.shownAt - keyStamp,
        fromKey: run.reflectedAt - keyStamp,
        fromHandler: run.reflectedAt - keyHandler,
        toFrame: run.framedAt - keyStamp,
      };
    },
  };
})()`;

export interface KeystrokeFigures {
  readonly field: string;
  readonly watched: readonly string[];
  readonly samples: number;
  readonly failed: number;
  /** To the block in view: what the user sees. */
  readonly shownFromKey: Stats;
  /** To every watched block, hidden tabs' included. */
  readonly fromKey: Stats;
  readonly fromHandler: Stats;
  readonly toFrame: Stats;
}

export interface Stats {
  readonly median: number;
  readonly p95: number;
  readonly max: number;
}

export function stats(values: readonly number[]): Stats {
  const sorted = values.filter((value) => Number.isFinite(value)).sort((a, b) => a - b);
  const rank = (p: number): number => sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)] ?? NaN;
  return { median: rank(0.5), p95: rank(0.95), max: sorted.at(-1) ?? NaN };
}

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/** Types into the focused input (caret at its end): letter, Backspace, letter, ...; times each keystroke. */
async function typeAndTime(
  page: Page,
  selectors: readonly string[],
  warmup: number,
  count: number,
): Promise<{ samples: Sample[]; failed: number }> {
  await page.evaluate(HARNESS);
  // The block in view: the one in the tab panel that is not hidden.
  const inView = await page.evaluate(
    (candidates) =>
      candidates.find((selector) => {
        const element = document.querySelector(selector);
        return element !== null && !element.closest('[hidden]');
      }),
    selectors,
  );
  if (inView === undefined) throw new Error(`none of ${selectors.join(', ')} is in view`);
  const samples: Sample[] = [];
  let failed = 0;
  for (let index = 0; index < warmup + count; index += 1) {
    const key = index % 2 === 0 ? (LETTERS[(index / 2) % LETTERS.length] ?? 'a') : 'Backspace';
    await page.evaluate(({ watched, shown }) => window.__bench?.arm(watched, shown), {
      watched: selectors,
      shown: inView,
    });
    await page.keyboard.press(key);
    const sample = await page.evaluate((timeout) => window.__bench?.result(timeout), 2000);
    if (index < warmup) continue;
    if (sample?.ok) samples.push(sample);
    else failed += 1;
  }
  return { samples, failed };
}

function figures(field: string, watched: readonly string[], run: { samples: Sample[]; failed: number }) {
  return {
    field,
    watched,
    samples: run.samples.length,
    failed: run.failed,
    shownFromKey: stats(run.samples.map((sample) => sample.shownFromKey)),
    fromKey: stats(run.samples.map((sample) => sample.fromKey)),
    fromHandler: stats(run.samples.map((sample) => sample.fromHandler)),
    toFrame: stats(run.samples.map((sample) => sample.toFrame)),
  };
}

async function openPage(browser: Browser, url: string): Promise<Page> {
  const context = await browser.newContext({ ...devices['Desktop Chrome'] });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  page.on('pageerror', (error) => process.stderr.write(`  page error: ${error.message}\n`));
  await page.goto(url);
  return page;
}

/**
 * The site, opened at the share link: Next up to the Details step, then the first component field (metadata
 * before names) whose value the script shows and that stays valid with a letter added.
 */
export async function measureSite(
  browser: Browser,
  url: string,
  link: string,
  expectedScript: string | undefined,
  warmup: number,
  count: number,
): Promise<KeystrokeFigures & { readonly goldenMatch: boolean | undefined }> {
  const page = await openPage(browser, `${url}#${link}`);
  try {
    const script = page.locator('[data-output="cli-bash"]');
    await script.waitFor({ state: 'attached' });
    const goldenMatch =
      expectedScript === undefined ? undefined : (await script.textContent()) === expectedScript;
    const form = page.locator('form');
    for (let step = 0; step < 6; step += 1) {
      const heading = (await form.getByRole('heading', { level: 2 }).textContent()) ?? '';
      if (/Details$/.test(heading)) break;
      await form.getByRole('button', { name: 'Next' }).click();
      await page.waitForFunction(
        (before) => document.querySelector('form h2')?.textContent !== before,
        heading,
      );
    }
    if (!/Details$/.test((await form.getByRole('heading', { level: 2 }).textContent()) ?? '')) {
      throw new Error('Next did not reach the Details step (is the share link valid?)');
    }
    const inputs = await page.locator('input[name^="components."]').evaluateAll((elements) =>
      elements.map((element) => ({
        name: element.getAttribute('name') ?? '',
        value: (element as HTMLInputElement).value,
        visible: (element as HTMLElement).offsetParent !== null,
      })),
    );
    const candidates = [
      ...inputs.filter((input) => input.name.includes('.metadata.')),
      ...inputs.filter((input) => input.name.endsWith('.name')),
    ].filter((input) => input.visible && input.value !== '');
    for (const candidate of candidates) {
      if (!((await script.textContent()) ?? '').includes(candidate.value)) continue;
      const index = /^components\.(\d+)\./.exec(candidate.name)?.[1] ?? '0';
      const componentName = await page.locator(`input[name="components.${index}.name"]`).inputValue();
      const yaml = `[data-output="component-yaml"][data-component="${componentName}"]`;
      const field = page.locator(`input[name="${candidate.name}"]`);
      await field.evaluate((element: HTMLInputElement) => {
        element.focus();
        element.setSelectionRange(element.value.length, element.value.length);
      });
      // Trial: a letter added must still give the outputs, with the new value in them.
      await page.keyboard.press('q');
      const trial = await page
        .waitForFunction(
          ({ value, yamlSelector }) =>
            [document.querySelector('[data-output="cli-bash"]'), document.querySelector(yamlSelector)].every(
              (block) => block?.textContent?.includes(`${value}q`),
            ),
          { value: candidate.value, yamlSelector: yaml },
          { timeout: 2000 },
        )
        .then(
          () => true,
          () => false,
        );
      await page.keyboard.press('Backspace');
      if ((await field.inputValue()) !== candidate.value)
        throw new Error(`could not restore ${candidate.name}`);
      if (!trial) continue;
      const watched = ['[data-output="cli-bash"]', yaml];
      const run = await typeAndTime(page, watched, warmup, count);
      return { ...figures(`${candidate.name} (“${candidate.value}”)`, watched, run), goldenMatch };
    }
    throw new Error('no component field on the Details step both shows in the script and stays valid');
  } finally {
    await page.context().close();
  }
}

/** The floor: its one field, echoed through js-yaml. */
export async function measureFloor(
  browser: Browser,
  url: string,
  warmup: number,
  count: number,
): Promise<KeystrokeFigures> {
  const page = await openPage(browser, url);
  try {
    const field = page.locator('#name');
    await field.evaluate((element: HTMLInputElement) => {
      element.focus();
      element.setSelectionRange(element.value.length, element.value.length);
    });
    const watched = ['[data-output="echo"]'];
    return figures('#name (“orders”)', watched, await typeAndTime(page, watched, warmup, count));
  } finally {
    await page.context().close();
  }
}
