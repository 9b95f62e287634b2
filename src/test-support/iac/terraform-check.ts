// Checks Terraform text the way `terraform validate` checks a configuration's shape, without the binary: HashiCorp's
// own HCL parser (@cdktf/hcl2json, the Go parser compiled to WebAssembly) reads it, and every provider, resource
// and data source block is checked against the provider schema extract in azurerm-schema.json.
//
// What it cannot see: hcl2json turns both `x { ... }` and `x = [{ ... }]` into a list of objects, so an attribute
// written with block syntax is not caught (a block written as `x = { ... }` is); expressions are not evaluated or
// type-checked, and references are not resolved. `terraform validate` on GitHub covers those (see pages.yml).
import { parse } from '@cdktf/hcl2json';
import { terraformSchema, type TerraformBlockSchema, type TerraformProviderSchema } from './terraform-schema';

type Body = Record<string, unknown>;

// Terraform's own top-level block types and meta-arguments (developer.hashicorp.com/terraform/language:
// "Resource blocks", "Meta-arguments", "Data sources", "Provider configuration").
const TOP_LEVEL = [
  'terraform',
  'provider',
  'variable',
  'locals',
  'output',
  'resource',
  'data',
  'module',
  'moved',
  'import',
  'check',
  'removed',
];
const RESOURCE_META = [
  'count',
  'for_each',
  'depends_on',
  'provider',
  'lifecycle',
  'provisioner',
  'connection',
];
const DATA_META = ['count', 'for_each', 'depends_on', 'provider', 'lifecycle'];
const PROVIDER_META = ['alias', 'version'];

const isBody = (value: unknown): value is Body =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The blocks of one label (`resource "type" "name" { }` -> [{ ... }]), as hcl2json writes them. */
function labelled(value: unknown): [string, Body[]][] {
  if (!isBody(value)) return [];
  return Object.entries(value).map(([label, bodies]) => [
    label,
    Array.isArray(bodies) ? bodies.filter(isBody) : [],
  ]);
}

function providerOf(type: string): TerraformProviderSchema | undefined {
  return terraformSchema.providers[type.split('_')[0] ?? ''];
}

function isComputedOnly(flags: { computed: boolean; optional: boolean; required: boolean }): boolean {
  return flags.computed && !flags.optional && !flags.required;
}

/** Problems in one block body against its schema; `where` names the block for the reader. */
function checkBody(
  where: string,
  body: Body,
  schema: TerraformBlockSchema,
  meta: readonly string[],
): string[] {
  const problems: string[] = [];
  const blockCounts = new Map<string, number>();
  for (const [key, value] of Object.entries(body)) {
    if (meta.includes(key)) continue;
    if (key === 'dynamic') {
      for (const [name, dynamicBodies] of labelled(value)) {
        const nested = schema.blocks[name];
        if (!nested) {
          problems.push(`${where}: unknown block "${name}" (in a dynamic block)`);
          continue;
        }
        blockCounts.set(name, (blockCounts.get(name) ?? 0) + 1);
        for (const dynamicBody of dynamicBodies) {
          const content = Array.isArray(dynamicBody.content) ? dynamicBody.content.filter(isBody) : [];
          for (const item of content)
            problems.push(...checkBody(`${where} > dynamic ${name}`, item, nested, []));
        }
      }
      continue;
    }
    const attribute = schema.attributes[key];
    if (attribute) {
      if (isComputedOnly(attribute))
        problems.push(`${where}: "${key}" is computed by the provider and cannot be set`);
      continue;
    }
    const nested = schema.blocks[key];
    if (!nested) {
      problems.push(`${where}: unknown argument or block "${key}"`);
      continue;
    }
    if (!Array.isArray(value) || !value.every(isBody)) {
      problems.push(`${where}: "${key}" is a block: write ${key} { ... }, not ${key} = ...`);
      blockCounts.set(key, 1); // it is there, only written wrongly: one problem, not two
      continue;
    }
    blockCounts.set(key, (blockCounts.get(key) ?? 0) + value.length);
    if (nested.maxItems !== undefined && value.length > nested.maxItems) {
      problems.push(
        `${where}: block "${key}" may appear at most ${nested.maxItems} time(s), found ${value.length}`,
      );
    }
    value.forEach((item) => problems.push(...checkBody(`${where} > ${key}`, item, nested, [])));
  }
  for (const [name, flags] of Object.entries(schema.attributes)) {
    if (flags.required && !(name in body)) problems.push(`${where}: missing required argument "${name}"`);
  }
  for (const [name, nested] of Object.entries(schema.blocks)) {
    if ((blockCounts.get(name) ?? 0) < nested.minItems)
      problems.push(`${where}: missing required block "${name}"`);
  }
  return problems;
}

function checkTyped(kind: 'resource' | 'data', value: unknown): string[] {
  const problems: string[] = [];
  for (const [type, named] of Object.entries(isBody(value) ? value : {})) {
    const provider = providerOf(type);
    const schema = kind === 'resource' ? provider?.resources[type] : provider?.dataSources[type];
    for (const [name, bodies] of labelled(named)) {
      const where = `${kind} "${type}" "${name}"`;
      if (!provider || !schema) {
        const known = provider ? `${provider.source} ${provider.version}` : 'no provider in the extract';
        problems.push(
          `${where}: unknown ${kind === 'resource' ? 'resource' : 'data source'} type (${known}; ` +
            'if the type is real, add it to scripts/extract-azurerm-schema.ts)',
        );
        continue;
      }
      for (const body of bodies)
        problems.push(...checkBody(where, body, schema, kind === 'resource' ? RESOURCE_META : DATA_META));
    }
  }
  return problems;
}

function checkProviders(value: unknown): string[] {
  return labelled(value).flatMap(([name, bodies]) => {
    const provider = terraformSchema.providers[name];
    if (!provider) return [`provider "${name}": no schema for this provider in the extract`];
    return bodies.flatMap((body) => checkBody(`provider "${name}"`, body, provider.provider, PROVIDER_META));
  });
}

/**
 * Problems in a Terraform file (empty means it parses and every provider, resource and data source block fits the
 * provider schema extract: known type, no unknown argument or block, required ones present, blocks nested right).
 * Async because HashiCorp's parser runs in WebAssembly.
 */
export async function checkTerraform(text: string, filename = 'main.tf'): Promise<string[]> {
  let config: unknown;
  try {
    config = await parse(filename, text);
  } catch (error) {
    return [`${filename}: does not parse as HCL: ${error instanceof Error ? error.message : String(error)}`];
  }
  if (!isBody(config)) return [`${filename}: parser returned no configuration`];
  const problems: string[] = [];
  for (const [key, value] of Object.entries(config)) {
    if (!TOP_LEVEL.includes(key)) problems.push(`${filename}: unknown top-level block "${key}"`);
    else if (key === 'resource' || key === 'data') problems.push(...checkTyped(key, value));
    else if (key === 'provider') problems.push(...checkProviders(value));
  }
  return problems;
}

/** The provider versions the extract holds, for a test or report to name. */
export function terraformSchemaVersions(): string[] {
  return Object.values(terraformSchema.providers).map(
    (p) => `${p.source} ${p.version} (from ${p.fromPackage})`,
  );
}
