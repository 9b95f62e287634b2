/**
 * The Bicep and Terraform tabs: their files (grants modules and the Web App sidecar included) load when a tab
 * first opens and match the golden files exactly;
 * "Download all" saves one .zip holding every output, each entry the golden text; the tab row takes Home/End.
 */
import { readFileSync } from 'node:fs';
import { unzipSync, strFromU8 } from 'fflate';
import type { Page } from '@playwright/test';
import { expect, outputTexts, scenario, test, withoutOriginText } from './fixtures';

test.describe.configure({ mode: 'parallel' });

const SCENARIOS = [
  'aca-user',
  'aks-workload',
  'three-components-aks',
  'grants-redis-cosmos',
  'vm-system',
  'webapp-user',
];

/** The text of every [data-output] block of the given ids, by id. */
async function blocks(page: Page, ids: readonly string[]): Promise<Record<string, string>> {
  const found: [string, string][] = await page
    .locator('[data-output]')
    .evaluateAll(
      (elements, wanted): [string, string][] =>
        elements
          .map((element): [string, string] => [
            element.getAttribute('data-output') ?? '',
            element.textContent ?? '',
          ])
          .filter(([id]) => wanted.includes(id)),
      ids,
    );
  return Object.fromEntries(found);
}

for (const name of SCENARIOS) {
  test(`${name}: the Bicep and Terraform tabs show the golden files`, async ({ page }) => {
    const golden = scenario(name);
    await page.goto(`/#${golden.link}`);
    // Nothing of the renderers is in the page before a tab opens.
    await expect(page.locator('[data-output="bicep"]')).toHaveCount(0);
    await page.getByRole('tab', { name: 'Bicep' }).click();
    await expect(page.getByText('az deployment group what-if', { exact: true })).toBeVisible();
    await expect
      .poll(() => blocks(page, ['bicep', 'bicep-parameters', 'terraform']))
      .toEqual({
        bicep: golden.iacOutputs['main.bicep'],
        'bicep-parameters': golden.iacOutputs['main.parameters.json'],
        terraform: golden.iacOutputs['main.tf'],
      });
    // Every block, the grants modules of other resource groups included, is its golden file.
    expect(
      Object.fromEntries(
        Object.entries(await outputTexts(page)).filter(([file]) => file.startsWith('module-')),
      ),
    ).toEqual(
      Object.fromEntries(Object.entries(golden.iacOutputs).filter(([file]) => file.startsWith('module-'))),
    );
    await page.getByRole('tab', { name: 'Terraform' }).click();
    await expect(page.locator('[data-output="terraform"]')).toBeVisible();
    await expect(page.getByText('terraform plan', { exact: true })).toBeVisible();
  });
}

test('Download all saves one zip with every output, each the golden text', async ({ page }) => {
  const golden = scenario('three-components-aks');
  await page.goto(`/#${golden.link}`);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download all (.zip)' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('dapr-identity.zip');
  const entries = unzipSync(new Uint8Array(readFileSync(await download.path())));
  const texts = Object.fromEntries(Object.entries(entries).map(([path, data]) => [path, strFromU8(data)]));
  const expected: Record<string, string | undefined> = {
    'components/azurekeyvault.yaml': golden.outputs['component-azurekeyvault.yaml'],
    'components/statestore.yaml': golden.outputs['component-statestore.yaml'],
    'components/pubsub.yaml': golden.outputs['component-pubsub.yaml'],
    'components/components.yaml': golden.outputs['components.yaml'],
    'setup-dapr-identity.sh': withoutOriginText(golden.outputs['setup.sh'] ?? ''),
    'teardown-dapr-identity.sh': withoutOriginText(golden.outputs['teardown.sh'] ?? ''),
    'components/serviceaccount.yaml': golden.outputs['k8s-serviceaccount.yaml'],
    'components/deployment-patch.yaml': golden.outputs['k8s-deployment-patch.yaml'],
    'infra/main.bicep': golden.iacOutputs['main.bicep'],
    'infra/main.parameters.json': golden.iacOutputs['main.parameters.json'],
    // Its Service Bus namespace is in another resource group: the grant is in a module there.
    'infra/modules/grants-rg-messaging.bicep': golden.iacOutputs['module-grants-rg-messaging.bicep'],
    'terraform/main.tf': golden.iacOutputs['main.tf'],
  };
  expect(Object.values(expected).every((text) => text !== undefined)).toBe(true);
  expect({
    ...texts,
    'setup-dapr-identity.sh': withoutOriginText(texts['setup-dapr-identity.sh'] ?? ''),
    'teardown-dapr-identity.sh': withoutOriginText(texts['teardown-dapr-identity.sh'] ?? ''),
  }).toEqual(expected);
});

test('the tab row moves with the arrow keys, Home and End, and keeps one tab focusable', async ({ page }) => {
  const golden = scenario('aca-user');
  await page.goto(`/#${golden.link}`);
  const first = page.getByRole('tab').first();
  await first.click();
  await page.keyboard.press('End');
  const terraform = page.getByRole('tab', { name: 'Terraform' });
  await expect(terraform).toBeFocused();
  await expect(terraform).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByRole('tab', { name: 'Bicep' })).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Home');
  await expect(first).toBeFocused();
  await expect(page.locator('[role="tab"][tabindex="0"]')).toHaveCount(1);
});
