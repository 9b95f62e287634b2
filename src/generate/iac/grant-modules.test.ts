// Grants on resources in other resource groups than the deployment's: Bicep makes each in a module deployed into
// that group (one module per group, every grant kind), main.bicep passes it the principal; Terraform needs no
// module, since each data source names its own group.
import { describe, expect, it } from 'vitest';
import { parseShareLink } from '../../model/url-state';
import { checkBicep, checkTerraform } from '../../test-support/iac';
import { iacFiles } from '../iac-outputs';

// A VM's system-assigned identity (the principal is the host's): a vault with access policies in one group, a
// Cosmos DB account and a Service Bus queue (a child resource) in a second, a Redis cache in a third whose name
// gives the first's file stem too, and a storage account in the VM's own group. The modules come in the order
// of the grants (Key Vault access policies last: they are merged per vault).
const LINK = [
  'host=vm&resourceGroup=rg-orders&hostName=vm-orders&appId=orders-api',
  'm.vaultName=kv-orders&kvModel=accesspolicy&rg=rg-Vault.(eu)',
  'c2.component=state.azure.cosmosdb&c2.rg=rg-data&c2.m.url=https%3A%2F%2Fcosmos-orders.documents.azure.com%3A443%2F&c2.m.database=orders&c2.m.collection=state',
  'c3.component=bindings.azure.servicebus.queues&c3.rg=rg-data&c3.m.namespaceName=sb-orders.servicebus.windows.net&c3.m.queueName=invoices',
  'c4.component=state.redis&c4.rg=rg_vault-eu&c4.m.redisHost=redis-orders.redis.cache.windows.net:6380',
  'c5.component=state.azure.blobstorage&c5.m.accountName=storders&c5.m.containerName=state',
].join('&');

const config = parseShareLink('', LINK).config;
const bicep = iacFiles(config, 'bicep');
const main = bicep.find((file) => file.id === 'bicep')?.text ?? '';
const modules = bicep.filter((file) => file.id === 'bicep-module');
const moduleText = (name: string): string => modules.find((file) => file.fileName === name)?.text ?? '';

describe('grants in other resource groups', () => {
  it('are one module each, in the order of their first grant, with file stems that stay distinct', () => {
    expect(modules.map((file) => file.path)).toEqual([
      'infra/modules/grants-rg-data.bicep',
      'infra/modules/grants-rg-vault-eu.bicep',
      'infra/modules/grants-rg-vault-eu-2.bicep',
    ]);
    const scopes = [...main.matchAll(/^ {2}scope: resourceGroup\('([^']*)'\)$/gm)].map((m) => m[1]);
    expect(scopes).toEqual(['rg-data', 'rg_vault-eu', 'rg-Vault.(eu)']);
  });

  it('pass the checkers, main.bicep with its modules', async () => {
    const files = Object.fromEntries(modules.map((file) => [file.path.replace(/^infra\//, ''), file.text]));
    expect(checkBicep(main, files)).toEqual([]);
    const terraform = iacFiles(config, 'terraform')[0]?.text ?? '';
    expect(await checkTerraform(terraform)).toEqual([]);
  });

  it('put every grant kind in the module of its group, and only the own group in main.bicep', () => {
    expect(moduleText('grants-rg-vault-eu-2.bicep')).toContain("'Microsoft.KeyVault/vaults/accessPolicies@");
    expect(moduleText('grants-rg-data.bicep')).toContain(
      "'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@",
    );
    // The queue's role assignment needs its namespace declared beside it.
    expect(moduleText('grants-rg-data.bicep')).toMatch(
      /resource servicebusNamespace 'Microsoft\.ServiceBus\/namespaces@[^']+' existing[\s\S]*parent: servicebusNamespace/,
    );
    expect(moduleText('grants-rg-vault-eu.bicep')).toContain(
      "'Microsoft.Cache/redis/accessPolicyAssignments@",
    );
    expect(main).not.toMatch(/accessPolicies@|sqlRoleAssignments@|accessPolicyAssignments@/);
    expect([...main.matchAll(/^resource (\w+) '[^']+' existing/gm)].map((m) => m[1])).toEqual([
      'hostResource',
      'storageAccount',
    ]);
  });

  it('name each role assignment as main.bicep would: the host resource id goes in as granteeResourceId', () => {
    expect(main.match(/granteeResourceId: hostResource\.id/g)).toHaveLength(3);
    expect(moduleText('grants-rg-data.bicep')).toMatch(/name: guid\(\w+\.id, granteeResourceId, '/);
  });

  it('need no module in Terraform: each data source names its own group', () => {
    const terraform = iacFiles(config, 'terraform')[0]?.text ?? '';
    for (const [source, group] of [
      ['azurerm_key_vault', 'rg-Vault.(eu)'],
      ['azurerm_cosmosdb_account', 'rg-data'],
      ['azurerm_servicebus_namespace', 'rg-data'],
      ['azurerm_redis_cache', 'rg_vault-eu'],
    ] as const) {
      expect(terraform).toMatch(
        new RegExp(
          `data "${source}" "\\w+" \\{\\n[^}]*resource_group_name = "${group.replace(/[.()]/g, '\\$&')}"`,
        ),
      );
    }
    expect(terraform).toMatch(
      /data "azurerm_storage_account" "\w+" \{\n[^}]*resource_group_name = var\.resource_group_name/,
    );
  });
});
