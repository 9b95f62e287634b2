/**
 * The Azure resource a component's grant is scoped to, as Bicep and Terraform name it, keyed by the Azure CLI
 * command the setup script looks it up with (ResourceRef.showCommand): one table for both renderers.
 *
 * ARM types and API versions: the pinned @azure/arm-* packages (src/test-support/iac/arm-models.json, written by
 * scripts/extract-arm-models.ts; the renderers must use exactly those API versions). Terraform data sources and
 * their arguments: azurerm 4.55.0 (src/test-support/iac/azurerm-schema.json, scripts/extract-azurerm-schema.ts);
 * the queue and event hub data sources take their namespace (registry.terraform.io/providers/hashicorp/azurerm
 * docs/data-sources/servicebus_queue: namespace_id; docs/data-sources/eventhub: namespace_name and
 * resource_group_name).
 */
import type { ResolvedResource } from '../resources';

export interface IacResourceType {
  readonly armType: string;
  readonly apiVersion: string;
  readonly terraformDataSource: string;
  /** How a child's data source names its parent: by id, or by name beside the resource group. */
  readonly terraformParent?: { readonly argument: 'namespace_id' | 'namespace_name' };
}

const TYPES: Readonly<Record<string, IacResourceType>> = {
  'keyvault show': {
    armType: 'Microsoft.KeyVault/vaults',
    apiVersion: '2025-05-01',
    terraformDataSource: 'azurerm_key_vault',
  },
  'storage account show': {
    armType: 'Microsoft.Storage/storageAccounts',
    apiVersion: '2025-06-01',
    terraformDataSource: 'azurerm_storage_account',
  },
  'servicebus namespace show': {
    armType: 'Microsoft.ServiceBus/namespaces',
    apiVersion: '2021-11-01',
    terraformDataSource: 'azurerm_servicebus_namespace',
  },
  'servicebus queue show': {
    armType: 'Microsoft.ServiceBus/namespaces/queues',
    apiVersion: '2021-11-01',
    terraformDataSource: 'azurerm_servicebus_queue',
    terraformParent: { argument: 'namespace_id' },
  },
  'eventhubs namespace show': {
    armType: 'Microsoft.EventHub/namespaces',
    apiVersion: '2024-01-01',
    terraformDataSource: 'azurerm_eventhub_namespace',
  },
  'eventhubs eventhub show': {
    armType: 'Microsoft.EventHub/namespaces/eventhubs',
    apiVersion: '2024-01-01',
    terraformDataSource: 'azurerm_eventhub',
    terraformParent: { argument: 'namespace_name' },
  },
  'cosmosdb show': {
    armType: 'Microsoft.DocumentDB/databaseAccounts',
    apiVersion: '2025-10-15',
    terraformDataSource: 'azurerm_cosmosdb_account',
  },
  'appconfig show': {
    armType: 'Microsoft.AppConfiguration/configurationStores',
    apiVersion: '2023-03-01',
    terraformDataSource: 'azurerm_app_configuration',
  },
  'cognitiveservices account show': {
    armType: 'Microsoft.CognitiveServices/accounts',
    apiVersion: '2025-09-01',
    terraformDataSource: 'azurerm_cognitive_account',
  },
  'signalr show': {
    armType: 'Microsoft.SignalRService/signalR',
    apiVersion: '2023-02-01',
    terraformDataSource: 'azurerm_signalr_service',
  },
  'postgres flexible-server show': {
    armType: 'Microsoft.DBforPostgreSQL/flexibleServers',
    apiVersion: '2025-08-01',
    terraformDataSource: 'azurerm_postgresql_flexible_server',
  },
  'sql server show': {
    armType: 'Microsoft.Sql/servers',
    apiVersion: '2022-08-01-preview',
    terraformDataSource: 'azurerm_mssql_server',
  },
  'redis show': {
    armType: 'Microsoft.Cache/redis',
    apiVersion: '2024-11-01',
    terraformDataSource: 'azurerm_redis_cache',
  },
};

/** The resource's types; a catalog resource missing here is a bug the IaC tests catch on every component. */
export function iacResourceType(resource: ResolvedResource): IacResourceType {
  const key = resource.ref.showCommand.join(' ');
  const type = TYPES[key];
  if (!type) throw new Error(`No Bicep/Terraform type for the resource looked up with az ${key}`);
  return type;
}

/** API versions of the types the renderers create, from the same pinned packages. */
export const API_VERSIONS = {
  roleAssignments: '2022-04-01',
  userAssignedIdentities: '2024-11-30',
  managedEnvironments: '2025-07-01',
  cosmos: '2025-10-15',
  keyVault: '2025-05-01',
  redis: '2024-11-01',
  siteContainers: '2025-03-01',
} as const;
