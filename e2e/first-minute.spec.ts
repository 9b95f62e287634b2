/**
 * What a newcomer trips over in the first minute (issue 10): colliding component names, an error that stayed
 * after the value was fixed, a link value with a line break, locked steps, and lists of missing fields that
 * could not be followed to the field.
 */
import {
  expect,
  expectGoldenOutputs,
  expectNoAxeViolations,
  nextUntil,
  outputTexts,
  scenario,
  stepHeading,
  test,
} from './fixtures';

const THREE_VM = scenario('three-components-vm');
const stepper = (page: import('@playwright/test').Page) => page.getByRole('navigation', { name: 'Steps' });

test('renaming a component to another one’s name flags both, offers neither file, and recovers', async ({
  page,
}) => {
  await page.goto(`/#${THREE_VM.link}`);
  await nextUntil(page, 'Details');
  await expect(stepHeading(page, 'Details')).toBeVisible();
  const names = page.getByLabel('Component name', { exact: true });
  await expect(names).toHaveCount(3);
  const keyVaultName = names.nth(0);
  const pubsubName = names.nth(2);
  await expect(pubsubName).toHaveValue('pubsub');

  await keyVaultName.fill('pubsub');
  const collision = 'Another component is also named “pubsub”: each component needs its own name.';
  // At once, beside both fields, the one typed in first.
  await expect(keyVaultName).toHaveAccessibleDescription(new RegExp(collision));
  await expect(pubsubName).toHaveAccessibleDescription(new RegExp(collision));
  await expect(keyVaultName).toHaveAttribute('aria-invalid', 'true');
  await expect(pubsubName).toHaveAttribute('aria-invalid', 'true');
  // No file for either name, and no two tabs of one name.
  const texts = await outputTexts(page);
  expect(Object.keys(texts)).not.toContain('pubsub.yaml');
  await expect(page.locator('[data-output="component-yaml"][data-component="pubsub"]')).toHaveCount(0);
  await expect(page.locator('[data-output="cli-bash"]')).toHaveCount(0);
  const tabTitles = await page.getByRole('tab').allTextContents();
  expect(new Set(tabTitles).size, `tabs ${tabTitles.join(', ')}`).toBe(tabTitles.length);
  expect(tabTitles).toContain('pubsub (component 1)');
  await expect(page.locator('[role="tab"][aria-selected="true"]')).toHaveCount(1);
  await expectNoAxeViolations(page, 'Details with two components of one name');

  // Back to its own name: both errors go, and the page shows exactly the golden outputs again.
  await keyVaultName.fill('azurekeyvault');
  await expect(keyVaultName).not.toHaveAttribute('aria-invalid');
  await expect(pubsubName).not.toHaveAttribute('aria-invalid');
  await expectGoldenOutputs(page, THREE_VM);
  await expect(page.getByRole('tab')).toHaveText([
    'azurekeyvault',
    'statestore',
    'pubsub',
    'All components',
    'Azure CLI (Bash)',
    'Teardown (Bash)',
    'Bicep',
    'Terraform',
  ]);
  await expect(page.locator('[role="tab"][aria-selected="true"]')).toHaveCount(1);
});

test('an error shown after Next follows the value typed into the field', async ({ page }) => {
  // A link that empties the resource group: every other field holds its example value.
  await page.goto('/#host=vm&resourceGroup=');
  await nextUntil(page, 'Details');
  await page.getByRole('button', { name: 'Next' }).click();
  const resourceGroup = page.getByLabel('Resource group', { exact: true });
  await expect(resourceGroup).toBeFocused();
  await expect(resourceGroup).toHaveAccessibleDescription(/Resource group is required\./);
  // Typing, without leaving the field: the message goes with the first valid value, and comes back with
  // an invalid one.
  await resourceGroup.pressSequentially('rg-orders');
  await expect(resourceGroup).not.toHaveAttribute('aria-invalid');
  await expect(page.getByText('Resource group is required.')).toHaveCount(0);
  await resourceGroup.pressSequentially('!');
  await expect(resourceGroup).toHaveAttribute('aria-invalid', 'true');
  await expect(resourceGroup).toBeFocused();
});

test('a link value with a line break says so, showing the value with the break', async ({ page }) => {
  await page.goto('/#host=vm&resourceGroup=rg%0Aprod&hostName=vm1');
  await nextUntil(page, 'Details');
  const resourceGroup = page.getByLabel('Resource group', { exact: true });
  await expect(resourceGroup).toHaveAttribute('aria-invalid', 'true');
  await expect(resourceGroup).toHaveAccessibleDescription(
    /This value holds a line break, which the field cannot show: “rg⏎prod”\./,
  );
  await expect(page.locator('[data-output="cli-bash"]')).toHaveCount(0);
});

test('every step opens from the stepper; the marked ones and the missing lists lead to the field', async ({
  page,
}) => {
  // A link that empties the six fields AKS Workload ID needs.
  await page.goto('/#resourceGroup=&hostName=&identityName=&serviceAccount=&deployment=&appId=');
  // Nothing is locked: Review opens first thing, and lists what is missing.
  const details = stepper(page).getByRole('button', { name: /^4 Details/ });
  await expect(details).toHaveAccessibleName('4 Details (6 values to fill in or fix)');
  await expect(stepper(page).getByRole('button', { name: /^1 Host/ })).toHaveAccessibleName('1 Host');
  await stepper(page)
    .getByRole('button', { name: /^5 Review/ })
    .click();
  await expect(stepHeading(page, 'Review')).toBeFocused();
  const missing = page.getByRole('region', { name: 'Still to fill in or fix' });
  await expect(missing.getByRole('listitem')).toHaveCount(6);
  await expectNoAxeViolations(page, 'Review with fields missing');
  await missing.getByRole('button', { name: 'Service account' }).click();
  await expect(stepHeading(page, 'Details')).toBeVisible();
  const serviceAccount = page.getByLabel('Service account', { exact: true });
  await expect(serviceAccount).toBeFocused();
  await serviceAccount.fill('orders-api');
  await expect(details).toHaveAccessibleName('4 Details (5 values to fill in or fix)');

  // The output panel's "appears once these are valid" names lead to their fields too.
  await page.getByRole('tab', { name: 'Azure CLI (Bash)' }).click();
  const pending = page.getByRole('tabpanel', { name: 'Azure CLI (Bash)' });
  await pending.getByRole('button', { name: 'Dapr app id' }).click();
  await expect(page.getByLabel('Dapr app id', { exact: true })).toBeFocused();
});

test.describe('fields take what users paste', () => {
  test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

  test('a vault URL gives the vault name, a bare namespace its host name, West Europe westeurope', async ({
    page,
  }) => {
    await page.goto(
      '/#host=vm&identity=user&resourceGroup=rg&hostName=vm1&identityName=id-orders&c2.component=pubsub.azure.servicebus.topics',
    );
    await stepper(page)
      .getByRole('button', { name: /^4 Details/ })
      .click();

    // Pasted: the field uses the vault name at once, and says so.
    const vault = page.getByLabel('Key Vault name', { exact: true });
    await vault.fill('');
    await page.evaluate(() => navigator.clipboard.writeText('https://kv-orders.vault.azure.net/'));
    await vault.press('ControlOrMeta+V');
    await expect(vault).toHaveValue('kv-orders');
    await expect(vault).toHaveAccessibleDescription(
      /Uses kv-orders, from https:\/\/kv-orders\.vault\.azure\.net\//,
    );
    await expect(
      page.locator('[data-output="component-yaml"][data-component="azurekeyvault"]'),
    ).toContainText('value: kv-orders');

    // Typed, then left: the namespace gets its host name, the region its name.
    const namespace = page.getByLabel('Service Bus namespace host name', { exact: true });
    await namespace.fill('sb-orders');
    await namespace.press('Tab');
    await expect(namespace).toHaveValue('sb-orders.servicebus.windows.net');
    await expect(namespace).not.toHaveAttribute('aria-invalid');
    const location = page.getByLabel('Location (optional)', { exact: true });
    await location.fill('West Europe');
    await location.press('Tab');
    await expect(location).toHaveValue('westeurope');
    await expect(location).toHaveAccessibleDescription(/Uses westeurope, from West Europe/);
    await expect(page).toHaveURL(/location=westeurope/);
    await expect(page).toHaveURL(/c2\.m\.namespaceName=sb-orders\.servicebus\.windows\.net/);
    await expectNoAxeViolations(page, 'Details with values taken from what was pasted');
  });
});

test('an error says what is wrong with this value, then the rule', async ({ page }) => {
  await page.goto(`/#host=vm&resourceGroup=rg&hostName=${'v'.repeat(70)}`);
  await stepper(page)
    .getByRole('button', { name: /^4 Details/ })
    .click();
  await expect(page.getByLabel('VM name', { exact: true })).toHaveAccessibleDescription(
    /70 characters, 6 over the limit of 64\. 1-64 letters/,
  );
});

for (const device of [
  { name: 'desktop', viewport: { width: 1280, height: 800 } },
  { name: 'phone', viewport: { width: 360, height: 740 } },
]) {
  test(`a newcomer starts from a preset and reads its script (${device.name})`, async ({ page }) => {
    await page.setViewportSize(device.viewport);
    await page.goto('/');
    const presets = page.getByRole('region', { name: 'Start from a preset' });
    await expect(presets.getByRole('link')).toHaveCount(3);
    await presets.getByRole('link', { name: 'Container Apps + Key Vault + Service Bus' }).click();
    await expect(page).toHaveURL(/#host=aca&.*c2\.component=pubsub\.azure\.servicebus\.topics/);
    await expect(page.getByRole('radio', { name: /^Azure Container Apps/ })).toBeChecked();
    // Every output is there at once; no step is marked as missing anything.
    await expect(page.getByRole('tab')).toHaveText([
      'azurekeyvault',
      'pubsub',
      'Azure CLI (Bash)',
      'Teardown (Bash)',
      'Bicep',
      'Terraform',
    ]);
    // Built from example values, which the script names and stops on.
    await expect(page.locator('[data-output="cli-bash"]')).toContainText('example-sb.servicebus.windows.net');
    await expect(page.locator('[data-output="cli-bash"]')).toContainText('Stopped before any change');
    await expect(page.locator('.step-issues')).toHaveCount(0);
    const showOutput = page.getByRole('button', { name: 'Show the output' });
    if (device.name === 'phone') {
      await expect(showOutput).toBeInViewport();
      await showOutput.click();
      await expect(page.getByRole('heading', { name: 'Your files' })).toBeInViewport();
    } else {
      await expect(showOutput).toBeHidden();
      await expect(page.getByRole('heading', { name: 'Your files' })).toBeInViewport();
    }
    await expectNoAxeViolations(page, `a preset, ${device.name}`);

    // Start over: the defaults again, and no share link in the address bar.
    await page.getByRole('button', { name: 'Start over' }).click();
    await expect(stepHeading(page, 'Host')).toBeFocused();
    await expect(page.getByRole('radio', { name: /^Azure Kubernetes Service \(AKS\)/ })).toBeChecked();
    await expect(page).not.toHaveURL(/#/);
    await expect(page.getByRole('tab').first()).toHaveText('Component YAML');
  });
}

test('Add a component offers one not yet added, with its summary, and finds others by search', async ({
  page,
}) => {
  await page.goto('/');
  const chosen = page.locator('.add-component input[type="radio"]:checked');
  // A click on the prerendered page before its scripts have run is held and made once they have
  // (public/boot.js, src/ui/early-input.ts): one click opens the step.
  await stepper(page)
    .getByRole('button', { name: /^3 Components/ })
    .click();
  await expect(chosen).toHaveCount(1);
  // The default configuration holds the Key Vault secret store: the list starts past it.
  await expect(chosen).toHaveValue('crypto.azure.keyvault');
  await expect(chosen).toHaveAccessibleDescription(/Key Vault/);
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(
    page.getByRole('list', { name: 'Components in this configuration' }).getByRole('listitem'),
  ).toHaveCount(2);
  await expect(chosen).not.toHaveValue('crypto.azure.keyvault');
  await expect(chosen).not.toHaveValue('secretstores.azure.keyvault');
  // Grouped by building block; a search narrows the list and says how many match.
  await expect(page.getByRole('group', { name: 'Distributed locks' })).toBeVisible();
  const search = page.getByLabel('Add a component', { exact: true });
  await search.fill('redis lock');
  await expect(page.getByRole('status').filter({ hasText: /of \d+ components/ })).toHaveText(/^1 of /);
  await expect(chosen).toHaveValue('lock.redis');
  await expect(page.getByRole('group', { name: 'State stores' })).toHaveCount(0);
  await search.fill('nothing like this');
  await expect(page.getByText('No component matches: try fewer words.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Add', exact: true })).toBeDisabled();
});
