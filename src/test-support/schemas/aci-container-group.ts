/**
 * The container group file of `az container create --file` checked against the ContainerGroup model of
 * @azure/arm-containerinstance at the API version the file declares (aci-container-group.json, written by
 * scripts/extract-aci-container-group.ts).
 *
 * How the CLI reads the file (Azure/azure-cli src/azure-cli/azure/cli/command_modules/container/custom.py,
 * _create_update_from_file; the same in 2.45): PyYAML safe_load; `name` must match --name when both are given,
 * and one of them is required; `location` falls back to --location; `apiVersion` (else the CLI's default) is
 * the api-version of the request. The whole mapping then goes to the generic
 * `resources.begin_create_or_update` as its body, which the resources SDK serializes as a GenericResource
 * (azure-mgmt-resource resources models: id, name and type read-only; location, extendedLocation, tags, plan,
 * properties, kind, managedBy, sku, identity): `properties` passes through whole, so ARM checks it against
 * ContainerGroup; a top-level key GenericResource lacks (`zones`, and `apiVersion` itself) never reaches Azure.
 * The YAML form is documented in Microsoft's "YAML reference: Azure Container Instances"
 * (https://learn.microsoft.com/azure/container-instances/container-instances-reference-yaml, "applies to YAML
 * files for Azure Container Instances REST API version 2021-10-01").
 */
import type { ArmNode } from '../iac/arm-models';
import { checkArmBody } from './arm-body-check';
import extract from './aci-container-group.json';

export type AciContainerGroupModel = {
  generatedBy: string;
  package: string;
  version: string;
  resourceType: string;
  apiVersion: string;
  model: string;
  body: ArmNode;
};

export const aciContainerGroupModel = extract as AciContainerGroupModel;

/** Top-level keys the CLI reads itself: the request's api-version and URL, not the body. */
const READ_BY_THE_CLI = ['apiVersion', 'name', 'type'];
/** What GenericResource serializes (azure-mgmt-resource 2021-04-01 models, GenericResource._attribute_map). */
const GENERIC_RESOURCE_WRITABLE = [
  'location',
  'extendedLocation',
  'tags',
  'plan',
  'properties',
  'kind',
  'managedBy',
  'sku',
  'identity',
];

/** Problems with one parsed container group file (empty: valid). */
export function checkAciContainerGroup(document: unknown): string[] {
  if (document === null || typeof document !== 'object' || Array.isArray(document))
    return ['$: not a mapping'];
  const fields = document as Record<string, unknown>;
  const { apiVersion, resourceType } = aciContainerGroupModel;
  const problems: string[] = [];
  if (fields.apiVersion !== apiVersion)
    problems.push(`$.apiVersion: ${JSON.stringify(fields.apiVersion)}, the model checked is ${apiVersion}`);
  if (typeof fields.name !== 'string' || fields.name === '')
    problems.push('$.name: missing (the script passes no --name, so the file must name the group)');
  if ('type' in fields && fields.type !== resourceType)
    problems.push(`$.type: ${JSON.stringify(fields.type)}, not ${resourceType}`);
  const body: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    if (READ_BY_THE_CLI.includes(key)) continue;
    if (GENERIC_RESOURCE_WRITABLE.includes(key)) body[key] = value;
    else problems.push(`$.${key}: az container create --file drops it (a generic resource has no such key)`);
  }
  return [...problems, ...checkArmBody('$', body, aciContainerGroupModel.body)];
}
