/**
 * The first view is in index.html (prerendered at build time) and the page hydrates it: the wizard shows
 * before any script runs, hydration adopts that HTML without a mismatch (no node of it replaced, no error or
 * warning in the console), a share link never shows the prerendered default view, and the service worker
 * serves the prerendered page offline. Like every e2e test, these also fail on console errors, page errors
 * and requests to other origins (fixtures.ts).
 */
import type { Page } from '@playwright/test';
import { expect, expectGoldenOutputs, scenario, stepHeading, test } from './fixtures';

const LINKED = scenario('three-components-vm');
const LINKED_HOST = new URLSearchParams(LINKED.link).get('host');

/** Every console message of type error or warning, and every page error, from now on. */
function consoleComplaints(page: Page): string[] {
  const complaints: string[] = [];
  page.on('console', (message) => {
    if (['error', 'warning'].includes(message.type()))
      complaints.push(`${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => complaints.push(`page error: ${error.message}`));
  return complaints;
}

/**
 * Before the page's own scripts: records every node removed from inside #root (hydration keeps the
 * prerendered nodes; a render that replaced them, as React does after a mismatch, removes them), and at each
 * animation frame while #root is visible, the host choice it shows.
 */
async function watchRoot(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const record = window as unknown as { removedFromRoot: string[]; hostsShown: string[] };
    record.removedFromRoot = [];
    record.hostsShown = [];
    new MutationObserver((mutations) => {
      for (const mutation of mutations) {
        const root = document.getElementById('root');
        if (!root || !(mutation.target === root || root.contains(mutation.target))) continue;
        for (const node of Array.from(mutation.removedNodes)) {
          record.removedFromRoot.push(node.nodeName + (node.textContent ?? '').slice(0, 60));
        }
      }
    }).observe(document, { childList: true, subtree: true });
    const frame = (): void => {
      const root = document.getElementById('root');
      if (root && getComputedStyle(root).visibility === 'visible' && root.childElementCount > 0) {
        const checked = root.querySelector<HTMLInputElement>('input[name="host"]:checked');
        record.hostsShown.push(checked?.value ?? 'none');
      }
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  });
}

const recorded = (page: Page) =>
  page.evaluate(() => {
    const record = window as unknown as { removedFromRoot: string[]; hostsShown: string[] };
    return { removed: record.removedFromRoot, hosts: [...new Set(record.hostsShown)] };
  });

test('the page shows the wizard and its output before any script runs', async ({ browser, baseURL }) => {
  const context = await browser.newContext({ javaScriptEnabled: false, baseURL });
  const page = await context.newPage();
  await page.goto('./');
  await expect(stepHeading(page, 'Host')).toBeVisible();
  await expect(page.getByRole('radio', { name: /Azure Kubernetes Service/ })).toBeChecked();
  await expect(page.getByRole('radio', { name: /Azure \(public cloud\)/ })).toBeChecked();
  await expect(page.getByRole('heading', { level: 2, name: 'Your files' })).toBeVisible();
  await expect(page.getByRole('tab', { name: 'Azure CLI (Bash)' })).toBeVisible();
  await context.close();
});

test('the page hydrates its prerendered view: no node replaced, nothing in the console', async ({ page }) => {
  const complaints = consoleComplaints(page);
  await watchRoot(page);
  const generator = page.waitForResponse(/\/assets\/LiveOutput-[^/]*\.js$/);
  await page.goto('./');
  await generator;
  await page.waitForLoadState('networkidle');
  await expect(stepHeading(page, 'Host')).toBeVisible();
  expect((await recorded(page)).removed).toEqual([]);
  expect(complaints).toEqual([]);
  // Hydrated, the form drives the output: another host changes the files offered.
  await expect(page.getByRole('tab', { name: 'Deployment patch' })).toBeVisible();
  await page.getByText('Virtual Machine', { exact: true }).click();
  await expect(page.getByRole('tab', { name: 'Deployment patch' })).toHaveCount(0);
  expect((await recorded(page)).hosts).toEqual(['aks', 'vm']);
});

test("the page's script is requested only once the prerendered view has painted", async ({ page }) => {
  const entry = page.waitForResponse(/\/assets\/main-[^/]*\.js$/);
  await page.goto('./');
  await entry;
  const timing = await page.evaluate(() => ({
    contentfulPaint: performance.getEntriesByName('first-contentful-paint')[0]?.startTime,
    scripts: performance
      .getEntriesByType('resource')
      .filter((resource) => /\/assets\/[^/]*\.js$/.test(resource.name))
      .map((resource) => resource.startTime),
  }));
  expect(timing.contentfulPaint).toBeGreaterThan(0);
  expect(timing.scripts.length).toBeGreaterThan(0);
  // public/boot.js adds the module script and its preloads from index.html's template after that paint.
  for (const start of timing.scripts)
    expect(start).toBeGreaterThanOrEqual(timing.contentfulPaint ?? Infinity);
  await expect(page.getByRole('tab', { name: 'Deployment patch' })).toBeVisible();
});

/**
 * Holds the page's module scripts unanswered until the returned function is called: until then the page is
 * its HTML and public/boot.js, as on a slow connection.
 */
async function holdScripts(page: Page): Promise<() => Promise<void>> {
  const held: (() => Promise<void>)[] = [];
  let released = false;
  await page.route(/\/assets\/.*\.js$/, async (route) => {
    if (released) await route.continue();
    else held.push(() => route.continue());
  });
  return async () => {
    released = true;
    await Promise.all(held.splice(0).map((release) => release()));
  };
}

test('a click on Next before the script has run opens the next step once it has, without a page load', async ({
  page,
}) => {
  const release = await holdScripts(page);
  await page.goto('./');
  await expect(stepHeading(page, 'Host')).toBeVisible();
  const address = page.url();
  let navigated = false;
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame()) navigated = true;
  });
  // The form's Next is a submit button: the browser alone would submit the form (a page load).
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(stepHeading(page, 'Host')).toBeVisible();
  await release();
  await expect(stepHeading(page, 'Identity')).toBeVisible();
  expect(navigated).toBe(false);
  expect(page.url().split('#')[0]).toBe(address.split('#')[0]);
});

test('a choice made before the script has run is the one the live page uses', async ({ page }) => {
  const release = await holdScripts(page);
  await page.goto('./');
  await page.getByText('Virtual Machine', { exact: true }).click();
  const vm = page.locator('input[name="host"][value="vm"]');
  await expect(vm).toBeChecked();
  await release();
  // The output follows the choice (AKS's Deployment patch goes), and the choice stays made.
  await expect(page.getByRole('tab', { name: 'Deployment patch' })).toHaveCount(0);
  await expect(vm).toBeChecked();
  await expect(page).toHaveURL(/host=vm/);
});

test('a preset followed before the script has run is the state the live page opens', async ({ page }) => {
  const release = await holdScripts(page);
  await page.goto('./');
  await page
    .getByRole('region', { name: 'Start from a preset' })
    .getByRole('link', { name: 'Container Apps + Key Vault + Service Bus' })
    .click();
  await expect(page).toHaveURL(/#host=aca&/);
  await release();
  await expect(page.getByRole('radio', { name: /^Azure Container Apps/ })).toBeChecked();
  await expect(page.getByRole('tab', { name: 'Azure CLI (Bash)' })).toBeVisible();
  await expect(page).toHaveURL(/#host=aca&/);
});

test('a share link opens its own state, never showing the prerendered default', async ({ page }) => {
  const complaints = consoleComplaints(page);
  await watchRoot(page);
  await page.goto(`./#${LINKED.link}`);
  await expectGoldenOutputs(page, LINKED);
  await expect(page.locator('#root')).toBeVisible();
  // Every frame in which the wizard was visible showed the link's host, never the prerendered default.
  expect((await recorded(page)).hosts).toEqual([LINKED_HOST]);
  expect(complaints).toEqual([]);
});

test('with a share link, the prerendered view stays hidden until the page has rendered the link', async ({
  page,
}) => {
  // The page's own module scripts never arrive (held unanswered): what shows is what the HTML and
  // public/boot.js make of it.
  await page.route(/\/assets\/.*\.js$/, () => undefined);
  await page.goto(`./#${LINKED.link}`, { waitUntil: 'commit' });
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.locator('#root')).toBeHidden();
  await expect(stepHeading(page, 'Host')).toBeHidden();
});

test('offline, the service worker serves the prerendered page, which hydrates', async ({ page, context }) => {
  const complaints = consoleComplaints(page);
  await page.goto('./');
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise<void>((resolve) =>
        navigator.serviceWorker.addEventListener('controllerchange', () => resolve()),
      );
    }
  });
  await context.setOffline(true);
  await watchRoot(page);
  await page.reload();
  await page.waitForLoadState('networkidle');
  await expect(stepHeading(page, 'Host')).toBeVisible();
  await expect(page.getByRole('tab', { name: 'Deployment patch' })).toBeVisible();
  expect((await recorded(page)).removed).toEqual([]);
  await page.getByText('Virtual Machine', { exact: true }).click();
  await expect(page.getByRole('tab', { name: 'Deployment patch' })).toHaveCount(0);
  expect(complaints).toEqual([]);
  await context.setOffline(false);
});

test.describe('on a phone, the files are made again only when about to be read', () => {
  test.use({ viewport: { width: 360, height: 740 } });
  const script = (page: Page) => page.locator('[data-output="cli-bash"]');
  const today = (): string => new Date().toISOString().slice(0, 10);

  test('the prerendered script shows until the panel scrolls into view, then the one with its origin lines', async ({
    page,
  }) => {
    const generator = page.waitForResponse(/\/assets\/LiveOutput-[^/]*\.js$/);
    await page.goto('./');
    await generator;
    await page.waitForLoadState('networkidle');
    // Hydrated (the form drives the page), and the panel below the form not yet in view: the build's text.
    await expect(stepHeading(page, 'Host')).toBeVisible();
    await expect(script(page)).toContainText('#!/usr/bin/env bash');
    await expect(script(page)).not.toContainText('Generated on');
    await page.getByRole('heading', { level: 2, name: 'Your files' }).scrollIntoViewIfNeeded();
    await expect(script(page)).toContainText(`Generated on ${today()}`);
  });

  test('a share link renders its files at once, though the panel is below the form', async ({ page }) => {
    await page.goto('./#appId=orders-app');
    await expect(stepHeading(page, 'Host')).toBeVisible();
    // Rendered in the browser alone, the page has no build's text to keep: the blocks hold the link's files.
    await expect(script(page)).toContainText('orders-app');
    await expect(script(page)).toContainText(`Generated on ${today()}`);
  });

  test('a click with no press before it, as a screen reader makes it, makes them too', async ({ page }) => {
    await page.goto('./');
    await page.waitForLoadState('networkidle');
    await expect(stepHeading(page, 'Host')).toBeVisible();
    await expect(script(page)).not.toContainText('Generated on');
    await page.getByRole('tab', { name: 'Azure CLI (Bash)' }).dispatchEvent('click');
    await expect(script(page)).toContainText(`Generated on ${today()}`);
  });

  test('back to the prerendered values with the Back button, the blocks keep the browser text', async ({
    page,
  }) => {
    await page.goto('./');
    await page.waitForLoadState('networkidle');
    await expect(stepHeading(page, 'Host')).toBeVisible();
    await page.evaluate(() => {
      window.location.hash = 'appId=orders-app';
    });
    await expect(script(page)).toContainText('orders-app');
    await page.goBack();
    await expect(page).toHaveURL(/\/$/);
    await expect(script(page)).toContainText('#!/usr/bin/env bash');
    await expect(script(page)).not.toContainText('orders-app');
  });

  test('a press makes them before a Copy can read them, and Copy gives what shows', async ({
    page,
    context,
  }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.goto('./');
    await page.waitForLoadState('networkidle');
    await expect(stepHeading(page, 'Host')).toBeVisible();
    await expect(script(page)).not.toContainText('Generated on');
    await page.getByRole('tab', { name: 'Azure CLI (Bash)' }).click();
    await page.getByRole('button', { name: 'Copy Azure CLI (Bash)', exact: true }).click();
    await expect(script(page)).toContainText(`Generated on ${today()}`);
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toBe(await script(page).textContent());
  });
});
