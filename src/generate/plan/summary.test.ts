import { describe, expect, it } from 'vitest';
import { parseShareLink } from '../../model/url-state';
import { buildPlan } from './build-plan';
import { planSummary } from './summary';

const plan = (link: string) => buildPlan(parseShareLink('', link).config);

describe('planSummary', () => {
  it('says what a user-assigned identity on a VM with an access-policy vault will change', () => {
    const sections = planSummary(
      plan(
        'host=vm&identity=user&resourceGroup=rg-orders&hostName=vm-orders&identityName=id-orders&m.vaultName=kv-orders&kvModel=accesspolicy',
      ),
    );
    expect(sections).toEqual([
      { title: 'Looks up, changes nothing', items: ['Key Vault kv-orders (resource group rg-orders)'] },
      {
        title: 'Identity',
        items: [
          'Creates the user-assigned identity id-orders (resource group rg-orders), or updates it in place if it exists.',
          'Attaches it to the VM vm-orders (resource group rg-orders).',
        ],
      },
      {
        title: 'Grants',
        items: [
          'Key Vault access policy secret-permissions get, list on the Key Vault kv-orders (for azurekeyvault).',
        ],
      },
      {
        title: 'Files written',
        items: ['components/azurekeyvault.yaml: the Azure Key Vault secret store component'],
      },
    ]);
  });

  it('names the federated credential and its subject for Workload ID', () => {
    const identity = planSummary(
      plan(
        'resourceGroup=rg&hostName=aks-orders&identityName=id-orders&namespace=shop&serviceAccount=orders&appId=orders',
      ),
    ).find((section) => section.title === 'Identity');
    expect(identity?.items).toContain(
      'Adds the federated credential dapr-shop-orders for system:serviceaccount:shop:orders.',
    );
  });

  it('lists the Azure role by name, scoped to the one resource', () => {
    const grants = planSummary(plan('host=aca&resourceGroup=rg&hostName=app&m.vaultName=kv-orders')).find(
      (section) => section.title === 'Grants',
    );
    expect(grants?.items).toEqual([
      'Azure role Key Vault Secrets User on the Key Vault kv-orders only (for azurekeyvault).',
    ]);
  });

  it('says what it applies and patches on AKS', () => {
    const sections = planSummary(
      plan(
        'resourceGroup=rg&hostName=aks-orders&identityName=id-orders&namespace=shop&serviceAccount=orders&deployment=orders-web&appId=orders',
      ),
    );
    expect(sections.find((section) => section.title === 'Kubernetes')?.items).toEqual([
      'Applies the ServiceAccount orders in the namespace shop.',
      'Applies the components in the namespace shop.',
      'Patches the Deployment orders-web in the namespace shop with the Dapr annotations, the ServiceAccount and the Workload ID label: its pods restart.',
    ]);
    const kubelet = planSummary(
      plan('aksIdentity=kubelet&namespace=shop&deployment=orders-web&appId=orders'),
    );
    expect(kubelet.find((section) => section.title === 'Kubernetes')?.items).toEqual([
      'Applies the components in the namespace shop.',
      'Patches the Deployment orders-web in the namespace shop with the Dapr annotations: its pods restart.',
    ]);
  });
});
