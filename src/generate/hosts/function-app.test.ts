import { afterAll, describe, expect, it } from 'vitest';
import { defaultComponent, defaultConfig, type WizardConfig } from '../../model/config';
import { removeFakeCloudRuns, runWithFakeCloud } from '../../test-support/fake-cloud/run';
import { fakeResource, RESOURCE_TYPES, type FakeCloudState } from '../../test-support/fake-cloud/seed';
import { seedFromPlan } from '../../test-support/fake-cloud/seed-from-plan';
import { buildPlan } from '../plan/build-plan';
import type { DeploymentPlan } from '../plan/deployment-plan';
import { buildTeardownScript } from '../teardown/teardown-script';
import { toBash } from '../to-bash';
import { type Command, type Word } from '../script-model';
import { commandsOf } from '../script-queries';
import { buildSetupScript } from '../az-script';

function config(overrides: Partial<WizardConfig>): WizardConfig {
  return {
    ...defaultConfig(),
    resourceGroup: 'rg-orders',
    hostName: 'orders',
    appId: 'orders',
    components: [
      { ...defaultComponent('secretstores.azure.keyvault'), name: 'secrets' },
      { ...defaultComponent('secretstores.azure.keyvault'), name: 'more-secrets' },
    ],
    ...overrides,
  };
}

const text = (word: Word): string =>
  typeof word === 'string' ? word : 'variable' in word ? `$${word.variable}` : word.join.map(text).join('');

function commands(overrides: Partial<WizardConfig>): string[][] {
  return commandsOf(buildSetupScript(buildPlan(config(overrides)))).map((line: Command) =>
    line.argv.map(text),
  );
}

const named = (all: string[][], prefix: string): string[][] =>
  all.filter((argv) => argv.slice(0, prefix.split(' ').length).join(' ') === prefix);

describe('Function App: Dapr only on Container Apps', () => {
  it('sets the components on the Container Apps environment and runs no App Service sidecar step', () => {
    const all = commands({ host: 'functionapp', environment: 'cae-orders' });
    expect(named(all, 'az containerapp env dapr-component set')).toHaveLength(2);
    expect(named(all, 'az webapp')).toEqual([]);
  });

  it('stops on a function app outside a Container Apps environment, saying Dapr does not run there', () => {
    const script = buildSetupScript(buildPlan(config({ host: 'functionapp', environment: 'cae-orders' })));
    const guards = script.steps.flatMap((step) => step.lines.filter((line) => line.kind === 'guard'));
    const environmentGuard = guards.find(
      (line) => line.kind === 'guard' && line.variable === 'FUNCTION_APP_ENVIRONMENT_ID',
    );
    expect(environmentGuard).toMatchObject({ operator: '=', value: '' });
    expect(environmentGuard?.kind === 'guard' && environmentGuard.message).toMatch(
      /Dapr does not run on function apps on App Service plans/,
    );
  });

  it('tells a natively hosted Functions container app apart and points at the Container Apps host', () => {
    const script = buildSetupScript(buildPlan(config({ host: 'functionapp', environment: 'cae-orders' })));
    const nested = script.steps.flatMap((step) =>
      step.lines.flatMap((line) => (line.kind === 'if' ? line.lines : [])),
    );
    const lookup = nested.find(
      (line) => line.kind === 'command' && line.captureTo === 'CONTAINER_APP_OF_THAT_NAME',
    );
    expect(lookup?.kind === 'command' && lookup.argv.slice(0, 3)).toEqual(['az', 'containerapp', 'show']);
    const stop = nested.find(
      (line) => line.kind === 'guard' && line.variable === 'CONTAINER_APP_OF_THAT_NAME',
    );
    expect(stop?.kind === 'guard' && stop.message).toMatch(/Choose the Container Apps host in the wizard/);
  });
});

describe('Function App: an environment in another resource group', { timeout: 180_000 }, () => {
  afterAll(removeFakeCloudRuns);

  /** The plan's world, with the function app's environment moved to the group rg-platform. */
  function seedElsewhere(plan: DeploymentPlan): FakeCloudState {
    const seed = seedFromPlan(plan);
    const moved = fakeResource('containerapp env', 'rg-platform', plan.environment);
    return {
      ...seed,
      resourceGroups: { ...seed.resourceGroups, 'rg-platform': { location: 'westeurope' } },
      resources: seed.resources.map((resource) => {
        if (resource.type === moved.type) return moved;
        if (resource.name === plan.hostName) return { ...resource, managedEnvironmentId: moved.id };
        return resource;
      }),
    };
  }

  const environmentOf = (state: FakeCloudState) =>
    state.resources.find((resource) => resource.type === RESOURCE_TYPES['containerapp env']);

  it('sets the components in the environment the function app names, and the teardown removes them', () => {
    const vault = (name: string) => ({
      ...defaultComponent('secretstores.azure.keyvault'),
      name,
      metadata: { vaultName: 'kv-orders' },
    });
    const plan = buildPlan(
      config({
        host: 'functionapp',
        environment: 'cae-orders',
        components: [vault('secrets'), vault('more-secrets')],
      }),
    );
    const seed = seedElsewhere(plan);
    const setup = runWithFakeCloud(toBash(buildSetupScript(plan)), seed);
    expect(setup.status, setup.stderr).toBe(0);
    const environment = environmentOf(setup.stateAfter);
    expect(environment?.resourceGroup).toBe('rg-platform');
    expect(Object.keys(environment?.['daprComponents'] as object).sort()).toEqual([
      'more-secrets',
      'secrets',
    ]);
    const down = runWithFakeCloud(toBash(buildTeardownScript(plan)), setup.stateAfter);
    expect(down.status, down.stderr).toBe(0);
    expect(environmentOf(down.stateAfter)?.['daprComponents'] ?? {}).toEqual({});
  });
});
