/** Copy puts exactly the block's text on the clipboard; the copied share link reopens to the same outputs. */
import { expect, expectGoldenOutputs, goldenFileOf, scenario, test, withoutOriginText } from './fixtures';

test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

/** Tab title -> the golden file its block holds; one component, so its tab is "Component YAML". */
const TABS = {
  'Component YAML': 'component-azurekeyvault.yaml',
  'Azure CLI (Bash)': 'setup.sh',
  ServiceAccount: 'k8s-serviceaccount.yaml',
  'Deployment patch': 'k8s-deployment-patch.yaml',
  'Teardown (Bash)': 'teardown.sh',
} as const;

const golden = scenario('aks-workload-clientid-accesspolicy');

test('each Copy button copies its block exactly, and the share link reopens to the same outputs', async ({
  page,
  context,
}) => {
  await page.goto(`/#${golden.link}`);
  await expectGoldenOutputs(page, golden);
  // The scenario has every kind of output a one-component configuration has, so every Copy button is tried.
  expect(Object.keys(golden.outputs).sort()).toEqual(Object.values(TABS).sort());
  // The Bicep and Terraform tabs come last; e2e/iac.spec.ts checks their files.
  expect(await page.getByRole('tab').allTextContents()).toEqual([...Object.keys(TABS), 'Bicep', 'Terraform']);

  const readClipboard = (): Promise<string> => page.evaluate(() => navigator.clipboard.readText());
  for (const [title, file] of Object.entries(TABS)) {
    await page.evaluate(() => navigator.clipboard.writeText('(nothing copied yet)'));
    await page.getByRole('tab', { name: title, exact: true }).click();
    const panel = page.getByRole('tabpanel', { name: title, exact: true });
    await expect(panel).toBeVisible();
    const block = panel.locator('[data-output]');
    await expect(block).toHaveCount(1);
    const id = (await block.getAttribute('data-output')) ?? '';
    expect(goldenFileOf({ id, component: await block.getAttribute('data-component') })).toBe(file);
    await panel.getByRole('button', { name: `Copy ${title}`, exact: true }).click();
    await expect(panel.getByRole('status')).toHaveText(`${title} copied to the clipboard`);
    const copied = await readClipboard();
    expect(withoutOriginText(copied), `clipboard after Copy ${title}`).toBe(
      withoutOriginText(golden.outputs[file] ?? ''),
    );
    expect(copied).toBe(await block.textContent());
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
