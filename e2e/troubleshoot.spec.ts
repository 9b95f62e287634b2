/**
 * The troubleshooting view (troubleshoot.html): paste an error, find its entry, follow its links; deep
 * links open an entry; axe finds nothing in light and dark, on a desktop and a 360px phone; it works
 * offline after the first visit. Like every e2e test, these fail on a request to another origin.
 */
import { expect, expectNoAxeViolations, expectNoHorizontalOverflow, test } from './fixtures';
import type { Page } from '@playwright/test';

/** Key Vault's 403 on an access-policy vault, as a JSON log line (MicrosoftDocs/azure-docs#57072). */
const ACCESS_POLICY_ERROR =
  '2026-11-30T10:00:00Z level=error msg="{\\"error\\":{\\"code\\":\\"Forbidden\\",\\"message\\":\\"The user, group or application \'appid=;oid=;iss=https://sts.windows.net/t/\' does not have secrets get permission on key vault \'kv-orders;location=uksouth\'.\\"}}"';

const searchBox = (page: Page) => page.getByLabel('Paste an error or a log line');
const entries = (page: Page) => page.locator('article.trouble-entry:visible');

test('paste an error, see its entry first, and follow it to the wizard with the choice that prevents it', async ({
  page,
}) => {
  await page.goto('./troubleshoot.html');
  await expect(page.getByRole('heading', { level: 1, name: 'Troubleshooting' })).toBeVisible();
  await expect(page.getByRole('status')).toContainText('All');
  const before = page.url();

  await searchBox(page).fill(ACCESS_POLICY_ERROR);
  await expect(page.getByRole('status')).toContainText('match');
  const first = entries(page).first();
  await expect(first).toHaveAttribute('id', 'kv-vault-uses-access-policies');
  await expect(first.getByRole('heading', { level: 2 })).toHaveText(/access policies/);
  // What was pasted never reaches the address.
  expect(page.url()).toBe(before);

  // The entry's own deep link.
  await first.getByRole('link', { name: /access policies/ }).click();
  await expect(page).toHaveURL(/troubleshoot\.html#kv-vault-uses-access-policies$/);
  await expect(first).toHaveAttribute('data-highlighted', 'true');
  await expect(first).toBeFocused();

  // The wizard, opened with the choice that prevents the error.
  await first.getByRole('link', { name: 'Open the wizard with this choice' }).click();
  await expect(page).toHaveURL(/\/#kvModel=accesspolicy$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Dapr Managed Identity Wizard' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: '1. Host' })).toBeVisible();
});

test('a deep link opens its entry, scrolled into view and highlighted, even when a search hid it', async ({
  page,
}) => {
  await page.goto('./troubleshoot.html#aks-dapr-not-installed');
  const entry = page.locator('#aks-dapr-not-installed');
  await expect(entry).toHaveAttribute('data-highlighted', 'true');
  await expect(entry).toBeFocused();
  await expect(entry).toBeInViewport();
  await expect(page.locator('[data-highlighted]')).toHaveCount(1);

  // A search that hides the entry, then a link to it: the search clears and the entry shows.
  await searchBox(page).fill("ERROR: Please run 'az login' to setup account.");
  await expect(entries(page)).toHaveCount(1);
  await expect(entry).toBeHidden();
  await page.evaluate(() => {
    window.location.hash = 'postgres-entra-auth-off';
  });
  await expect(page.locator('#postgres-entra-auth-off')).toBeFocused();
  await expect(searchBox(page)).toHaveValue('');
  await expect(page.locator('[data-highlighted]')).toHaveAttribute('id', 'postgres-entra-auth-off');
});

test('words find entries when no error text matches, and nonsense finds none', async ({ page }) => {
  await page.goto('./troubleshoot.html');
  await searchBox(page).fill('redis');
  await expect(page.getByRole('status')).toContainText('these words');
  // Entries with the word in their title come first (the Redis cache's Entra sign-in and its access policies).
  await expect(entries(page).first().getByRole('heading')).toContainText('Redis');
  await expect(page.locator('#redis-entra-auth-refused')).toBeVisible();
  await searchBox(page).fill('zzzz qqqq');
  await expect(entries(page)).toHaveCount(0);
  await expect(page.getByRole('status')).toContainText('No entry matches');
});

test('the wizard’s header links to the view', async ({ page }) => {
  await page.goto('./');
  await page.getByRole('link', { name: /Troubleshooting/ }).click();
  await expect(page).toHaveURL(/troubleshoot\.html$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Troubleshooting' })).toBeVisible();
});

test('the view carries the same Content-Security-Policy as the wizard', async ({ page }) => {
  await page.goto('./troubleshoot.html');
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(csp).toContain("script-src 'self'");
  expect(csp).not.toContain('unsafe-inline');
  await expect(page.locator('meta[name="referrer"]')).toHaveAttribute('content', 'no-referrer');
});

for (const theme of ['light', 'dark'] as const) {
  test(`axe finds no violations in ${theme} mode, with all entries and with a search`, async ({ page }) => {
    // axe reads every entry of the page: slow on a busy 2-core machine.
    test.setTimeout(120_000);
    await page.emulateMedia({ colorScheme: theme });
    await page.goto('./troubleshoot.html#kv-forbidden-by-rbac');
    await page.getByLabel('Theme').selectOption(theme);
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    await expectNoAxeViolations(page, `troubleshooting view, ${theme}, all entries`);
    await searchBox(page).fill(ACCESS_POLICY_ERROR);
    await expectNoAxeViolations(page, `troubleshooting view, ${theme}, a search`);
  });
}

test.describe('mobile, 360px wide', () => {
  test.use({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });

  test('nothing is wider than the screen, and axe finds nothing', async ({ page }) => {
    test.setTimeout(120_000);
    await page.goto('./troubleshoot.html');
    await expectNoHorizontalOverflow(page, 'troubleshooting view, all entries');
    await expectNoAxeViolations(page, 'troubleshooting view on a phone');
    await page.goto('./troubleshoot.html#postgres-entra-auth-off');
    await expect(page.locator('#postgres-entra-auth-off')).toBeInViewport();
    await expectNoHorizontalOverflow(page, 'troubleshooting view, a deep link');
  });
});

test('works offline after the first visit', async ({ page, context }) => {
  await page.goto('./troubleshoot.html');
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise<void>((resolve) =>
        navigator.serviceWorker.addEventListener('controllerchange', () => resolve()),
      );
    }
  });
  await context.setOffline(true);
  await page.goto('./troubleshoot.html#tool-not-found');
  await expect(page.locator('#tool-not-found')).toBeFocused();
  await searchBox(page).fill('bash: psql: command not found');
  await expect(entries(page).first()).toHaveAttribute('id', 'tool-not-found');
  await context.setOffline(false);
});
