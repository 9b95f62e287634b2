/** Copy puts exactly the block's text on the clipboard; the copied share link reopens to the same outputs. */
import { expect, expectGoldenOutputs, outputTexts, scenario, test } from './fixtures';

test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

const TAB_TITLES = {
  'component-yaml': 'Component YAML',
  'cli-bash': 'Azure CLI (Bash)',
  'k8s-manifests': 'Kubernetes',
} as const;

const golden = scenario('aks-workload-clientid-accesspolicy');

test('each Copy button copies its block exactly, and the share link reopens to the same outputs', async ({
  page,
  context,
}) => {
  await page.goto(`/#${golden.link}`);
  await expectGoldenOutputs(page, golden);
  const outputs = await outputTexts(page);
  const ids = Object.keys(TAB_TITLES) as (keyof typeof TAB_TITLES)[];
  // The scenario has every kind of output, so every Copy button is tried.
  expect(Object.keys(outputs).sort()).toEqual([...ids].sort());

  const readClipboard = (): Promise<string> => page.evaluate(() => navigator.clipboard.readText());
  for (const id of ids) {
    const title = TAB_TITLES[id];
    await page.evaluate(() => navigator.clipboard.writeText('(nothing copied yet)'));
    await page.getByRole('tab', { name: title }).click();
    const panel = page.getByRole('tabpanel', { name: title });
    await expect(panel).toBeVisible();
    await panel.getByRole('button', { name: `Copy ${title}`, exact: true }).click();
    await expect(panel.getByRole('status')).toHaveText(`${title} copied to the clipboard`);
    const copied = await readClipboard();
    expect(copied, `clipboard after Copy ${title}`).toBe(golden.outputs[id]);
    expect(copied).toBe(await panel.locator(`[data-output="${id}"]`).textContent());
  }

  await page.getByRole('button', { name: 'Copy share link', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Copy share link', exact: true })).toHaveText('Copied');
  const shareUrl = new URL(await readClipboard());
  expect(shareUrl.origin + shareUrl.pathname).toBe(new URL(page.url()).origin + '/');
  expect(shareUrl.hash).toBe(new URL(page.url()).hash);
  // Only the non-default values: the golden link's pairs, in any order, less host=aks (the default host).
  const pairs = (hash: string): string[] =>
    [...new URLSearchParams(hash.replace(/^#/, ''))].map(([key, value]) => `${key}=${value}`).sort();
  const shared = pairs(shareUrl.hash);
  expect(pairs(golden.link).filter((pair) => !shared.includes(pair))).toEqual(['host=aks']);
  expect(shared.filter((pair) => !pairs(golden.link).includes(pair))).toEqual([]);
  expect(shareUrl.hash).not.toContain('+');

  const reopened = await context.newPage();
  await reopened.goto(shareUrl.href);
  await expectGoldenOutputs(reopened, golden);
  await reopened.close();
});
