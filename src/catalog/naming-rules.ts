/**
 * Naming rules for every value a user types, with the message shown beside the field.
 * Azure: MicrosoftDocs/azure-docs articles/azure-resource-manager/management/resource-name-rules.md.
 * Kubernetes: kubernetes.io docs concepts/overview/working-with-objects/names.md (DNS-1123).
 */

export interface NamingRule {
  readonly pattern: RegExp;
  /** Shown beside the field when the value does not match. */
  readonly message: string;
  /** The length limits the pattern enforces, so a message can say how far off a value is. */
  readonly length?: readonly [min: number, max: number];
  /** One character the pattern allows somewhere, so a message can name the first one it never allows. */
  readonly character?: RegExp;
}

// DNS-1123 label: lowercase alphanumerics and '-', alphanumeric at both ends, at most 63 (Kubernetes names doc).
const DNS_LABEL = /^(?=.{1,63}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
// DNS-1123 subdomain: dot-separated labels, at most 253 (Kubernetes names doc).
const DNS_SUBDOMAIN = /^(?=.{1,253}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

export const NAMING_RULES = {
  resourceGroup: {
    // Microsoft.Resources/resourceGroups: 1-90, alphanumerics, '_', '-', '.', '(', ')'; cannot end in '.'.
    pattern: /^[A-Za-z0-9_().-]{0,89}[A-Za-z0-9_()-]$/,
    message: "1-90 letters, digits, '-', '_', '.', '(' or ')', not ending in '.'.",
    length: [1, 90],
    character: /[A-Za-z0-9_().-]/,
  },
  subscription: {
    // az account set --subscription takes the subscription id (a GUID) or its display name.
    pattern:
      /^(?:[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|[A-Za-z0-9][A-Za-z0-9 _.()-]{0,63})$/,
    message: 'A subscription id (GUID) or a name of letters, digits, spaces, -, _, ., ( or ).',
  },
  location: {
    // Azure region names as the CLI takes them: lowercase letters and digits (e.g. westeurope).
    pattern: /^[a-z][a-z0-9]{1,39}$/,
    message: 'An Azure region name such as westeurope: lowercase letters and digits.',
    length: [2, 40],
    character: /[a-z0-9]/,
  },
  keyVaultName: {
    // Microsoft.KeyVault/vaults: 3-24, alphanumerics and '-', start with a letter, end with a letter or digit,
    // no consecutive hyphens.
    pattern: /^(?!.*--)[A-Za-z][A-Za-z0-9-]{1,22}[A-Za-z0-9]$/,
    message: "3-24 letters, digits or '-', starting with a letter, ending with a letter or digit, no '--'.",
    length: [3, 24],
    character: /[A-Za-z0-9-]/,
  },
  identityName: {
    // Microsoft.ManagedIdentity/userAssignedIdentities: 3-128, alphanumerics, '-', '_', start with alphanumeric.
    pattern: /^[A-Za-z0-9][A-Za-z0-9_-]{2,127}$/,
    message: "3-128 letters, digits, '-' or '_', starting with a letter or digit.",
    length: [3, 128],
    character: /[A-Za-z0-9_-]/,
  },
  clientId: {
    // A managed identity's client id is a GUID (az identity show --query clientId).
    pattern: GUID,
    message: 'A client id is a GUID such as 00000000-0000-0000-0000-000000000000.',
  },
  aksClusterName: {
    // Microsoft.ContainerService/managedClusters: 1-63, alphanumerics, '_', '-', alphanumeric at both ends.
    pattern: /^[A-Za-z0-9](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9])?$/,
    message: "1-63 letters, digits, '-' or '_', starting and ending with a letter or digit.",
    length: [1, 63],
    character: /[A-Za-z0-9_-]/,
  },
  containerAppName: {
    // Microsoft.App/containerApps: 2-32, lowercase letters, digits, '-', start with a letter, end alphanumeric,
    // no '--'.
    pattern: /^(?!.*--)[a-z][a-z0-9-]{0,30}[a-z0-9]$/,
    message:
      "2-32 lowercase letters, digits or '-', starting with a letter, ending with a letter or digit, no '--'.",
    length: [2, 32],
    character: /[a-z0-9-]/,
  },
  containerAppsEnvironment: {
    // Microsoft.App/managedEnvironments: 2-60, alphanumerics and '-', start with a letter, end alphanumeric.
    pattern: /^(?!.*--)[A-Za-z][A-Za-z0-9-]{0,58}[A-Za-z0-9]$/,
    message: "2-60 letters, digits or '-', starting with a letter, ending with a letter or digit.",
    length: [2, 60],
    character: /[A-Za-z0-9-]/,
  },
  appServiceName: {
    // Microsoft.Web/sites: 2-60, alphanumerics and '-', not starting or ending with '-'.
    pattern: /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,58}[A-Za-z0-9])$/,
    message: "2-60 letters, digits or '-', not starting or ending with '-'.",
    length: [2, 60],
    character: /[A-Za-z0-9-]/,
  },
  vmName: {
    // Microsoft.Compute/virtualMachines (Linux): 1-64, no spaces or special characters, cannot start with '_',
    // cannot end with '.' or '-'.
    pattern: /^[A-Za-z0-9](?:[A-Za-z0-9._-]{0,62}[A-Za-z0-9_])?$/,
    message:
      "1-64 letters, digits, '-', '_' or '.', starting with a letter or digit, not ending with '.' or '-'.",
    length: [1, 64],
    character: /[A-Za-z0-9._-]/,
  },
  containerGroupName: {
    // Microsoft.ContainerInstance/containerGroups: 1-63, lowercase letters, digits, '-', alphanumeric at both
    // ends, no '--'.
    pattern: /^(?!.*--)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/,
    message: "1-63 lowercase letters, digits or '-', starting and ending with a letter or digit, no '--'.",
    length: [1, 63],
    character: /[a-z0-9-]/,
  },
  kubernetesNamespace: {
    pattern: DNS_LABEL,
    message:
      "A Kubernetes namespace: 1-63 lowercase letters, digits or '-', starting and ending alphanumeric.",
    length: [1, 63],
    character: /[a-z0-9-]/,
  },
  serviceAccountName: {
    pattern: DNS_SUBDOMAIN,
    message: "A Kubernetes name: lowercase letters, digits, '-' and '.', starting and ending alphanumeric.",
    length: [1, 253],
    character: /[a-z0-9.-]/,
  },
  daprComponentName: {
    // metadata.name of a Kubernetes resource (DNS-1123 subdomain); also valid as an ACA Dapr component name.
    pattern: DNS_SUBDOMAIN,
    message: "Lowercase letters, digits, '-' and '.', starting and ending with a letter or digit.",
    length: [1, 253],
    character: /[a-z0-9.-]/,
  },
  daprAppId: {
    // On Kubernetes the app id becomes the '<app-id>-dapr' Service name, so it must be a DNS-1123 label.
    pattern: /^(?=.{1,58}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?$/,
    message: "1-58 lowercase letters, digits or '-', starting and ending with a letter or digit.",
    length: [1, 58],
    character: /[a-z0-9-]/,
  },
  containerImage: {
    // registry/repository[:tag][@sha256:digest], as Docker image references are written.
    pattern:
      /^[a-z0-9]+(?:[._-][a-z0-9]+)*(?::[0-9]+)?(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(?:@sha256:[a-f0-9]{64})?$/,
    message:
      'A container image such as myregistry.azurecr.io/myapp:1.0 (lowercase repository, optional tag).',
  },
  duration: {
    // Dapr parses durations with Go's time.ParseDuration (components-contrib metadata/utils.go).
    pattern: /^(?:\d+(?:\.\d+)?(?:ns|us|µs|ms|s|m|h))+$/,
    message: 'A duration such as 30s, 5m or 1h30m.',
  },
  integer: {
    pattern: /^(?:0|[1-9]\d{0,8})$/,
    message: 'A whole number.',
  },
  boolean: {
    pattern: /^(?:true|false)$/,
    message: 'true or false.',
  },
  text: {
    // Free text Dapr passes on as is: printable, one line.
    pattern: /^[^\p{Cc}]{1,256}$/u,
    message: 'One line of at most 256 characters.',
    length: [1, 256],
    character: /\P{Cc}/u,
  },
  port: {
    pattern: /^(?:[1-9][0-9]{0,3}|[1-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-5])$/,
    message: 'A TCP port from 1 to 65535.',
  },
  dnsNameLabel: {
    // Container Instances ipAddress.dnsNameLabel (container-instances-reference-yaml.md gives no rule). This
    // is the rule for public IP DNS labels (3-63, lowercase letters, digits and '-', starting with a letter,
    // ending alphanumeric: PSRule.Rules.Azure Azure.PublicIP.DNSLabel); that ACI uses the same is not confirmed.
    pattern: /^[a-z][a-z0-9-]{1,61}[a-z0-9]$/,
    message:
      "3-63 lowercase letters, digits or '-', starting with a letter and ending with a letter or digit.",
    length: [3, 63],
    character: /[a-z0-9-]/,
  },
  environmentVariables: {
    // NAME=value pairs separated by ';'. Names as POSIX shells take them (letters, digits, '_', not starting
    // with a digit: The Open Group Base Specifications, 8.1 Environment Variable Definition); values one
    // line without ';'. At most 2000 characters in all.
    pattern: /^(?=[^]{1,2000}$)[A-Za-z_][A-Za-z0-9_]*=[^;\p{Cc}]*(?:;[A-Za-z_][A-Za-z0-9_]*=[^;\p{Cc}]*)*$/u,
    message: "NAME=value pairs separated by ';', e.g. LOG_LEVEL=info;MODE=worker (no ';' in a value).",
  },
  // --- Component fields (storage, messaging, Cosmos DB, services). RNR below is MicrosoftDocs/azure-docs
  // articles/azure-resource-manager/management/resource-name-rules.md (ms.date 03/14/2025), as in
  // ../notes/naming-rules.md.
  storageAccountName: {
    // Microsoft.Storage/storageAccounts: 3-24, lowercase letters and numbers (RNR).
    pattern: /^[a-z0-9]{3,24}$/,
    message: '3-24 lowercase letters and digits.',
    length: [3, 24],
    character: /[a-z0-9]/,
  },
  blobContainerName: {
    // storageAccounts/blobServices/containers: 3-63, lowercase letters, numbers, hyphens, start with a letter or
    // number, no consecutive hyphens (RNR); a hyphen must sit between letters or digits, so it cannot end in one.
    pattern: /^(?=.{3,63}$)[a-z0-9]+(?:-[a-z0-9]+)*$/,
    message: "3-63 lowercase letters, digits or single '-', starting and ending with a letter or digit.",
    length: [3, 63],
    character: /[a-z0-9-]/,
  },
  storageTableName: {
    // Storage table: 3-63 alphanumerics, start with a letter (RNR).
    pattern: /^[A-Za-z][A-Za-z0-9]{2,62}$/,
    message: '3-63 letters and digits, starting with a letter.',
    length: [3, 63],
    character: /[A-Za-z0-9]/,
  },
  storageQueueName: {
    // Storage queue: 3-63, lowercase letters, numbers, hyphens, not starting or ending with a hyphen, no
    // consecutive hyphens (RNR).
    pattern: /^(?=.{3,63}$)[a-z0-9]+(?:-[a-z0-9]+)*$/,
    message: "3-63 lowercase letters, digits or single '-', starting and ending with a letter or digit.",
    length: [3, 63],
    character: /[a-z0-9-]/,
  },
  serviceBusNamespaceFqdn: {
    // Dapr's Service Bus components take the namespace FQDN (components-contrib
    // common/component/azure/servicebus/metadata.go; ../shared/domain/dapr-components.md section 4). Namespace
    // label: 6-50, alphanumerics and hyphens, start with a letter, end with a letter or number (RNR). Suffixes of
    // the public, China and US Government clouds (azure-docs Event Hubs/Service Bus endpoint notes).
    pattern:
      /^[A-Za-z][A-Za-z0-9-]{4,48}[A-Za-z0-9]\.servicebus\.(?:windows\.net|chinacloudapi\.cn|usgovcloudapi\.net)$/,
    message: 'The namespace host name, e.g. mynamespace.servicebus.windows.net (namespace: 6-50 characters).',
  },
  serviceBusEntityName: {
    // namespaces/queues and namespaces/topics: 1-260, alphanumerics, periods, hyphens, underscores, slashes; start
    // and end with alphanumeric (RNR).
    pattern: /^[A-Za-z0-9](?:[A-Za-z0-9._/-]{0,258}[A-Za-z0-9])?$/,
    message: "1-260 letters, digits, '.', '-', '_' or '/', starting and ending with a letter or digit.",
    length: [1, 260],
    character: /[A-Za-z0-9._/-]/,
  },
  serviceBusSubscriptionName: {
    // namespaces/topics/subscriptions: 1-50, alphanumerics, periods, hyphens, underscores; start and end with
    // alphanumeric (RNR).
    pattern: /^[A-Za-z0-9](?:[A-Za-z0-9._-]{0,48}[A-Za-z0-9])?$/,
    message: "1-50 letters, digits, '.', '-' or '_', starting and ending with a letter or digit.",
    length: [1, 50],
    character: /[A-Za-z0-9._-]/,
  },
  eventHubsNamespace: {
    // Dapr accepts a name or an FQDN and appends .servicebus.windows.net to a bare name (components-contrib
    // common/component/azure/eventhubs/metadata.go); the wizard asks for the FQDN, which also works in the
    // sovereign clouds (dapr-components.md section 1). Namespace label as for Service Bus (RNR Microsoft.EventHub).
    pattern:
      /^[A-Za-z][A-Za-z0-9-]{4,48}[A-Za-z0-9]\.servicebus\.(?:windows\.net|chinacloudapi\.cn|usgovcloudapi\.net)$/,
    message: 'The namespace host name, e.g. myeventhubs.servicebus.windows.net (namespace: 6-50 characters).',
  },
  eventHubName: {
    // namespaces/eventhubs: 1-256, alphanumerics, periods, hyphens, underscores; start and end with letter or
    // number (RNR).
    pattern: /^[A-Za-z0-9](?:[A-Za-z0-9._-]{0,254}[A-Za-z0-9])?$/,
    message: "1-256 letters, digits, '.', '-' or '_', starting and ending with a letter or digit.",
    length: [1, 256],
    character: /[A-Za-z0-9._-]/,
  },
  consumerGroup: {
    // namespaces/eventhubs/consumergroups: 1-50, alphanumerics, periods, hyphens, underscores; start and end with
    // letter or number (RNR). Every event hub also has the built-in `$Default` group.
    pattern: /^(?:\$Default|[A-Za-z0-9](?:[A-Za-z0-9._-]{0,48}[A-Za-z0-9])?)$/,
    message:
      "$Default, or 1-50 letters, digits, '.', '-' or '_', starting and ending with a letter or digit.",
  },
  cosmosUrl: {
    // The account endpoint, https://<account>.documents.azure.com:443/ (components-contrib
    // state/azure/cosmosdb/metadata.yaml, bindings/azure/cosmosdb/metadata.yaml). Account: 3-44, lowercase
    // letters, numbers, hyphens, start with a letter or number (RNR Microsoft.DocumentDB). China and US
    // Government hosts: documents.azure.cn, documents.azure.us (Azure private DNS zone lists).
    pattern: /^https:\/\/[a-z0-9][a-z0-9-]{2,43}\.documents\.azure\.(?:com|cn|us)(?::443)?\/?$/,
    message: 'The account URL, e.g. https://myaccount.documents.azure.com:443/ (account: 3-44 lowercase).',
  },
  cosmosDatabaseId: {
    // Database and container names: at most 255 characters (MicrosoftDocs/azure-docs articles/cosmos-db/
    // concepts-limits.md); ids cannot contain '/', '\', '?' or '#' (Azure Cosmos DB .NET SDK, Resource.Id
    // remarks). Trailing spaces and control characters are refused as well.
    pattern: /^(?=.{1,255}$)[^/\\?#\p{Cc}]*[^/\\?#\p{Cc}\s]$/u,
    message: "1-255 characters without '/', '\\', '?' or '#', not ending in a space.",
    length: [1, 255],
    character: /[^/\\?#\p{Cc}]/u,
  },
  cosmosContainerId: {
    // As cosmosDatabaseId (concepts-limits.md; Cosmos DB SDK Resource.Id remarks).
    pattern: /^(?=.{1,255}$)[^/\\?#\p{Cc}]*[^/\\?#\p{Cc}\s]$/u,
    message: "1-255 characters without '/', '\\', '?' or '#', not ending in a space.",
    length: [1, 255],
    character: /[^/\\?#\p{Cc}]/u,
  },
  cosmosPartitionKey: {
    // The payload property holding the partition key value; Dapr splits it on '.' to reach nested properties
    // (components-contrib bindings/azure/cosmosdb/cosmosdb.go getPartitionKeyValue). A property name, not a
    // container path such as /orderId.
    pattern: /^(?=.{1,256}$)[^./\\\s]+(?:\.[^./\\\s]+)*$/,
    message: "A property name such as orderId (nested: customer.id), without '/' or spaces.",
  },
  appConfigEndpoint: {
    // host is the store endpoint https://<store>.azconfig.io (components-contrib
    // configuration/azure/appconfig/metadata.yaml). Store: 5-50 alphanumerics and hyphens, no more than two
    // hyphens in a row, not starting or ending with a hyphen (RNR Microsoft.AppConfiguration). azconfig.azure.cn
    // and azconfig.azure.us: the China and US Government hosts (Azure SDK for .NET ConfigurationClientOptions).
    pattern:
      /^https:\/\/(?![^.]*---)[A-Za-z0-9][A-Za-z0-9-]{3,48}[A-Za-z0-9]\.azconfig\.(?:io|azure\.cn|azure\.us)\/?$/,
    message: 'The store endpoint, e.g. https://mystore.azconfig.io (store: 5-50 letters, digits or -).',
  },
  openAiEndpoint: {
    // endpoint, e.g. https://<account>.openai.azure.com/ (components-contrib bindings/azure/openai/metadata.yaml).
    // Account: 2-64 alphanumerics and hyphens, starting and ending alphanumeric (RNR Microsoft.CognitiveServices).
    pattern: /^https:\/\/[A-Za-z0-9][A-Za-z0-9-]{0,62}[A-Za-z0-9]\.openai\.azure\.com\/?$/,
    message: 'The Azure OpenAI endpoint, e.g. https://myaccount.openai.azure.com/.',
  },
  signalREndpoint: {
    // endpoint, e.g. https://<name>.service.signalr.net (components-contrib bindings/azure/signalr/metadata.yaml;
    // signalr.go trims a trailing '/'). Name: 3-63 alphanumerics and hyphens, start with a letter, end with a
    // letter or number (RNR Microsoft.SignalRService).
    pattern: /^https:\/\/[A-Za-z][A-Za-z0-9-]{1,61}[A-Za-z0-9]\.service\.signalr\.net\/?$/,
    message: 'The SignalR endpoint, e.g. https://mysignalr.service.signalr.net.',
  },
  signalRHub: {
    // The hub path parameter of the SignalR data-plane REST API: ^[A-Za-z][A-Za-z0-9_`,.[\]]{0,127}$ (Azure SignalR
    // REST API spec, as in the Azure/azure-signalr ParameterValidator.HubNamePattern). Dapr lower-cases it
    // (components-contrib bindings/azure/signalr/signalr.go).
    pattern: /^[A-Za-z][A-Za-z0-9_`,.[\]]{0,127}$/,
    message: "1-128 letters, digits, '_', '`', ',', '.', '[' or ']', starting with a letter.",
    length: [1, 128],
    character: /[A-Za-z0-9_`,.[\]]/,
  },
  redisHost: {
    // Azure Cache for Redis host with the TLS port: <name>.redis.cache.windows.net:6380; Dapr appends 6379
    // when no port is given (components-contrib common/component/redis/settings.go resolveHost), and Azure
    // serves TLS on 6380. Cache names: 1-63, letters, digits, '-', no '--' (resource-name-rules.md).
    pattern:
      /^(?!.*--)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.redis\.cache\.(?:windows\.net|chinacloudapi\.cn|usgovcloudapi\.net):6380$/,
    message: 'The cache host name with the TLS port, such as mycache.redis.cache.windows.net:6380.',
  },
  postgresHost: {
    // Flexible server host: <server>.postgres.database.azure.com; server names 3-63 lowercase letters, digits
    // and '-', not starting or ending with '-' (resource-name-rules.md).
    pattern:
      /^[a-z0-9](?:[a-z0-9-]{1,61}[a-z0-9])\.postgres\.database\.(?:azure\.com|chinacloudapi\.cn|usgovcloudapi\.net)$/,
    message: 'The server host name, such as myserver.postgres.database.azure.com.',
  },
  postgresIdentifier: {
    // A plain (unquoted) PostgreSQL identifier: letters, digits, '_', not starting with a digit, at most 63
    // (PostgreSQL docs, "Identifiers and Key Words").
    pattern: /^[A-Za-z_][A-Za-z0-9_]{0,62}$/,
    message: "Letters, digits and '_', not starting with a digit, at most 63.",
    length: [1, 63],
    character: /[A-Za-z0-9_]/,
  },
  postgresNotifyChannel: {
    // Dapr accepts lower-case letters, digits, '.', '/' and '_', at most 64 (components-contrib
    // configuration/postgres/metadata.go at v1.18.0); kept to the plain-identifier subset LISTEN takes unquoted.
    pattern: /^[a-z_][a-z0-9_]{0,62}$/,
    message: "Lower-case letters, digits and '_', not starting with a digit, at most 63.",
    length: [1, 63],
    character: /[a-z0-9_]/,
  },
  sqlServerHost: {
    // Azure SQL logical server host: <server>.database.windows.net; server names 1-63 lowercase letters,
    // digits and '-', not starting or ending with '-' (resource-name-rules.md).
    pattern:
      /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.database\.(?:windows\.net|chinacloudapi\.cn|usgovcloudapi\.net)$/,
    message: 'The server host name, such as myserver.database.windows.net.',
  },
  sqlDatabaseName: {
    // Azure SQL database names: 1-128, no <>*%&:\/? or control characters, not ending in '.' or space
    // (resource-name-rules.md); the wizard also keeps out quotes and brackets, which the connection URL
    // and T-SQL would need to escape.
    pattern: /^[A-Za-z0-9_][A-Za-z0-9_ .-]{0,126}[A-Za-z0-9_-]$|^[A-Za-z0-9_]$/,
    message: "1-128 letters, digits, '_', '-', '.' or spaces, not ending in '.' or a space.",
    length: [1, 128],
    character: /[A-Za-z0-9_ .-]/,
  },
  sqlIdentifier: {
    // A regular T-SQL identifier (SQL docs, "Database identifiers"): letter or '_' first, then letters, digits, '_'.
    pattern: /^[A-Za-z_][A-Za-z0-9_]{0,127}$/,
    message: "Letters, digits and '_', starting with a letter or '_'.",
    length: [1, 128],
    character: /[A-Za-z0-9_]/,
  },
} as const satisfies Record<string, NamingRule>;

export type NamingRuleId = keyof typeof NAMING_RULES;
