import { expect, expectNoAxeViolations, scenario, stepHeading, test } from './fixtures';

test('Review says what the setup will change, as the portal’s Review + create does', async ({ page }) => {
  await page.goto(`/#${scenario('vm-user-accesspolicy').link}`);
  await page
    .getByRole('navigation', { name: 'Steps' })
    .getByRole('button', { name: /^5 Review/ })
    .click();
  await expect(stepHeading(page, 'Review')).toBeFocused();
  const changes = page.getByRole('region', { name: 'What the setup will change' });
  await expect(changes.getByRole('heading', { name: 'Identity' })).toBeVisible();
  await expect(
    changes.getByText(
      'Creates the user-assigned identity id-orders (resource group rg-orders) unless it exists (an existing one is kept as it is).',
    ),
  ).toBeVisible();
  await expect(
    changes.getByText('Attaches it to the VM vm-orders (resource group rg-orders).'),
  ).toBeVisible();
  await expect(
    changes.getByText(
      'Key Vault access policy secret-permissions get, list on the Key Vault kv-orders (for azurekeyvault).',
    ),
  ).toBeVisible();
  await expect(
    changes.getByText('components/azurekeyvault.yaml: the Azure Key Vault secret store component'),
  ).toBeVisible();
  await expectNoAxeViolations(page, 'Review with its list of changes');
});
