/**
 * Container Apps environment components are shared by every app of the environment: the setup stops before
 * any change on a component of its name that it did not write, and on an app in another environment; the
 * teardown removes only a component still as the setup wrote it. Each script runs against the fake cloud.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseShareLink } from '../../model/url-state';
import { removeFakeCloudRuns, runWithFakeCloud } from '../../test-support/fake-cloud/run';
import { seedFromPlan } from '../../test-support/fake-cloud/seed-from-plan';
import {
  fakeResourceId,
  RESOURCE_TYPES,
  type FakeCloudState,
  type FakeResource,
} from '../../test-support/fake-cloud/seed';
import { buildSetupScript } from '../az-script';
import { buildPlan } from '../plan/build-plan';
import { buildTeardownScript } from '../teardown/teardown-script';
import { toBash } from '../to-bash';

afterAll(removeFakeCloudRuns);

const SLOW = { timeout: 180_000 };

const ACA_USER =
  'host=aca&identity=user&resourceGroup=rg-orders&hostName=orders-api&environment=env-orders&identityName=id-orders&location=westeurope&appId=orders-api&m.vaultName=kv-orders&appPort=8080';
const FUNCTION_APP_SYSTEM =
  'host=functionapp&resourceGroup=rg-orders&hostName=orders-func&environment=cae-orders&appId=orders-func&m.vaultName=kv-orders';

function prepare(link: string) {
  const plan = buildPlan(parseShareLink('', link).config);
  return {
    plan,
    setup: toBash(buildSetupScript(plan)),
    teardown: toBash(buildTeardownScript(plan)),
    seed: seedFromPlan(plan),
  };
}

const ENVIRONMENT_TYPE = RESOURCE_TYPES['containerapp env'];

/** The seed with the environment's components replaced by these (ARM resources, keyed by name). */
function withComponents(
  seed: FakeCloudState,
  components: Record<string, Readonly<Record<string, unknown>>>,
): FakeCloudState {
  return {
    ...seed,
    resources: seed.resources.map((resource): FakeResource => {
      if (resource.type !== ENVIRONMENT_TYPE) return resource;
      const daprComponents = Object.fromEntries(
        Object.entries(components).map(([name, properties]) => [
          name,
          {
            id: `${resource.id}/daprComponents/${name}`,
            name,
            type: `${ENVIRONMENT_TYPE}/daprComponents`,
            properties,
          },
        ]),
      );
      return { ...resource, daprComponents };
    }),
  };
}

const KEY_VAULT = { componentType: 'secretstores.azure.keyvault', version: 'v1' };

describe('Container Apps environment components', SLOW, () => {
  it('stops before any change on a component of the same name the setup did not write', () => {
    const { setup, seed } = prepare(ACA_USER);
    const others = [
      [
        { componentType: 'pubsub.azure.servicebus.topics', version: 'v1', scopes: ['billing'] },
        'of another type',
      ],
      [{ ...KEY_VAULT, scopes: ['orders-api', 'billing'] }, 'whose scopes are not orders-api alone'],
      [{ ...KEY_VAULT }, 'whose scopes are not orders-api alone'],
      [
        {
          ...KEY_VAULT,
          scopes: ['orders-api'],
          metadata: [{ name: 'azureClientId', value: 'another-client' }],
        },
        'that names another identity',
      ],
    ] as const;
    for (const [properties, reason] of others) {
      const run = runWithFakeCloud(setup, withComponents(seed, { azurekeyvault: properties }));
      expect(run.status, run.stderr).toBe(1);
      // One message names the three ways a component can differ (the script reads them in one lookup).
      expect(run.stderr, reason).toContain(
        'already has a Dapr component named azurekeyvault that the setup did not write: another type, scopes other than orders-api alone, or another identity (azureClientId)',
      );
      expect(run.stateAfter, 'nothing was changed').toEqual(run.stateBefore);
    }
  });

  it('stops a function app on a component that names an identity, the system-assigned one naming none', () => {
    const { setup, seed } = prepare(FUNCTION_APP_SYSTEM);
    const run = runWithFakeCloud(
      setup,
      withComponents(seed, {
        azurekeyvault: {
          ...KEY_VAULT,
          scopes: ['orders-func'],
          metadata: [{ name: 'azureClientId', value: 'another-client' }],
        },
      }),
    );
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(
      'that the setup did not write: another type, scopes other than orders-func alone, or an identity (azureClientId)',
    );
    expect(run.stateAfter).toEqual(run.stateBefore);
  });

  it('passes over its own component on a second run, and the teardown removes it', () => {
    const { setup, teardown, seed } = prepare(ACA_USER);
    const first = runWithFakeCloud(setup, seed);
    expect(first.status, first.stderr).toBe(0);
    const second = runWithFakeCloud(setup, first.stateAfter, { workDir: first.workDir });
    expect(second.status, second.stderr).toBe(0);
    const removed = runWithFakeCloud(teardown, second.stateAfter);
    expect(removed.status, removed.stderr).toBe(0);
    const environment = removed.stateAfter.resources.find((resource) => resource.type === ENVIRONMENT_TYPE);
    expect(environment?.daprComponents).toBeUndefined();
    expect(removed.stdout).not.toContain('is kept');
  });

  it('keeps a component of its name that was changed since the setup (another app added to its scopes)', () => {
    const { setup, teardown, seed } = prepare(ACA_USER);
    const first = runWithFakeCloud(setup, seed);
    expect(first.status, first.stderr).toBe(0);
    const changed = {
      ...first.stateAfter,
      resources: first.stateAfter.resources.map((resource): FakeResource => {
        if (resource.type !== ENVIRONMENT_TYPE) return resource;
        const components = resource.daprComponents as Record<string, { properties: Record<string, unknown> }>;
        const own = components.azurekeyvault;
        if (own === undefined) throw new Error('the setup set no azurekeyvault component');
        return {
          ...resource,
          daprComponents: {
            azurekeyvault: { ...own, properties: { ...own.properties, scopes: ['orders-api', 'billing'] } },
          },
        };
      }),
    };
    const kept = runWithFakeCloud(teardown, changed);
    expect(kept.status, kept.stderr).toBe(0);
    const environment = kept.stateAfter.resources.find((resource) => resource.type === ENVIRONMENT_TYPE);
    expect(Object.keys(environment?.daprComponents ?? {})).toEqual(['azurekeyvault']);
    // Kept, and said why: not silently.
    expect(kept.stdout).toContain(
      'The component azurekeyvault in the Container Apps environment env-orders is kept: it changed since the setup wrote it',
    );
  });

  it('says the components are kept when the identity is gone, so no client id can be matched', () => {
    const { setup, teardown, seed } = prepare(ACA_USER);
    const first = runWithFakeCloud(setup, seed);
    expect(first.status, first.stderr).toBe(0);
    const identityGone = {
      ...first.stateAfter,
      resources: first.stateAfter.resources.filter((resource) => resource.name !== 'id-orders'),
    };
    const kept = runWithFakeCloud(teardown, identityGone);
    expect(kept.status, kept.stderr).toBe(0);
    expect(kept.stdout).toContain(
      'The identity is gone, so its client id cannot be read and no component can be matched to it. Kept in the Container Apps environment env-orders: azurekeyvault. If the setup wrote one and nothing uses it, remove it yourself: az containerapp env dapr-component remove --name env-orders --resource-group rg-orders --dapr-component-name <name>',
    );
  });

  it('names no component once the identity and its components are gone (a later teardown)', () => {
    const { setup, teardown, seed } = prepare(ACA_USER);
    const first = runWithFakeCloud(setup, seed);
    expect(first.status, first.stderr).toBe(0);
    const down = runWithFakeCloud(teardown, first.stateAfter, { env: { DELETE_IDENTITY: '1' } });
    expect(down.status, down.stderr).toBe(0);
    expect(down.stateAfter.resources.some((resource) => resource.name === 'id-orders')).toBe(false);
    const again = runWithFakeCloud(teardown, down.stateAfter, { env: { DELETE_IDENTITY: '1' } });
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout).not.toContain('The identity is gone');
  });

  it('stops before any change when the container app runs in another environment, or the environment is not there', () => {
    const { setup, seed } = prepare(ACA_USER);
    const otherEnvironment = fakeResourceId('containerapp env', 'rg-orders', 'env-billing');
    const elsewhere: FakeCloudState = {
      ...seed,
      resources: seed.resources.map((resource) =>
        resource.type === RESOURCE_TYPES.containerapp
          ? {
              ...resource,
              properties: {
                ...(resource.properties as Record<string, unknown>),
                managedEnvironmentId: otherEnvironment,
              },
            }
          : resource,
      ),
    };
    const moved = runWithFakeCloud(setup, elsewhere);
    expect(moved.status).toBe(1);
    expect(moved.stderr).toContain(
      'The container app runs in another Container Apps environment than env-orders',
    );
    expect(moved.stateAfter).toEqual(moved.stateBefore);

    const noEnvironment: FakeCloudState = {
      ...seed,
      resources: seed.resources.filter((resource) => resource.type !== ENVIRONMENT_TYPE),
    };
    const missing = runWithFakeCloud(setup, noEnvironment);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain(
      'There is no Container Apps environment env-orders in the resource group rg-orders',
    );
    expect(missing.stateAfter).toEqual(missing.stateBefore);
  });
});
