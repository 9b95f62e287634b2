// The IaC checkers the golden tests call on every golden Bicep and Terraform file. Each returns the problems it
// found as readable lines (empty means OK), so a test reads `expect(await checkTerraform(text)).toEqual([])`.
//
//   checkBicep(text, modules?): string[]             main.bicep: syntax, names, and each resource against the
//                                                    @azure/arm-* model of its type at the pinned API version;
//                                                    the module files it deploys (by path) the same way, and
//                                                    each module statement against its file
//   checkBicepParams(paramsText, bicepText): string[] main.bicepparam against the file its `using` names
//   checkTerraform(text): Promise<string[]>          main.tf / variables.tf: HashiCorp's HCL parser, then each
//                                                    provider, resource and data source against the azurerm /
//                                                    kubernetes provider schema extract (async: the parser is
//                                                    Go compiled to WebAssembly)
//
// bicepModelVersions() and terraformSchemaVersions() name the package versions and API / provider versions the
// extracts hold; renderers must emit exactly those API versions. Refresh the extracts with
// `npx tsx scripts/extract-arm-models.ts` and `npx tsx scripts/extract-azurerm-schema.ts`.
export { bicepModelVersions, checkBicep } from './bicep-check';
export { checkBicepParams } from './bicep-params-check';
export { checkTerraform, terraformSchemaVersions } from './terraform-check';
