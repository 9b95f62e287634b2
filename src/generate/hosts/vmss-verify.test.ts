/**
 * The scale set's proof, run against the fake cloud: the setup lists the instances for the scale set's
 * orchestration mode and, on the first few, asks the identity endpoint and Dapr's metadata API through Run
 * Command (az vmss run-command invoke --instance-id on Uniform, az vm run-command invoke on the VMs of a
 * Flexible scale set), with the VM check's meaning: no answer is not yet started, a missing component or
 * no token stops with its entry.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseShareLink } from '../../model/url-state';
import { removeFakeCloudRuns, runWithFakeCloud } from '../../test-support/fake-cloud/run';
import { fakeResource, fakeResourceId, type FakeCloudState } from '../../test-support/fake-cloud/seed';
import { seedFromPlan } from '../../test-support/fake-cloud/seed-from-plan';
import { loadGoldenScenarios } from '../../test-support/golden';
import { buildSetupScript } from '../az-script';
import { buildPlan } from '../plan/build-plan';
import type { DeploymentPlan } from '../plan/deployment-plan';
import { toBash } from '../to-bash';
import { goldenComponentTypes } from '../../test-support/golden-component-types';

afterAll(removeFakeCloudRuns);

const SLOW = { timeout: 180_000 };
const SCALE_SET = 'Microsoft.Compute/virtualMachineScaleSets';

function scenario(name: string): { script: string; plan: DeploymentPlan; seed: FakeCloudState } {
  const found = loadGoldenScenarios().find((candidate) => candidate.name === name);
  const script = found?.outputs['setup.sh'];
  if (found === undefined || script === undefined) throw new Error(`No golden setup.sh for ${name}`);
  const plan = buildPlan(parseShareLink('', found.link).config);
  return { script, plan, seed: seedFromPlan(plan) };
}

/** The scenario with a user-assigned identity (what a Flexible scale set takes), its script made from it. */
function userAssigned(name: string): { script: string; plan: DeploymentPlan; seed: FakeCloudState } {
  const found = loadGoldenScenarios().find((candidate) => candidate.name === name);
  if (found === undefined) throw new Error(`No golden scenario ${name}`);
  const plan = buildPlan(parseShareLink('', `${found.link}&identity=user&identityName=id-orders`).config);
  return { script: toBash(buildSetupScript(plan)), plan, seed: seedFromPlan(plan) };
}

/** Each component as the metadata API lists it: its name and Dapr type, from the scenario's component files. */
function loaded(scenarioName: string, except: readonly string[] = []): { name: string; type: string }[] {
  return goldenComponentTypes(scenarioName).filter((component) => !except.includes(component.name));
}

/** The seed with the scale set's fields changed (its instances, its model's daprd state, its mode). */
function withScaleSet(seed: FakeCloudState, fields: Record<string, unknown>): FakeCloudState {
  return {
    ...seed,
    resources: seed.resources.map((resource) =>
      resource.type === SCALE_SET ? { ...resource, ...fields } : resource,
    ),
  };
}

/**
 * A Flexible scale set of `count` VMs in its resource group, each running the scale set's model; Linux, but
 * for the indexes in `windows` (a Flexible scale set may mix them). The scale set's model has no VM profile.
 */
function flexible(
  seed: FakeCloudState,
  plan: DeploymentPlan,
  count: number,
  fields = {},
  windows: readonly number[] = [],
): FakeCloudState {
  const group = plan.resourceGroup;
  const scaleSetId = fakeResourceId('vmss', group, plan.hostName);
  const vms = Array.from({ length: count }, (_, index) =>
    fakeResource('vm', group, `${plan.hostName}_0000000${index}`, {
      virtualMachineScaleSet: { id: scaleSetId },
      storageProfile: { osDisk: { osType: windows.includes(index) ? 'Windows' : 'Linux' } },
    }),
  );
  const changed = withScaleSet(seed, {
    orchestrationMode: 'Flexible',
    instances: {},
    virtualMachineProfile: null,
    ...fields,
  });
  return { ...changed, resources: [...changed.resources, ...vms] };
}

const runCommands = (
  result: ReturnType<typeof runWithFakeCloud>,
  group: 'vm' | 'vmss',
): (readonly string[])[] =>
  result.calls
    .filter(
      (call) => call.program === 'az' && call.argv.slice(0, 3).join(' ') === `${group} run-command invoke`,
    )
    .map((call) => call.argv);

describe('the scale set setup checks its instances', SLOW, () => {
  it('Uniform, before the app runs: a token on each instance, Dapr not started yet, and it succeeds', () => {
    const { script, seed } = scenario('vmss-user');
    const result = runWithFakeCloud(script, seed);
    expect(result.stderr).not.toContain('gave no token');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(
      'The scale set has 2 instance(s) to check (on Flexible orchestration, its Linux VMs); this checks up to 3 of them, the first in the list',
    );
    expect(result.stdout).toContain("Checking the scale set's first instance, 0, through Run Command");
    expect(result.stdout).toContain("Checking the scale set's second instance, 1, through Run Command");
    expect(result.stdout).not.toContain('third instance');
    expect(result.stdout).toContain(
      "Dapr's metadata API on the scale set's second instance did not answer on port 3500",
    );
    const invoked = runCommands(result, 'vmss');
    expect(invoked.map((argv) => argv[argv.indexOf('--instance-id') + 1])).toEqual(['0', '1']);
    // The user-assigned identity's client id, as the script read it, is the one the instance asks a token for.
    expect(invoked.every((argv) => argv.some((word) => /client_id=[0-9a-f-]{36}"/.test(word)))).toBe(true);
  });

  it('Uniform, every component loaded on both: says so for each', () => {
    const { script, seed } = scenario('three-components-vmss');
    const daprMetadata = { appId: 'orders-api', components: loaded('three-components-vmss') };
    const result = runWithFakeCloud(script, withScaleSet(seed, { daprMetadata }));
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(
      "Dapr's metadata API on the scale set's second instance lists every component: azurekeyvault, statestore, pubsub.",
    );
  });

  it('Uniform, the second instance without two components: names it and both, and stops with the entry', () => {
    const { script, seed } = scenario('three-components-vmss');
    const all = { appId: 'orders-api', components: loaded('three-components-vmss') };
    const partial = {
      appId: 'orders-api',
      components: loaded('three-components-vmss', ['azurekeyvault', 'pubsub']),
    };
    const instances = { '0': {}, '1': { daprMetadata: partial } };
    const result = runWithFakeCloud(script, withScaleSet(seed, { daprMetadata: all, instances }));
    expect(result.status).toBe(1);
    expect(result.stdout).toContain("the scale set's first instance lists every component");
    expect(result.stderr).toContain(
      "Not listed by Dapr's metadata API on the scale set's second instance: azurekeyvault pubsub.",
    );
    expect(result.stderr).toContain('troubleshoot.html#dapr-component-not-in-metadata');
  });

  it('an instance without the identity (not on the latest model): stops with imds-no-token, naming it', () => {
    const { script, seed } = scenario('vmss-system');
    const result = runWithFakeCloud(
      script,
      withScaleSet(seed, { instances: { '0': {}, '5': { identity: {} } } }),
    );
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("The scale set's instance 5:");
    expect(result.stderr).toContain(
      "On the scale set's second instance, the instance metadata service (169.254.169.254) gave no token for the system-assigned identity",
    );
    expect(result.stderr).toContain('troubleshoot.html#imds-no-token');
  });

  it('a Windows scale set: stops before any change (Run Command runs a Linux shell script)', () => {
    const { script, seed } = scenario('vmss-user');
    const windows = withScaleSet(seed, {
      virtualMachineProfile: { storageProfile: { osDisk: { osType: 'Windows' } } },
    });
    const result = runWithFakeCloud(script, windows);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("The scale set's model is not Linux");
    const changes = result.calls.filter(
      (call) => call.program === 'az' && /^(create|assign|update|invoke|set)$/.test(call.argv[2] ?? ''),
    );
    expect(changes).toEqual([]);
  });

  it('Flexible, system-assigned: stops before any change (Flexible takes a user-assigned identity only)', () => {
    const { script, plan, seed } = scenario('three-components-vmss');
    expect(plan.identity.kind).toBe('system');
    const result = runWithFakeCloud(script, flexible(seed, plan, 2));
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('troubleshoot.html#vmss-flexible-system-identity');
    const changes = result.calls.filter(
      (call) => call.program === 'az' && /^(create|assign|update|invoke|set)$/.test(call.argv[2] ?? ''),
    );
    expect(changes).toEqual([]);
  });

  it('Flexible: reaches the first 3 of 4 VMs with az vm run-command invoke, never the scale-set VM API', () => {
    const { script, plan, seed } = userAssigned('three-components-vmss');
    const daprMetadata = { appId: 'orders-api', components: loaded('three-components-vmss') };
    const result = runWithFakeCloud(script, flexible(seed, plan, 4, { daprMetadata }));
    expect(result.stderr).not.toContain('instanceId must be a number');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(
      'The scale set has 4 instance(s) to check (on Flexible orchestration, its Linux VMs); this checks up to 3 of them, the first in the list',
    );
    expect(runCommands(result, 'vmss')).toEqual([]);
    expect(runCommands(result, 'vm').map((argv) => argv[argv.indexOf('--name') + 1])).toEqual([
      `${plan.hostName}_00000000`,
      `${plan.hostName}_00000001`,
      `${plan.hostName}_00000002`,
    ]);
    expect(result.stdout).toContain(
      "Dapr's metadata API on the scale set's third instance lists every component: azurekeyvault, statestore, pubsub.",
    );
  });

  it('Flexible, Manual: updates each VM by its name (the instance id there), never with "*"', () => {
    const { script, plan, seed } = userAssigned('vmss-user');
    const result = runWithFakeCloud(script, flexible(seed, plan, 2));
    expect(result.status).toBe(0);
    const updates = result.calls
      .filter((call) => call.program === 'az' && call.argv.slice(0, 2).join(' ') === 'vmss update-instances')
      .map((call) => call.argv[call.argv.indexOf('--instance-ids') + 1]);
    expect(updates).toEqual([`${plan.hostName}_00000000`, `${plan.hostName}_00000001`]);
    // A second run finds the identity as it left it: no update.
    const again = runWithFakeCloud(script, result.stateAfter, { workDir: result.workDir });
    expect(again.status).toBe(0);
    expect(
      again.calls.filter(
        (call) => call.program === 'az' && call.argv.slice(0, 2).join(' ') === 'vmss update-instances',
      ),
    ).toEqual([]);
  });

  it('Flexible without an upgrade policy: updates nothing and gives the command for one VM', () => {
    const { script, plan, seed } = userAssigned('vmss-user');
    const result = runWithFakeCloud(script, flexible(seed, plan, 1, { upgradePolicy: null }));
    // The CLI fails after attaching the identity on such a scale set (the fake does as the CLI does); the
    // script reads the identity back and goes on.
    expect(result.stderr).toContain("'NoneType' object has no attribute 'mode'");
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('The scale set has no upgrade policy');
    expect(result.stdout).toMatch(
      /az vm identity assign --name <VM name> --resource-group rg-orders --identities '\/subscriptions\/.*\/userAssignedIdentities\/id-orders'/,
    );
    expect(result.calls.some((call) => call.argv.slice(0, 2).join(' ') === 'vmss update-instances')).toBe(
      false,
    );
  });

  it('Flexible with a Windows VM: checks the Linux VMs only and names the other', () => {
    const { script, plan, seed } = userAssigned('vmss-user');
    const result = runWithFakeCloud(script, flexible(seed, plan, 3, {}, [1]));
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(
      `Not checked, as they are not Linux (Run Command's shell script needs Linux): the scale set's VMs ${plan.hostName}_00000001.`,
    );
    expect(result.stdout).toContain('The scale set has 2 instance(s)');
    expect(runCommands(result, 'vm').map((argv) => argv[argv.indexOf('--name') + 1])).toEqual([
      `${plan.hostName}_00000000`,
      `${plan.hostName}_00000002`,
    ]);
  });

  it('Flexible, a VM whose OS disk names no OS type: Linux by its OS profile, so checked', () => {
    const { script, plan, seed } = userAssigned('vmss-user');
    const state = flexible(seed, plan, 2);
    const untyped = {
      ...state,
      resources: state.resources.map((resource) =>
        resource.name === `${plan.hostName}_00000001`
          ? {
              ...resource,
              storageProfile: { osDisk: { osType: null } },
              osProfile: { linuxConfiguration: { disablePasswordAuthentication: true } },
            }
          : resource,
      ),
    };
    const result = runWithFakeCloud(script, untyped);
    expect(result.status).toBe(0);
    expect(result.stdout).not.toContain('Not checked, as they are not Linux');
    expect(runCommands(result, 'vm').map((argv) => argv[argv.indexOf('--name') + 1])).toEqual([
      `${plan.hostName}_00000000`,
      `${plan.hostName}_00000001`,
    ]);
  });

  it('no instances: says so, runs no command on a machine, and succeeds', () => {
    const { script, seed } = scenario('vmss-system');
    const result = runWithFakeCloud(script, withScaleSet(seed, { instances: {} }));
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('The scale set has no instances yet');
    expect(runCommands(result, 'vmss')).toEqual([]);
  });
});
