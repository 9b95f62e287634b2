/**
 * The Azure clouds the wizard targets: what the CLI calls each one, what Dapr calls it, and the DNS suffixes
 * of the services whose host names the user types.
 *
 * CLI names and the Key Vault, storage, SQL and PostgreSQL suffixes: azure-cli
 * src/azure-cli-core/azure/cli/core/cloud.py (AZURE_PUBLIC_CLOUD, AZURE_CHINA_CLOUD, AZURE_US_GOV_CLOUD).
 * Dapr names: components-contrib common/authentication/azure/auth.go (GetAzureEnvironment accepts
 * AzurePublicCloud, AzureChinaCloud, AzureUSGovernmentCloud; ../shared/domain/dapr-components.md section 1).
 */
import type { NamingRuleId } from './naming-rules';

export const CLOUD_IDS = ['public', 'china', 'usgovernment'] as const;
export type CloudId = (typeof CLOUD_IDS)[number];

/** The services whose host names the user types, each with its DNS suffix in every cloud. */
export type HostService =
  | 'keyVault'
  | 'storage'
  | 'serviceBus'
  | 'cosmos'
  | 'appConfig'
  | 'openAi'
  | 'signalR'
  | 'redis'
  | 'postgres'
  | 'sql';

export interface CloudSpec {
  readonly id: CloudId;
  readonly title: string;
  readonly description: string;
  /** `az cloud set --name` takes this (cloud.py). */
  readonly azCloudName: string;
  /** The component's azureEnvironment value; undefined for the public cloud, Dapr's default. */
  readonly daprEnvironment?: string;
  /**
   * The host-name suffix of each service, beginning with the dot. Undefined: no suffix confirmed in a source
   * for this cloud, so the wizard accepts no host name of that service there.
   */
  readonly suffixes: Readonly<Record<HostService, string | undefined>>;
}

export const CLOUDS: readonly CloudSpec[] = [
  {
    id: 'public',
    title: 'Azure (public cloud)',
    description: 'Global Azure, portal.azure.com. Dapr assumes this cloud unless told otherwise.',
    azCloudName: 'AzureCloud',
    suffixes: {
      keyVault: '.vault.azure.net',
      storage: '.core.windows.net',
      // Service Bus and Event Hubs share the namespace suffix (naming-rules.ts serviceBusNamespaceFqdn).
      serviceBus: '.servicebus.windows.net',
      cosmos: '.documents.azure.com',
      appConfig: '.azconfig.io',
      openAi: '.openai.azure.com',
      signalR: '.service.signalr.net',
      redis: '.redis.cache.windows.net',
      postgres: '.postgres.database.azure.com',
      sql: '.database.windows.net',
    },
  },
  {
    id: 'china',
    title: 'Azure operated by 21Vianet (China)',
    description: 'portal.azure.cn. The script runs `az cloud set --name AzureChinaCloud` first.',
    azCloudName: 'AzureChinaCloud',
    daprEnvironment: 'AzureChinaCloud',
    suffixes: {
      keyVault: '.vault.azure.cn',
      storage: '.core.chinacloudapi.cn',
      // Namespace, Cosmos DB, App Configuration and Redis suffixes: the sources cited in naming-rules.ts.
      serviceBus: '.servicebus.chinacloudapi.cn',
      cosmos: '.documents.azure.cn',
      appConfig: '.azconfig.azure.cn',
      openAi: undefined,
      signalR: undefined,
      redis: '.redis.cache.chinacloudapi.cn',
      postgres: '.postgres.database.chinacloudapi.cn',
      sql: '.database.chinacloudapi.cn',
    },
  },
  {
    id: 'usgovernment',
    title: 'Azure Government (US)',
    description: 'portal.azure.us. The script runs `az cloud set --name AzureUSGovernment` first.',
    azCloudName: 'AzureUSGovernment',
    daprEnvironment: 'AzureUSGovernmentCloud',
    suffixes: {
      keyVault: '.vault.usgovcloudapi.net',
      storage: '.core.usgovcloudapi.net',
      serviceBus: '.servicebus.usgovcloudapi.net',
      cosmos: '.documents.azure.us',
      appConfig: '.azconfig.azure.us',
      openAi: undefined,
      signalR: undefined,
      redis: '.redis.cache.usgovcloudapi.net',
      postgres: '.postgres.database.usgovcloudapi.net',
      sql: '.database.usgovcloudapi.net',
    },
  },
];

export function cloudSpec(id: CloudId): CloudSpec {
  const spec = CLOUDS.find((cloud) => cloud.id === id);
  if (!spec) throw new Error(`Unknown cloud: ${id}`);
  return spec;
}

/** The host name a value names: a URL's host, without a port or path. */
function hostOf(value: string): string {
  return value
    .replace(/^[a-z]+:\/\//i, '')
    .replace(/[/:].*$/, '')
    .toLowerCase();
}

/** The cloud whose suffix of this service the value's host name ends in; undefined when none does. */
export function cloudOfHostName(service: HostService, value: string): CloudId | undefined {
  const host = hostOf(value);
  return CLOUDS.find((cloud) => {
    const suffix = cloud.suffixes[service];
    return suffix !== undefined && host.endsWith(suffix);
  })?.id;
}

/**
 * Why a host name does not fit the chosen cloud, said beside the field; undefined when it fits or when it
 * names no known cloud's host (the field's naming rule then speaks).
 */
export function wrongCloudReason(service: HostService, value: string, chosen: CloudId): string | undefined {
  const belongs = cloudOfHostName(service, value);
  if (belongs === undefined || belongs === chosen) return undefined;
  const suffix = cloudSpec(chosen).suffixes[service];
  const expected =
    suffix === undefined
      ? `the wizard knows no ${cloudSpec(chosen).title} host name for this service`
      : `in ${cloudSpec(chosen).title} it ends in ${suffix}`;
  return `This host name belongs to ${cloudSpec(belongs).title}, but the chosen cloud is ${cloudSpec(chosen).title}: ${expected}. Choose the cloud the resource is in on the host step, or paste the resource's own host name.`;
}

/** The naming rules whose values are host names, with the service each names. */
export const HOST_NAME_SERVICES: Partial<Record<NamingRuleId, HostService>> = {
  serviceBusNamespaceFqdn: 'serviceBus',
  eventHubsNamespace: 'serviceBus',
  cosmosUrl: 'cosmos',
  appConfigEndpoint: 'appConfig',
  openAiEndpoint: 'openAi',
  signalREndpoint: 'signalR',
  redisHost: 'redis',
  postgresHost: 'postgres',
  sqlServerHost: 'sql',
};
