import { describe, expect, it } from 'vitest';
import facts from '../test-support/source-facts.json';
import { COMPONENTS, UNSUPPORTED_COMPONENTS } from './components';
import type { ComponentSpec } from './component-spec';
import { NAMING_RULES } from './naming-rules';
import { ROLES } from './roles';

/** The research extract (dapr/components-contrib metadata.yaml, Dapr docs, built-in roles) the catalog must agree with. */
const SOURCE = facts.components;
/** Role name -> GUID: the built-in roles table, plus the roles the component research confirmed. */
const BUILT_IN_ROLES: Record<string, string> = {
  ...facts.builtInRoles.roles,
  ...Object.fromEntries(
    SOURCE.flatMap((component) => component.roles).flatMap((role) =>
      role.guid ? [[role.name, role.guid]] : [],
    ),
  ),
};

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

      it('grants only roles the sources name, by their built-in GUID', () => {
        for (const grant of spec.grants) {
          if (grant.kind === 'rbac') {
            expect(BUILT_IN_ROLES[grant.role.name], grant.role.name).toBe(grant.role.guid);
          } else if (grant.kind === 'cosmos-sql-role') {
            expect(source.roles.map((role) => role.guid)).toContain(grant.roleDefinitionId);
          } else if (grant.kind === 'redis-access-policy') {
            expect(source.roles.map((role) => role.name).join('|')).toContain(grant.policy);
          } else if (grant.kind === 'keyvault-policy') {
            expect(source.roles.some((role) => role.assignVia === 'az keyvault set-policy')).toBe(true);
          } else {
            // PostgreSQL roles and SQL contained users: the sources name a grant outside Azure RBAC.
            expect(source.roles.some((role) => role.guid === null)).toBe(true);
          }
        }
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
