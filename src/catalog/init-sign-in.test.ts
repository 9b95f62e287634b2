/**
 * Components whose Init makes an Azure call as the identity (read in dapr/components-contrib c23900d2, each
 * source named on the catalog entry): daprd's "Component loaded" line proves their sign-in.
 */
import { describe, expect, it } from 'vitest';
import type { ComponentSpec } from './component-spec';
import { COMPONENTS } from './components';

const SIGN_IN_AT_LOAD = [
  'state.postgresql/v2',
  'state.postgresql/v1',
  'bindings.postgresql/v1',
  'configuration.postgresql/v1',
  'state.sqlserver/v2',
  'state.sqlserver/v1',
  'state.redis/v1',
  'pubsub.redis/v1',
  'bindings.redis/v1',
  'configuration.redis/v1',
  'lock.redis/v1',
  'bindings.azure.blobstorage/v1',
  'state.azure.tablestorage/v1',
  'bindings.azure.storagequeues/v1',
  'state.azure.blobstorage/v2',
  'state.azure.blobstorage/v1',
  'state.azure.cosmosdb/v1',
  'bindings.azure.cosmosdb/v1',
];

describe('components that sign in as they load', () => {
  it.each(SIGN_IN_AT_LOAD)('%s carries the source of its Init call', (key) => {
    const spec: ComponentSpec | undefined = COMPONENTS.find(
      (component) => `${component.type}/${component.version}` === key,
    );
    expect(spec, key).toBeDefined();
    expect(spec?.initSignIn?.source).toMatch(/^dapr\/components-contrib /);
  });
});
