/**
 * What the Bicep and Terraform renderers need to know of each host resource: its ARM type, the azurerm data
 * source that reads it, and where a deployed host keeps its identity's principal id. The host itself is the
 * user's (their own template defines it), so the renderers only reference it.
 *
 * ARM types and the identity property: the REST API models of @azure/arm-containerservice, -appcontainers,
 * -appservice, -compute and -containerinstance (src/test-support/iac/arm-models.json). Terraform: the azurerm
 * 4.55.0 data sources of the same names (src/test-support/iac/azurerm-schema.json), whose `identity` block
 * exports principal_id, and azurerm_kubernetes_cluster's `kubelet_identity` block object_id
 * (registry.terraform.io/providers/hashicorp/azurerm/latest/docs/data-sources/kubernetes_cluster).
 */
import type { HostId } from '../../catalog/hosts';
import { assertNever } from '../setup/steps';

export interface HostIacFacts {
  /** The host resource's ARM type: Microsoft.App/containerApps. */
  readonly armType: string;
  /** The API version of the pinned package that models it. */
  readonly apiVersion: string;
  /** The azurerm data source that reads it: azurerm_container_app. */
  readonly terraformDataSource: string;
  /** Bicep: the host's system-assigned principal id, as a property path after the resource's symbol. */
  readonly bicepSystemPrincipal: string;
  /** Terraform: the same, as an attribute path after the data source. */
  readonly terraformSystemPrincipal: string;
}

const SYSTEM_PRINCIPAL = {
  bicepSystemPrincipal: 'identity.principalId',
  terraformSystemPrincipal: 'identity[0].principal_id',
} as const;

/** The IaC facts of a host. */
export function hostIacFacts(id: HostId): HostIacFacts {
  switch (id) {
    case 'aks':
      // AKS has no identity a pod uses as "system-assigned": the kubelet identity is the cluster's
      // identityProfile.kubeletidentity (ManagedClusterProperties.identityProfile, arm-containerservice).
      return {
        armType: 'Microsoft.ContainerService/managedClusters',
        apiVersion: '2025-10-01',
        terraformDataSource: 'azurerm_kubernetes_cluster',
        bicepSystemPrincipal: 'properties.identityProfile.kubeletidentity.objectId',
        terraformSystemPrincipal: 'kubelet_identity[0].object_id',
      };
    case 'aca':
      return {
        armType: 'Microsoft.App/containerApps',
        apiVersion: '2025-07-01',
        terraformDataSource: 'azurerm_container_app',
        ...SYSTEM_PRINCIPAL,
      };
    case 'webapp':
      return {
        armType: 'Microsoft.Web/sites',
        apiVersion: '2025-03-01',
        terraformDataSource: 'azurerm_linux_web_app',
        ...SYSTEM_PRINCIPAL,
      };
    case 'functionapp':
      // A function app on Container Apps is still a Microsoft.Web/sites resource (the script's
      // `az functionapp identity assign` acts on it); azurerm reads any Linux site with this data source.
      return {
        armType: 'Microsoft.Web/sites',
        apiVersion: '2025-03-01',
        terraformDataSource: 'azurerm_linux_function_app',
        ...SYSTEM_PRINCIPAL,
      };
    case 'vm':
      return {
        armType: 'Microsoft.Compute/virtualMachines',
        apiVersion: '2025-04-01',
        terraformDataSource: 'azurerm_virtual_machine',
        ...SYSTEM_PRINCIPAL,
      };
    case 'vmss':
      return {
        armType: 'Microsoft.Compute/virtualMachineScaleSets',
        apiVersion: '2025-04-01',
        terraformDataSource: 'azurerm_virtual_machine_scale_set',
        ...SYSTEM_PRINCIPAL,
      };
    case 'aci':
      return {
        armType: 'Microsoft.ContainerInstance/containerGroups',
        apiVersion: '2023-05-01',
        terraformDataSource: 'azurerm_container_group',
        ...SYSTEM_PRINCIPAL,
      };
    default:
      return assertNever(id);
  }
}
