/**
 * Three components with the keyboard only (Tab, Shift+Tab, Space, Enter, arrow keys, typing): AKS with Workload
 * ID, the Key Vault secret store kept, a Blob Storage state store and a Service Bus topics pub/sub added. On the
 * way, a component is moved down and back up and one is removed and added again; axe checks the Components step
 * with three components and Details with "More options" open. On Review every output tab is selected and its
 * Copy button pressed: the clipboard must hold exactly the block, and the block the golden scenario's file.
 */
import type { Locator, Page } from '@playwright/test';
import {
  expect,
  expectGoldenOutputs,
  expectNoAxeViolations,
  goldenFileOf,
  outputTexts,
  scenario,
  stepHeading,
  tabUntilFocused,
  test,
  withoutOriginText,
} from './fixtures';

test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

const golden = scenario('three-components-aks');
const link = new URLSearchParams(golden.link);

function linkValue(key: string): string {
  const value = link.get(key);
  if (value === null) throw new Error(`${golden.name}'s link has no ${key}`);
  return value;
}

const STATE_STORE = 'state.azure.blobstorage';
const PUBSUB = 'pubsub.azure.servicebus.topics';
/** Every output of the configuration, in tab order: one tab per component, then the shared files. */
const TAB_TITLES = [
  'azurekeyvault',
  'statestore',
  'pubsub',
  'All components',
  'Azure CLI (Bash)',
  'ServiceAccount',
  'Deployment patch',
  'Teardown (Bash)',
];

async function tab(page: Page, times = 1): Promise<void> {
  for (let i = 0; i < times; i += 1) await page.keyboard.press('Tab');
}

async function shiftTab(page: Page, times = 1): Promise<void> {
  for (let i = 0; i < times; i += 1) await page.keyboard.press('Shift+Tab');
}

/**
 * With the component search box focused: replace its text with the words, then Tab to the filtered list,
 * where the first match is chosen, and on to Add.
 */
async function pickComponent(page: Page, search: Locator, words: string, type: string): Promise<void> {
  await expect(search).toBeFocused();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type(words);
  await tab(page);
  const radio = page.locator(`input[type="radio"][value="${type}"]`);
  await expect(radio).toBeFocused();
  await expect(radio).toBeChecked();
  await tab(page);
}

test('three components by keyboard: reorder, remove, Details, and each Copy gives the golden file', async ({
  page,
}) => {
  // A long journey (two axe runs, six copies): three times the default timeout, for loaded machines.
  test.slow();
  await page.goto('/');
  const form = page.locator('form');
  const next = form.getByRole('button', { name: 'Next' });
  const back = form.getByRole('button', { name: 'Back' });
  // The Bicep and Terraform tabs always come last (e2e/iac.spec.ts checks their files): the rest are compared.
  const tabTitles = async (): Promise<string[]> => {
    const titles = await page.getByRole('tab').allTextContents();
    expect(titles.slice(-2)).toEqual(['Bicep', 'Terraform']);
    return titles.slice(0, -2);
  };

  // 1. Host: past the page header's own controls to the stepper, then AKS, the default.
  await tabUntilFocused(
    page,
    page.getByRole('navigation', { name: 'Steps' }).getByRole('button', { name: '1 Host' }),
  );
  // Every step is open from the start, so Tab passes the stepper's other four buttons and the presets first.
  await tabUntilFocused(page, page.getByRole('radio', { name: /^Azure Kubernetes Service \(AKS\)/ }), 12);
  const aks = page.getByRole('radio', { name: /^Azure Kubernetes Service \(AKS\)/ });
  await expect(aks).toBeFocused();
  await expect(aks).toBeChecked();
  // Past the cloud choice, which keeps the public cloud.
  await tab(page, 2);
  await expect(next).toBeFocused();
  await page.keyboard.press('Enter');

  // 2. Identity: Workload ID, the default on AKS.
  await expect(stepHeading(page, 'Identity')).toBeFocused();
  await tab(page);
  const workload = page.getByRole('radio', { name: /^Microsoft Entra Workload ID/ });
  await expect(workload).toBeFocused();
  await expect(workload).toBeChecked();
  await tab(page, 2);
  await expect(next).toBeFocused();
  await page.keyboard.press('Enter');

  // 3. Components: the Key Vault secret store is there; its buttons are disabled, so Tab reaches "Add a component".
  await expect(stepHeading(page, 'Components')).toBeFocused();
  const list = page.getByRole('list', { name: 'Components in this configuration' });
  const items = list.getByRole('listitem');
  const search = page.getByLabel('Add a component', { exact: true });
  const add = page.getByRole('button', { name: 'Add', exact: true });
  await tab(page);
  await pickComponent(page, search, 'blob storage state', STATE_STORE);
  await expect(add).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(items).toHaveCount(2);
  await expect(items.nth(1)).toContainText('Azure Blob Storage state store');
  await expect(items.nth(1)).toContainText('as “statestore”');
  // A type with several versions offers them, the recommended one chosen; focus goes to the new item's
  // first control, its Version select. Then Tab past its Up, (disabled) Down and Remove back to the select.
  const version = items.nth(1).getByLabel('Version');
  await expect(version).toHaveValue('v2');
  await expect(version).toBeFocused();
  await tab(page);
  await expect(list.getByRole('button', { name: 'Move statestore up' })).toBeFocused();
  await tab(page, 2);
  await pickComponent(page, search, 'service bus topics', PUBSUB);
  await expect(add).toBeFocused();
  await page.keyboard.press('Space');
  await expect(items).toHaveCount(3);
  await expect(items.nth(2)).toContainText('Azure Service Bus topics pub/sub');
  await expect(add).toBeFocused();
  expect(await tabTitles()).toEqual(TAB_TITLES);
  await expectNoAxeViolations(page, 'Components step with three components');

  // Down moves the state store below the pub/sub, and the component tabs follow; focus stays on the item
  // (its Down is now disabled, so on its Up), and Up puts it back.
  // Back past the list's chosen option and the search box.
  await shiftTab(page, 6);
  await expect(list.getByRole('button', { name: 'Move statestore down' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect.poll(tabTitles).toEqual(['azurekeyvault', 'pubsub', 'statestore', ...TAB_TITLES.slice(3)]);
  await expect(items.nth(2)).toContainText('as “statestore”');
  await expect(list.getByRole('button', { name: 'Move statestore down' })).toBeDisabled();
  const statestoreUp = list.getByRole('button', { name: 'Move statestore up' });
  await expect(statestoreUp).toBeFocused();
  await page.keyboard.press('Enter');
  await expect.poll(tabTitles).toEqual(TAB_TITLES);
  await expect(statestoreUp).toBeFocused();

  // Remove takes the pub/sub out (focus goes to the Remove button before it); Add brings it back.
  await tab(page, 4);
  await expect(list.getByRole('button', { name: 'Remove pubsub' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(items).toHaveCount(2);
  await expect.poll(tabTitles).toEqual(TAB_TITLES.filter((title) => title !== 'pubsub'));
  await expect(list.getByRole('button', { name: 'Remove statestore' })).toBeFocused();
  await tab(page);
  // With the search cleared, the list offers the first component not yet added again, not the last added.
  await expect(search).toBeFocused();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Backspace');
  await expect(page.locator('input[type="radio"][value="crypto.azure.keyvault"]')).toBeChecked();
  await pickComponent(page, search, 'service bus topics', PUBSUB);
  await expect(add).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(items).toHaveCount(3);
  await expect.poll(tabTitles).toEqual(TAB_TITLES);
  await tab(page, 3);
  await expect(next).toBeFocused();
  await page.keyboard.press('Enter');

  // 4. Details: the host's fields, then one section per component.
  await expect(stepHeading(page, 'Details')).toBeFocused();
  const fill = async (field: Locator, value: string | null): Promise<void> => {
    await tab(page);
    await expect(field).toBeFocused();
    // Tabbing into a field selects its text, so typing replaces a prefilled value.
    if (value !== null) {
      await page.keyboard.type(value);
      await expect(field).toHaveValue(value);
    }
  };
  const label = (text: string, within: Page | Locator = page): Locator =>
    within.getByLabel(text, { exact: true });
  await fill(label('Resource group'), linkValue('resourceGroup'));
  await fill(label('Subscription (optional)'), null);
  await fill(label('AKS cluster name'), linkValue('hostName'));
  await fill(label('Location (optional)'), null);
  await fill(label('User-assigned identity name'), linkValue('identityName'));
  await fill(label('Client id (optional)'), null);
  await fill(label('Namespace'), linkValue('namespace'));
  await fill(label('Service account'), linkValue('serviceAccount'));
  await fill(label('Deployment'), linkValue('deployment'));
  await fill(label('Dapr app id'), linkValue('appId'));
  await fill(label('App port (optional)'), null);

  const keyVault = page.getByRole('region', { name: /^Azure Key Vault secret store/ });
  await fill(label('Component name', keyVault), null);
  await expect(label('Component name', keyVault)).toHaveValue('azurekeyvault');
  await fill(label('Key Vault name', keyVault), linkValue('m.vaultName'));
  await tab(page);
  await expect(keyVault.getByRole('radio', { name: /^Azure RBAC/ })).toBeFocused();
  await expect(keyVault.getByRole('radio', { name: /^Azure RBAC/ })).toBeChecked();

  const stateStore = page.getByRole('region', { name: /^Azure Blob Storage state store/ });
  await fill(label('Component name', stateStore), null);
  await fill(label('Storage account name', stateStore), linkValue('c2.m.accountName'));
  await fill(label('Blob container', stateStore), linkValue('c2.m.containerName'));
  // "More options": Space opens it, its optional field is left empty.
  await tab(page);
  const stateStoreMore = stateStore.locator('details.more-options');
  await expect(stateStoreMore.locator('summary')).toBeFocused();
  await page.keyboard.press('Space');
  await expect(stateStoreMore).toHaveAttribute('open', '');
  await fill(label('Container already exists', stateStore), null);

  const pubsub = page.getByRole('region', { name: /^Azure Service Bus topics pub\/sub/ });
  await fill(label('Component name', pubsub), null);
  await fill(label('Service Bus namespace host name', pubsub), linkValue('c3.m.namespaceName'));
  await tab(page);
  const existing = pubsub.getByRole('radio', { name: /^Use existing entities/ });
  await expect(existing).toBeFocused();
  await expect(existing).toBeChecked();
  // What the app does: publish only, the least grant, comes first.
  await tab(page);
  const publishOnly = pubsub.getByRole('radio', { name: /^Publish only/ });
  await expect(publishOnly).toBeFocused();
  await expect(publishOnly).toBeChecked();
  // Enter opens this one; the namespace lives in another resource group, set under "More options".
  await tab(page);
  const pubsubMore = pubsub.locator('details.more-options');
  await expect(pubsubMore.locator('summary')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(pubsubMore).toHaveAttribute('open', '');
  await fill(label('Subscription name (optional)', pubsub), null);
  await fill(label('Concurrent handlers (optional)', pubsub), null);
  await fill(label('Timeout (seconds) (optional)', pubsub), null);
  await fill(label('Resource group of its Azure resources (optional)', pubsub), linkValue('c3.rg'));
  await expectNoAxeViolations(page, 'Details with three components and "More options" open');
  await tab(page);
  await expect(back).toBeFocused();
  await tab(page);
  await expect(next).toBeFocused();
  await page.keyboard.press('Enter');

  // 5. Review: the outputs are the golden files, and the address bar holds the golden link (less the default host).
  await expect(stepHeading(page, 'Review')).toBeFocused();
  const review = form.locator('dl');
  await expect(review).toContainText('Microsoft Entra Workload ID');
  await expect(review.getByRole('listitem')).toHaveText([
    /^azurekeyvault: Azure Key Vault secret store/,
    /^statestore: Azure Blob Storage state store/,
    /^pubsub: Azure Service Bus topics pub\/sub/,
  ]);
  await expectGoldenOutputs(page, golden);
  expect(new URL(page.url()).hash).toBe(`#${golden.link.replace(/^host=aks&/, '')}`);
  expect(await tabTitles()).toEqual(TAB_TITLES);

  // Each output: select its tab with the arrow keys, Tab to its Copy button, press it, Shift+Tab back.
  await tab(page);
  await expect(back).toBeFocused();
  await tab(page);
  await expect(form.getByRole('button', { name: 'Start over' })).toBeFocused();
  await tab(page);
  await expect(page.getByRole('button', { name: 'Copy share link', exact: true })).toBeFocused();
  await tab(page);
  const readClipboard = (): Promise<string> => page.evaluate(() => navigator.clipboard.readText());
  const copiedFiles: string[] = [];
  for (const [index, title] of TAB_TITLES.entries()) {
    if (index > 0) await page.keyboard.press('ArrowRight');
    const outputTab = page.getByRole('tab', { name: title, exact: true });
    await expect(outputTab).toBeFocused();
    await expect(outputTab).toHaveAttribute('aria-selected', 'true');
    const panel = page.getByRole('tabpanel', { name: title, exact: true });
    await expect(panel).toBeVisible();
    const block = panel.locator('[data-output]');
    await expect(block).toHaveCount(1);
    const file = goldenFileOf({
      id: (await block.getAttribute('data-output')) ?? '',
      component: await block.getAttribute('data-component'),
    });
    await page.evaluate(() => navigator.clipboard.writeText('(nothing copied yet)'));
    await tab(page);
    const copy = panel.getByRole('button', { name: `Copy ${title}`, exact: true });
    await expect(copy).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(panel.getByRole('status')).toHaveText(`${title} copied to the clipboard`);
    const copied = await readClipboard();
    expect(copied, `clipboard after Copy ${title}`).toBe(await block.textContent());
    expect(withoutOriginText(copied), `clipboard after Copy ${title} against ${golden.name}/${file}`).toBe(
      withoutOriginText(golden.outputs[file] ?? ''),
    );
    copiedFiles.push(file);
    await shiftTab(page);
    await expect(outputTab).toBeFocused();
  }
  // Every golden file was copied once, and the page has no other block.
  expect([...copiedFiles].sort()).toEqual(Object.keys(golden.outputs).sort());
  expect(Object.keys(await outputTexts(page)).sort()).toEqual(Object.keys(golden.outputs).sort());
});
