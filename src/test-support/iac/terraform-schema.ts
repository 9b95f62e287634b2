// The shape of azurerm-schema.json, written by scripts/extract-azurerm-schema.ts from the provider schema that
// @cdktf/provider-azurerm and @cdktf/provider-kubernetes were generated from.
import schemaFile from './azurerm-schema.json';

/** An attribute as Terraform's provider schema flags it. */
export type TerraformAttributeSchema = { computed: boolean; optional: boolean; required: boolean };

/** A block type nested in a resource: how often it may appear, and what it holds. */
export type TerraformNestedBlockSchema = TerraformBlockSchema & {
  nesting: string;
  minItems: number;
  maxItems?: number;
};

/** The body of a resource, data source, provider or nested block. */
export type TerraformBlockSchema = {
  attributes: Record<string, TerraformAttributeSchema>;
  blocks: Record<string, TerraformNestedBlockSchema>;
};

/** One provider's extract: where it came from, and its types. */
export type TerraformProviderSchema = {
  source: string;
  version: string;
  fromPackage: string;
  provider: TerraformBlockSchema;
  resources: Record<string, TerraformBlockSchema>;
  dataSources: Record<string, TerraformBlockSchema>;
};

export type TerraformSchemaFile = {
  generatedBy: string;
  providers: Record<string, TerraformProviderSchema>;
};

/** The checked-in extract. */
export const terraformSchema: TerraformSchemaFile = schemaFile;
