/**
 * axe finds no violations on any step, on a desktop and a 360px-wide phone, for a VM and for AKS, nor with three
 * components on the Components step and on Details with "More options" open.
 */
import type { Page } from '@playwright/test';
import {
  expect,
  expectNoAxeViolations,
  expectNoHorizontalOverflow,
  nextUntil,
  scenario,
  STEP_TITLES,
  stepHeading,
  test,
} from './fixtures';

// Independent tests: with more than one worker they may share the file.
test.describe.configure({ mode: 'parallel' });

/**
 * Every step of the scenario's link, then each output tab, each checked with axe. A seed link (required
 * fields still empty) stops on Details after Next has flagged the fields.
 */
async function checkEveryStep(page: Page, scenarioName: string, where: string): Promise<void> {
  // An axe run per step and per tab: on a loaded 2-core machine that alone passes the default timeout.
  test.slow();
  const golden = scenario(scenarioName);
  const complete = golden.outputs['setup.sh'] !== undefined;
  await page.goto(`/#${golden.link}`);
  for (const step of complete ? STEP_TITLES : STEP_TITLES.slice(0, 4)) {
    if (step !== 'Host') await nextUntil(page, step);
    await expect(stepHeading(page, step)).toBeVisible();
    if (step === 'Identity' && golden.link.startsWith('host=aks')) {
      // AKS: the system-assigned option is shown, disabled, with the reason.
      const system = page.getByRole('radio', { name: /^System-assigned identity/ });
      await expect(system).toBeDisabled();
      await expect(system).toHaveAccessibleName(/Pods cannot use the cluster's own system-assigned/);
    }
    await expectNoAxeViolations(page, `${where}, ${golden.name}, step ${step}`);
    await expectNoHorizontalOverflow(page, `${where}, ${golden.name}, step ${step}`);
  }
  if (!complete) {
    await page.getByRole('button', { name: 'Next' }).click();
    await expect(page.getByLabel('Resource group', { exact: true })).toBeFocused();
    await expect(page.getByLabel('Resource group', { exact: true })).toHaveAttribute('aria-invalid', 'true');
    await expectNoAxeViolations(page, `${where}, ${golden.name}, Details with required fields flagged`);
  }
  const titles = await page.getByRole('tab').allTextContents();
  expect(titles.length).toBeGreaterThanOrEqual(Object.keys(golden.outputs).length);
  for (const title of titles) {
    await page.getByRole('tab', { name: title }).click();
    await expect(page.getByRole('tabpanel', { name: title })).toBeVisible();
    await expectNoAxeViolations(page, `${where}, ${golden.name}, output tab ${title}`, '.output-panel');
  }
}

/**
 * Several components: the Components step with the three of the scenario, then Details with every
 * "More options" open (each component's optional fields shown).
 */
async function checkThreeComponents(page: Page, where: string): Promise<void> {
  // Five axe runs, one over the Components step's whole searchable list: more than the default timeout
  // on a loaded 2-core machine.
  test.slow();
  const golden = scenario('three-components-aks');
  await page.goto(`/#${golden.link}`);
  await nextUntil(page, 'Components');
  await expect(
    page.getByRole('list', { name: 'Components in this configuration' }).getByRole('listitem'),
  ).toHaveCount(3);
  // With the list of components that cannot use a managed identity open too (long role and type names).
  await page.getByText('Azure components that cannot use a managed identity').click();
  await expectNoAxeViolations(page, `${where}, Components step with three components`);
  await expectNoHorizontalOverflow(page, `${where}, Components step with three components`);
  await nextUntil(page, 'Details');
  const more = page.locator('details.more-options');
  await expect(more).toHaveCount(2);
  for (const summary of await more.locator('summary').all()) await summary.click();
  for (const details of await more.all()) await expect(details).toHaveAttribute('open', '');
  await expect(
    page.getByLabel('Resource group of its Azure resources (optional)', { exact: true }),
  ).toHaveValue(new URLSearchParams(golden.link).get('c3.rg') ?? '');
  await expectNoAxeViolations(page, `${where}, Details with three components and "More options" open`);
  await expectNoHorizontalOverflow(page, `${where}, Details with three components`);
  await nextUntil(page, 'Review');
  await expectNoHorizontalOverflow(page, `${where}, Review with three components`);
}

test.describe('desktop', () => {
  test('three components: the Components step, and Details with "More options" open', async ({ page }) => {
    await checkThreeComponents(page, 'desktop');
  });

  test('Virtual Machine with a user-assigned identity', async ({ page }) => {
    await checkEveryStep(page, 'vm-user-accesspolicy', 'desktop');
  });

  test('AKS with the kubelet identity (Deployment patch tab, disabled option, warning)', async ({ page }) => {
    await checkEveryStep(page, 'aks-kubelet', 'desktop');
    await expect(page.getByRole('tab', { name: 'Deployment patch' })).toBeVisible();
    await expect(page.getByRole('note')).toContainText('Every pod on the cluster’s nodes');
  });
});

test.describe('mobile, 360px wide', () => {
  test.use({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });

  test('AKS with Workload ID', async ({ page }) => {
    await checkEveryStep(page, 'aks-workload', 'mobile');
    // Nothing is wider than the screen, on any output tab either.
    await expectNoHorizontalOverflow(page, 'mobile, aks-workload, output tabs');
  });

  test('three components: the Components step, and Details with "More options" open', async ({ page }) => {
    await checkThreeComponents(page, 'mobile');
  });

  test('Virtual Machine seed link (example values flagged, the script stops on them)', async ({ page }) => {
    await checkEveryStep(page, 'vm-user-seed', 'mobile');
    // checkEveryStep ends on the last tab (Terraform): back to the script's.
    await page.getByRole('tab', { name: 'Azure CLI (Bash)' }).click();
    // It ends on Review, which lists the example values still to replace.
    await expect(page.getByRole('region', { name: 'Example values to replace' })).toBeVisible();
    await expect(page.locator('[data-output="cli-bash"]')).toContainText('Stopped before any change');
  });
});
