/**
 * A Container Apps component file checked against the DaprComponent model of @azure/arm-appcontainers (the
 * pinned package and API version of src/test-support/iac/arm-models.json, Microsoft.App/managedEnvironments/
 * daprComponents).
 *
 * How `az containerapp env dapr-component set --yaml` reads the file (Azure/azure-cli
 * src/azure-cli/azure/cli/command_modules/containerapp/custom.py, create_or_update_dapr_component): PyYAML
 * safe_load, then msrest's Deserializer into the CLI's own DaprComponent model (_sdk_models.py), whose attributes
 * are the flattened `properties.*` of the REST body (componentType, version, ignoreErrors, initTimeout, secrets,
 * secretStoreComponent, metadata, scopes); msrest's rest_key_extractor, finding no `properties` key, reads
 * them from the top level of the file (msrest serialization.py: `working_data.get(working_key, data)`). Keys the model lacks become additional properties, which the CLI then removes, as it removes the
 * read-only ones, and it sends `{"properties": <the rest>}`. So the file's keys are the model's `properties`
 * members, and anything else is dropped without a word: hence this check.
 */
import { armModels, type ArmNode } from '../iac/arm-models';
import { checkArmBody } from './arm-body-check';

export const DAPR_COMPONENT_TYPE = 'Microsoft.App/managedEnvironments/daprComponents';

function daprComponentProperties(): { node: ArmNode; package: string; apiVersion: string } {
  const resource = armModels.resourceTypes[DAPR_COMPONENT_TYPE];
  const node = resource?.body?.properties?.properties;
  if (!resource || !node) throw new Error(`arm-models.json has no body model for ${DAPR_COMPONENT_TYPE}`);
  return { node, package: resource.package, apiVersion: resource.apiVersion };
}

/** Where the model comes from, for test names. */
export function containerAppsModelSource(): string {
  const { package: name, apiVersion } = daprComponentProperties();
  return `${name}@${armModels.packages[name]?.version ?? '?'} DaprComponent (${apiVersion})`;
}

/**
 * Problems with one parsed Container Apps component file (empty: valid). Beyond the model, where every member
 * is optional, Dapr needs a type and a version to load a component (the Component CRD requires both).
 */
export function checkContainerAppsComponent(document: unknown): string[] {
  const problems = checkArmBody('$', document, daprComponentProperties().node);
  const fields = document !== null && typeof document === 'object' ? document : {};
  for (const needed of ['componentType', 'version'])
    if (!(needed in fields)) problems.push(`$.${needed}: missing (Dapr loads no component without it)`);
  return problems;
}
