/** Every golden scenario's share link opens to exactly the scenario's outputs, and to no other output. */
import { expect, expectGoldenOutputs, SCENARIOS, test } from './fixtures';

// Independent tests: with more than one worker they may share the file.
test.describe.configure({ mode: 'parallel' });

test('there are golden scenarios to check', () => {
  expect(SCENARIOS.length).toBeGreaterThan(0);
});

for (const golden of SCENARIOS) {
  test(`share link of golden scenario ${golden.name} shows its outputs exactly`, async ({ page }) => {
    await page.goto(`/#${golden.link}`);
    await expectGoldenOutputs(page, golden);
    // A scenario without the script (a seed link) shows why, rather than a broken command.
    if (golden.outputs['setup.sh'] === undefined) {
      await expect(page.getByRole('tab', { name: 'Azure CLI (Bash)' })).toBeVisible();
      await expect(page.getByText(/^Azure CLI \(Bash\) appears once these are valid: /)).toBeAttached();
    }
  });
}
