/**
 * Notes both IaC headers carry, in the same words: facts about what a deployment meets when the setup script
 * ran first, each with the az lookup that gives what the file needs. Language-neutral text lines; each renderer
 * turns them into its own comments.
 */
import { quoteLiteral } from '../bash/quoting';
import { serviceAccountSubject, type ArmGrant, type IacView } from './iac-view';
import { jmesString } from '../jmespath';

/** Text that keeps its literal meaning inside Bash double quotes (no ", $, `, \\ or !). */
const DOUBLE_QUOTE_SAFE = /^[^"$`\\!]*$/;

/**
 * A command line as the user pastes it: every word quoted for Bash where it needs it, a JMESPath query (which
 * holds single quotes) in double quotes, as the setup script writes it. For az lines use azLine().
 */
export function pastedLine(words: readonly string[]): string {
  return words
    .map((word) =>
      quoteLiteral(word) !== word && word.includes("'") && DOUBLE_QUOTE_SAFE.test(word)
        ? `"${word}"`
        : quoteLiteral(word),
    )
    .join(' ');
}

/** `--subscription <s>` when the wizard names one (the setup script selects it), else nothing. */
export function subscriptionWords(plan: { readonly subscription: string }): string[] {
  return plan.subscription === '' ? [] : ['--subscription', plan.subscription];
}

/**
 * Every az line the IaC files print: with `--subscription <s>` when the wizard names one, since the setup script
 * selects it (az account set) and a pasted line would otherwise go to the user's default subscription. It goes
 * before the first flag, unless the words carry it already.
 */
export function azLine(plan: { readonly subscription: string }, words: readonly string[]): string {
  if (words[0] !== 'az') throw new Error(`not an az line: ${words.join(' ')}`);
  const firstFlag = words.findIndex((word) => word.startsWith('-'));
  const at = firstFlag === -1 ? words.length : firstFlag;
  const withSubscription = words.includes('--subscription')
    ? words
    : [...words.slice(0, at), ...subscriptionWords(plan), ...words.slice(at)];
  return pastedLine(withSubscription);
}

/**
 * The az line that finds this principal's assignment of this Cosmos DB data-plane role on the account (its `id`,
 * the full ARM id, or its `name`): the list holds every assignment of the account, and the role's is the one
 * whose roleDefinitionId (a full sqlRoleDefinitions id) ends in the role's GUID.
 */
export function cosmosAssignmentLookup(
  view: IacView,
  grant: Extract<ArmGrant, { kind: 'cosmos-sql-role' }>,
  field: 'id' | 'name',
): string {
  // Account-wide only, as the setup script's own lookup (grants/cosmos-sql-role.ts): the principal may hold the
  // role on a database too, a scope (…/dbs/<name>) this setup never grants.
  const query = `[?principalId=='<principal id>' && ends_with(roleDefinitionId, '/${grant.roleDefinitionId}') && !contains(scope, '/dbs/')].${field}`;
  return azLine(view.plan, [
    'az',
    'cosmosdb',
    'sql',
    'role',
    'assignment',
    'list',
    '--account-name',
    grant.resource.name,
    '--resource-group',
    grant.resource.resourceGroup,
    '--query',
    query,
    '-o',
    'tsv',
  ]);
}

/**
 * Bicep: the setup script's Cosmos DB assignment is named by a new GUID (it passes no --role-assignment-id), this
 * file's by guid(); as in main.tf, whether Cosmos DB refuses the second or makes it is not confirmed.
 */
export function cosmosAssignmentNote(view: IacView): string[] {
  const grants = view.armGrants.filter(
    (grant): grant is Extract<ArmGrant, { kind: 'cosmos-sql-role' }> => grant.kind === 'cosmos-sql-role',
  );
  if (grants.length === 0) return [];
  return [
    'A Cosmos DB data-plane role assignment the setup script made has another name too (a random GUID); whether',
    "Cosmos DB then refuses this file's or makes a second is not confirmed: delete the script's before this file's",
    "first deployment (after it, the list holds this file's own, named by its guid(), too), <name> from the first",
    "command's output, then the second:",
    // `az cosmosdb sql role assignment delete` takes --account-name, --resource-group, --role-assignment-id
    // and --yes (az 2.45 help).
    ...grants.flatMap((grant) => [
      `  ${cosmosAssignmentLookup(view, grant, 'name')}`,
      `  ${azLine(view.plan, ['az', 'cosmosdb', 'sql', 'role', 'assignment', 'delete', '--account-name', grant.resource.name, '--resource-group', grant.resource.resourceGroup, '--role-assignment-id', '<name>', '--yes'])}`,
    ]),
  ];
}

/**
 * AKS Workload ID: Entra takes one federated credential per issuer and subject on an identity, and refuses a
 * second under another name ("Issuer and subject combination already exists for this Managed Identity.",
 * Azure/bicep-types-az issue #2054; learn.microsoft.com/entra/workload-id/workload-identity-federation-considerations).
 * The setup script keeps a credential it finds for the issuer and ServiceAccount under that credential's own name,
 * so the file's fixed name must then be replaced by it.
 */
export function federatedCredentialNote(view: IacView, where: 'Bicep' | 'Terraform'): string[] {
  const { plan } = view;
  const workload = plan.kubernetes?.workloadIdentity;
  if (!workload || !plan.kubernetes || !plan.identity.userAssigned) return [];
  const subject = serviceAccountSubject(plan.kubernetes.namespace, workload.serviceAccountName);
  const scope = [...subscriptionWords(plan), '--resource-group', plan.resourceGroup];
  return [
    'Workload ID: Entra takes one federated credential per issuer and subject on an identity, and refuses another',
    '("Issuer and subject combination already exists for this Managed Identity"). If one for this ServiceAccount',
    `exists under another name (the setup script keeps one it finds), put its name in place of ${workload.federatedCredentialName}`,
    `${where === 'Bicep' ? 'in the federatedCredential resource below' : 'in azurerm_federated_identity_credential.service_account and its import id'}. Its name:`,
    `  ${azLine(plan, ['az', 'identity', 'federated-credential', 'list', '--identity-name', plan.identity.userAssigned.name, ...scope, '--query', `[?issuer=='<issuer>' && subject==${jmesString(subject)}].name`, '-o', 'tsv'])}`,
    `  with <issuer> from: ${azLine(plan, ['az', 'aks', 'show', ...scope, '--name', plan.hostName, '--query', 'oidcIssuerProfile.issuerUrl', '-o', 'tsv'])}`,
    // The script stops when the name is taken for another issuer or subject
    // (hosts/aks-federated-credential.ts, troubleshooting entry aks-federated-credential-name-taken); a
    // deployment PUTs the credential, so it would re-point it silently.
    // `az identity federated-credential show` takes --name, --identity-name and --resource-group (az 2.45 help).
    `A credential of the name ${workload.federatedCredentialName} for another issuer or subject is re-pointed by ${where === 'Bicep' ? 'this deployment (a PUT)' : 'an apply after its import'}, and what signs in`,
    'through it fails (AADSTS70021); the setup script stops there instead. Check it first:',
    `  ${azLine(plan, ['az', 'identity', 'federated-credential', 'show', '--name', workload.federatedCredentialName, '--identity-name', plan.identity.userAssigned.name, ...scope, '--query', '{issuer:issuer,subject:subject}'])}`,
    `If it names another issuer or subject, do not deploy: use another name in place of ${workload.federatedCredentialName}.`,
  ];
}

/**
 * Outside the public cloud, az must be set to the wizard's cloud and signed in there first: the az lines here go
 * to its cloud, and azurerm's Azure CLI sign-in asks az for a token of the provider's environment (`az account
 * get-access-token --scope <that cloud's Resource Manager>`: hashicorp/go-azure-sdk sdk/auth/azure_cli_authorizer.go),
 * which az signed in to another cloud cannot give.
 */
export function cloudFirstLines(view: IacView): string[] {
  const { cloud } = view.plan;
  return cloud.id === 'public' ? [] : [`First: az cloud set --name ${cloud.azCloudName} && az login`];
}
