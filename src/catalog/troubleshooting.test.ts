import { describe, expect, it } from 'vitest';
import { parseShareLink } from '../model/url-state';
import {
  matchTroubleshooting,
  normalizeLogText,
  troubleshootingEntry,
  TROUBLESHOOTING_ENTRIES,
} from './troubleshooting';

/**
 * For every entry, error text as its source prints or quotes it (source in the comment), wrapped in the
 * noise a pasted line carries: timestamps, log levels, JSON quoting. A new entry without a sample fails.
 */
const SAMPLES: Record<string, readonly string[]> = {
  // az 2.45 on this machine; azure-cli _profile.py.
  'az-not-logged-in': ["ERROR: Please run 'az login' to setup account."],
  // az 2.45 on this machine.
  'az-command-too-old': [
    "ERROR: 'access-policy-assignment' is misspelled or not recognized by the system.\n\nExamples from AI knowledge base:",
    'ERROR: unrecognized arguments: --enable-workload-identity',
  ],
  'az-resource-not-found': [
    // Azure-Samples/azure-search-openai-demo#80.
    "The Resource 'Microsoft.Search/searchServices/gptkb-n5ibctygita4e' under resource group 'rg-dev' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix",
    // Azure/azure-cli#22736.
    "ERROR: (ResourceGroupNotFound) Resource group 'foo' could not be found.\nCode: ResourceGroupNotFound",
    // keyvault/_validators.py.
    "ERROR: The Vault 'kv-orders' not found within subscription.",
  ],
  // Azure/terraform-azurerm-avm-res-keyvault-vault#110.
  'az-role-assignment-forbidden': [
    "Status=403 Code=\"AuthorizationFailed\" Message=\"The client '24bd450f-6acd-4c09-8eba-9a43207e2bdc' with object id '24bd450f-6acd-4c09-8eba-9a43207e2bdc' does not have authorization to perform action 'Microsoft.Authorization/roleAssignments/write' over scope '/subscriptions/af985f55/resourceGroups/rg' or the scope is invalid.\"",
  ],
  // Azure/ARO-RP PR #1186.
  'az-role-assignment-exists': [
    'Status=409 Code="RoleAssignmentExists" Message="The role assignment already exists."',
  ],
  'kv-vault-uses-access-policies': [
    // The guard (src/generate/__golden__/*/setup.sh).
    'The vault kv-orders uses access policies, which ignore RBAC roles: choose "Vault access policies" in the wizard.',
    // MicrosoftDocs/azure-docs#57072, as JSON inside a log line.
    'level=error msg="{\\"error\\":{\\"code\\":\\"Forbidden\\",\\"message\\":\\"The user, group or application \'appid=;oid=;iss=https://sts.windows.net/tenantid/\' does not have secrets set permission on key vault \'kv;location=uksouth\'."}}"',
  ],
  'kv-vault-uses-rbac': [
    'The vault kv-keys uses Azure RBAC: choose "Azure RBAC" in the wizard.',
    // keyvault/custom.py.
    "ERROR: Cannot set policies to a vault with '--enable-rbac-authorization' specified",
  ],
  'client-id-mismatch': [
    "The client id entered in the wizard is not this identity's: correct it there, or leave it empty.",
    // src/generate/setup/user-identity.ts.
    'The client id entered in the wizard is not that of the identity id-orders: correct it there, or leave it empty.',
  ],
  'postgres-entra-auth-off': [
    'Turn on Microsoft Entra authentication on the server first: az postgres flexible-server update --microsoft-entra-auth Enabled (--active-directory-auth before Azure CLI 2.73).',
  ],
  'aks-dapr-not-installed': [
    // dapr/dapr#2887.
    'error: unable to recognize "./deploy/redis.yaml": no matches for kind "Component" in version "dapr.io/v1alpha1"',
    // kubectl's NotFound form for `kubectl get crd components.dapr.io`.
    'Error from server (NotFound): customresourcedefinitions.apiextensions.k8s.io "components.dapr.io" not found',
    // dapr/dapr#2911.
    'Error from server (NotFound): Unable to list "dapr.io/v1alpha1, Resource=components": the server could not find the requested resource (get components.dapr.io)',
  ],
  // The setup script's own checks (src/generate/hosts/aks-*.ts).
  'aks-federated-credential-name-taken': [
    'The identity id-orders already has a federated credential named dapr-orders-orders-api for another issuer or ServiceAccount.',
  ],
  // The AKS setup's component check (src/generate/hosts/aks-components.ts): its two lines, each alone.
  'aks-component-not-created-by-setup': [
    'The namespace orders already has a Dapr component named azurekeyvault, of type state.redis.',
    'That component carries no dapr-mi-wizard/created mark, so the setup did not create it (someone else did, or a setup from before it marked what it creates, or a run stopped before its mark).',
  ],
  'aks-component-other-values': [
    'The namespace orders already has a Dapr component named azurekeyvault that an earlier run of the setup wrote with other values.',
  ],
  // The AKS setup's federated credential check (src/generate/hosts/aks-federated-credential.ts).
  'aks-federated-credential-audience': [
    "The federated credential orders-fic of the identity id-orders trusts this cluster's issuer and the ServiceAccount orders-api in orders, but not for the audience api://AzureADTokenExchange.",
    "Dapr's pods present a ServiceAccount token for the audience api://AzureADTokenExchange (the Workload ID webhook asks for it), and Entra takes a token only through a credential listing its audience, so Dapr's sign-in would fail (AADSTS70021).",
  ],
  'aks-federated-credential-unreadable': [
    'The audiences of the federated credential found a moment ago on the identity id-orders could not be read (it may have been deleted since, or the call failed: see the error above).',
  ],
  'vmss-flexible-system-identity': [
    'The scale set vmss-orders uses Flexible orchestration, which takes a user-assigned managed identity only, not the system-assigned one this script gives it.',
  ],
  'aks-service-account-taken': [
    'The Deployment orders-api runs as a ServiceAccount of its own, not orders-api.',
  ],
  // Bash.
  'tool-not-found': ['./setup.sh: line 80: psql: command not found', 'bash: sqlcmd: command not found'],
  // errors.md (Azure/data-api-builder#2271).
  'postgres-password-auth-failed': [
    '2026-11-30T10:01:02Z ERROR 28P01 password authentication failed for user "id-orders"',
  ],
  'postgres-firewall-blocked': [
    // Azure/azure-cli-extensions#8410.
    'connection to server at "pg-orders.postgres.database.azure.com" (20.1.2.3), port 5432 failed: FATAL:  no pg_hba.conf entry for host "5.6.7.8", user "me@contoso.com", database "postgres", no encryption',
    // Azure/postgresql PR #29.
    'psql: error: connection to server at "pg-orders.postgres.database.azure.com" (1.2.3.4), port 5432 failed: Connection timed out\nIs the server running on that host and accepting TCP/IP connections?',
  ],
  // airbytehq/airbyte#20344.
  'sql-firewall-blocked': [
    "Cannot open server 'ocplxha851' requested by the login. Client with IP address '34.106.127.139' is not allowed to access the server.  To enable access, use the Windows Azure Management Portal",
  ],
  // betr-io/terraform-provider-mssql#55.
  'sql-not-entra-connection': [
    "Principal 'adf-cbi-dev-02' could not be created. Only connections established with Active Directory accounts can create other Active Directory users.",
  ],
  'sql-principal-not-found': [
    // MicrosoftDocs/azure-docs#33357.
    "Msg 33130, Level 16, State 1, Line 11\nPrincipal 'pradebban@abc.com' could not be found or this principal type is not supported.",
    // MicrosoftDocs/sql-docs#2323.
    'Error 33134, Severity 16, Message "Principal \'bob@contoso.com\' could not be found at this time. Please try again later."',
    // Microsoft Learn, "Microsoft Entra logins and users with nonunique display names" (Msg 37545).
    "Msg 37545, Level 16, State 1, Line 1 '' is not a valid object id for '' or you do not have permission.",
  ],
  // The script's own messages (src/generate/grants/sql-contained-user.ts).
  'sql-grant-refused': [
    'Adding id-orders to the database orders on sql-orders failed with the sqlcmd error above, which waiting does not fix.',
    'Adding id-orders to the database orders on sql-orders failed 3 or more times, the last with Msg 37545 ("is not a valid object id ... or you do not have permission"), which has two causes.',
    // Microsoft Learn, "Microsoft Entra service principal with Azure SQL", Troubleshooting (Msg 33134).
    "Msg 33134, Level 16, State 1, Line 1\nPrincipal 'app' could not be resolved. Error message: 'Server identity is not configured. Please follow the steps in \"Assign an Azure AD identity to your server and add Directory Reader permission to your identity\"'",
  ],
  'sql-database-lookup-failed': [
    'Could not read sys.databases in master on sql-orders (the error above), so the teardown stops before its database users.',
  ],
  // dapr/components-contrib#3258.
  'sql-login-failed-token-principal': [
    "mssql: login error: Login failed for user '<token-identified principal>'.",
  ],
  // pulumi/pulumi-azure-native#2816.
  'cosmos-principal-not-found': [
    'The provided principal ID [7d1e5a8b-3c2f-4e9a-b1d0-6f4c2a9e8b7d] was not found in the AAD tenant(s)',
    // The setup's retry (src/generate/grants/cosmos-sql-role.ts).
    'The Cosmos DB role assignment on cosmos-orders failed 6 times.',
  ],
  // piyushsachdeva/Terraform_AKS#2, with its \r\n escapes.
  'kv-forbidden-by-rbac': [
    'Status=403 Code="Forbidden" Message="Caller is not authorized to perform action on resource.\\r\\nCaller: appid=0X;oid=5X\\r\\nAction: \'Microsoft.KeyVault/vaults/secrets/getSecret/action\'\\r\\nResource: \'/subscriptions/d/resourcegroups/rg/providers/microsoft.keyvault/vaults/kv/secrets/s\'\\r\\nAssignment: (not found)\\r\\nDecisionReason: \'DeniedWithNoValidRBAC\'" InnerError={"code":"ForbiddenByRbac"}',
  ],
  // dapr/components-contrib#3097 (errors.md).
  'eventhubs-checkpoint-storage-role': [
    'RESPONSE 403: This request is not authorized to perform this operation using this permission.\nERROR CODE: AuthorizationPermissionMismatch\nPUT https://stcheckpoints.blob.core.windows.net/checkpoints',
  ],
  // dapr/dapr#8621.
  'servicebus-manage-claim-missing': [
    'error creating subscription: 401 Unauthorized: Authorization failed for specified action: Manage,EntityWrite.',
  ],
  // Azure/azure-cosmos-dotnet-v3#2891.
  'cosmos-data-role-missing': [
    'Response status code does not indicate success: Forbidden (403); Substatus: 5301; Reason: (Request blocked by Auth cosmos-orders : Request is blocked because principal [1c3] does not have required RBAC permissions to perform action [Microsoft.DocumentDB/databaseAccounts/readMetadata] on resource [/].',
  ],
  // Azure/azure-workload-identity#340.
  'workload-id-federated-credential-mismatch': [
    "AADSTS70021: No matching federated identity record found for presented assertion. Assertion Issuer: 'https://oidc.prod-aks.azure.com/x/'.",
  ],
  // Azure/azure-sdk-for-go sdk/azidentity/workload_identity.go.
  'workload-id-not-configured': [
    'WorkloadIdentityCredential: no client ID specified. Check pod configuration or set ClientID in the options',
    // The setup script's check of daprd's environment (src/generate/hosts/aks-verify.ts).
    'The daprd container of the newest pod does not carry the Workload ID variables the webhook injects',
  ],
  // dapr/components-contrib#3464.
  'mi-client-id-not-assigned': [
    'level=error msg="Failed to init component": No User Assigned or Delegated Managed Identity found for specified ClientId/ResourceId/PrincipalId.',
  ],
  // radius-project (daprd's secret store via azidentity), quoting managed_identity_client.go.
  'mi-no-default-identity': [
    'failed getting secret with key SOME_SECRET: Chained Token Credential: Managed Identity Credential: No default identity is assigned to this resource.',
  ],
  // microsoft/azure-container-apps#1676.
  'dapr-tenant-id-spiffe': ['ClientAssertionCredential: failed to get JWT SVID source from context'],
  // dapr/dapr#6521.
  'no-managed-identity-endpoint': [
    'ChainedTokenCredential: failed to acquire a token.\nAttempted credentials:\n\tManagedIdentityCredential: IMDS token request timed out\n\tAzureCLICredential: Azure CLI not found on path',
  ],
  // dapr/dapr#6521.
  'component-init-timeout': [
    'time="2023-07-01T10:00:00Z" level=fatal msg="Fatal error from runtime: process component statestore error: init timeout for component statestore exceeded after 5s"',
  ],
  // output-review.md (PostgreSQL 15).
  'postgres-permission-denied-schema': ['ERROR:  permission denied for schema public'],
  'redis-entra-auth-refused': [
    // dapr/components-contrib#3686.
    '(state.redis/v1): [INIT_COMPONENT_FAILURE]: initialization error occurred for exportcertificates-cache (state.redis/v1): redis store: error connecting to redis at x.redis.cache.windows.net:6380: NOAUTH Authentication required.',
    // dapr/components-contrib#3554.
    'Status(StatusCode="Internal", Detail="fail to get key from state store statestore: ERR WRONGPASS invalid username-password pair")',
  ],
  // dapr/dapr#6396 (described, not logged).
  'eventhubs-consumer-group-missing': ['no consumer group with name my-app'],
  // dapr/dapr integration test (pkg/runtime/errors/init.go wording).
  'dapr-component-init-failed': [
    'Fatal error from runtime: process component foo error: [INIT_COMPONENT_FAILURE]: initialization error occurred for foo (state.in-memory/v1): component foo already exists',
    // dapr/dapr pkg/runtime/processor/components.go (v1.16.0 to v1.18.3), as daprd's text log prints it.
    'time="2026-12-01T10:00:00Z" level=error msg="Failed to init component pubsub (pubsub.azure.servicebus.topics/v1): 401 Unauthorized"',
    // The setup script's wait for the load line (src/generate/hosts/aks-verify.ts).
    'daprd in the newest pod did not log "Component loaded: azurekeyvault" within 10 minutes.',
  ],
  // The VM's and the scale set's metadata check (src/generate/hosts/dapr-metadata-check.ts).
  'dapr-component-not-in-metadata': [
    "Dapr's metadata API on the VM does not list every component: daprd runs without the ones named above.",
    "Not listed by Dapr's metadata API on the scale set's first instance: statestore pubsub.",
  ],
  // k8s.io/apimachinery pkg/api/errors/errors.go NewNotFound, as kubectl prints it.
  'aks-deployment-not-found': [
    'Error from server (NotFound): deployments.apps "orders-api" not found',
    'There is no Deployment orders-api in the namespace orders, so there is nothing to patch.',
  ],
  // kubernetes/kubectl pkg/polymorphichelpers/rollout_status.go; client-go wait.ErrWaitTimeout.
  'aks-rollout-not-ready': [
    'error: deployment "orders-api" exceeded its progress deadline',
    'Waiting for deployment "orders-api" rollout to finish: 0 of 1 updated replicas are available...\nerror: timed out waiting for the condition',
  ],
  'aks-daprd-not-injected': [
    'No pod of the app runs with the Dapr sidecar (no pod labelled dapr.io/app-id=orders-api in the namespace).',
    // kubernetes/kubernetes pkg/registry/core/pod/strategy.go, through kubectl logs -c daprd.
    'Error from server (BadRequest): container daprd is not valid for pod orders-api-5d8f7c9b4-x2k7q',
  ],
  'aca-revision-not-ready': ['The newest revision of the container app is not ready after 2 minutes.'],
  'aca-dapr-app-id-mismatch': [
    'The container app does not run Dapr with the app id orders-api, so no component scoped to it loads.',
    // The setup's check before any change (src/generate/hosts/aca.ts).
    'The container app runs Dapr with another app id: enter that app id in the wizard',
  ],
  'imds-no-token': [
    "The VM's instance metadata service (169.254.169.254) gave no token for the system-assigned identity",
  ],
  // The setup's and the teardown's own stop messages, as the golden scripts print them (src/generate/__golden__).
  'example-values-left': [
    'Stopped before any change: Resource group (example-rg), VM name (example-app), Key Vault name (mykeyvault) are still example values from the wizard, not yours.',
  ],
  'identity-not-found-for-client-id': [
    'There is no user-assigned identity id-orders in the resource group rg-orders, and a client id was entered, so the script uses an existing identity and creates none',
  ],
  'kv-access-policy-partial': [
    "The identity's access policy on kv-orders has other secrets permissions but not all of get list, and az keyvault set-policy replaces the whole secrets list",
  ],
  'redis-entra-auth-off': [
    'Turn on Microsoft Entra authentication on the cache first (the cache restarts): az redis update --name redis-orders --resource-group rg-orders --set redisConfiguration.aadEnabled=true.',
  ],
  'redis-access-policy-list-failed': [
    'Listing the data access policy assignments of the Redis cache redis-orders failed.',
  ],
  'messaging-entity-missing': [
    'Event hub telemetry could not be found in eh-orders (az says why above), and with these roles Dapr does not create it.',
    'Component servicebus-binding: the Service Bus queue invoices could not be found in sb-orders (az says why above), and with entity management off Dapr does not create it.',
  ],
  'eventhubs-consumer-group-not-found': [
    'Component eventhubs-binding: the consumer group orders-api of the event hub telemetry could not be read (az says why above).',
  ],
  'cosmos-container-unreadable': [
    'Component cosmos-state: the container state of the database orders in the Cosmos DB account cosmos-orders could not be read (az says why above).',
  ],
  'cosmos-partition-key-mismatch': [
    'Component cosmos-state: the container state does not have the one partition key path /partitionKey, and the Dapr state store writes the partition key in the partitionKey property.',
  ],
  'entra-service-principal-not-found': [
    "Microsoft Entra ID did not find the identity's service principal after 6 tries.",
  ],
  'postgres-role-other-object': [
    'The PostgreSQL role id-orders on pg-orders signs in as another Microsoft Entra object than this identity',
  ],
  'postgres-grant-not-taken': [
    'The GRANT in the database orders did not take: id-orders still lacks USAGE, CREATE ON SCHEMA public.',
  ],
  'postgres-table-missing': ['No table appconfig is on the search path of the database orders on pg-orders'],
  'postgres-role-not-dropped': [
    'The PostgreSQL role id-orders on pg-orders could not be dropped: most likely it still owns tables Dapr created',
    'The teardown is not complete: a PostgreSQL role could not be dropped (see above), so the identity it signs in as was kept',
  ],
  'aks-kubelogin-failed': [
    'The cluster signs kubectl in through Microsoft Entra ID with kubelogin, and "kubelogin convert-kubeconfig -l azurecli --context <cluster>" failed',
  ],
  'aks-no-kubelet-identity': [
    'The cluster aks-prod has no kubelet identity (identityProfile.kubeletidentity is empty: it runs as a service principal)',
  ],
  'aca-environment-not-found': [
    'There is no Container Apps environment env-orders in the resource group rg-orders.',
    "There is no Container Apps environment cae-orders in the resource group of the function app's environment (from its managedEnvironmentId).",
  ],
  'aca-other-environment': [
    'The container app runs in another Container Apps environment than env-orders: enter its environment in the wizard',
    'The function app runs in another Container Apps environment than the one entered in the wizard',
  ],
  'aca-component-name-taken': [
    'The Container Apps environment env-orders already has a Dapr component named redis-state that the setup did not write',
  ],
  'aca-daprd-log-silent': [
    "daprd's log did not say within about 10 minutes that it runs: a component keeps failing",
  ],
  'function-app-is-container-app': [
    'There is no function app (Microsoft.Web site) of that name, but a container app of that name: Azure Functions hosted natively in Container Apps is a container app.',
  ],
  'function-app-not-in-environment': [
    'No function app of that name in a Container Apps environment was found: it is not in this resource group, or it is not in a Container Apps environment.',
  ],
  'function-app-environment-unreadable': [
    "The function app's Container Apps environment (its managedEnvironmentId) cannot be read with your sign-in",
  ],
  'function-app-dapr-off': [
    "Dapr is off on the function app: turn it on in the Azure portal (the function app's Dapr settings)",
    "The function app's Dapr app id is not orders-func, the app id the components are scoped to",
  ],
  'aci-group-settings-unchangeable': [
    'The container group orders-group exists with settings this file would change but Azure cannot change in place (OS type, restart policy, network profile, GPU, or container CPU and memory).',
  ],
  'aci-group-uses-identity': [
    'The container group orders-group still uses the identity, and ACI takes an identity off a group only by creating the group again: the identity is kept.',
  ],
  'host-not-linux': [
    'The VM is not a Linux VM (its storageProfile.osDisk.osType is not Linux)',
    "The scale set's model is not Linux (its virtualMachineProfile.storageProfile.osDisk.osType is not Linux)",
  ],
  'vmss-identity-not-attached': [
    "The identity is not attached to the scale set (the CLI's error is above): nothing else was changed by this step.",
  ],
  'web-app-not-linux': [
    'The web app is not a Linux app, and App Service runs sidecar containers (so daprd) only on Linux',
  ],
  'web-app-single-container': [
    'The web app runs a single custom container, which takes no sidecar: move it to the sidecar model first',
  ],
  'dapr-release-too-old': [
    'This cluster runs Dapr 1.16.0; state.sqlserver v2 is registered from Dapr 1.17, so it needs Dapr 1.17 or later.',
    'This VM runs Dapr 1.15.3; state.sqlserver v2 is registered from Dapr 1.17, so it needs Dapr 1.17 or later.',
  ],
};

describe('the troubleshooting catalog', () => {
  it('gives every entry a unique kebab-case id, patterns, a fix and sources', () => {
    const ids = TROUBLESHOOTING_ENTRIES.map((entry) => entry.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const entry of TROUBLESHOOTING_ENTRIES) {
      expect(entry.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(entry.patterns.length, entry.id).toBeGreaterThan(0);
      expect(entry.sources.length, entry.id).toBeGreaterThan(0);
      expect(entry.fix.trim(), entry.id).not.toBe('');
    }
  });

  it('looks entries up by id', () => {
    expect(troubleshootingEntry('kv-vault-uses-rbac')?.title).toMatch(/Azure RBAC/);
    expect(troubleshootingEntry('no-such-entry')).toBeUndefined();
  });

  it('has a sample error text for every entry, and for nothing else', () => {
    expect(Object.keys(SAMPLES).sort()).toEqual(TROUBLESHOOTING_ENTRIES.map((entry) => entry.id).sort());
  });

  it('opens a wizard link for every prevention fragment, with no value refused', () => {
    for (const entry of TROUBLESHOOTING_ENTRIES) {
      const fragment = entry.prevention.fragment;
      if (fragment === undefined) continue;
      const { linkErrors } = parseShareLink('', `#${fragment}`);
      expect(linkErrors, `${entry.id}: #${fragment}`).toEqual({});
    }
  });
});

describe('matchTroubleshooting', () => {
  for (const [id, samples] of Object.entries(SAMPLES)) {
    for (const sample of samples) {
      it(`puts ${id} first for: ${sample.slice(0, 60)}`, () => {
        expect(matchTroubleshooting(sample)[0]?.id).toBe(id);
      });
    }
  }

  it('matches through log noise: timestamps, JSON quoting, line breaks, typographic quotes, case', () => {
    const jsonLine =
      '{"time":"2026-11-30T10:00:00.123Z","level":"error","msg":"unable to recognize \\"c.yaml\\": no matches for kind \\"Component\\" in version \\"dapr.io/v1alpha1\\""}';
    expect(matchTroubleshooting(jsonLine).map((entry) => entry.id)).toEqual(['aks-dapr-not-installed']);
    const retyped = '2026-11-30 10:00:00 PLEASE RUN \u2018AZ LOGIN\u2019 TO\n   SETUP ACCOUNT.';
    expect(matchTroubleshooting(retyped).map((entry) => entry.id)).toEqual(['az-not-logged-in']);
  });

  it('matches no entry for unrelated text', () => {
    for (const text of [
      '',
      '   ',
      'Everything worked, thank you',
      'time="2023-10-31T07:39:52Z" level=info msg="app is subscribed to the following topics: [daprtest] through pubsub=pubsub"',
      'HTTP/1.1 200 OK',
      'error',
      '403',
    ]) {
      expect(matchTroubleshooting(text), text).toEqual([]);
    }
  });

  it('ranks a specific cause above the generic component-init line that wraps it', () => {
    const ids = matchTroubleshooting(SAMPLES['redis-entra-auth-refused']?.[0] ?? '').map((entry) => entry.id);
    expect(ids).toEqual(['redis-entra-auth-refused', 'dapr-component-init-failed']);
  });

  it('ranks the managed identity line of a credential chain above the chain itself', () => {
    const chain =
      'ChainedTokenCredential: failed to acquire a token.\n\tManagedIdentityCredential: no default identity is assigned to this resource\n\tAzureCLICredential: Azure CLI not found on path';
    expect(matchTroubleshooting(chain).map((entry) => entry.id)).toEqual([
      'mi-no-default-identity',
      'no-managed-identity-endpoint',
    ]);
  });

  it('ranks by the longer match when two specific entries match', () => {
    // A vault error pasted with the az sign-in hint beside it: both match, the longer text first.
    const text =
      'The vault kv-orders uses access policies, which ignore RBAC roles: choose "Vault access policies".\nERROR: Please run \'az login\' to setup account.';
    expect(matchTroubleshooting(text).map((entry) => entry.id)).toEqual([
      'kv-vault-uses-access-policies',
      'az-not-logged-in',
    ]);
  });
});

describe('normalizeLogText', () => {
  it('undoes JSON escapes and typographic quotes, and folds space and case', () => {
    expect(normalizeLogText('A\\r\\nB \\"C\\"  \u2018d\u2019\t\tE')).toBe('a b "c" \'d\' e');
  });
});
