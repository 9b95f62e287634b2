/**
 * The troubleshooting view under a sub-path (the `subpath` project, as GitHub Pages serves a project
 * site): its relative URLs load, a deep link opens its entry, and its wizard link stays under the sub-path.
 */
import { expect, test } from './fixtures';

test('the troubleshooting view works under a sub-path, and links back into it', async ({ page }) => {
  await page.goto('./troubleshoot.html#kv-vault-uses-rbac');
  const entry = page.locator('#kv-vault-uses-rbac');
  await expect(entry).toBeFocused();
  await expect(entry).toHaveAttribute('data-highlighted', 'true');
  const wizardLink = entry.getByRole('link', { name: 'Open the wizard with this choice' });
  // Azure RBAC is the wizard's default, so the wizard drops it from the address once it opens.
  await expect(wizardLink).toHaveAttribute('href', './#kvModel=rbac');
  await wizardLink.click();
  await expect(page.getByRole('heading', { level: 1, name: 'Dapr Managed Identity Wizard' })).toBeVisible();
  expect(new URL(page.url()).pathname).toBe('/dapr-mi-wizard/');
});
