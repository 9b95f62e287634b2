import { describe, expect, it } from 'vitest';
import { NEVER_EMITTED } from '../test-support/never-emitted';
import facts from '../test-support/source-facts.json';
import { COMPONENTS, UNSUPPORTED_COMPONENTS } from './components';
import type { ComponentSpec, Grant } from './component-spec';
import { NAMING_RULES } from './naming-rules';
import { ROLES } from './roles';

/** The research extract (dapr/components-contrib metadata.yaml, Dapr docs, built-in roles) the catalog must agree with. */
const SOURCE = facts.components;
/** Role name -> GUID: the built-in roles table, plus the roles the component research confirmed (GUIDs only). */
const BUILT_IN_ROLES: Record<string, string> = {
  ...facts.builtInRoles.roles,
  ...Object.fromEntries(
    SOURCE.flatMap((component) => component.roles).flatMap((role) =>
      role.guid ? [[role.name, role.guid]] : [],
    ),
  ),
};

/** The research's grants for one component, in the catalog's grant shapes (scripts/extract-source-facts.ts). */
interface SourceGrants {
  readonly rbac: readonly { readonly name: string; readonly guid: string; readonly source: string }[];
  readonly cosmosSqlRoles: readonly string[];
  readonly redisPolicies: readonly string[];
  readonly keyVaultPolicies: readonly { readonly flag: string; readonly permissions: readonly string[] }[];
  readonly postgresPrivileges: readonly string[];
  readonly sqlUsers: readonly {
    readonly roles: readonly string[];
    readonly permissions: readonly string[];
  }[];
}

/** Research roles every use of the component needs, whatever the answers (the others depend on a choice). */
const REQUIRED_WHEN = /^roles: always/;

const sameSet = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && [...a].sort().join('\n') === [...b].sort().join('\n');

/**
 * Why the research does not back this grant for this component, or '' when it does. Compared with the
 * component's own research entry, not with all built-in roles: a real role for the wrong service must fail.
 */
function grantProblem(grant: Grant, source: SourceGrants): string {
  switch (grant.kind) {
    case 'rbac': {
      const role = source.rbac.find((candidate) => candidate.guid === grant.role.guid);
      if (role === undefined)
        return `${grant.role.name} (${grant.role.guid}) is not a role the sources name here`;
      return role.name === grant.role.name
        ? ''
        : `${grant.role.guid} is ${role.name}, not ${grant.role.name}`;
    }
    case 'cosmos-sql-role':
      return source.cosmosSqlRoles.includes(grant.roleDefinitionId)
        ? ''
        : `Cosmos DB role ${grant.roleDefinitionId} is not the one the sources name`;
    case 'redis-access-policy':
      return source.redisPolicies.includes(grant.policy)
        ? ''
        : `access policy "${grant.policy}" is not ${source.redisPolicies.join(' or ') || 'named'}`;
    case 'keyvault-policy': {
      const policy = source.keyVaultPolicies.find((candidate) => candidate.flag === grant.flag);
      if (policy === undefined) return `the sources give no ${grant.flag} policy`;
      return sameSet(grant.permissions, policy.permissions)
        ? ''
        : `${grant.flag} ${grant.permissions.join(' ')} is not ${policy.permissions.join(' ')}`;
    }
    case 'postgres-role': {
      const extra = grant.privileges.filter((privilege) => !source.postgresPrivileges.includes(privilege));
      if (grant.privileges.length === 0) return 'no privileges';
      return extra.length === 0 ? '' : `GRANT ${extra.join('; ')} is not in the sources`;
    }
    case 'sql-contained-user':
      return source.sqlUsers.some(
        (user) => sameSet(grant.roles, user.roles) && sameSet(grant.permissions, user.permissions),
      )
        ? ''
        : `roles ${grant.roles.join(', ')} with ${grant.permissions.join(', ') || 'no GRANT'} are not in the sources`;
    default: {
      const unknown: never = grant;
      throw new Error(`unknown grant kind ${JSON.stringify(unknown)}`);
    }
  }
}

function sourceOf(spec: ComponentSpec) {
  const found = SOURCE.find(
    (component) => component.type === spec.type && component.version === spec.version,
  );
  if (!found) throw new Error(`${spec.type} ${spec.version} is not in the sources`);
  return found;
}

/** Every metadata key an entry can put in a component file. */
function emittableKeys(spec: ComponentSpec): string[] {
  return [
    ...Object.keys(spec.fixedMetadata ?? {}),
    ...(spec.connectionString ? ['connectionString'] : []),
    ...spec.fields.filter((field) => field.emit !== false).map((field) => field.key),
    ...(spec.choices ?? []).flatMap((choice) =>
      choice.options.flatMap((option) => Object.keys(option.metadata ?? {})),
    ),
    // User-assigned identities (metadata-properties.go).
    'azureClientId',
  ];
}

describe('catalog against the sources', () => {
  it('offers every component the sources mark as Entra-capable, and none they do not', () => {
    const offered = new Set(COMPONENTS.map((spec) => `${spec.type} ${spec.version}`));
    for (const component of SOURCE) {
      const key = `${component.type} ${component.version}`;
      // Event Grid needs an app registration and a tenant id, which managed identity cannot provide.
      if (component.entraIdSupported && component.type !== 'bindings.azure.eventgrid')
        expect(offered, key).toContain(key);
      if (!component.entraIdSupported) expect(offered, key).not.toContain(key);
    }
    const unsupported = UNSUPPORTED_COMPONENTS.map((component) => component.type);
    expect(unsupported).toEqual(
      expect.arrayContaining(['bindings.azure.eventgrid', 'bindings.azure.cosmosdb.gremlinapi']),
    );
  });

  for (const spec of COMPONENTS as readonly ComponentSpec[]) {
    describe(`${spec.type} ${spec.version}`, () => {
      const source = sourceOf(spec);
      const sourceFields = new Map(source.fields.map((field) => [field.name, field]));

      it('emits only fields the component reads', () => {
        for (const key of emittableKeys(spec)) expect([...sourceFields.keys()], key).toContain(key);
      });

      it('never emits a secret', () => {
        for (const key of emittableKeys(spec)) {
          const sensitive = sourceFields.get(key)?.sensitive ?? false;
          // The one exception: the password-less connection string the Dapr docs give for Entra ID
          // (setup-postgresql-v2.md, setup-sqlserver.md); it is composed from host and database only.
          if (key === 'connectionString') {
            expect(spec.connectionString, 'connectionString is only ever composed').toBeDefined();
            expect(spec.fields.some((field) => field.key === 'connectionString')).toBe(false);
            continue;
          }
          expect(sensitive, `${key} is marked sensitive`).toBe(false);
        }
      });

      it("grants only what the sources name for this component's own use", () => {
        const problems = spec.grants.map((grant) => grantProblem(grant, source.grants));
        expect(problems.filter((problem) => problem !== '')).toEqual([]);
      });

      it('grants every role the sources require, under some answer to its choices', () => {
        const granted = new Set(
          spec.grants.flatMap((grant) => (grant.kind === 'rbac' ? [grant.role.guid] : [])),
        );
        for (const role of source.grants.rbac.filter((candidate) => REQUIRED_WHEN.test(candidate.source)))
          expect([...granted], role.name).toContain(role.guid);
      });

      it('never emits a tenant id, a secret or a certificate, whatever the source marks sensitive', () => {
        expect(emittableKeys(spec).filter((key) => NEVER_EMITTED.includes(key))).toEqual([]);
      });

      it('checks every field with a rule that accepts its own example', () => {
        for (const field of spec.fields) {
          const rule = NAMING_RULES[field.rule];
          if (field.placeholder !== undefined)
            expect(rule.pattern.test(field.placeholder), field.key).toBe(true);
          if (field.example !== undefined) expect(rule.pattern.test(field.example), field.key).toBe(true);
        }
      });

      it('grants something for every answer to its choices', () => {
        const choices = spec.choices ?? [];
        const combinations = choices.reduce<Record<string, string>[]>(
          (all, choice) =>
            all.flatMap((partial) =>
              choice.options.map((option) => ({ ...partial, [choice.key]: option.id })),
            ),
          [{}],
        );
        for (const answers of combinations) {
          const applies = spec.grants.filter((grant) =>
            Object.entries(grant.when ?? {}).every(([key, ids]) => ids.includes(answers[key] ?? '')),
          );
          expect(applies.length, JSON.stringify(answers)).toBeGreaterThan(0);
        }
      });
    });
  }

  it('uses each built-in role under its documented GUID', () => {
    for (const role of Object.values(ROLES)) expect(BUILT_IN_ROLES[role.name], role.name).toBe(role.guid);
  });
});
