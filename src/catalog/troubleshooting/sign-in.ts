/**
 * Errors Dapr logs when a component signs in to Azure with the managed identity, or uses what it was
 * granted: ../shared/domain/errors.md (every row, with its sources), plus the Azure SDK for Go's own
 * managed identity messages (daprd signs in through azidentity).
 */
import type { TroubleshootingEntry } from './entry';

export const SIGN_IN_ENTRIES: readonly TroubleshootingEntry[] = [
  {
    id: 'kv-forbidden-by-rbac',
    title: 'Key Vault: ForbiddenByRbac',
    stages: ['runtime'],
    patterns: [
      'ForbiddenByRbac',
      'DeniedWithNoValidRBAC',
      { regex: "action: 'microsoft\\.keyvault/vaults/[\\w/]+/action'.{0,200}assignment: \\(not found\\)" },
    ],
    cause:
      'The identity has no Key Vault data role on the vault (or it is on another scope), or the role was ' +
      'granted minutes ago and is not in effect yet.',
    fix:
      'Grant Key Vault Secrets User (secrets) or Key Vault Crypto User (keys) on the vault to the principal ' +
      'id; wait up to about 10 minutes; restart the app.',
    commands: [
      'az role assignment create --assignee-object-id <principal-id> --assignee-principal-type ServicePrincipal --role 4633458b-17de-408a-b874-0445c86b69e6 --scope <vault-id>',
    ],
    prevention: {
      text: 'Run the wizard’s script with "Azure RBAC" as the permission model.',
      fragment: 'kvModel=rbac',
    },
    sources: ['piyushsachdeva/Terraform_AKS#2', 'dapr/components-contrib#2079'],
  },
  {
    id: 'eventhubs-checkpoint-storage-role',
    title: 'Event Hubs: no role on the checkpoint storage account',
    stages: ['runtime'],
    patterns: [
      { regex: 'authorizationpermissionmismatch.{0,400}(checkpoint|blob\\.core\\.windows\\.net)' },
      { regex: '(checkpoint|blob\\.core\\.windows\\.net).{0,400}authorizationpermissionmismatch' },
    ],
    cause:
      'The Event Hubs subscriber keeps its checkpoints in blob storage, and the identity has no role there.',
    fix: 'Grant Storage Blob Data Contributor on the checkpoint storage account.',
    commands: [
      'az role assignment create --assignee-object-id <principal-id> --assignee-principal-type ServicePrincipal --role ba92f5b4-2d11-453d-a403-e96b0029c9fe --scope <storage-account-id>',
    ],
    prevention: {
      text: 'Subscribe through the wizard: it grants the checkpoint account when the component subscribes.',
      fragment: 'component=pubsub.azure.eventhubs&ehAccess=both',
    },
    sources: ['dapr/components-contrib#3097'],
  },
  {
    id: 'servicebus-manage-claim-missing',
    title: 'Service Bus: Manage rights missing for entity management',
    stages: ['runtime'],
    patterns: [
      { regex: 'authorization failed for specified action: manage' },
      { regex: '401.{0,120}manage,entitywrite' },
    ],
    cause:
      'Dapr creates queues, topics and subscriptions when entity management is on, which needs Manage: ' +
      'Data Sender and Data Receiver do not include it.',
    fix: 'Create the entities beforehand and set disableEntityManagement to "true", or grant Azure Service Bus Data Owner.',
    prevention: {
      text: 'Choose "Use existing entities": Dapr only sends and receives.',
      fragment: 'component=pubsub.azure.servicebus.topics&entityManagement=existing',
    },
    sources: ['dapr/dapr#8621', 'dapr/components-contrib#503'],
  },
  {
    id: 'cosmos-data-role-missing',
    title: 'Cosmos DB: no data-plane role',
    stages: ['runtime'],
    patterns: [
      'Microsoft.DocumentDB/databaseAccounts/readMetadata',
      'does not have required RBAC permissions to perform action',
      { regex: 'substatus:? ?5301' },
    ],
    cause:
      'Cosmos DB data access needs its own data-plane role assignment; Azure RBAC roles on the account ' +
      '(even Contributor) give no data access.',
    fix: 'Assign Cosmos DB Built-in Data Contributor with az cosmosdb sql role assignment create, scope "/".',
    commands: [
      'az cosmosdb sql role assignment create --account-name <account> --resource-group <resource-group> --role-definition-id 00000000-0000-0000-0000-000000000002 --principal-id <principal-id> --scope /',
    ],
    prevention: {
      text: 'Add the Cosmos DB component in the wizard: its script assigns the data-plane role.',
      fragment: 'component=state.azure.cosmosdb',
    },
    sources: ['Azure/azure-cosmos-dotnet-v3#2891', 'Azure/azure-dev PR #3175'],
  },
  {
    id: 'workload-id-federated-credential-mismatch',
    title: 'Workload ID: no matching federated identity record',
    stages: ['runtime'],
    patterns: ['AADSTS70021', 'No matching federated identity record found for presented assertion'],
    cause:
      'The federated credential’s issuer, subject or audience does not match the pod’s token: another ' +
      'cluster’s OIDC issuer, or another namespace or ServiceAccount.',
    fix: 'Recreate the federated credential with this cluster’s OIDC issuer and system:serviceaccount:<namespace>:<service-account>.',
    commands: [
      'az aks show --name <cluster> --resource-group <resource-group> --query oidcIssuerProfile.issuerUrl -o tsv',
    ],
    prevention: {
      text: 'Give the wizard the namespace and ServiceAccount the app runs as.',
      fragment: 'host=aks&aksIdentity=workload',
    },
    sources: ['Azure/azure-workload-identity#340', 'Azure/azure-workload-identity#1200', 'Azure/AKS#3616'],
  },
  {
    id: 'workload-id-not-configured',
    title: 'Workload ID is not configured in the pod',
    stages: ['runtime'],
    patterns: [
      // errors.md; "no client ID specified" is azidentity's (Azure/azure-sdk-for-go sdk/azidentity/workload_identity.go).
      { regex: 'workloadidentitycredential.{0,120}(not fully configured|no client id specified)' },
      { regex: 'missing environment variable azure_(client_id|federated_token_file)' },
      // The setup script's check of daprd's environment (src/generate/hosts/aks-verify.ts).
      'does not carry the Workload ID variables',
    ],
    cause:
      'The webhook did not inject AZURE_CLIENT_ID and the token file: the pod template lacks the label ' +
      'azure.workload.identity/use: "true", the client-id annotation is misspelt or not on the ServiceAccount, ' +
      'or Workload ID is off on the cluster.',
    fix: 'Run the wizard’s script again (it applies the ServiceAccount and patches the Deployment with the label), or apply both files by hand, then restart the pods.',
    prevention: {
      text: 'Use the wizard’s Workload ID route: it writes the ServiceAccount and the Deployment patch.',
      fragment: 'host=aks&aksIdentity=workload',
    },
    sources: [
      'Azure/azure-workload-identity#1026',
      'Azure/azure-workload-identity#1357',
      'Azure/azure-workload-identity#1231',
    ],
  },
  {
    id: 'mi-client-id-not-assigned',
    title: 'No managed identity with that client id on this host',
    stages: ['runtime'],
    patterns: [
      'No User Assigned or Delegated Managed Identity found for specified ClientId',
      // Azure/azure-sdk-for-go sdk/azidentity/managed_identity_client.go (IMDS answers 400).
      "the requested identity isn't assigned to this resource",
    ],
    cause:
      'azureClientId is not the identity’s client id (an app registration’s, or the principal id), or ' +
      'the identity is not attached to the host the app runs on.',
    fix: 'Put the identity’s clientId in azureClientId, attach the identity to the host, and restart the app.',
    commands: [
      'az identity show --name <identity> --resource-group <resource-group> --query clientId -o tsv',
    ],
    prevention: {
      text: 'Leave the client id empty in the wizard: the script reads it and checks it.',
      fragment: 'identity=user',
    },
    sources: [
      'dapr/components-contrib#3464',
      'MicrosoftDocs/azure-docs#102424',
      'Azure/azure-sdk-for-go sdk/azidentity/managed_identity_client.go',
    ],
  },
  {
    id: 'mi-no-default-identity',
    title: 'No managed identity is assigned to this host',
    stages: ['runtime'],
    // Azure/azure-sdk-for-go sdk/azidentity/managed_identity_client.go (IMDS answers 400 without a client id).
    patterns: ['no default identity is assigned to this resource'],
    cause:
      'The component has no azureClientId, so Dapr asks for the system-assigned identity, and the host has ' +
      'none (only a user-assigned one, or none at all).',
    fix: 'Turn on the host’s system-assigned identity, or set azureClientId to the user-assigned identity’s client id.',
    prevention: {
      text: 'Pick the identity kind in the wizard: its script turns it on or attaches it.',
      fragment: 'identity=system',
    },
    sources: ['Azure/azure-sdk-for-go sdk/azidentity/managed_identity_client.go'],
  },
  {
    id: 'dapr-tenant-id-spiffe',
    title: 'Dapr tries SPIFFE instead of the managed identity',
    stages: ['runtime'],
    patterns: ['failed to get JWT SVID source', { regex: 'clientassertioncredential.{0,80}svid' }],
    cause: 'azureTenantId is set beside azureClientId: Dapr 1.16.0 to 1.18.2 then signs in through SPIFFE.',
    fix: 'Remove azureTenantId from the component, or upgrade Dapr to 1.16.19, 1.17.13 or 1.18.3.',
    prevention: {
      text: 'Use the wizard’s component YAML: it never writes azureTenantId for a managed identity.',
    },
    sources: ['dapr/dapr docs/release_notes/v1.18.3.md', 'microsoft/azure-container-apps#1676'],
  },
  {
    id: 'no-managed-identity-endpoint',
    title: 'daprd reaches no managed identity endpoint',
    stages: ['runtime'],
    // Every credential of the chain is listed when all fail; the managed identity line, when another entry
    // matches it (no default identity, wrong client id), names the cause better than this one.
    broad: true,
    patterns: [
      'AzureCLICredential: Azure CLI not found on path',
      // Azure/azure-sdk-for-go sdk/azidentity/managed_identity_client.go.
      'IMDS token request timed out',
    ],
    cause:
      'daprd runs where no managed identity endpoint answers: a sidecar outside the host, a laptop, or a ' +
      'container with no route to the instance metadata service.',
    fix: 'Run daprd on the host that has the identity. For local development, az login and a longer initTimeout.',
    prevention: { text: 'Put the component where the wizard’s script says Dapr on that host reads it.' },
    sources: ['dapr/dapr#6521', 'dapr/components-contrib#2469'],
  },
  {
    id: 'component-init-timeout',
    title: 'A component’s init timed out',
    stages: ['runtime'],
    patterns: [{ regex: 'init timeout for component \\S+ exceeded' }],
    cause:
      'The credential chain was slow or hung (usually no reachable identity endpoint), past the 5 s default.',
    fix: 'Raise initTimeout on the component (e.g. 30s) and check that the identity endpoint answers.',
    prevention: { text: 'Run the app on the host the wizard set up, where the identity endpoint answers.' },
    sources: ['dapr/dapr#6521'],
  },
  {
    id: 'postgres-permission-denied-schema',
    title: 'PostgreSQL: permission denied for schema public',
    stages: ['runtime'],
    patterns: ['permission denied for schema public'],
    cause:
      'The GRANT on schema public did nothing: on PostgreSQL 15 and later only the database owner (or a ' +
      'role it granted) may grant CREATE there, and the Entra admin does not own the database.',
    fix: 'Run the GRANT as the database owner, then check it with has_schema_privilege.',
    commands: ["SELECT has_schema_privilege('<role>', 'public', 'USAGE, CREATE');"],
    prevention: { text: 'Run the script’s psql step signed in as the database owner.' },
    sources: ['../shared/domain/output-review.md (reproduced on PostgreSQL 15)'],
  },
  {
    id: 'redis-entra-auth-refused',
    title: 'Azure Cache for Redis refuses the token',
    stages: ['runtime'],
    patterns: ['WRONGPASS invalid username-password pair', 'NOAUTH Authentication required'],
    cause:
      'Microsoft Entra authentication is off on the cache, the identity has no data access policy, or ' +
      'useEntraID is missing (or Dapr is older than 1.14), so no token is sent. Some Dapr releases also ' +
      'failed once the first token expired, after about a day.',
    fix:
      'Turn on Entra authentication on the cache (it restarts), assign the Data Owner access policy to the ' +
      'principal id, and set useEntraID "true" with enableTLS "true" on port 6380.',
    commands: [
      'az redis access-policy-assignment create --name <cache> --resource-group <resource-group> --policy-assignment-name <name> --access-policy-name "Data Owner" --object-id <principal-id> --object-id-alias <name>',
    ],
    prevention: {
      text: 'Add the Redis component in the wizard: it writes useEntraID and assigns the access policy.',
      fragment: 'component=state.redis',
    },
    sources: [
      'dapr/components-contrib#3686',
      'dapr/components-contrib#3554',
      'dapr/components-contrib PR #3470',
      'Azure/azure-sdk-for-java PR #30002',
    ],
  },
  {
    id: 'eventhubs-consumer-group-missing',
    title: 'Event Hubs: subscribed, but no messages and no error',
    stages: ['runtime'],
    // No error text exists (dapr/dapr#6396): match the words people use to describe it.
    patterns: [{ regex: 'consumer ?group' }],
    cause:
      'Dapr reads with a consumer group named after the app id, and the event hub has none by that name.',
    fix: 'Create a consumer group named after the Dapr app id on every event hub the app subscribes to.',
    commands: [
      'az eventhubs eventhub consumer-group create --namespace-name <namespace> --resource-group <resource-group> --eventhub-name <topic> --name <app-id>',
    ],
    prevention: {
      text: 'Set the app id in the wizard: the script’s note names the consumer group to create.',
      fragment: 'component=pubsub.azure.eventhubs&ehAccess=subscribe',
    },
    sources: ['dapr/dapr#6396', 'dapr/docs PR #3103'],
  },
  {
    id: 'dapr-component-init-failed',
    title: 'Dapr could not load a component',
    stages: ['runtime'],
    broad: true,
    patterns: [
      // dapr/dapr pkg/runtime/errors/init.go: the kind and the wrapper around the component's own error.
      'INIT_COMPONENT_FAILURE',
      { regex: 'initialization error occurred for \\S+' },
      { regex: 'failed to init component \\S+' },
      { regex: 'process component \\S+ error' },
      // The setup script's wait for daprd's load line (src/generate/hosts/aks-verify.ts, aci.ts).
      { regex: 'did not log "component loaded: \\S+' },
      // The Container Apps setup's report of daprd's log (src/generate/hosts/aca-dapr-log.ts).
      { regex: 'newest revision failed to load a component' },
    ],
    cause:
      'A component failed to start; the rest of the line is its own error. The sidecar may still report ' +
      'Ready, because it reports healthy before components load; with the error daprd exits and restarts.',
    fix: 'Read the error after the component name (paste the whole line into the troubleshooting page’s search box), or list the loaded components.',
    commands: ['curl http://localhost:3500/v1.0/metadata'],
    prevention: { text: 'Check the component’s load line in the daprd log after every deployment.' },
    sources: ['dapr/dapr pkg/runtime/errors/init.go', 'dapr/dapr#7326', 'dapr/dapr#8236'],
  },
  {
    // Self-hosted (dapr run on a VM): daprd serves its HTTP API only after the components are processed
    // (dapr/dapr pkg/runtime/runtime.go), so an answer without the component means daprd runs without it: a
    // failed init with ignoreErrors set goes on (pkg/runtime/processor/loops/root/component.go), and without
    // it daprd exits, which dapr run reports and does not restart (dapr/cli cmd/run.go).
    id: 'dapr-component-not-in-metadata',
    title: 'Dapr runs on the VM (or a scale set’s instance) without some of the components',
    stages: ['script', 'runtime'],
    patterns: [
      // The VM's and the scale set's metadata check (src/generate/hosts/dapr-metadata-check.ts): the stop
      // line, and the line before it that names the components missing.
      { regex: 'metadata api on .+ does not list (?:every component|the component \\S+)' },
      { regex: 'not listed by dapr.s metadata api on ' },
    ],
    cause:
      'daprd answered, so it started, but without these components: dapr run was started under another app ' +
      'id than the components’ scope or without --resources-path pointing at the component files, or a ' +
      'component failed to initialize and ignoreErrors let daprd go on without it.',
    fix: 'Read the dapr run output for the “Failed to init component” line of each component not listed (paste it into the troubleshooting page’s search box), start the app with the dapr run line the script prints, then run the script again.',
    commands: ['curl http://localhost:3500/v1.0/metadata'],
    prevention: { text: 'Start the app with the dapr run line the script prints.' },
    sources: [
      'dapr/dapr pkg/runtime/runtime.go',
      'dapr/dapr pkg/runtime/processor/loops/root/component.go',
      'dapr/cli cmd/run.go',
    ],
  },
];
