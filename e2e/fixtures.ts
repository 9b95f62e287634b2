/**
 * Shared e2e fixtures and helpers. Every test gets an automatic fixture that collects console errors,
 * uncaught page errors and requests to any origin but the page's own (the page must make none), from every
 * page of its browser context, and fails the test when any occurred.
 */
import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Locator, type Page } from '@playwright/test';
import {
  goldenFileName,
  isIacGoldenFile,
  loadGoldenScenarios,
  type GoldenScenario,
} from '../src/test-support/golden';

export { expect };

export const test = base.extend<{ browserProblems: string[] }>({
  browserProblems: [
    async ({ context, baseURL }, use) => {
      const problems: string[] = [];
      const origin = new URL(baseURL ?? 'http://127.0.0.1/').origin;
      context.on('request', (request) => {
        const url = new URL(request.url());
        if (!['data:', 'blob:'].includes(url.protocol) && url.origin !== origin) {
          problems.push(`request to another origin: ${request.url()}`);
        }
      });
      context.on('console', (message) => {
        if (message.type() === 'error') problems.push(`console.error: ${message.text()}`);
      });
      context.on('weberror', (error) => problems.push(`page error: ${error.error().message}`));
      await use(problems);
      expect(problems, 'console errors, page errors and requests to other origins during the test').toEqual(
        [],
      );
    },
    { auto: true },
  ],
});

export const SCENARIOS: readonly GoldenScenario[] = loadGoldenScenarios();

export function scenario(name: string): GoldenScenario {
  const found = SCENARIOS.find((candidate) => candidate.name === name);
  if (!found) throw new Error(`No golden scenario named ${name}`);
  return found;
}

export const STEP_TITLES = ['Host', 'Identity', 'Components', 'Details', 'Review'] as const;
export type StepTitle = (typeof STEP_TITLES)[number];

/** The heading each step shows, e.g. "4. Details". */
export function stepHeading(page: Page, step: StepTitle): Locator {
  return page.getByRole('heading', { level: 2, name: `${STEP_TITLES.indexOf(step) + 1}. ${step}` });
}

/**
 * The golden file an output block of the page belongs to: by its data-output id and, for a component's
 * YAML, its data-component name. An id with no golden file shows up as "no golden file for <id>", so the
 * comparison with the expected outputs fails on it.
 */
export function goldenFileOf(block: {
  readonly id: string;
  readonly component: string | null;
  readonly file?: string | null;
}): string {
  try {
    return goldenFileName({ id: block.id, component: block.component, fileName: block.file });
  } catch {
    return `no golden file for ${block.id}`;
  }
}

/**
 * The text of every [data-output] block in the page (hidden tabs included), by the name of the golden file
 * it is compared with: goldenFileName({ id: data-output, component: data-component, fileName: data-file }). A second block for
 * the same file shows up as "duplicate <file>", so comparing with the expected outputs fails.
 */
export async function outputTexts(page: Page): Promise<Record<string, string>> {
  const blocks = await page.locator('[data-output]').evaluateAll((elements) =>
    elements.map((element) => ({
      id: element.getAttribute('data-output') ?? '',
      component: element.getAttribute('data-component'),
      file: element.getAttribute('data-file'),
      text: element.textContent ?? '',
    })),
  );
  const texts: Record<string, string> = {};
  for (const block of blocks) {
    const file = goldenFileOf(block);
    texts[file in texts ? `duplicate ${file}` : file] = block.text;
  }
  return texts;
}

/**
 * The setup script's origin lines name the page's address and today's date, which the golden files fix
 * (src/test-support/golden.ts goldenMeta): both sides compare with those two values replaced.
 */
const ORIGIN_DATE = /^# Generated on \d{4}-\d{2}-\d{2} by /m;
const ORIGIN_LINK = /^(# Generated on [^\n]*this link reopens it with these values:\n# {3})[^\n#]*#/m;
/** A setup script's text with its page address and date replaced (other files pass unchanged). */
export function withoutOriginText(text: string): string {
  return text.replace(ORIGIN_DATE, '# Generated on <day> by ').replace(ORIGIN_LINK, '$1<site>#');
}
function withoutOrigin(outputs: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(outputs).map(([file, text]) => [file, withoutOriginText(text)]));
}

/**
 * Waits until the page shows exactly the scenario's outputs: the same blocks, each with the golden text. The
 * Bicep and Terraform blocks exist only once one of their tabs has been opened; then they must all be there
 * and match their golden files too.
 */
export async function expectGoldenOutputs(page: Page, golden: GoldenScenario): Promise<void> {
  const split = async (): Promise<[Record<string, string>, Record<string, string>]> => {
    const texts = Object.entries(await outputTexts(page));
    return [
      Object.fromEntries(texts.filter(([file]) => !isIacGoldenFile(file))),
      Object.fromEntries(texts.filter(([file]) => isIacGoldenFile(file))),
    ];
  };
  await expect
    .poll(async () => withoutOrigin((await split())[0]), {
      message: `outputs of golden scenario ${golden.name}`,
    })
    .toEqual(withoutOrigin(golden.outputs));
  const [, iac] = await split();
  if (Object.keys(iac).length > 0) expect(iac, `IaC outputs of ${golden.name}`).toEqual(golden.iacOutputs);
}

/** From the current step, presses Next (with the mouse) until the given step shows. */
export async function nextUntil(page: Page, step: StepTitle): Promise<void> {
  const form = page.locator('form');
  while (!(await stepHeading(page, step).isVisible())) {
    const before = await form.getByRole('heading', { level: 2 }).textContent();
    await form.getByRole('button', { name: 'Next' }).click();
    await expect(form.getByRole('heading', { level: 2 })).not.toHaveText(before ?? '');
  }
  await expect(stepHeading(page, step)).toBeFocused();
}

/** Runs axe on the page (or part of it) and expects no violations; the message lists what was found. */
export async function expectNoAxeViolations(page: Page, where: string, include?: string): Promise<void> {
  let builder = new AxeBuilder({ page });
  if (include) builder = builder.include(include);
  const { violations } = await builder.analyze();
  const summary = violations.map(
    (violation) =>
      `${violation.id} (${violation.impact ?? 'n/a'}): ${violation.help}\n` +
      violation.nodes.map((node) => `    ${node.target.join(' ')}: ${node.failureSummary ?? ''}`).join('\n'),
  );
  expect(summary, `axe violations on ${where}`).toEqual([]);
}

/**
 * Presses Tab (keyboard only) until the element has focus, at most `limit` times: for the start of a journey,
 * where the page header may hold controls of its own before the wizard's first one.
 */
export async function tabUntilFocused(page: Page, target: Locator, limit = 10): Promise<void> {
  for (let i = 0; i < limit; i += 1) {
    await page.keyboard.press('Tab');
    if (await target.evaluate((element) => element === document.activeElement)) return;
  }
  await expect(target, `focused within ${limit} presses of Tab`).toBeFocused();
}

/**
 * Nothing is wider than the viewport. The viewport's configured width is the measure: on a phone
 * (isMobile) the browser widens window.innerWidth to fit wide content, so innerWidth hides the overflow.
 */
export async function expectNoHorizontalOverflow(page: Page, where: string): Promise<void> {
  const width = page.viewportSize()?.width;
  if (width === undefined) throw new Error('The page has no viewport size');
  const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(scrollWidth, `page width on ${where} (viewport ${width}px)`).toBeLessThanOrEqual(width);
}
