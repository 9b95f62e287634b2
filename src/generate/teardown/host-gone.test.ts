/**
 * A host with a system-assigned identity deleted since the setup: its principal cannot be read, so the
 * teardown skips every grant. It must say so, and say where the grants to the former identity are (a role
 * assignment outlives its principal), instead of ending as if nothing had been granted.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseShareLink } from '../../model/url-state';
import { removeFakeCloudRuns, runWithFakeCloud } from '../../test-support/fake-cloud/run';
import type { FakeCloudState } from '../../test-support/fake-cloud/seed';
import { seedFromPlan } from '../../test-support/fake-cloud/seed-from-plan';
import { loadGoldenScenarios } from '../../test-support/golden';
import { buildPlan } from '../plan/build-plan';

afterAll(removeFakeCloudRuns);

/** One system-identity scenario per host that has one. */
const SCENARIOS = [
  'vm-system',
  'vmss-system',
  'webapp-system',
  'functionapp-system',
  'aca-system',
  'aci-system',
];
const NOT_THERE = 'is not there, is not readable with your sign-in, or has no system-assigned identity';

describe('teardown of a system-assigned identity whose host is gone', { timeout: 300_000 }, () => {
  const scenarios = loadGoldenScenarios().filter((scenario) => SCENARIOS.includes(scenario.name));

  it('covers one scenario per host', () => {
    expect(scenarios.map((scenario) => scenario.name).sort()).toEqual([...SCENARIOS].sort());
  });

  for (const scenario of scenarios) {
    it(`${scenario.name}: says the grants were not looked up, and how to find them`, () => {
      const plan = buildPlan(parseShareLink('', scenario.link).config);
      const setup = runWithFakeCloud(scenario.outputs['setup.sh'] ?? '', seedFromPlan(plan));
      expect(setup.status, setup.stderr).toBe(0);
      const teardown = scenario.outputs['teardown.sh'] ?? '';

      const present = runWithFakeCloud(teardown, setup.stateAfter);
      expect(present.status, present.stderr).toBe(0);
      expect(present.stdout).not.toContain(NOT_THERE);

      const hostGone: FakeCloudState = {
        ...setup.stateAfter,
        resources: setup.stateAfter.resources.filter((resource) => resource.name !== plan.hostName),
      };
      expect(hostGone.resources.length).toBe(setup.stateAfter.resources.length - 1);
      const down = runWithFakeCloud(teardown, hostGone);
      expect(down.status, down.stderr).toBe(0);
      expect(down.stdout).toContain(`The ${plan.host.noun} ${plan.hostName} ${NOT_THERE}`);
      expect(down.stateAfter.roleAssignments).toEqual(hostGone.roleAssignments);

      // The printed lookup finds the kept assignments (the fake prints json, not table); without role
      // assignments (an access-policy vault) the line names none.
      const lookup = /: (az role assignment list --all .*) -o table$/m.exec(down.stdout)?.[1];
      const kept = hostGone.roleAssignments.map((assignment) => assignment.principalId);
      if (!plan.grants.some(({ grant }) => grant.kind === 'rbac')) {
        expect(kept).toEqual([]);
        expect(lookup).toBeUndefined();
        return;
      }
      expect(lookup).toBeDefined();
      const listed = runWithFakeCloud(`${lookup ?? ''} -o json`, hostGone);
      expect(listed.status, listed.stderr).toBe(0);
      expect(kept.length).toBeGreaterThan(0);
      expect((JSON.parse(listed.stdout) as { principalId: string }[]).map((row) => row.principalId)).toEqual(
        kept,
      );
    });
  }
});
