import { describe, expect, it } from 'vitest';
import { defaultComponent, defaultConfig, type WizardConfig } from '../../model/config';
import { buildPlan } from './build-plan';

function config(overrides: Partial<WizardConfig>): WizardConfig {
  return { ...defaultConfig(), resourceGroup: 'rg-orders', hostName: 'orders', ...overrides };
}

describe('buildPlan', () => {
  it('resolves the AKS Workload ID identity, its ServiceAccount and federated credential', () => {
    const plan = buildPlan(
      config({ identityName: 'id-orders', namespace: 'shop', serviceAccount: 'orders-sa', appId: 'orders' }),
    );
    expect(plan.identity).toMatchObject({ kind: 'workload', userAssigned: { name: 'id-orders' } });
    expect(plan.kubernetes?.workloadIdentity?.federatedCredentialName).toBe('dapr-shop-orders-sa');
    expect(plan.kubernetes?.namespace).toBe('shop');
    expect(plan.containerGroup).toBeUndefined();
  });

  it('gives the kubelet identity the name AKS gives it and no ServiceAccount', () => {
    const plan = buildPlan(config({ aksIdentity: 'kubelet' }));
    expect(plan.identity.displayName).toBe('orders-agentpool');
    expect(plan.identity.userAssigned).toBeUndefined();
    expect(plan.kubernetes?.workloadIdentity).toBeUndefined();
  });

  it('lists each component file once, and for ACI encodes each into the group by position', () => {
    const plan = buildPlan(
      config({
        host: 'aci',
        components: [
          defaultComponent('secretstores.azure.keyvault'),
          defaultComponent('state.azure.blobstorage', undefined, 'statestore'),
        ],
      }),
    );
    expect(plan.components.map((component) => component.path)).toEqual([
      'components/azurekeyvault.yaml',
      'components/statestore.yaml',
    ]);
    expect(plan.containerGroup?.encodedComponents).toEqual([
      { position: 1, path: 'components/azurekeyvault.yaml' },
      { position: 2, path: 'components/statestore.yaml' },
    ]);
    expect(plan.kubernetes).toBeUndefined();
  });

  it('names the system-assigned identity after its host, and creates no identity', () => {
    const plan = buildPlan(config({ host: 'vm' }));
    expect(plan.identity).toMatchObject({ kind: 'system', displayName: 'orders', clientId: '' });
    expect(plan.identity.userAssigned).toBeUndefined();
  });

  it('carries the Dapr a component needs when a supported Dapr might not meet it', () => {
    const plan = buildPlan(config({ components: [defaultComponent('state.sqlserver', 'v2')] }));
    expect(plan.daprNeed?.version).toBe('1.17');
    expect(plan.daprNeed?.reason).toContain('state.sqlserver v2');
  });

  it('carries no Dapr need when every supported Dapr meets it', () => {
    const plan = buildPlan(config({ components: [defaultComponent('state.sqlserver', 'v1')] }));
    expect(plan.daprNeed).toBeUndefined();
  });
});
