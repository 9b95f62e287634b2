/**
 * The whole wizard with the keyboard only (Tab, Shift+Tab, Space, arrow keys, Enter, and typing into
 * fields): Virtual Machine, user-assigned identity, Key Vault with access policies. The values are those of
 * the golden scenario vm-user-accesspolicy, so the outputs must equal its files exactly.
 */
import type { Page } from '@playwright/test';
import {
  expect,
  expectGoldenOutputs,
  outputTexts,
  scenario,
  stepHeading,
  tabUntilFocused,
  test,
} from './fixtures';

const golden = scenario('vm-user-accesspolicy');
const link = new URLSearchParams(golden.link);

function linkValue(key: string): string {
  const value = link.get(key);
  if (value === null) throw new Error(`${golden.name}'s link has no ${key}`);
  return value;
}

async function tab(page: Page, times = 1): Promise<void> {
  for (let i = 0; i < times; i += 1) await page.keyboard.press('Tab');
}

test('keyboard-only journey through every step ends in the golden outputs', async ({ page }) => {
  await page.goto('/');
  const form = page.locator('form');
  const next = form.getByRole('button', { name: 'Next' });
  const back = form.getByRole('button', { name: 'Back' });
  const stepper = page.getByRole('navigation', { name: 'Steps' });

  // 1. Host: past the page header's own controls to the stepper's first button, then the radio group (AKS is
  // the default choice).
  await expect(stepHeading(page, 'Host')).toBeVisible();
  await tabUntilFocused(page, stepper.getByRole('button', { name: '1 Host' }));
  // Every step is open from the start, so Tab passes the stepper's other four buttons and the presets first.
  await tabUntilFocused(page, page.getByRole('radio', { name: /^Azure Kubernetes Service \(AKS\)/ }), 12);
  const aks = page.getByRole('radio', { name: /^Azure Kubernetes Service \(AKS\)/ });
  const vm = page.getByRole('radio', { name: /^Virtual Machine Dapr runs/ });
  await expect(aks).toBeFocused();
  await expect(aks).toBeChecked();
  for (let i = 0; i < 4; i += 1) await page.keyboard.press('ArrowDown');
  await expect(vm).toBeFocused();
  await expect(vm).toBeChecked();
  // Overshoot by one and come back: arrows move the choice both ways.
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('radio', { name: /^Virtual Machine Scale Set/ })).toBeChecked();
  await page.keyboard.press('ArrowUp');
  await expect(vm).toBeChecked();
  // The cloud choice follows; Tab lands on its checked option, the public cloud, which the journey keeps.
  await tab(page);
  const publicCloud = page.getByRole('radio', { name: /^Azure \(public cloud\)/ });
  await expect(publicCloud).toBeFocused();
  await expect(publicCloud).toBeChecked();
  await tab(page);
  await expect(next).toBeFocused();
  await page.keyboard.press('Enter');

  // 2. Identity: focus moves to the step's heading, so the next Tab reaches the choices.
  await expect(stepHeading(page, 'Identity')).toBeFocused();
  await tab(page);
  const system = page.getByRole('radio', { name: /^System-assigned identity/ });
  const user = page.getByRole('radio', { name: /^User-assigned identity/ });
  await expect(system).toBeFocused();
  await expect(system).toBeChecked();
  await page.keyboard.press('ArrowDown');
  await expect(user).toBeChecked();
  // Back with the keyboard keeps the host, then Next again.
  await tab(page);
  await expect(back).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(stepHeading(page, 'Host')).toBeFocused();
  // Past the three presets to the host choice.
  await tab(page, 4);
  await expect(vm).toBeFocused();
  await expect(vm).toBeChecked();
  // Past the cloud choice.
  await tab(page, 2);
  await expect(next).toBeFocused();
  await page.keyboard.press('Space');
  await expect(stepHeading(page, 'Identity')).toBeFocused();
  await tab(page);
  await expect(user).toBeFocused();
  await expect(user).toBeChecked();
  await tab(page, 2);
  await expect(next).toBeFocused();
  await page.keyboard.press('Enter');

  // 3. Components: the Key Vault secret store is already there. It is the only component, so its Up, Down
  // and Remove buttons are disabled and out of the Tab order: Tab goes on to "Add a component".
  await expect(stepHeading(page, 'Components')).toBeFocused();
  const list = page.getByRole('list', { name: 'Components in this configuration' });
  await expect(list.getByRole('listitem')).toHaveCount(1);
  await expect(list.getByRole('listitem')).toContainText('Azure Key Vault secret store');
  for (const action of ['Move azurekeyvault up', 'Move azurekeyvault down', 'Remove azurekeyvault']) {
    await expect(list.getByRole('button', { name: action })).toBeDisabled();
  }
  await tab(page);
  await expect(page.getByLabel('Add a component', { exact: true })).toBeFocused();
  // The search box, then the list's chosen option (one Tab stop), then Add.
  await tab(page);
  await expect(page.locator('input[type="radio"][value="crypto.azure.keyvault"]')).toBeFocused();
  await tab(page);
  await expect(page.getByRole('button', { name: 'Add', exact: true })).toBeFocused();
  // Past the summary of the components that cannot use a managed identity, and Back.
  await tab(page, 3);
  await expect(next).toBeFocused();
  await page.keyboard.press('Enter');

  // 4. Details: the fields hold example values, each said so beside it, and the script stops on them.
  // Enter in the first field, emptied, submits the step; a required field is empty, so it stays and the
  // message shows beside the field.
  await expect(stepHeading(page, 'Details')).toBeFocused();
  const resourceGroup = page.getByLabel('Resource group', { exact: true });
  await expect(resourceGroup).toHaveValue('example-rg');
  await expect(resourceGroup).toHaveAccessibleDescription(/^Example value: replace it with your own\./);
  await expect(page.locator('[data-output="cli-bash"]')).toContainText('Stopped before any change');
  await tab(page);
  await expect(resourceGroup).toBeFocused();
  await page.keyboard.press('Backspace');
  await page.keyboard.press('Enter');
  await expect(stepHeading(page, 'Details')).toBeVisible();
  await expect(resourceGroup).toBeFocused();
  await expect(resourceGroup).toHaveAttribute('aria-invalid', 'true');
  await expect(resourceGroup).toHaveAccessibleDescription(/Resource group is required\./);
  await expect(page.locator('[data-output="cli-bash"]')).toHaveCount(0);

  const fill = async (label: string, value: string | null): Promise<void> => {
    await tab(page);
    const field = page.getByLabel(label, { exact: true });
    await expect(field).toBeFocused();
    // Tabbing into a field selects its text, so typing replaces a prefilled value.
    if (value !== null) await page.keyboard.type(value);
  };
  await page.keyboard.type(linkValue('resourceGroup'));
  await expect(resourceGroup).toHaveValue(linkValue('resourceGroup'));
  await fill('Subscription (optional)', null);
  await expect(resourceGroup).not.toHaveAttribute('aria-invalid');
  await fill('VM name', linkValue('hostName'));
  await fill('Location (optional)', null);
  await fill('User-assigned identity name', linkValue('identityName'));
  await fill('Client id (optional)', null);
  await fill('Dapr app id (optional)', linkValue('appId'));
  // The VM's dapr run takes an app port; a secret store delivers nothing to the app, so it stays empty.
  await fill('App port (optional)', null);
  // The component's own section comes after the host's fields.
  await fill('Component name', null);
  await fill('Key Vault name', linkValue('m.vaultName'));
  await expect(page.getByLabel('Key Vault name', { exact: true })).toHaveValue(linkValue('m.vaultName'));
  await tab(page);
  const rbac = page.getByRole('radio', { name: /^Azure RBAC/ });
  const accessPolicy = page.getByRole('radio', { name: /^Vault access policies/ });
  await expect(rbac).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(accessPolicy).toBeChecked();
  expect(linkValue('kvModel')).toBe('accesspolicy');
  // Shift+Tab goes back to the field before the choice.
  await page.keyboard.press('Shift+Tab');
  await expect(page.getByLabel('Key Vault name', { exact: true })).toBeFocused();
  await tab(page, 3);
  await expect(next).toBeFocused();
  await page.keyboard.press('Enter');

  // 5. Review: what was chosen, and the outputs are the golden files.
  await expect(stepHeading(page, 'Review')).toBeFocused();
  const review = form.locator('dl');
  await expect(review).toContainText('Virtual Machine');
  await expect(review).toContainText('User-assigned identity');
  await expect(review).toContainText('Azure Key Vault secret store');
  await expect(next).toHaveCount(0);
  await expectGoldenOutputs(page, golden);
  expect(Object.keys(await outputTexts(page)).sort()).toEqual([
    'component-azurekeyvault.yaml',
    'setup.sh',
    'teardown.sh',
  ]);

  // The address bar holds the same configuration as the golden link.
  const hash = new URL(page.url()).hash.replace(/^#/, '');
  expect([...new URLSearchParams(hash)].sort()).toEqual([...link].sort());

  // Output tabs: Tab to the selected tab, arrows move between tabs and show their block.
  await tab(page);
  await expect(back).toBeFocused();
  await tab(page);
  await expect(form.getByRole('button', { name: 'Start over' })).toBeFocused();
  await tab(page);
  await expect(page.getByRole('button', { name: 'Copy share link', exact: true })).toBeFocused();
  await tab(page);
  const yamlTab = page.getByRole('tab', { name: 'Component YAML' });
  const bashTab = page.getByRole('tab', { name: 'Azure CLI (Bash)' });
  await expect(yamlTab).toBeFocused();
  await expect(yamlTab).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('tabpanel', { name: 'Component YAML' })).toBeVisible();
  await page.keyboard.press('ArrowRight');
  await expect(bashTab).toBeFocused();
  await expect(bashTab).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('tabpanel', { name: 'Azure CLI (Bash)' })).toBeVisible();
  await expect(page.getByRole('tabpanel', { name: 'Component YAML' })).toBeHidden();
  // Then the teardown, the Bicep and Terraform tabs, and round to the first (End and Home jump to the ends).
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('tab', { name: 'Teardown (Bash)' })).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('tab', { name: 'Bicep' })).toBeFocused();
  await page.keyboard.press('End');
  await expect(page.getByRole('tab', { name: 'Terraform' })).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(yamlTab).toBeFocused();
  await page.keyboard.press('End');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await expect(bashTab).toBeFocused();

  // Stepper: Shift+Tab back to it, Enter opens Details with the values kept, Enter in a field submits.
  // (Only the selected tab is in the Tab order.)
  await page.keyboard.press('Shift+Tab');
  await expect(page.getByRole('button', { name: 'Copy share link', exact: true })).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await expect(form.getByRole('button', { name: 'Start over' })).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await expect(back).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await expect(stepper.getByRole('button', { name: '5 Review' })).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await expect(stepper.getByRole('button', { name: '4 Details' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(stepHeading(page, 'Details')).toBeFocused();
  await expect(resourceGroup).toHaveValue(linkValue('resourceGroup'));
  await expect(accessPolicy).toBeChecked();
  await tab(page);
  await expect(resourceGroup).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(stepHeading(page, 'Review')).toBeFocused();
  await expectGoldenOutputs(page, golden);
});
