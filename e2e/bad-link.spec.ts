/** A share link with a bad value shows the field's message beside it and no script until it is fixed. */
import { expect, expectNoAxeViolations, nextUntil, stepHeading, test } from './fixtures';

const RESOURCE_GROUP_RULE = "1-90 letters, digits, '-', '_', '.', '(' or ')', not ending in '.'.";

test('a bad text value is flagged on Details, and typing a valid one brings the script', async ({ page }) => {
  await page.goto('/#host=vm&resourceGroup=bad%20name!&hostName=vm1');
  const script = page.locator('[data-output="cli-bash"]');
  const pending = page.getByText('Azure CLI (Bash) appears once these are valid: Resource group.');
  // The component is made from valid fields only, so it is there; the script waits for the resource group.
  await expect(page.locator('[data-output="component-yaml"]')).toHaveCount(1);
  await expect(script).toHaveCount(0);
  await page.getByRole('tab', { name: 'Azure CLI (Bash)' }).click();
  await expect(pending).toBeVisible();

  await nextUntil(page, 'Details');
  const resourceGroup = page.getByLabel('Resource group', { exact: true });
  await expect(resourceGroup).toHaveValue('bad name!');
  await expect(resourceGroup).toHaveAttribute('aria-invalid', 'true');
  await expect(resourceGroup).toHaveAccessibleDescription(new RegExp(escapeRegExp(RESOURCE_GROUP_RULE)));
  const message = page.locator('.field').filter({ has: resourceGroup }).getByText(RESOURCE_GROUP_RULE);
  await expect(message).toBeVisible();
  // Only that field is flagged.
  await expect(page.getByLabel('VM name', { exact: true })).toHaveValue('vm1');
  await expect(page.getByLabel('VM name', { exact: true })).not.toHaveAttribute('aria-invalid');
  await expectNoAxeViolations(page, 'Details with a bad value');

  // Next refuses the step and puts focus on the bad field.
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(stepHeading(page, 'Details')).toBeVisible();
  await expect(resourceGroup).toBeFocused();

  await resourceGroup.clear();
  await resourceGroup.pressSequentially('rg-orders');
  await expect(script).toHaveCount(1);
  await expect(script).toContainText('rg-orders');
  await expect(script).not.toContainText('bad name');
  await expect(pending).toHaveCount(0);
  await resourceGroup.press('Tab');
  await expect(resourceGroup).not.toHaveAttribute('aria-invalid');
  await expect(message).toHaveCount(0);
  await expect(page).toHaveURL(/#host=vm&resourceGroup=rg-orders&hostName=vm1$/);
});

test('a bad choice in the link is reported beside the choice, and choosing one clears it', async ({
  page,
}) => {
  await page.goto('/#host=nope');
  await expect(stepHeading(page, 'Host')).toBeVisible();
  const hostGroup = page.getByRole('group', { name: 'Where does your Dapr app run?' });
  const message =
    'The link\'s host "nope" is not one of: aks, aca, webapp, functionapp, vm, vmss, aci. Kept aks.';
  await expect(hostGroup.getByText(message)).toBeVisible();
  await expect(hostGroup).toHaveAccessibleDescription(message);
  // The default is kept, with its example values: the script stops before any change.
  await expect(page.getByRole('radio', { name: /^Azure Kubernetes Service \(AKS\)/ })).toBeChecked();
  await expect(page.locator('[data-output="cli-bash"]')).toContainText('Stopped before any change');
  await expectNoAxeViolations(page, 'Host with a bad link value');

  await page.getByRole('radio', { name: /^Virtual Machine Dapr runs/ }).check();
  await expect(hostGroup.getByText(message)).toHaveCount(0);
  await expect(page).toHaveURL(/#host=vm$/);
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
