/**
 * Re-running a setup script is safe: for every golden scenario, setup.sh runs twice against the fake cloud
 * (src/test-support/fake-cloud), seeded with what its plan expects to find. Both runs must succeed, and the
 * second must change nothing in Azure, the cluster or the databases.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseShareLink } from '../model/url-state';
import { removeFakeCloudRuns, runWithFakeCloud } from '../test-support/fake-cloud/run';
import { EXAMPLE_VALUES_STOP } from '../test-support/fake-cloud/example-values-stop';
import { seedFromPlan } from '../test-support/fake-cloud/seed-from-plan';
import { loadGoldenScenarios } from '../test-support/golden';
import { buildPlan } from './plan/build-plan';

afterAll(removeFakeCloudRuns);

/** Two runs of up to a hundred stand-in calls each, on a machine shared with other test runs. */
const RUN_TWICE_TIMEOUT_MS = 240_000;

const scenarios = loadGoldenScenarios().flatMap((scenario) => {
  const script = scenario.outputs['setup.sh'];
  return script === undefined ? [] : [{ name: scenario.name, link: scenario.link, script }];
});

describe('setup.sh run twice', () => {
  it('covers every golden scenario that has a setup script', () => {
    expect(scenarios.length).toBeGreaterThan(20);
  });

  for (const scenario of scenarios) {
    it(
      `${scenario.name}: the second run succeeds and changes nothing`,
      () => {
        const plan = buildPlan(parseShareLink('', scenario.link).config);
        const first = runWithFakeCloud(scenario.script, seedFromPlan(plan));
        if (scenario.script.includes(EXAMPLE_VALUES_STOP)) {
          // A link that keeps example values: the script stops first, calling nothing, run after run.
          expect(first.status).toBe(1);
          expect(first.stderr).toContain(EXAMPLE_VALUES_STOP);
          expect(first.calls).toEqual([]);
          return;
        }
        expect(first.status, `first run failed:\n${first.stderr}`).toBe(0);
        // The same directory: a user re-runs the script where the first run wrote its files.
        const second = runWithFakeCloud(scenario.script, first.stateAfter, { workDir: first.workDir });
        expect(second.status, `second run failed:\n${second.stderr}`).toBe(0);
        expect(second.stateAfter).toEqual(first.stateAfter);
      },
      RUN_TWICE_TIMEOUT_MS,
    );
  }
});
