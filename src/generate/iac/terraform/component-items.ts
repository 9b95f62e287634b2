/**
 * main.tf's Dapr components: Container Apps environment components through azurerm, and on AKS the
 * components (and the ServiceAccount) through the kubernetes provider, each with the identity's client id.
 */
import { SCRIPT_FILE_NAME } from '../../index';
import { CREATED_ANNOTATION } from '../../k8s-manifests';
import { withClientId, type IacView } from '../iac-view';
import { terraformIdentity } from '../identity-block';
import { pastedLine } from '../header-notes';
import { applyStepLines } from '../script-steps';
import { argument, block, comment, HclExpr, hclString, ref, type HclItem, type HclValue } from './hcl-text';

/**
 * The setup's mark (k8s-manifests.ts CREATED_ANNOTATION) on what this file creates in the cluster: the setup
 * script goes on over a marked Component of its name (aks-components.ts stops on an unmarked one) and its
 * teardown deletes only a marked Component or ServiceAccount. A kubectl apply by the setup after Terraform
 * keeps it: its three-way merge deletes only fields of the last-applied configuration, which never holds the
 * mark (kubernetes/kubectl pkg/cmd/apply/patcher.go).
 */
const SETUP_MARK = { [CREATED_ANNOTATION]: 'true' } as const;

/** The document with the setup's mark among its metadata.annotations (its keys in their order). */
function withSetupMark(document: object): object {
  return Object.fromEntries(
    Object.entries(document).map(([key, value]: [string, unknown]) => {
      if (key !== 'metadata') return [key, value];
      const metadata = value as { annotations?: Record<string, unknown> };
      return [key, { ...metadata, annotations: { ...metadata.annotations, ...SETUP_MARK } }];
    }),
  );
}

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

export function componentItems(view: IacView): HclItem[] {
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
          // (hosts/aks-apply.ts config-hash), so after a Terraform-only change it patches nothing and restarts
          // nothing.
          // Said where the blocks are, so the force below is no surprise (see its comment in the code).
          `Each component sets field_manager force_conflicts: once imported, it takes over the fields the setup script's kubectl apply wrote (without it, an apply that changes one of them fails with a server-side apply conflict); it also overrides any edit made by hand or by another tool, which terraform plan shows first.\n` +
          `After an apply that changes a component${plan.kubernetes.workloadIdentity ? " or the ServiceAccount's annotation" : ''}, restart the app's pods: ${pastedLine(['kubectl', '--context', plan.hostName, 'rollout', 'restart', `deployment/${plan.kubernetes.deployment}`, '-n', plan.kubernetes.namespace])}`,
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
                argument('annotations', toHclValue({ ...sa.metadata.annotations, ...SETUP_MARK })),
              ],
            ),
            // Marked as the setup marks a ServiceAccount it creates, so the teardown deletes one this file
            // created. The kubernetes provider keeps in state every annotation but the *.kubernetes.io ones
            // (hashicorp/terraform-provider-kubernetes kubernetes/structures.go isInternalKey), so without
            // ignore_changes an apply after an import would set the mark on a ServiceAccount that existed
            // before the setup (the user's own, which the setup leaves unmarked and the teardown keeps).
            // ignore_changes applies to an object that exists only: a create writes the mark; on one imported,
            // an ignored map key absent from its state stays absent and one present keeps its value
            // (hashicorp/terraform internal/terraform/node_resource_abstract_instance.go processIgnoreChanges,
            // processIgnoreChangesIndividual; developer.hashicorp.com/terraform/language/meta-arguments/
            // lifecycle, "ignore_changes", which takes one map element, tags["Name"]).
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
          [
            // Marked: the setup goes on over it and the teardown takes it back. A Component of this name that
            // existed before is rewritten by the apply after its import anyway (force_conflicts below), so
            // it is then this file's, marked too. kubernetes_manifest treats metadata.annotations as
            // computed_fields by default (hashicorp/terraform-provider-kubernetes docs/resources/manifest.md),
            // so the setup's kubectl apply (its last-applied annotation) shows no drift.
            argument(
              'manifest',
              toHclValue(withSetupMark(withClientId(plan, component.document, clientId) as object)),
            ),
            // kubernetes_manifest applies server-side; a component the setup script wrote (client-side
            // kubectl apply, field manager kubectl-client-side-apply) and then imported conflicts on every
            // field whose value changes ("fields that have a different value and are owned by another manager
            // will result in a conflict": kubernetes.io/docs/reference/using-api/server-side-apply). Forcing
            // moves those fields to Terraform, which owns the component from then on (field_manager
            // force_conflicts: the kubernetes provider 2.38 schema, src/test-support/iac/azurerm-schema.json).
            block('field_manager', [], [argument('force_conflicts', true)]),
          ],
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
