/**
 * The Azure hosts a Dapr app can run on, and what each one offers for managed identity.
 * Facts: ../shared/domain/azure-cli.md section 1 (per host) and README "Hosts and identity choices".
 */
import type { NamingRuleId } from './naming-rules';

export const HOST_IDS = ['aks', 'aca', 'webapp', 'functionapp', 'vm', 'vmss', 'aci'] as const;
export type HostId = (typeof HOST_IDS)[number];

/** How the Dapr runtime on a host reads its component files. */
export type ComponentFormat = 'kubernetes' | 'container-apps' | 'self-hosted';

export interface HostSpec {
  readonly id: HostId;
  readonly title: string;
  /** One line: how Dapr runs on this host. */
  readonly daprRuns: string;
  readonly format: ComponentFormat;
  /** The host resource in a sentence: "the AKS cluster". */
  readonly noun: string;
  /** Label of the field that names the host resource. */
  readonly hostNameLabel: string;
  /** Shell variable the script stores the host resource's name in. */
  readonly hostNameVariable: string;
  /** Azure naming rule for the host resource's name. */
  readonly hostNameRule: NamingRuleId;
  /** Extra line shown on the identity step (ACI: identities only at create time). */
  readonly identityNote?: string;
}

export const HOSTS: readonly HostSpec[] = [
  {
    id: 'aks',
    noun: 'AKS cluster',
    title: 'Azure Kubernetes Service (AKS)',
    // Dapr on AKS: the Dapr cluster extension or Helm (MicrosoftDocs/azure-docs articles/aks/dapr.md).
    daprRuns: 'Dapr runs in the cluster (AKS Dapr extension or Helm); components are Kubernetes resources.',
    format: 'kubernetes',
    hostNameLabel: 'AKS cluster name',
    hostNameVariable: 'CLUSTER_NAME',
    hostNameRule: 'aksClusterName',
  },
  {
    id: 'aca',
    noun: 'container app',
    title: 'Azure Container Apps',
    // Dapr is built into Container Apps; components are environment resources with their own schema
    // (MicrosoftDocs/azure-docs articles/container-apps/dapr-components.md).
    daprRuns: 'Dapr is built in; components belong to the Container Apps environment (its own schema).',
    format: 'container-apps',
    hostNameLabel: 'Container app name',
    hostNameVariable: 'CONTAINER_APP_NAME',
    hostNameRule: 'containerAppName',
  },
  {
    id: 'webapp',
    noun: 'web app',
    title: 'App Service Web App (Linux)',
    // No built-in Dapr on App Service; Linux apps take sidecar containers that share the network and /home
    // (MicrosoftDocs/azure-docs articles/app-service/overview-sidecar.md, configure-sidecar.md).
    daprRuns:
      'No built-in Dapr: the script adds daprd as a sidecar container (Linux apps only) that reads the components from /home.',
    format: 'self-hosted',
    hostNameLabel: 'Web app name',
    hostNameVariable: 'WEBAPP_NAME',
    hostNameRule: 'appServiceName',
  },
  {
    id: 'functionapp',
    noun: 'function app',
    title: 'Azure Functions on Container Apps',
    // "The Dapr extension for Azure Functions ... is only supported in Azure Container Apps environments"
    // (MicrosoftDocs/azure-docs articles/azure-functions/functions-bindings-dapr.md): the components are the
    // environment's, in Container Apps' schema; on an App Service plan Dapr does not run at all.
    daprRuns:
      'Dapr runs only for function apps in a Container Apps environment: the components belong to the environment (its own schema). On an App Service plan Dapr does not run.',
    format: 'container-apps',
    hostNameLabel: 'Function app name',
    hostNameVariable: 'FUNCTION_APP_NAME',
    hostNameRule: 'appServiceName',
  },
  {
    id: 'vm',
    noun: 'VM',
    title: 'Virtual Machine',
    // Self-hosted: dapr run --resources-path (dapr/docs reference/cli/dapr-run.md).
    daprRuns: 'Dapr runs self-hosted on the VM (dapr run or daprd) with a resources folder.',
    format: 'self-hosted',
    hostNameLabel: 'VM name',
    hostNameVariable: 'VM_NAME',
    hostNameRule: 'vmName',
  },
  {
    id: 'vmss',
    noun: 'scale set',
    title: 'Virtual Machine Scale Set',
    daprRuns: 'Dapr runs self-hosted on every instance (dapr run or daprd) with a resources folder.',
    format: 'self-hosted',
    hostNameLabel: 'Scale set name',
    hostNameVariable: 'VMSS_NAME',
    hostNameRule: 'vmName',
  },
  {
    id: 'aci',
    noun: 'container group',
    title: 'Azure Container Instances',
    // No built-in Dapr: daprd as a second container in the group (azure-cli.md 1.6).
    daprRuns: 'No built-in Dapr: daprd runs as a second container in the container group.',
    format: 'self-hosted',
    hostNameLabel: 'Container group name',
    hostNameVariable: 'CONTAINER_GROUP_NAME',
    hostNameRule: 'containerGroupName',
    // There is no `az container identity` command group (azure-cli.md 1.6).
    identityNote:
      'Container Instances gets its identity when the container group is created: the script (re)creates the group.',
  },
];

/** The host's catalog entry; every HostId has one. */
export function hostSpec(id: HostId): HostSpec {
  const spec = HOSTS.find((host) => host.id === id);
  if (!spec) throw new Error(`No catalog entry for host ${id}`);
  return spec;
}
