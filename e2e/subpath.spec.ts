/**
 * The published site: the build served under a sub-path (as GitHub Pages serves a project site), locked down
 * (CSP, no request to another origin) and usable offline after the first visit.
 */
import { expect, expectGoldenOutputs, scenario, test } from './fixtures';

// Like every e2e test, these fail on any request to another origin (see fixtures.ts).
const GOLDEN = scenario('three-components-aci');

test('the journey works under a sub-path: a share link reopens to the golden outputs', async ({ page }) => {
  await page.goto(`./#${GOLDEN.link}`);
  await expectGoldenOutputs(page, GOLDEN);
  expect(new URL(page.url()).pathname).toBe('/dapr-mi-wizard/');
  await page.reload();
  await expectGoldenOutputs(page, GOLDEN);
});

test('the built page carries a Content-Security-Policy, a referrer policy and social preview tags', async ({
  page,
}) => {
  await page.goto('./');
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(csp).toContain("script-src 'self'");
  expect(csp).not.toContain('unsafe-inline');
  expect(csp).not.toContain('unsafe-eval');
  await expect(page.locator('meta[name="referrer"]')).toHaveAttribute('content', 'no-referrer');
  await expect(page.locator('meta[property="og:image"]')).toHaveAttribute('content', /social-preview\.png$/);
  const image = await page.request.get('./social-preview.png');
  expect(image.ok()).toBe(true);
});

test('works offline after the first visit', async ({ page, context }) => {
  await page.goto(`./#${GOLDEN.link}`);
  await expectGoldenOutputs(page, GOLDEN);
  // The service worker has precached the build once it is active and controls the page.
  await page.evaluate(async () => {
    const registration = await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise<void>((resolve) =>
        navigator.serviceWorker.addEventListener('controllerchange', () => resolve()),
      );
    }
    return registration.scope;
  });
  await context.setOffline(true);
  await page.reload();
  await expectGoldenOutputs(page, GOLDEN);
  await context.setOffline(false);
});
