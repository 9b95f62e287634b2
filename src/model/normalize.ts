/**
 * What users paste, turned into what the field takes: a Key Vault URL into the vault name, a bare Service
 * Bus or Event Hubs namespace into its host name, a region's display name into its name. Each normalizer
 * returns the value to use, or undefined when it has nothing to change; the field then says what it used.
 */
import type { NamingRuleId } from '../catalog/naming-rules';
import { NAMING_RULES } from '../catalog/naming-rules';

type Normalizer = (value: string) => string | undefined;

// Key Vault DNS suffixes of the public, China and US Government clouds (MicrosoftDocs/azure-docs
// articles/key-vault/general/about-keys-secrets-certificates.md, "DNS suffixes for object identifiers").
// Dapr also takes the URL, but prefers the bare name (../shared/domain/dapr-components.json, keyvault.go).
const VAULT_URL =
  /^(?:https?:\/\/)?([A-Za-z0-9-]+)\.vault\.(?:azure\.net|azure\.cn|usgovcloudapi\.net)(?::443)?(?:\/.*)?$/;

// A namespace's endpoint as the portal and connection strings give it: sb://<ns>.servicebus.windows.net/
// (Endpoint=sb://... in a connection string) or https://...:443/; the suffixes of naming-rules.ts.
const NAMESPACE_ENDPOINT =
  /^(?:sb|https|amqps):\/\/([A-Za-z0-9-]+\.servicebus\.(?:windows\.net|chinacloudapi\.cn|usgovcloudapi\.net))(?::\d+)?\/?$/;
// A bare namespace name (6-50, letter first, letter or digit last: resource-name-rules.md, Microsoft.ServiceBus).
const NAMESPACE_LABEL = /^[A-Za-z][A-Za-z0-9-]{4,48}[A-Za-z0-9]$/;

/** Service Bus and Event Hubs (an Event Hubs namespace shares the servicebus.windows.net suffix). */
const namespaceHost: Normalizer = (value) => {
  const endpoint = NAMESPACE_ENDPOINT.exec(value);
  if (endpoint?.[1]) return endpoint[1];
  // The public cloud's suffix, as Dapr appends it to a bare Event Hubs namespace (components-contrib
  // common/component/azure/eventhubs/metadata.go); in another cloud, paste the host name.
  return NAMESPACE_LABEL.test(value) ? `${value}.servicebus.windows.net` : undefined;
};

/**
 * `West Europe` and the portal's `(Europe) West Europe` to `westeurope`: a region's name is its display
 * name in lowercase without spaces, as `az account list-locations -o table` lists them side by side
 * (DisplayName, Name, RegionalDisplayName).
 */
const regionName: Normalizer = (value) => {
  const display = /^(?:\([^)]*\)\s*)?([A-Za-z][A-Za-z0-9 ]*[A-Za-z0-9])$/.exec(value)?.[1];
  return display === undefined ? undefined : display.replace(/ +/g, '').toLowerCase();
};

const vaultName: Normalizer = (value) => VAULT_URL.exec(value)?.[1];

// A storage account's endpoint as the portal's Endpoints page lists it: https://<account>.<blob|queue|table|
// dfs|file>.core.<cloud suffix>/ (MicrosoftDocs/azure-docs articles/storage/common/storage-account-overview.md,
// "Standard endpoints"; the China and US Government suffixes as in naming-rules.ts' Table Storage URL).
const STORAGE_ENDPOINT =
  /^(?:https?:\/\/)?([a-z0-9]{3,24})\.(?:blob|queue|table|dfs|file)\.core\.(?:windows\.net|chinacloudapi\.cn|usgovcloudapi\.net)(?:\/.*)?$/;
const storageAccount: Normalizer = (value) => STORAGE_ENDPOINT.exec(value)?.[1];

// A bare server or cache name: the public cloud's host name, as for a bare namespace; in another cloud,
// paste the host name. Names: 1-63 lowercase letters, digits and '-' (resource-name-rules.md).
const BARE_NAME = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/**
 * Azure SQL: the server as an ADO.NET connection string names it, `tcp:<host>,1433` (the portal's
 * "Connection strings" blade), or a bare server name.
 */
const sqlServerHost: Normalizer = (value) => {
  const tcp = /^tcp:([^,\s]+)(?:,\d+)?$/.exec(value)?.[1];
  if (tcp !== undefined) return tcp;
  return BARE_NAME.test(value) ? `${value}.database.windows.net` : undefined;
};

/** PostgreSQL flexible server: a bare server name. */
const postgresHost: Normalizer = (value) =>
  BARE_NAME.test(value) ? `${value}.postgres.database.azure.com` : undefined;

/**
 * Azure Cache for Redis: the host name as the portal shows it, without a port, takes the TLS port 6380 the
 * rule asks for (naming-rules.ts redisHost); a bare cache name gets the public cloud's host name too.
 */
const redisHost: Normalizer = (value) => {
  if (/^[A-Za-z0-9-]+\.redis\.cache\.(?:windows\.net|chinacloudapi\.cn|usgovcloudapi\.net)$/.test(value))
    return `${value}:6380`;
  return BARE_NAME.test(value) ? `${value}.redis.cache.windows.net:6380` : undefined;
};

const NORMALIZERS: Partial<Record<NamingRuleId, Normalizer>> = {
  keyVaultName: vaultName,
  serviceBusNamespaceFqdn: namespaceHost,
  eventHubsNamespace: namespaceHost,
  location: regionName,
  storageAccountName: storageAccount,
  sqlServerHost,
  postgresHost,
  redisHost,
};

/**
 * The value the field will use for what was typed or pasted: without surrounding spaces, and in the form
 * the field takes where the rule knows another form of it. Undefined when the value is used as it is, or
 * when the normalized value would still break the rule (the error then speaks of what was typed).
 */
export function normalizeFieldValue(rule: NamingRuleId, value: string): string | undefined {
  const trimmed = value.trim();
  const normalize = NORMALIZERS[rule];
  const normalized = NAMING_RULES[rule].pattern.test(trimmed) ? trimmed : (normalize?.(trimmed) ?? trimmed);
  if (normalized === value || normalized === '') return undefined;
  return NAMING_RULES[rule].pattern.test(normalized) ? normalized : undefined;
}
