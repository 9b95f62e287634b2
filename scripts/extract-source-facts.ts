/**
 * Extracts, from the domain research (../shared/domain/dapr-components.json, itself read from
 * dapr/components-contrib metadata.yaml files, the Dapr docs and Microsoft's built-in roles list), the facts
 * the catalog test checks the catalog against, into src/test-support/source-facts.json. The extract is kept
 * in the project so the test runs without ../shared. Usage: npx tsx scripts/extract-source-facts.ts
 */
import { readFileSync, writeFileSync } from 'node:fs';

interface SourceField {
  name: string;
  sensitive: boolean;
  sensitiveInferred?: boolean;
}
interface SourceRole {
  name: string;
  guid: string | null;
  assignVia: string;
}
interface SourceComponent {
  type: string;
  version: string;
  entraIdSupported: boolean;
  fields: SourceField[];
  roles?: SourceRole[];
  sources?: string[];
}

const components = JSON.parse(
  readFileSync(new URL('../../shared/domain/dapr-components.json', import.meta.url), 'utf8'),
) as SourceComponent[];

const azureCli = JSON.parse(
  readFileSync(new URL('../../shared/domain/azure-cli.json', import.meta.url), 'utf8'),
) as {
  common: { roles: Record<string, string>; rolesSource: string };
};

const facts = {
  source: '../shared/domain/dapr-components.json and azure-cli.json (see their sources)',
  builtInRoles: { source: azureCli.common.rolesSource, roles: azureCli.common.roles },
  components: components.map((component) => ({
    type: component.type,
    version: component.version,
    entraIdSupported: component.entraIdSupported,
    fields: component.fields.map((field) => ({
      name: field.name,
      sensitive: field.sensitive || field.sensitiveInferred === true,
    })),
    roles: (component.roles ?? []).map((role) => ({
      name: role.name,
      guid: role.guid,
      assignVia: role.assignVia,
    })),
    sources: component.sources ?? [],
  })),
};
writeFileSync(
  new URL('../src/test-support/source-facts.json', import.meta.url),
  `${JSON.stringify(facts, null, 1)}\n`,
);
console.log(`wrote ${facts.components.length} components`);
