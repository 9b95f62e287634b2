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
import { CREATED_ANNOTATION } from '../../k8s-manifests';
import type { DeploymentPlan } from '../../plan/deployment-plan';
import type { ResolvedResource } from '../../resources';
import {
  iacView,
  inOtherGroup,
  resourceType,
  serviceAccountSubject,
  symbolWords,
  withClientId,
  WORKLOAD_ID_AUDIENCE,
  type ArmGrant,
  type IacView,
} from '../iac-view';
import { identityBlockTerraform, identityTitle, terraformIdentity } from '../identity-block';
import { azLine, cloudFirstLines, federatedCredentialNote, pastedLine } from '../header-notes';
import { needsLines, preconditionNeed } from '../needs';
import { applyStepLines } from '../script-steps';
import { terraformGrant, terraformGrantType } from './grants';
import { grantImportId, identityAndComponentImports, importLines } from './imports';
import {
  argument,
  block,
  comment,
  hclBody,
  HclExpr,
  hclString,
  ref,
  type HclItem,
  type HclValue,
} from './hcl-text';

const AZURERM_VERSION = '~> 4.55';
const KUBERNETES_VERSION = '~> 2.38';
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const nameOf = (resource: ResolvedResource): string => symbolWords(resource.variable).join('_');
const dataRef = (resource: ResolvedResource): string =>
  `data.${resourceType(resource).terraformDataSource}.${nameOf(resource)}`;

/** A plain component document (strings, arrays, objects, the client id reference) as an HCL value. */
function toHclValue(value: unknown): HclValue {
  if (value instanceof HclExpr) return value;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (Array.isArray(value)) return value.map(toHclValue);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, toHclValue(item)]));
  }
  throw new Error(`Not an HCL value: ${String(value)}`);
}

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
  if (GUID.test(subscription)) return 'The subscription id (the one chosen in the wizard).';
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
      GUID.test(plan.subscription) ? plan.subscription : undefined,
    ),
    variable('resource_group_name', 'The resource group of the host and the identity.', plan.resourceGroup),
  );
  return items;
}

function identityItems(view: IacView): HclItem[] {
  const { plan, host } = view;
  const kinds = new Set(view.armGrants.map((grant) => grant.kind));
  const items: HclItem[] = [
    ...(kinds.has('rbac') ? [block('data', ['azurerm_subscription', 'current'], [])] : []),
    ...(kinds.has('keyvault-policy') ? [block('data', ['azurerm_client_config', 'current'], [])] : []),
  ];
  const userAssigned = plan.identity.userAssigned;
  if (userAssigned && view.identityIsExisting) {
    items.push(
      comment(
        [
          'The user-assigned identity the app signs in with: yours, read, never created or managed here (terraform',
          'destroy leaves it). The plan fails if it is missing, or if its client id is not the one entered in the wizard,',
          'which the component files carry.',
        ].join('\n'),
      ),
      // A postcondition on a data source is checked when it is read, at plan time (Terraform 1.2 and later:
      // developer.hashicorp.com/terraform/language/expressions/custom-conditions, "Preconditions and Postconditions").
      block(
        'data',
        ['azurerm_user_assigned_identity', 'app'],
        [
          argument('name', userAssigned.name),
          argument('resource_group_name', ref('var.resource_group_name')),
          block(
            'lifecycle',
            [],
            [
              block(
                'postcondition',
                [],
                [
                  argument('condition', ref(`self.client_id == ${hclString(plan.identity.clientId)}`)),
                  argument(
                    'error_message',
                    `The identity ${userAssigned.name} has another client id than the one entered in the wizard (${plan.identity.clientId}): correct it there.`,
                  ),
                ],
              ),
            ],
          ),
        ],
      ),
    );
  } else if (userAssigned) {
    if (userAssigned.location === '') {
      items.push(
        block('data', ['azurerm_resource_group', 'host'], [argument('name', ref('var.resource_group_name'))]),
      );
    }
    items.push(
      // azurerm_user_assigned_identity's location is ForceNew (commonschema.Location()) and its tags are set to
      // the configuration's on every apply; the setup script's createdBy tag is left out (see main-bicep.ts).
      comment(
        [
          'The user-assigned identity the app signs in with. Imported (the setup script made it), it takes these values:',
          'one in another region is replaced (a new identity: new principal and client id, and the grants made for the',
          "old one no longer apply), and its tags are removed (the setup's createdBy tag, so the teardown keeps it).",
        ].join('\n'),
      ),
      block(
        'resource',
        ['azurerm_user_assigned_identity', 'app'],
        [
          argument('name', userAssigned.name),
          argument('resource_group_name', ref('var.resource_group_name')),
          argument(
            'location',
            userAssigned.location === ''
              ? ref('data.azurerm_resource_group.host.location')
              : userAssigned.location,
          ),
        ],
      ),
    );
  }
  if (view.readsHost) {
    items.push(
      comment(`Your ${plan.host.noun}: read, never redeclared here.`),
      block(
        'data',
        [host.terraformDataSource, 'host'],
        [argument('name', plan.hostName), argument('resource_group_name', ref('var.resource_group_name'))],
      ),
    );
  }
  const workload = plan.kubernetes?.workloadIdentity;
  if (workload && plan.kubernetes) {
    items.push(
      comment(
        `Let exactly the ServiceAccount ${workload.serviceAccountName} in namespace ${plan.kubernetes.namespace} sign in as the identity (the cluster's OIDC issuer must be on).\n` +
          // azurerm v4.55.0 requires name, resource_group_name, parent_id, issuer, subject and audience (at most
          // one) (hashicorp/terraform-provider-azurerm internal/services/managedidentity/
          // federated_identity_credential_resource.go at tag v4.55.0). Later 4.x still take both: 4.60.0 makes
          // resource_group_name optional and deprecated (#30860, ResourceGroupNameDeprecatedComputed), 4.65.0
          // renames parent_id to user_assigned_identity_id and keeps parent_id, deprecated, as ExactlyOneOf with
          // it (#31921); 5.0.0 removes both (CHANGELOG-v4.md, CHANGELOG.md). `~> 4.55` stops before 5.0.
          `Arguments as azurerm ${AZURERM_VERSION.replace('~> ', '')} requires them; 4.60 deprecates resource_group_name and 4.65 renames parent_id to user_assigned_identity_id (both still accepted until 5.0).`,
      ),
      block(
        'resource',
        ['azurerm_federated_identity_credential', 'service_account'],
        [
          argument('name', workload.federatedCredentialName),
          argument('resource_group_name', ref('var.resource_group_name')),
          argument('parent_id', ref(`${terraformIdentity(view)}.id`)),
          argument('issuer', ref(`data.${host.terraformDataSource}.host.oidc_issuer_url`)),
          argument('subject', serviceAccountSubject(plan.kubernetes.namespace, workload.serviceAccountName)),
          argument('audience', [WORKLOAD_ID_AUDIENCE]),
        ],
      ),
    );
  }
  items.push(
    block(
      'locals',
      [],
      [
        comment(
          view.principal === 'created-identity'
            ? "The principal that receives every grant: the identity's."
            : `The principal that receives every grant: your ${plan.host.noun}'s ${identityTitle(plan).toLowerCase()}.`,
        ),
        argument(
          'principal_id',
          ref(
            view.principal === 'created-identity'
              ? `${terraformIdentity(view)}.principal_id`
              : `data.${host.terraformDataSource}.host.${host.terraformSystemPrincipal}`,
          ),
        ),
      ],
    ),
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

function componentItems(view: IacView): HclItem[] {
  const { plan } = view;
  const clientId = ref(
    plan.identity.userAssigned
      ? `${terraformIdentity(view)}.client_id`
      : `data.${view.host.terraformDataSource}.host.kubelet_identity[0].client_id`,
  );
  if (plan.host.format === 'container-apps') {
    return [
      comment('The Container Apps environment: read, never redeclared here.'),
      block(
        'data',
        ['azurerm_container_app_environment', 'environment'],
        [argument('name', plan.environment), argument('resource_group_name', ref('var.resource_group_name'))],
      ),
      ...plan.components.flatMap((component, index) => {
        const document = withClientId(plan, component.document, clientId) as {
          componentType: string;
          version: string;
          metadata: readonly { name: string; value: unknown }[];
          scopes?: readonly string[];
        };
        return [
          comment(`The Dapr component ${component.name}: ${component.title}.`),
          block(
            'resource',
            ['azurerm_container_app_environment_dapr_component', `component_${index + 1}`],
            [
              argument('name', component.name),
              argument(
                'container_app_environment_id',
                ref('data.azurerm_container_app_environment.environment.id'),
              ),
              argument('component_type', document.componentType),
              argument('version', document.version),
              ...(document.scopes ? [argument('scopes', [...document.scopes])] : []),
              ...document.metadata.map((item) =>
                block(
                  'metadata',
                  [],
                  [argument('name', item.name), argument('value', toHclValue(item.value))],
                ),
              ),
            ],
          ),
        ];
      }),
    ];
  }
  if (plan.kubernetes) {
    const workload = plan.kubernetes.workloadIdentity;
    const items: HclItem[] = [
      comment(
        `The namespace ${plan.kubernetes.namespace} must exist, and Dapr's Component CRD with it (the Dapr extension or Helm chart installs it).\n` +
          `The setup script patches the app's Deployment (components/deployment-patch.yaml) and waits for its new pods; Terraform does not own the Deployment.\n` +
          // daprd loads its components when the pod starts, and the Workload ID webhook injects the client id at
          // pod admission. The script's patch carries a hash of the files fixed when the wizard wrote them
          // (hosts/aks.ts config-hash), so after a Terraform-only change it patches nothing and restarts nothing.
          `After an apply that changes a component${plan.kubernetes.workloadIdentity ? " or the ServiceAccount's annotation" : ''}, restart the app's pods: ${pastedLine(['kubectl', 'rollout', 'restart', `deployment/${plan.kubernetes.deployment}`, '-n', plan.kubernetes.namespace])}`,
      ),
    ];
    if (workload) {
      const sa = withClientId(plan, workload.serviceAccount, clientId) as {
        metadata: { name: string; namespace: string; annotations: Record<string, unknown> };
      };
      items.push(
        comment(`The ServiceAccount your pods run as; Workload ID trusts exactly this one.`),
        block(
          'resource',
          ['kubernetes_service_account_v1', 'app'],
          [
            block(
              'metadata',
              [],
              [
                argument('name', sa.metadata.name),
                argument('namespace', sa.metadata.namespace),
                argument('annotations', toHclValue(sa.metadata.annotations)),
              ],
            ),
            // The kubernetes provider keeps in state every annotation but the *.kubernetes.io ones
            // (hashicorp/terraform-provider-kubernetes kubernetes/structures.go isInternalKey), so an imported
            // ServiceAccount's setup mark, absent from this config, would be removed on the next apply, and the
            // teardown would no longer know the setup made it. ignore_changes takes one map element, tags["Name"]
            // (developer.hashicorp.com/terraform/language/meta-arguments/lifecycle, "ignore_changes").
            block(
              'lifecycle',
              [],
              [
                argument(
                  'ignore_changes',
                  ref(`[metadata[0].annotations[${hclString(CREATED_ANNOTATION)}]]`),
                ),
              ],
            ),
          ],
        ),
      );
    }
    plan.components.forEach((component, index) => {
      items.push(
        comment(`The Dapr component ${component.name}: ${component.title}.`),
        block(
          'resource',
          ['kubernetes_manifest', `component_${index + 1}`],
          [argument('manifest', toHclValue(withClientId(plan, component.document, clientId)))],
        ),
      );
    });
    return items;
  }
  return [
    comment(
      [
        plan.host.id === 'aci'
          ? 'Not here: this file does not declare the container group; the setup script (re)creates it with the component files as a secret volume.'
          : `Not here: Dapr on the ${plan.host.noun} reads its components from files, which no provider here writes.`,
        // azurerm has no resource or block for App Service site containers (none in v4.55.0's
        // internal/services/appservice nor its docs, nor up to v4.81.0); main.bicep declares the sidecar.
        ...(plan.host.id === 'webapp'
          ? [
              "Nor the daprd sidecar: azurerm has no resource for a web app's sidecar containers (main.bicep declares it as",
              'Microsoft.Web/sites/sitecontainers), so the setup script adds it too.',
            ]
          : []),
        `The setup script (${SCRIPT_FILE_NAME}) does it in these steps:`,
        ...applyStepLines(plan),
      ].join('\n'),
    ),
  ];
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
