/**
 * Failures the wizard's own script can run into in its az and kubectl steps: sign-in and version, the
 * resource look-ups and their guards, the grants, Dapr on AKS (the database steps are in
 * database-steps.ts). Each error text comes from the tool's source, a GitHub issue that quotes it, or
 * (marked so) the guard's own message in src/generate/az-script.ts when no source prints it.
 */
import type { TroubleshootingEntry } from './entry';

export const SCRIPT_STEP_ENTRIES: readonly TroubleshootingEntry[] = [
  {
    id: 'az-not-logged-in',
    title: 'The Azure CLI is not signed in',
    stages: ['script'],
    // Azure/azure-cli src/azure-cli-core/azure/cli/core/_profile.py (_AZ_LOGIN_MESSAGE); printed by az 2.45.
    patterns: ["Please run 'az login' to setup account"],
    cause: 'The script calls az before anyone signed in on this machine, or the sign-in expired.',
    fix: 'Sign in, pick the subscription the resources live in, and run the script again.',
    commands: ['az login', 'az account set --subscription <subscription>'],
    prevention: {
      text: 'Give the wizard the subscription, so the script selects it before looking anything up.',
    },
    sources: ['Azure/azure-cli src/azure-cli-core/azure/cli/core/_profile.py'],
  },
  {
    id: 'az-command-too-old',
    title: 'The Azure CLI is too old for a command or flag',
    stages: ['script'],
    // Both texts printed by az 2.45 (this project's build machine) for `az redis access-policy-assignment`
    // and `az aks update --enable-workload-identity`; the parser is knack's (azure-cli-core parser.py).
    patterns: [
      { regex: "'[\\w-]+' is misspelled or not recognized by the system" },
      { regex: 'unrecognized arguments: --[\\w-]+' },
    ],
    cause:
      'The installed Azure CLI predates a command or flag the script uses: --enable-workload-identity ' +
      '(2.47), the containerapp commands in the core CLI (2.53), az redis access-policy-assignment (2.57) ' +
      'or --microsoft-entra-auth (2.73).',
    // az upgrade on Debian's own azure-cli runs apt-get install --only-upgrade azure-cli (azure-cli
    // command_modules/util/custom.py upgrade_version), which stops at the distribution's version.
    fix: "Upgrade the Azure CLI and run the script again; the script header names the version it needs. An Azure CLI from a Linux distribution's own package (Debian's azure-cli, for one) upgrades only to that distribution's version: install Microsoft's instead (https://learn.microsoft.com/cli/azure/install-azure-cli).",
    commands: ['az version', 'az upgrade'],
    prevention: {
      text: 'The first line of the script names the Azure CLI version it needs: check it first.',
    },
    sources: [
      'Azure/azure-cli src/azure-cli-core/azure/cli/core/parser.py',
      'MicrosoftDocs/azure-docs articles/postgresql/flexible-server/how-to-troubleshoot-cli-errors.md',
    ],
  },
  {
    id: 'az-resource-not-found',
    title: 'A resource the script looks up does not exist',
    stages: ['script'],
    patterns: [
      // ARM's answer to a show on a missing resource (Azure-Samples/azure-search-openai-demo#80).
      { regex: "the resource '[^']+' under resource group '[^']+' was not found" },
      'ResourceNotFound',
      // Azure/azure-cli#22736: az group show, and every command given a missing --resource-group.
      { regex: "resource group '[^']+' could not be found" },
      'ResourceGroupNotFound',
      // Azure/azure-cli src/azure-cli/azure/cli/command_modules/keyvault/_validators.py.
      { regex: "the vault '[^']+' not found within subscription" },
    ],
    cause:
      'The name or resource group typed in the wizard does not match a resource in the selected ' +
      'subscription, or az is pointed at another subscription.',
    fix: 'Check the name and the subscription az uses, correct the wizard, and run the new script.',
    commands: ['az account show --query name -o tsv', 'az resource list --name <name> -o table'],
    prevention: {
      text: 'Set the subscription and the resource group in the wizard (per component when it differs).',
    },
    sources: ['Azure-Samples/azure-search-openai-demo#80', 'Azure/azure-cli#22736'],
  },
  {
    id: 'vmss-flexible-system-identity',
    title: 'VM Scale Set: Flexible orchestration takes a user-assigned identity only',
    stages: ['script'],
    patterns: [
      // The setup's own check (src/generate/hosts/vmss-orchestration.ts).
      'uses Flexible orchestration, which takes a user-assigned managed identity only',
    ],
    cause:
      'The scale set runs in Flexible orchestration, and Microsoft lists its managed identity support as ' +
      '“User Assigned Identity Only”: the system-assigned identity chosen in the wizard cannot be given to it.',
    fix: 'Choose a user-assigned identity in the wizard’s Identity step and run the new script.',
    commands: [
      'az vmss show --name <scale-set> --resource-group <resource-group> --query orchestrationMode -o tsv',
    ],
    prevention: {
      text: 'On a Flexible scale set, choose a user-assigned identity.',
      fragment: 'identity=user',
    },
    sources: [
      'MicrosoftDocs/azure-docs articles/virtual-machine-scale-sets/virtual-machine-scale-sets-orchestration-modes.md',
    ],
  },
  {
    id: 'az-role-assignment-forbidden',
    title: 'You may not create role assignments',
    stages: ['script'],
    patterns: [
      {
        regex:
          "does not have authorization to perform action 'Microsoft\\.Authorization/roleAssignments/write'",
      },
      {
        regex: "does not have permission to perform action 'Microsoft\\.Authorization/roleAssignments/write'",
      },
    ],
    cause: 'The account running the script may manage the resource (Contributor) but not grant access to it.',
    fix:
      'Run the script as someone with Owner, User Access Administrator or Role Based Access Control ' +
      'Administrator on the resource (or its resource group), or ask them to run the grant lines.',
    prevention: { text: 'Run the script as an account that can assign roles on the resources.' },
    sources: [
      'Azure/terraform-azurerm-avm-res-keyvault-vault#110',
      'hashicorp/terraform-provider-azurerm#495',
    ],
  },
  {
    id: 'az-role-assignment-exists',
    title: 'The role assignment already exists',
    stages: ['script'],
    // ARM's 409 (Azure/ARO-RP PR #1186, Azure-Samples/azure-search-openai-demo#1091).
    patterns: ['The role assignment already exists', 'RoleAssignmentExists'],
    cause: 'A re-run on an older Azure CLI, which failed where newer ones return the existing assignment.',
    fix: 'Nothing is missing: the grant is there. Upgrade the Azure CLI to re-run the script cleanly.',
    commands: ['az upgrade'],
    prevention: { text: 'Use an Azure CLI with the fix of Azure/azure-cli PR #32027.' },
    sources: ['Azure/azure-cli#31995', 'Azure/azure-cli PR #32027', 'Azure/ARO-RP PR #1186'],
  },
  {
    id: 'kv-vault-uses-access-policies',
    title: 'The vault uses access policies, so RBAC roles do nothing',
    stages: ['script', 'runtime'],
    patterns: [
      // The guard's own message (src/generate/az-script.ts preflightSteps).
      { regex: 'the vault \\S+ uses access policies, which ignore rbac roles' },
      // Key Vault's 403 on an access-policy vault (MicrosoftDocs/azure-docs#57072, ansible-collections/azure#635).
      { regex: 'does not have (secrets|keys|certificates) \\w+ permission on key vault' },
    ],
    cause:
      'The vault runs the access-policy permission model: it ignores Azure RBAC roles, so the identity ' +
      'needs an access policy instead.',
    fix: 'Choose "Vault access policies" in the wizard (an access policy with get and list), or move the vault to RBAC.',
    commands: ['az keyvault update --name <vault> --enable-rbac-authorization true'],
    prevention: {
      text: 'Choose "Vault access policies" as the Key Vault permission model.',
      fragment: 'kvModel=accesspolicy',
    },
    sources: ['Azure/get-keyvault-secrets#25', 'MicrosoftDocs/azure-docs#57072'],
  },
  {
    id: 'kv-vault-uses-rbac',
    title: 'The vault uses Azure RBAC, so access policies cannot be set',
    stages: ['script'],
    patterns: [
      // The guard's own message (src/generate/az-script.ts preflightSteps).
      { regex: 'the vault \\S+ uses azure rbac: choose' },
      // Azure/azure-cli src/azure-cli/azure/cli/command_modules/keyvault/custom.py (set_policy).
      "Cannot set policies to a vault with '--enable-rbac-authorization' specified",
    ],
    cause: 'The vault runs the Azure RBAC permission model, where az keyvault set-policy is refused.',
    fix: 'Choose "Azure RBAC" in the wizard: the script then grants Key Vault Secrets User on the vault.',
    prevention: { text: 'Choose "Azure RBAC" as the Key Vault permission model.', fragment: 'kvModel=rbac' },
    sources: ['Azure/azure-cli src/azure-cli/azure/cli/command_modules/keyvault/custom.py'],
  },
  {
    id: 'client-id-mismatch',
    title: 'The client id typed in the wizard is not this identity’s',
    stages: ['script'],
    // The guards' own messages (src/generate/setup/steps.ts clientIdLines, setup/user-identity.ts): no tool
    // prints this.
    patterns: [
      { regex: "the client id entered in the wizard is not (this identity's|that of the identity)" },
    ],
    cause:
      'The client id typed in the wizard belongs to another identity or an app registration, or is the ' +
      'principal (object) id. The component files carry it, so Dapr would ask for the wrong identity.',
    fix: 'Correct the client id in the wizard, or leave it empty: the script reads the right one itself.',
    commands: [
      'az identity show --name <identity> --resource-group <resource-group> --query clientId -o tsv',
    ],
    prevention: { text: 'Leave the client id empty in the wizard.' },
    sources: ['src/generate/setup/steps.ts (the guard)', 'dapr/components-contrib#3464'],
  },
  {
    id: 'aks-dapr-not-installed',
    title: 'Dapr is not installed on the AKS cluster',
    stages: ['script'],
    patterns: [
      // kubectl get crd components.dapr.io, in kubectl's NotFound form.
      { regex: 'customresourcedefinitions\\.apiextensions\\.k8s\\.io "components\\.dapr\\.io" not found' },
      // kubectl apply of a Component without the CRD (dapr/dapr#2887).
      { regex: 'no matches for kind "component" in version "dapr\\.io/v1alpha1"' },
      // dapr/dapr#2911.
      'the server could not find the requested resource (get components.dapr.io)',
      // The setup script's own check (src/generate/hosts/aks-preflight.ts, clusterChecks).
      'has no components.dapr.io resource type',
    ],
    cause: 'The cluster has no Component resource type: Dapr (its CRDs and control plane) is not installed.',
    fix: 'Install Dapr on the cluster (the AKS Dapr extension or Helm), then run the script again.',
    // The k8s-extension CLI extension first (azure-cli.md, AKS).
    commands: [
      'az extension add --name k8s-extension',
      'az k8s-extension create --cluster-type managedClusters --cluster-name <cluster> --resource-group <resource-group> --name dapr --extension-type Microsoft.Dapr',
    ],
    prevention: { text: 'Install Dapr on the cluster before running the script.' },
    sources: ['dapr/dapr#2887', 'dapr/dapr#2911', 'MicrosoftDocs/azure-docs articles/aks/dapr.md'],
  },
  {
    id: 'aks-federated-credential-name-taken',
    title: 'AKS: a federated credential of the setup’s name trusts another issuer or ServiceAccount',
    stages: ['script'],
    // The setup script's own check (src/generate/hosts/aks-federated-credential.ts): no tool prints this.
    patterns: ['already has a federated credential named'],
    cause:
      'The identity has a federated credential of the name the setup gives (dapr-<namespace>-<serviceaccount>) ' +
      'for another cluster’s OIDC issuer (the same identity used from a second cluster, or this cluster made ' +
      'again) or another subject. Its create is a PUT that would re-point it, and what signs in through it ' +
      'would fail with AADSTS70021.',
    fix:
      'Show the credential; delete it if nothing signs in through it any more, or use another identity, ' +
      'namespace or ServiceAccount in the wizard. Then run the script again.',
    commands: [
      'az identity federated-credential list --identity-name <identity> --resource-group <resource-group> -o table',
    ],
    prevention: { text: 'Give each cluster its own identity, or its own ServiceAccount name.' },
    sources: [
      'Azure/azure-cli src/azure-cli/azure/cli/command_modules/identity/custom.py (create_or_update_federated_credential)',
    ],
  },
  {
    id: 'aks-service-account-taken',
    title: 'AKS: the Deployment runs as another ServiceAccount',
    stages: ['script'],
    // The setup script's own check (src/generate/hosts/aks-preflight.ts): no tool prints this.
    patterns: ['runs as a ServiceAccount of its own'],
    cause:
      'The app’s Deployment names a ServiceAccount of its own (often made by Helm, with Kubernetes RBAC ' +
      'bindings). Switching its pods to the wizard’s ServiceAccount would drop the permissions the app has ' +
      'through it.',
    fix:
      'Enter that ServiceAccount in the wizard (the setup then annotates it with the identity’s client id ' +
      'and keeps it in the teardown), then run the script again.',
    commands: [
      'kubectl get deployment <deployment> --namespace <namespace> -o jsonpath={.spec.template.spec.serviceAccountName}',
    ],
    prevention: { text: 'Give the wizard the ServiceAccount the Deployment already runs as.' },
    sources: ['kubernetes/kubernetes pkg/apis/core/types.go (PodSpec.ServiceAccountName)'],
  },
  {
    id: 'tool-not-found',
    title: 'A tool the script needs is not installed',
    stages: ['script'],
    // Bash's own message for a missing command (exit status 127).
    patterns: [{ regex: '\\b(az|kubectl|psql|sqlcmd|base64): command not found' }],
    cause:
      'The script runs az throughout, kubectl on AKS, psql for PostgreSQL grants and go-sqlcmd for Azure ' +
      'SQL users; one of them is not on the PATH.',
    fix: 'Install the missing tool (for SQL, go-sqlcmd: the old ODBC sqlcmd lacks its flags) and run the script again.',
    prevention: { text: 'The step comments in the script name the tools each step needs.' },
    sources: ['GNU Bash manual, "Command Search and Execution" (exit status 127)'],
  },
  {
    id: 'cosmos-principal-not-found',
    title: 'Cosmos DB: the principal was not found in the tenant',
    stages: ['script'],
    patterns: [
      { regex: 'the provided principal id .{0,80} was not found in the aad tenant' },
      // The setup's retry, when every try failed (src/generate/grants/cosmos-sql-role.ts).
      { regex: 'the cosmos db role assignment on \\S+ failed \\d+ times' },
    ],
    cause:
      'The identity was created moments ago and Entra ID has not replicated it yet (the errors say the ' +
      'principal was not found); otherwise the errors name another cause, such as your own rights on the account.',
    fix: 'Wait a few minutes and run the script again, or fix what the errors name first.',
    prevention: {
      text: 'Nothing to choose: when the errors say the principal was not found, a re-run after a short wait succeeds.',
    },
    sources: ['pulumi/pulumi-azure-native#2816'],
  },
];
