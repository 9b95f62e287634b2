/**
 * A newcomer's first minute: every output on the first screen, built from example values that say so; a
 * preset picked; each example replaced with the user's own; the script, no longer stopping on examples,
 * copied. On a desktop, on a 360 px phone, and with the keyboard only; axe in light and dark.
 */
import type { Locator, Page } from '@playwright/test';
import {
  expect,
  expectNoAxeViolations,
  expectNoHorizontalOverflow,
  stepHeading,
  tabUntilFocused,
  test,
} from './fixtures';

test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

const STOP = 'Stopped before any change';
const EXAMPLE_HINT = 'Example value: replace it with your own.';

/** A value of the user's own for an example: the same shape, so valid for the same field. */
function ownValue(example: string): string {
  return example === 'mykeyvault' ? 'kv-orders' : example.replaceAll('example', 'orders');
}

const script = (page: Page): Locator => page.locator('[data-output="cli-bash"]');

/** The first screen: each output already there, the script stopping on the example values it names. */
async function expectFirstScreen(page: Page): Promise<void> {
  await page.goto('/');
  await expect(stepHeading(page, 'Host')).toBeVisible();
  await expect(page.locator('[data-output="component-yaml"]')).toHaveCount(1);
  await expect(page.locator('[data-output="k8s-deployment-patch"]')).toHaveCount(1);
  await expect(script(page)).toContainText(STOP);
  await expect(script(page)).toContainText('Resource group (example-rg)');
  await expect(page.locator('[data-output="component-yaml"]')).toContainText(
    '# Example values, not yours (replace them in the wizard):',
  );
  await expect(page.getByText(/appears once these are valid/)).toHaveCount(0);
}

/** Replaces every field still marked as an example, by mouse and typing, and checks the mark goes. */
async function replaceExamples(page: Page): Promise<number> {
  const marked = page.locator('input.example-value');
  const count = await marked.count();
  for (let i = 0; i < count; i += 1) {
    // By its id: once replaced, the field is no longer one of the marked ones.
    const id = await marked.first().getAttribute('id');
    const field = page.locator(`[id="${id ?? ''}"]`);
    const example = await field.inputValue();
    await field.fill(ownValue(example));
    await expect(field).not.toHaveAttribute('aria-invalid');
  }
  await expect(marked).toHaveCount(0);
  await expect(page.getByText(EXAMPLE_HINT)).toHaveCount(0);
  return count;
}

async function copyScript(page: Page): Promise<void> {
  await page.getByRole('tab', { name: 'Azure CLI (Bash)' }).click();
  const panel = page.getByRole('tabpanel', { name: 'Azure CLI (Bash)' });
  await panel.getByRole('button', { name: 'Copy Azure CLI (Bash)', exact: true }).click();
  await expect(panel.getByRole('status')).toHaveText('Azure CLI (Bash) copied to the clipboard');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toBe(await script(page).textContent());
  expect(copied).not.toContain(STOP);
  expect(copied).not.toContain('example');
}

test('desktop: from the first screen, a preset, own values, a copied script', async ({ page }) => {
  await expectFirstScreen(page);
  await page.getByRole('link', { name: 'Container Apps + Key Vault + Service Bus' }).click();
  await expect(page).toHaveURL(/#host=aca&c2\.component=pubsub\.azure\.servicebus\.topics$/);
  await expect(page.locator('[data-output="component-yaml"]')).toHaveCount(2);
  await expect(script(page)).toContainText(STOP);
  await page
    .getByRole('navigation', { name: 'Steps' })
    .getByRole('button', { name: /^4 Details/ })
    .click();
  await expect(page.getByText(EXAMPLE_HINT).first()).toBeVisible();
  await expectNoAxeViolations(page, 'Details holding example values');
  // Review lists what still holds an example, each a link to its field.
  await page
    .getByRole('navigation', { name: 'Steps' })
    .getByRole('button', { name: /^5 Review/ })
    .click();
  const examples = page.getByRole('region', { name: 'Example values to replace' });
  await examples.getByRole('button', { name: 'Container app name' }).click();
  await expect(page.getByLabel('Container app name', { exact: true })).toBeFocused();
  // Resource group, container app, environment, app id, vault, namespace.
  expect(await replaceExamples(page)).toBe(6);
  await expect(script(page)).not.toContainText(STOP);
  await copyScript(page);
});

test.describe('on a 360 px phone', () => {
  test.use({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });

  test('a preset, own values, the output one tap away, a copied script', async ({ page }) => {
    await expectFirstScreen(page);
    await expectNoHorizontalOverflow(page, 'phone, first screen');
    await page.getByRole('link', { name: 'AKS Workload ID + state store + pub/sub' }).tap();
    await expect(page.locator('[data-output="component-yaml"]')).toHaveCount(2);
    await page
      .getByRole('navigation', { name: 'Steps' })
      .getByRole('button', { name: /^4 Details/ })
      .tap();
    await expectNoHorizontalOverflow(page, 'phone, Details with example values');
    // Resource group, cluster, identity, service account, Deployment, app id, account, container, namespace.
    expect(await replaceExamples(page)).toBe(9);
    await page.getByRole('button', { name: 'Show the output' }).tap();
    await expect(page.locator('#output')).toBeFocused();
    await expect(script(page)).not.toContainText(STOP);
    await copyScript(page);
    await expectNoHorizontalOverflow(page, 'phone, output');
  });
});

test('keyboard only: from a preset to a copied script', async ({ page }) => {
  await page.goto('/');
  const preset = page.getByRole('link', { name: /^VM \+ Key Vault, as in Dapr’s managed identity page/ });
  await tabUntilFocused(page, preset, 20);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#host=vm&appId=$/);
  await expect(script(page)).toContainText(STOP);
  const stepper = page.getByRole('navigation', { name: 'Steps' });
  // Shift+Tab back up to the stepper's Details button, then Enter: the step's heading takes focus.
  const details = stepper.getByRole('button', { name: /^4 Details/ });
  for (let presses = 0; presses < 5; presses += 1) {
    if (await details.evaluate((element) => element === document.activeElement)) break;
    await page.keyboard.press('Shift+Tab');
  }
  await expect(details).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(stepHeading(page, 'Details')).toBeFocused();
  // Tab through the step: a field holding an example has its text selected, so typing replaces it.
  const next = page.locator('form').getByRole('button', { name: 'Next' });
  for (let presses = 0; presses < 20; presses += 1) {
    await page.keyboard.press('Tab');
    if (await next.evaluate((element) => element === document.activeElement)) break;
    const focused = page.locator(':focus');
    if (await focused.evaluate((element) => element.classList.contains('example-value'))) {
      await page.keyboard.type(ownValue(await focused.inputValue()));
    }
  }
  await expect(next).toBeFocused();
  await expect(page.locator('input.example-value')).toHaveCount(0);
  await page.keyboard.press('Enter');
  await expect(stepHeading(page, 'Review')).toBeFocused();
  await expect(page.getByRole('region', { name: 'Example values to replace' })).toHaveCount(0);
  // To the output tabs, the arrow keys to the script, Tab to its Copy button.
  const firstTab = page.getByRole('tab', { name: 'Component YAML' });
  await tabUntilFocused(page, firstTab, 10);
  await page.keyboard.press('ArrowRight');
  const scriptTab = page.getByRole('tab', { name: 'Azure CLI (Bash)' });
  await expect(scriptTab).toBeFocused();
  await page.keyboard.press('Tab');
  const copy = page.getByRole('button', { name: 'Copy Azure CLI (Bash)', exact: true });
  await expect(copy).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('tabpanel', { name: 'Azure CLI (Bash)' }).getByRole('status')).toHaveText(
    'Azure CLI (Bash) copied to the clipboard',
  );
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toBe(await script(page).textContent());
  expect(copied).not.toContain(STOP);
  expect(copied).toContain('VAULT_NAME=kv-orders');
});

for (const colorScheme of ['light', 'dark'] as const) {
  test(`axe: the first screen and its example values in ${colorScheme}`, async ({ page }) => {
    await page.emulateMedia({ colorScheme });
    await expectFirstScreen(page);
    await expectNoAxeViolations(page, `first screen, ${colorScheme}`);
    await page
      .getByRole('navigation', { name: 'Steps' })
      .getByRole('button', { name: /^3 Components/ })
      .click();
    await expectNoAxeViolations(page, `Components step with its picker, ${colorScheme}`);
    await page
      .getByRole('navigation', { name: 'Steps' })
      .getByRole('button', { name: /^4 Details/ })
      .click();
    await expect(page.getByText(EXAMPLE_HINT).first()).toBeVisible();
    await expectNoAxeViolations(page, `Details with example values, ${colorScheme}`);
  });
}
