/**
 * main.tf from the deployment plan: providers, variables, azurerm data sources for everything it does not
 * create, the user-assigned identity when the plan creates one, each grant azurerm can make, the AKS federated
 * credential, the Container Apps components, and on AKS the ServiceAccount and the Dapr components through the
 * kubernetes provider. What Terraform's providers cannot do here is said in comments naming the script's steps.
 *
 * Provider versions: the schema extract's (azurerm 4.55.0, kubernetes 2.38.0; src/test-support/iac/azurerm-schema.json).
 * azurerm 4 needs the subscription id in the provider block or ARM_SUBSCRIPTION_ID, and names the clouds
 * public, china and usgovernment in `environment` (registry.terraform.io/providers/hashicorp/azurerm/latest/docs,
 * "Argument Reference"). kubernetes_manifest needs the CRD and a reachable cluster at plan time
 * (registry.terraform.io/providers/hashicorp/kubernetes/latest/docs/resources/manifest, "Before you use this resource").
 */
import { SCRIPT_FILE_NAME } from '../../index';
import type { DeploymentPlan } from '../../plan/deployment-plan';
import type { ResolvedResource } from '../../resources';
import {
  iacView,
  inOtherGroup,
  resourceType,
  symbolWords,
  type ArmGrant,
  type IacView,
  isGuid,
} from '../iac-view';
import { identityBlockTerraform, identityTitle, terraformIdentity } from '../identity-block';
import { azLine, cloudFirstLines, federatedCredentialNote } from '../header-notes';
import { needsLines, preconditionNeed } from '../needs';
import { terraformGrant, terraformGrantType } from './grants';
import { componentItems } from './component-items';
import { grantImportId, identityAndComponentImports, importLines } from './imports';
import { identityItems } from './identity-items';
import { AZURERM_VERSION, KUBERNETES_VERSION } from './provider-versions';
import { argument, block, comment, hclBody, ref, type HclItem } from './hcl-text';

const nameOf = (resource: ResolvedResource): string => symbolWords(resource.variable).join('_');
const dataRef = (resource: ResolvedResource): string =>
  `data.${resourceType(resource).terraformDataSource}.${nameOf(resource)}`;

function header(view: IacView): HclItem[] {
  const { plan } = view;
  const imports = [
    ...identityAndComponentImports(view),
    ...namedGrants(view).map(({ grant, name }) => ({
      address: `${terraformGrantType(grant)}.${name}`,
      id: grantImportId(view, grant),
    })),
  ];
  return [
    comment(
      [
        `Dapr on ${plan.host.title}, ${identityTitle(plan)}: the identity, its least grants and what`,
        `the azurerm${plan.kubernetes ? ' and kubernetes providers' : ' provider'} can do of the setup script (${SCRIPT_FILE_NAME}).`,
        ...cloudFirstLines(view),
        'Dry run (shows what would change, changes nothing): terraform init && terraform plan',
        'Apply: terraform apply.',
        ...importLines(view, imports, plan.kubernetes !== undefined),
        ...federatedCredentialNote(view, 'Terraform'),
        ...needsLines(view),
      ].join('\n'),
    ),
    block(
      'terraform',
      [],
      [
        block(
          'required_providers',
          [],
          [
            argument('azurerm', { source: 'hashicorp/azurerm', version: AZURERM_VERSION }),
            ...(plan.kubernetes
              ? [argument('kubernetes', { source: 'hashicorp/kubernetes', version: KUBERNETES_VERSION })]
              : []),
          ],
        ),
      ],
    ),
  ];
}

function subscriptionDescription(subscription: string): string {
  if (subscription === '') return 'The subscription id (az account show --query id -o tsv).';
  if (isGuid(subscription)) return 'The subscription id (the one chosen in the wizard).';
  return `The id of the subscription ${subscription} (az account show --subscription '${subscription}' --query id -o tsv).`;
}

function variable(name: string, description: string, value?: string): HclItem {
  return block(
    'variable',
    [name],
    [
      argument('type', ref('string')),
      argument('description', description),
      ...(value === undefined ? [] : [argument('default', value)]),
    ],
  );
}

function providersAndVariables(view: IacView): HclItem[] {
  const { plan } = view;
  const cloud = plan.cloud.id === 'public' ? [] : [argument('environment', plan.cloud.id)];
  const items: HclItem[] = [
    block(
      'provider',
      ['azurerm'],
      [block('features', [], []), argument('subscription_id', ref('var.subscription_id')), ...cloud],
    ),
  ];
  if (plan.kubernetes) {
    items.push(
      comment(
        `The cluster from your kubeconfig: ${azLine(plan, ['az', 'aks', 'get-credentials', '--resource-group', plan.resourceGroup, '--name', plan.hostName])}\n` +
          // Only this context, as the setup script does: without --context kubelogin converts every kubelogin user
          // in the kubeconfig, and fails on any that lacks a server id.
          `(with Microsoft Entra sign-in on the cluster, then: kubelogin convert-kubeconfig -l azurecli --context ${plan.hostName}).`,
      ),
      block(
        'provider',
        ['kubernetes'],
        [argument('config_path', '~/.kube/config'), argument('config_context', plan.hostName)],
      ),
    );
  }
  items.push(
    variable(
      'subscription_id',
      subscriptionDescription(plan.subscription),
      isGuid(plan.subscription) ? plan.subscription : undefined,
    ),
    variable('resource_group_name', 'The resource group of the host and the identity.', plan.resourceGroup),
  );
  return items;
}

function referenceItems(view: IacView, resource: ResolvedResource): HclItem[] {
  const type = resourceType(resource);
  const parentArgument = type.terraformParent?.argument;
  const args: HclItem[] = [argument('name', resource.name)];
  if (resource.parent && parentArgument === 'namespace_id') {
    args.push(argument('namespace_id', ref(`${dataRef(resource.parent)}.id`)));
  } else {
    if (resource.parent && parentArgument === 'namespace_name')
      args.push(argument('namespace_name', ref(`${dataRef(resource.parent)}.name`)));
    args.push(
      argument(
        'resource_group_name',
        inOtherGroup(view, resource) ? resource.resourceGroup : ref('var.resource_group_name'),
      ),
    );
  }
  const checks = [
    ...preconditionNeed(view.plan, resource),
    ...(resource.ref.keyVaultModelChoice !== undefined
      ? [
          resource.choices[resource.ref.keyVaultModelChoice] === 'accesspolicy'
            ? 'The vault must use access policies (enable_rbac_authorization false): a vault using Azure RBAC ignores access policies.'
            : 'The vault must use Azure RBAC (enable_rbac_authorization true): access-policy vaults ignore roles.',
        ]
      : []),
  ];
  return [
    comment(
      [`The ${resource.ref.title} ${resource.name} in ${resource.resourceGroup}.`, ...checks].join('\n'),
    ),
    block('data', [type.terraformDataSource, nameOf(resource)], args),
  ];
}

/** Each grant with its resource name in main.tf: vault_role, vault_role_2, ... */
function namedGrants(view: IacView): { grant: ArmGrant; name: string }[] {
  const counts = new Map<string, number>();
  return view.armGrants.map((grant) => {
    const base = nameOf(grant.resource);
    const suffix = {
      rbac: 'role',
      'cosmos-sql-role': 'data_role',
      'redis-access-policy': 'access_policy',
      'keyvault-policy': 'access_policy',
    }[grant.kind];
    const count = (counts.get(base + suffix) ?? 0) + 1;
    counts.set(base + suffix, count);
    return { grant, name: `${base}_${suffix}${count > 1 ? `_${count}` : ''}` };
  });
}

function grantItems(view: IacView): HclItem[] {
  return namedGrants(view).flatMap(({ grant, name }) => terraformGrant(grant, name, dataRef(grant.resource)));
}

function noteItems(view: IacView): HclItem[] {
  const lines = view.scriptOnly.map(
    (grant) =>
      `Not here (a grant inside the database, which azurerm cannot make): the setup script's step "${grant.step}"`,
  );
  lines.push(...(identityBlockTerraform(view) ?? []));
  return lines.length === 0 ? [] : [comment(lines.join('\n'))];
}

function outputItems(view: IacView): HclItem[] {
  const items = [block('output', ['principal_id'], [argument('value', ref('local.principal_id'))])];
  if (view.plan.identity.userAssigned) {
    items.push(
      block('output', ['client_id'], [argument('value', ref(`${terraformIdentity(view)}.client_id`))]),
    );
  }
  return items;
}

export function renderTerraform(plan: DeploymentPlan): string {
  const view = iacView(plan);
  const sections: HclItem[][] = [
    header(view),
    providersAndVariables(view),
    identityItems(view),
    ...view.resources.map((resource) => referenceItems(view, resource)),
    grantItems(view),
    componentItems(view),
    noteItems(view),
    outputItems(view),
  ];
  // One blank line between top-level blocks; a comment stays with the block after it.
  const chunks: string[] = [];
  let pending = '';
  for (const section of sections) {
    for (const item of section) {
      pending += hclBody([item]);
      if (item.kind === 'block') {
        chunks.push(pending);
        pending = '';
      }
    }
    // A section's closing comment (the notes) stands alone rather than joining the next section's block.
    if (pending !== '') chunks.push(pending);
    pending = '';
  }
  return chunks.join('\n');
}
