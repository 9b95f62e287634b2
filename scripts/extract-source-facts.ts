/**
 * Extracts, from the domain research (../shared/domain/dapr-components.json, itself read from
 * dapr/components-contrib metadata.yaml files, the Dapr docs and Microsoft's built-in roles list), the facts
 * the catalog test checks the catalog against, into src/test-support/source-facts.json. The extract is kept
 * in the project so the test runs without ../shared. Usage: npx tsx scripts/extract-source-facts.ts, then
 * npx prettier --write src/test-support/source-facts.json (DOMAIN_DIR=<path of shared/domain> when the
 * checkout does not sit beside ../shared).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

interface SourceField {
  name: string;
  sensitive: boolean;
  sensitiveInferred?: boolean;
}
interface SourceRole {
  name: string;
  guid: string | null;
  assignVia: string;
  /** "always", "publish", "alternative, broader", ... */
  when?: string;
  assignCommand?: string;
}
interface SourceComponent {
  type: string;
  version: string;
  entraIdSupported: boolean;
  fields: SourceField[];
  roles?: SourceRole[];
  sources?: string[];
}

/** The research's grants for one component, in the shape of the catalog's grant kinds (component-spec.ts). */
interface SourceGrants {
  /** Azure RBAC roles the research names for this component's own use; broader alternatives are left out. */
  rbac: { name: string; guid: string; source: string }[];
  /** Cosmos DB data-plane role definition ids. */
  cosmosSqlRoles: string[];
  /** Azure Cache for Redis data access policy names. */
  redisPolicies: string[];
  /** Key Vault access policies: the permission flag and exactly the permissions Dapr uses. */
  keyVaultPolicies: { flag: string; permissions: string[] }[];
  /** PostgreSQL GRANT statements ("{field}" stands for that field's value). */
  postgresPrivileges: string[];
  /** Azure SQL contained users: one entry per acceptable set of database roles and GRANTs. */
  sqlUsers: { roles: string[]; permissions: string[] }[];
  /** Where the facts not read from a role's assignCommand come from. */
  notes: string[];
}

const domain = process.env.DOMAIN_DIR
  ? pathToFileURL(`${process.env.DOMAIN_DIR.replace(/\/$/, '')}/`)
  : new URL('../../shared/domain/', import.meta.url);

const components = JSON.parse(
  readFileSync(new URL('dapr-components.json', domain), 'utf8'),
) as SourceComponent[];
const azureCli = JSON.parse(readFileSync(new URL('azure-cli.json', domain), 'utf8')) as {
  common: { roles: Record<string, string>; rolesSource: string };
};

/**
 * Facts the research states in prose rather than in a role's assignCommand, written out here in the grant
 * shapes, each with the sentence it rests on. Read them against those sentences when the research changes.
 */
const POSTGRES_NOTE =
  'PostgreSQL statements: dapr-components.json roles and notes, output-review.md (PostgreSQL grant)';
const PROSE_FACTS: Readonly<Record<string, Partial<SourceGrants>>> = {
  'bindings.azure.blobstorage': {
    // azure-cli.md section 2.2 lists Storage Blob Data Reader beside Contributor for "Blob state store /
    // bindings"; built-in-roles.md: Reader reads and lists containers and blobs (the binding's get and list).
    rbac: [builtInRole('Storage Blob Data Reader', 'azure-cli.md 2.2 (Blob state store / bindings)')],
    notes: ['Storage Blob Data Reader: azure-cli.md 2.2, for the read-only (get, list) binding'],
  },
  'state.postgresql': {
    // dapr-components.json notes: the role needs "rights to create/use Dapr tables"; output-review.md
    // (PostgreSQL grant): PostgreSQL 15+ no longer lets every role create in public, hence USAGE and CREATE.
    postgresPrivileges: ['USAGE, CREATE ON SCHEMA public'],
    notes: [POSTGRES_NOTE],
  },
  'configuration.postgresql': {
    // dapr-components.json roles: "needs SELECT on the config table, LISTEN" (LISTEN needs no privilege,
    // PostgreSQL docs, LISTEN); USAGE on the schema to reach the table.
    postgresPrivileges: ['USAGE ON SCHEMA public', 'SELECT ON TABLE {table}'],
    notes: [POSTGRES_NOTE],
  },
  'bindings.postgresql': {
    // The binding runs the app's own SQL: the role reaches the schema; table rights are the app's to grant.
    postgresPrivileges: ['USAGE ON SCHEMA public'],
    notes: [POSTGRES_NOTE],
  },
  'state.sqlserver': {
    // dapr-components.json roles: "db_owner (or ddladmin+datareader+datawriter+execute)". REFERENCES on the
    // schema: Dapr's procedures take a user-defined table type as a parameter, which needs REFERENCES on that
    // type (learn.microsoft.com, SQL Server "User-Defined Table Types", Security).
    sqlUsers: [
      {
        roles: ['db_ddladmin', 'db_datareader', 'db_datawriter'],
        permissions: ['EXECUTE ON SCHEMA::dbo', 'REFERENCES ON SCHEMA::dbo'],
      },
      { roles: ['db_owner'], permissions: [] },
    ],
    notes: ['SQL rights: dapr-components.json roles; REFERENCES from SQL Server "User-Defined Table Types"'],
  },
};

function builtInRole(name: string, source: string): { name: string; guid: string; source: string } {
  const guid = azureCli.common.roles[name];
  if (guid === undefined) throw new Error(`${name} is not in azure-cli.json's built-in roles`);
  return { name, guid, source };
}

/** The words after `flag` in a command, up to the next flag. */
function wordsAfter(command: string, flag: string): string[] {
  const words = command.split(/\s+/);
  const start = words.indexOf(flag);
  if (start === -1) return [];
  const end = words.findIndex((word, index) => index > start && word.startsWith('--'));
  return words.slice(start + 1, end === -1 ? undefined : end);
}

function grantsOf(component: SourceComponent): SourceGrants {
  const roles = component.roles ?? [];
  const extra = PROSE_FACTS[component.type] ?? {};
  const command = (role: SourceRole): string => role.assignCommand ?? '';
  return {
    rbac: [
      ...roles
        .filter((role) => role.assignVia === 'az role assignment' && role.guid !== null)
        // "alternative, broader": a role the research names only to say it is more than needed.
        .filter((role) => !(role.when ?? '').startsWith('alternative'))
        .map((role) => ({ name: role.name, guid: role.guid ?? '', source: `roles: ${role.when ?? ''}` })),
      ...(extra.rbac ?? []),
    ],
    cosmosSqlRoles: roles
      .filter((role) => role.assignVia === 'az cosmosdb sql role assignment' && role.guid !== null)
      .map((role) => role.guid ?? ''),
    redisPolicies: roles
      .filter((role) => role.assignVia === 'az redis access-policy-assignment')
      .map((role) => /--access-policy-name "([^"]+)"/.exec(command(role))?.[1])
      .filter((policy): policy is string => policy !== undefined),
    keyVaultPolicies: roles
      .filter((role) => role.assignVia === 'az keyvault set-policy')
      .flatMap((role) =>
        ['--secret-permissions', '--key-permissions', '--certificate-permissions']
          .map((flag) => ({ flag, permissions: wordsAfter(command(role), flag) }))
          .filter((policy) => policy.permissions.length > 0),
      ),
    postgresPrivileges: extra.postgresPrivileges ?? [],
    sqlUsers: extra.sqlUsers ?? [],
    notes: extra.notes ?? [],
  };
}

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
    grants: grantsOf(component),
    sources: component.sources ?? [],
  })),
};
writeFileSync(
  new URL('../src/test-support/source-facts.json', import.meta.url),
  `${JSON.stringify(facts, null, 1)}\n`,
);
console.log(`wrote ${facts.components.length} components`);
