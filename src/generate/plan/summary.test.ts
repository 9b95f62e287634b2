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
          'Creates the user-assigned identity id-orders (resource group rg-orders) unless it exists (an existing one is kept as it is).',
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
      {
        title: 'On the VM',
        items: [
          // No component here needs a Dapr newer than the oldest supported: no release check runs.
          'Runs commands on the VM vm-orders as root through Run Command (the identity check; once the app runs under dapr run, the check that Dapr loaded each component).',
        ],
      },
    ]);
  });

  it('names the Dapr release check on a VM only where the script runs one (a component needing a newer Dapr)', () => {
    const onTheVm = (link: string) =>
      planSummary(plan(link)).find((section) => section.title === 'On the VM')?.items ?? [];
    const sqlV2 =
      'host=vm&resourceGroup=rg-orders&hostName=vm-orders&component=state.sqlserver&m.host=sql-orders.database.windows.net&m.database=orders';
    expect(onTheVm(sqlV2).join(' ')).toContain('(the Dapr release check and the identity check;');
    expect(onTheVm('host=vm&hostName=vm-orders&m.vaultName=kv-orders').join(' ')).toContain(
      '(the identity check;',
    );
  });

  it('uses an existing identity, and creates none, when its client id was typed', () => {
    const identity = planSummary(
      plan(
        'host=vm&identity=user&resourceGroup=rg-orders&hostName=vm-orders&identityName=id-orders&clientId=6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b',
      ),
    ).find((section) => section.title === 'Identity');
    expect(identity?.items[0]).toBe(
      'Uses the existing user-assigned identity id-orders (resource group rg-orders), whose client id must be the one entered; creates none.',
    );
  });

  it("names what the script changes on this machine: az's cloud and subscription, kubectl's config", () => {
    const local = planSummary(
      plan('cloud=china&subscription=sub-orders&resourceGroup=rg&hostName=aks-orders'),
    ).find((section) => section.title === 'On this machine');
    expect(local?.items.map((item) => item.split(' (')[0])).toEqual([
      'Switches the Azure CLI to Azure operated by 21Vianet',
      "Makes sub-orders the Azure CLI's default subscription",
      "Writes the credentials of the cluster aks-orders into ~/.kube/config, replacing an entry of the same name, and makes it kubectl's current context",
    ]);
  });

  it('says that every pod on the node pool can use the kubelet identity', () => {
    const identity = planSummary(plan('aksIdentity=kubelet&hostName=aks-orders')).find(
      (section) => section.title === 'Identity',
    );
    expect(identity?.items.join(' ')).toContain('Every pod on the node pool can use the kubelet identity');
  });

  it('names the federated credential and its subject for Workload ID', () => {
    const identity = planSummary(
      plan(
        'resourceGroup=rg&hostName=aks-orders&identityName=id-orders&namespace=shop&serviceAccount=orders&appId=orders',
      ),
    ).find((section) => section.title === 'Identity');
    expect(identity?.items).toContain(
      "Adds the federated credential dapr-shop-orders for system:serviceaccount:shop:orders, unless a credential for the cluster's issuer and that ServiceAccount exists (it is kept, under its own name).",
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
