/**
 * Hostile and malformed share links: the wizard opens without a page error (the fixture fails the test on
 * any console error or page error), says beside the affected field or choice what is wrong, and shows no
 * Azure CLI script while a value is invalid.
 */
import type { Page } from '@playwright/test';
import { expect, nextUntil, stepHeading, test } from './fixtures';

/** A complete VM configuration: with it alone the page shows the script. */
const VALID_VM = 'host=vm&resourceGroup=rg-orders&hostName=vm1';

const RULES = {
  resourceGroup: "1-90 letters, digits, '-', '_', '.', '(' or ')', not ending in '.'.",
  keyVaultName:
    "3-24 letters, digits or '-', starting with a letter, ending with a letter or digit, no '--'.",
};

const script = (page: Page) => page.locator('[data-output="cli-bash"]');

/** Fails the test if the page opens a dialog, e.g. from markup in a link that got executed. */
function failOnDialog(page: Page): void {
  page.on('dialog', (dialog) => {
    throw new Error(`unexpected ${dialog.type()} dialog: ${dialog.message()}`);
  });
}

test('the valid link the others are built on shows the script', async ({ page }) => {
  await page.goto(`/#${VALID_VM}`);
  await expect(script(page)).toHaveCount(1);
});

/** Text values that are not valid: each is flagged on Details, and no script is written. */
const BAD_TEXT = [
  {
    name: 'a shell command as the vault name',
    link: `${VALID_VM}&m.vaultName=${encodeURIComponent('$(rm -rf ~)')}`,
    label: 'Key Vault name',
    value: '$(rm -rf ~)',
    rule: RULES.keyVaultName,
  },
  {
    name: 'the same command unencoded',
    link: `${VALID_VM}&m.vaultName=$(rm -rf ~)`,
    label: 'Key Vault name',
    value: '$(rm -rf ~)',
    rule: RULES.keyVaultName,
  },
  {
    name: 'a 50 kB value, cut to 1000 characters',
    link: `host=vm&hostName=vm1&resourceGroup=${'a'.repeat(50_000)}`,
    label: 'Resource group',
    value: 'a'.repeat(1000),
    rule: RULES.resourceGroup,
  },
  {
    name: 'broken percent-encoding',
    link: 'host=vm&hostName=vm1&resourceGroup=%E0%A4%A',
    label: 'Resource group',
    // The cut UTF-8 sequence reads as one replacement character; the rest stays as typed.
    value: '\uFFFD%A',
    rule: RULES.resourceGroup,
  },
  {
    name: 'markup as the resource group',
    link: `host=vm&hostName=vm1&resourceGroup=${encodeURIComponent('<img src=x onerror=alert(1)>')}`,
    label: 'Resource group',
    value: '<img src=x onerror=alert(1)>',
    rule: RULES.resourceGroup,
  },
];

for (const bad of BAD_TEXT) {
  test(`${bad.name}: flagged beside its field, no script`, async ({ page }) => {
    failOnDialog(page);
    await page.goto(`/#${bad.link}`);
    await expect(stepHeading(page, 'Host')).toBeVisible();
    await expect(script(page)).toHaveCount(0);
    await page.getByRole('tab', { name: 'Azure CLI (Bash)' }).click();
    await expect(page.getByText(/Azure CLI \(Bash\) appears once these are valid:/)).toBeVisible();

    await nextUntil(page, 'Details');
    const field = page.getByLabel(bad.label, { exact: true });
    await expect(field).toHaveValue(bad.value);
    await expect(field).toHaveAttribute('aria-invalid', 'true');
    await expect(field).toHaveAccessibleDescription(new RegExp(escapeRegExp(bad.rule)));
    await expect(page.locator('.field').filter({ has: field }).getByText(bad.rule)).toBeVisible();
    await expect(script(page)).toHaveCount(0);
    await expect(page.locator('img[src="x"]')).toHaveCount(0);
  });
}

test('bad values for choices are reported beside each choice, on its step', async ({ page }) => {
  failOnDialog(page);
  // A number for the host, a boolean for the identity, a bad permission model and version.
  await page.goto('/#host=1&identity=true&kvModel=2&version=v9');
  const kept = (key: string, value: string, allowed: string, keptValue: string): string =>
    `The link's ${key} "${value}" is not one of: ${allowed}. Kept ${keptValue}.`;

  const hostGroup = page.getByRole('group', { name: 'Where does your Dapr app run?' });
  const hostMessage = kept('host', '1', 'aks, aca, webapp, functionapp, vm, vmss, aci', 'aks');
  await expect(hostGroup.getByText(hostMessage)).toBeVisible();
  await expect(hostGroup).toHaveAccessibleDescription(hostMessage);
  await expect(page.getByRole('radio', { name: /^Azure Kubernetes Service \(AKS\)/ })).toBeChecked();

  await nextUntil(page, 'Identity');
  await expect(page.getByText(kept('identity', 'true', 'system, user', 'system'))).toBeVisible();

  await nextUntil(page, 'Components');
  await expect(page.getByText(kept('version', 'v9', 'v1', 'v1'))).toBeVisible();

  await nextUntil(page, 'Details');
  const model = page.getByRole('group', { name: 'Key Vault permission model' });
  const modelMessage = kept('kvModel', '2', 'rbac, accesspolicy', 'rbac');
  await expect(model.getByText(modelMessage)).toBeVisible();
  await expect(model).toHaveAccessibleDescription(modelMessage);
  // The kept defaults hold example values: the script stops before any change.
  await expect(script(page)).toContainText('Stopped before any change');
});

test('markup as a component type is shown as text and the component is left out', async ({ page }) => {
  failOnDialog(page);
  const markup = '<script>alert(1)</script>';
  await page.goto(`/#${VALID_VM}&c2.component=${encodeURIComponent(markup)}&c2.name=x`);
  await nextUntil(page, 'Components');
  await expect(
    page.getByText(`The link's c2.component "${markup}" is not one of:`, { exact: false }),
  ).toBeVisible();
  await expect(
    page.getByRole('list', { name: 'Components in this configuration' }).getByRole('listitem'),
  ).toHaveCount(1);
  // Only the bundle's own scripts: none came from the link.
  await expect(page.locator('script:not([src])')).toHaveCount(0);
});

test('unknown keys, prototype keys and components past the last are ignored', async ({ page }) => {
  await page.goto(
    `/#${VALID_VM}&evil=1&__proto__=x&constructor=y&c2.__proto__=z&m.__proto__=1&m.azureTenantId=t&c999.component=state.redis`,
  );
  await expect(script(page)).toHaveCount(1);
  await expect(script(page)).not.toContainText('azureTenantId');
  await expect(script(page)).not.toContainText('state.redis');
  await expect(page).toHaveURL(new RegExp(`#${escapeRegExp(VALID_VM)}$`));
});

for (const hash of ['#%', '#', '#&&&', '#=', '#%%%%E0']) {
  test(`the link ${hash} opens the wizard with its defaults`, async ({ page }) => {
    await page.goto(`/${hash}`);
    await expect(stepHeading(page, 'Host')).toBeVisible();
    await expect(page.getByRole('radio', { name: /^Azure Kubernetes Service \(AKS\)/ })).toBeChecked();
    await expect(page.locator('.field-error')).toHaveCount(0);
  });
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
