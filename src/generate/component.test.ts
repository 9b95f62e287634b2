import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { defaultConfig, type WizardConfig } from '../model/config';
import { buildComponent, componentMetadata, componentYaml } from './component';
import { CLIENT_ID_MARKER } from './markers';
import { toYaml } from './to-yaml';

// The tenant-id and secret check runs over every component, host and identity in never-emitted.test.ts.
describe('component metadata', () => {
  it('has azureClientId only for user-assigned identities outside Workload ID', () => {
    const withClientId = (config: WizardConfig): boolean =>
      componentMetadata(config, config.components[0]!).some((item) => item.name === 'azureClientId');
    const base = { ...defaultConfig(), clientId: '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b' };
    expect(withClientId({ ...base, host: 'vm', identity: 'system' })).toBe(false);
    expect(withClientId({ ...base, host: 'vm', identity: 'user' })).toBe(true);
    expect(withClientId({ ...base, host: 'aks', aksIdentity: 'workload' })).toBe(false);
    expect(withClientId({ ...base, host: 'aks', aksIdentity: 'kubelet' })).toBe(true);
  });

  it('uses the marker the script fills in when the client id is not known', () => {
    const config = { ...defaultConfig(), host: 'aca' as const, identity: 'user' as const };
    const items = componentMetadata(config, config.components[0]!);
    expect(items.at(-1)).toEqual({ name: 'azureClientId', value: CLIENT_ID_MARKER });
  });
});

describe('component format', () => {
  it('is the Container Apps schema on ACA and a namespaced Component on AKS', () => {
    const first = defaultConfig().components[0]!;
    const aca = buildComponent({ ...defaultConfig(), host: 'aca', appId: 'a1' }, first);
    expect(Object.keys(aca)).toEqual(['componentType', 'version', 'metadata', 'scopes']);
    const aks = buildComponent({ ...defaultConfig(), host: 'aks', namespace: 'orders' }, first);
    expect(aks).toMatchObject({
      apiVersion: 'dapr.io/v1alpha1',
      kind: 'Component',
      metadata: { namespace: 'orders' },
    });
    const vm = buildComponent({ ...defaultConfig(), host: 'vm' }, first);
    expect(vm).toMatchObject({ metadata: { name: 'azurekeyvault' } });
    expect((vm as { metadata: object }).metadata).not.toHaveProperty('namespace');
  });

  it('parses back to the same values, whatever the strings', () => {
    const config = {
      ...defaultConfig(),
      host: 'vm' as const,
      appId: '0123',
    };
    const component = { ...config.components[0]!, metadata: { vaultName: 'true' } };
    expect(load(toYaml(buildComponent(config, component)))).toEqual(buildComponent(config, component));
  });
});

describe('component text reuse', () => {
  it("follows every change to a component's values, and gives equal documents the same text", () => {
    const config = (namespace: string, name: string): WizardConfig => {
      const base = defaultConfig();
      return {
        ...base,
        host: 'aks',
        namespace,
        components: base.components.map((component) => ({ ...component, name })),
      };
    };
    const text = (value: WizardConfig): string => componentYaml(value, value.components[0]!);
    const first = text(config('orders', 'statestore'));
    // A fresh configuration object with other values (the page makes one per keystroke).
    const renamed = text(config('orders', 'statestoreq'));
    const moved = text(config('billing', 'statestore'));
    expect(renamed).not.toBe(first);
    expect(renamed).toContain('name: statestoreq');
    expect(moved).toContain('namespace: billing');
    expect(moved).not.toContain('namespace: orders');
    // Back to the first values: the first text, equal to a fresh rendering of the same document.
    const again = config('orders', 'statestore');
    expect(text(again)).toBe(first);
    expect(first).toBe(toYaml(buildComponent(again, again.components[0]!)));
  });
});
