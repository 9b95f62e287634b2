/**
 * The VM's proof that daprd loaded each component, run against the fake cloud, whose VM answers the metadata
 * script as daprd would (its JSON filtered by the script's own grep pattern): before the app runs, with every
 * component loaded, and with one missing.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseShareLink } from '../../model/url-state';
import { removeFakeCloudRuns, runWithFakeCloud } from '../../test-support/fake-cloud/run';
import type { FakeCloudState } from '../../test-support/fake-cloud/seed';
import { seedFromPlan } from '../../test-support/fake-cloud/seed-from-plan';
import { loadGoldenScenarios } from '../../test-support/golden';
import { buildPlan } from '../plan/build-plan';
import type { DeploymentPlan } from '../plan/deployment-plan';
import { goldenComponentTypes } from '../../test-support/golden-component-types';
import { METADATA_SCRIPT } from './dapr-metadata-check';

afterAll(removeFakeCloudRuns);

const SLOW = { timeout: 120_000 };

function scenario(name: string): { script: string; plan: DeploymentPlan; seed: FakeCloudState } {
  const found = loadGoldenScenarios().find((candidate) => candidate.name === name);
  const script = found?.outputs['setup.sh'];
  if (found === undefined || script === undefined) throw new Error(`No golden setup.sh for ${name}`);
  const plan = buildPlan(parseShareLink('', found.link).config);
  return { script, plan, seed: seedFromPlan(plan) };
}

/**
 * The seed with daprd running on the VM, having loaded these components (name and Dapr type); with
 * `apiToken`, daprd was started with DAPR_API_TOKEN and answers 401 without it.
 */
function withDaprd(
  seed: FakeCloudState,
  components: readonly { name: string; type: string }[],
  httpEndpoints: readonly string[] = ['orders'],
  apiToken = false,
): FakeCloudState {
  return {
    ...seed,
    resources: seed.resources.map((resource) =>
      resource.type === 'Microsoft.Compute/virtualMachines'
        ? { ...resource, daprMetadata: { appId: 'orders-api', components, httpEndpoints, apiToken } }
        : resource,
    ),
  };
}

/** The component's Dapr type as the scenario's hand-checked component file gives it. */
function typeOf(scenarioName: string, name: string): string {
  const found = goldenComponentTypes(scenarioName).find((component) => component.name === name);
  if (found === undefined) throw new Error(`No component ${name} in ${scenarioName}`);
  return found.type;
}

describe('the metadata script run on the VM', () => {
  it('asks port 3500, and sends only name-and-type pairs back', () => {
    expect(METADATA_SCRIPT).toContain('http://localhost:3500/v1.0/metadata');
    expect(METADATA_SCRIPT).toContain('grep -o');
    // A 401 (daprd started with DAPR_API_TOKEN) is told apart from no answer.
    expect(METADATA_SCRIPT).toContain('"$dapr_status" = 401');
    expect(METADATA_SCRIPT).not.toContain('jq');
    // It sits in one single-quoted --scripts argument.
    expect(METADATA_SCRIPT).not.toContain("'");
  });
});

describe('the VM setup proves that Dapr loaded each component', SLOW, () => {
  it('before the app runs under Dapr: says what to run and to run the script again, and succeeds', () => {
    const { script, seed } = scenario('three-components-vm');
    const result = runWithFakeCloud(script, seed);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("Dapr's metadata API on the VM did not answer on port 3500");
    expect(result.stdout).toContain(
      'dapr run --app-id orders-api --dapr-http-port 3500 --resources-path ./components',
    );
    expect(result.stdout).toContain('then run this script again');
    expect(result.stdout).not.toContain('lists every component');
  });

  it('with every component loaded: says so', () => {
    const { script, plan, seed } = scenario('three-components-vm');
    const loaded = plan.components.map((component) => ({
      name: component.name,
      type: typeOf('three-components-vm', component.name),
    }));
    const result = runWithFakeCloud(script, withDaprd(seed, loaded));
    expect(result.stderr).not.toContain('does not list the component');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(
      "Dapr's metadata API on the VM lists every component: azurekeyvault, statestore, pubsub.",
    );
  });

  it('with one missing (an HTTP endpoint of its name does not count): names it and the entry, and fails', () => {
    const { script, plan, seed } = scenario('three-components-vm');
    const loaded = plan.components
      .filter((component) => component.name !== 'statestore')
      .map((component) => ({ name: component.name, type: typeOf('three-components-vm', component.name) }));
    const result = runWithFakeCloud(script, withDaprd(seed, loaded, ['statestore']));
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("Not listed by Dapr's metadata API on the VM: statestore.\n");
    expect(result.stderr).toContain("Dapr's metadata API on the VM does not list every component");
    expect(result.stderr).toContain('troubleshoot.html#dapr-component-not-in-metadata');
    expect(result.stdout).not.toContain('lists every component');
  });

  it('with two missing: names both in one stop, each cause once, the app id and folder to start with', () => {
    const { script, plan, seed } = scenario('three-components-vm');
    const loaded = plan.components
      .filter((component) => component.name === 'statestore')
      .map((component) => ({ name: component.name, type: typeOf('three-components-vm', component.name) }));
    const result = runWithFakeCloud(script, withDaprd(seed, loaded));
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("Not listed by Dapr's metadata API on the VM: azurekeyvault pubsub.\n");
    expect(result.stderr).toContain('starts it with --app-id orders-api and --resources-path ./components.');
    expect(result.stderr.split('ignoreErrors').length - 1).toBe(1);
    expect(result.stderr.split('another app id').length - 1).toBe(1);
    expect(result.stderr).not.toContain('<name>');
    expect(result.stderr.split('troubleshoot.html#dapr-component-not-in-metadata').length - 1).toBe(1);
  });

  it('a daprd that requires its API token (401): says so and how to look by hand, and succeeds', () => {
    const { script, plan, seed } = scenario('three-components-vm');
    const loaded = plan.components.map((component) => ({
      name: component.name,
      type: typeOf('three-components-vm', component.name),
    }));
    const result = runWithFakeCloud(script, withDaprd(seed, loaded, [], true));
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(
      'Dapr answers on the VM on port 3500 but requires its API token (HTTP 401)',
    );
    expect(result.stdout).toContain(
      'curl -s -H "dapr-api-token: $DAPR_API_TOKEN" http://localhost:3500/v1.0/metadata',
    );
    expect(result.stdout).toContain('must name azurekeyvault, statestore, pubsub.');
    expect(result.stdout).not.toContain('did not answer on port 3500');
  });

  it('a component of the same name but another type is not the one the script wrote', () => {
    const { script, plan, seed } = scenario('vm-system');
    const [only] = plan.components;
    if (only === undefined) throw new Error('No component');
    const result = runWithFakeCloud(
      script,
      withDaprd(seed, [{ name: only.name, type: 'secretstores.local.file' }]),
    );
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`Not listed by Dapr's metadata API on the VM: ${only.name}.`);
  });
});
