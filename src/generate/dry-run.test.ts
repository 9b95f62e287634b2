/**
 * DRY_RUN=1: every golden setup.sh runs against a fresh fake cloud (seeded with what its plan expects) and
 * must succeed, leave Azure, the cluster and the databases as they were, and print each changing command it
 * reaches instead of running it; the read-only lookups and checks still run.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseShareLink } from '../model/url-state';
import { removeFakeCloudRuns, runWithFakeCloud } from '../test-support/fake-cloud/run';
import { EXAMPLE_VALUES_STOP } from '../test-support/fake-cloud/example-values-stop';
import { seedFromPlan } from '../test-support/fake-cloud/seed-from-plan';
import { loadGoldenScenarios } from '../test-support/golden';
import { buildPlan } from './plan/build-plan';

afterAll(removeFakeCloudRuns);

const scenarios = loadGoldenScenarios().flatMap((scenario) => {
  const script = scenario.outputs['setup.sh'];
  return script === undefined ? [] : [{ name: scenario.name, link: scenario.link, script }];
});

/**
 * Whether a call the fake cloud recorded changes state, judged from its argv alone. This is on purpose a
 * second, independent judgement beside the generator's commandEffect() (script-model.ts), which decides what
 * DRY_RUN skips: were it imported here, a command commandEffect() wrongly took for a lookup would run in the
 * dry run and this test would agree with it. It reads the calls as run, so it also names what the script
 * marks read-only by hand (`vm run-command invoke` reading the VM's daprd release, `kubectl config view`).
 */
function changesState(call: { program: string; argv: readonly string[] }): boolean {
  if (call.program === 'kubectl')
    return !(
      ['get', 'logs'].includes(call.argv[0] ?? '') ||
      ['rollout status', 'config view'].includes(call.argv.slice(0, 2).join(' '))
    );
  if (call.program === 'az') {
    const words = call.argv.filter((_, index) => index < call.argv.findIndex((w) => w.startsWith('-')));
    const last = words[words.length - 1] ?? '';
    return (
      !['show', 'list', 'get-access-token', 'get-credentials', 'set'].includes(last) &&
      !(words.join(' ') === 'vm run-command invoke')
    );
  }
  // psql runs in a dry run only for its SELECTs (-tA); sqlcmd and the other psql calls change the database.
  if (call.program === 'psql') return !call.argv.includes('-tA');
  return true;
}

describe('DRY_RUN=1 bash setup.sh', () => {
  it('covers every golden scenario that has a setup script, on every host', () => {
    expect(scenarios.length).toBeGreaterThan(20);
    const hosts = new Set(scenarios.map((scenario) => parseShareLink('', scenario.link).config.host));
    expect([...hosts].sort()).toEqual(['aca', 'aci', 'aks', 'functionapp', 'vm', 'vmss', 'webapp']);
  });

  for (const scenario of scenarios) {
    it(`${scenario.name}: changes nothing and prints the commands it skips`, () => {
      const plan = buildPlan(parseShareLink('', scenario.link).config);
      const result = runWithFakeCloud(scenario.script, seedFromPlan(plan), { env: { DRY_RUN: '1' } });
      if (scenario.script.includes(EXAMPLE_VALUES_STOP)) {
        expect(result.status).toBe(1);
        expect(result.stderr).toContain(EXAMPLE_VALUES_STOP);
        expect(result.calls).toEqual([]);
        return;
      }
      expect(result.status, `dry run failed:\n${result.stderr}`).toBe(0);
      // az cloud set, az account set and az aks get-credentials change only az's and kubectl's settings here.
      const withoutLocal = (state: typeof result.stateAfter) => ({
        ...state,
        account: {
          ...state.account,
          cloud: undefined,
          subscriptionId: undefined,
          subscriptionName: undefined,
        },
        kubeconfig: undefined,
      });
      expect(withoutLocal(result.stateAfter)).toEqual(withoutLocal(result.stateBefore));
      expect(result.calls.filter(changesState)).toEqual([]);
      const skipped = result.stderr.split('\n').filter((line) => line.startsWith('DRY RUN, not run: '));
      expect(skipped.length).toBeGreaterThan(0);
      // Each printed command is shell-quoted: Bash reads it back as words, the first a program.
      for (const line of skipped) {
        expect(line).toMatch(/^DRY RUN, not run: (az|kubectl|psql|sqlcmd) /);
      }
    }, 120_000);
  }
});
