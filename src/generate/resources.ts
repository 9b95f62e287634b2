/**
 * Resolves each component's Azure resources and grants: the resource names read from the component's
 * fields, one shell variable per distinct resource, and the grants deduplicated where two components
 * share a resource and role, in a stable order (component order, then catalog order).
 */
import { componentSpec } from '../catalog/components';
import type { Grant, ResourceRef } from '../catalog/component-spec';
import { ROLE_INCLUDES } from '../catalog/roles';
import { componentResourceGroup, type ComponentConfig, type WizardConfig } from '../model/config';

export interface ResolvedResource {
  readonly ref: ResourceRef;
  readonly name: string;
  readonly resourceGroup: string;
  /** Shell variable prefix: VAULT, or VAULT_2 for a second vault. */
  readonly variable: string;
  /** The variable holding its resource group: the host's, or its own. */
  readonly groupVariable: string;
  /** The choices of the first component using it (Key Vault's permission model). */
  readonly choices: Readonly<Record<string, string>>;
  /** A child entity's parent, e.g. the namespace of a queue; looked up before it. */
  readonly parent?: ResolvedResource;
}

export interface ResolvedGrant {
  readonly grant: Grant;
  readonly resource: ResolvedResource;
  /** The first component that needs it: its fields fill the grant's database and table names. */
  readonly component: ComponentConfig;
  /** Components that need it, for the comment. */
  readonly components: readonly string[];
}

export interface ResourcePlan {
  readonly resources: readonly ResolvedResource[];
  readonly grants: readonly ResolvedGrant[];
}

/** Fills "{field}" in a grant statement with that field's (validated) value. */
export function fillFields(text: string, metadata: Readonly<Record<string, string>>): string {
  return text.replace(/\{(\w+)\}/g, (_, key: string) => metadata[key] ?? '');
}

/** The resource's name from the field value: as is, or the first DNS label of a host name or URL. */
export function resourceName(ref: ResourceRef, value: string): string {
  if (ref.nameFrom === 'value') return value;
  const host = value.replace(/^[a-z]+:\/\//i, '');
  return host.split(/[.:/]/)[0] ?? '';
}

function applies(grant: Grant, choices: Readonly<Record<string, string>>): boolean {
  if (!grant.when) return true;
  return Object.entries(grant.when).every(([key, ids]) => ids.includes(choices[key] ?? ''));
}

/** A key telling two grants apart: same kind, same role or permissions, same resource. */
function grantKey(grant: Grant, resource: ResolvedResource, component: ComponentConfig): string {
  const what =
    grant.kind === 'rbac'
      ? grant.role.guid
      : grant.kind === 'keyvault-policy'
        ? `${grant.flag} ${grant.permissions.join(' ')}`
        : grant.kind === 'cosmos-sql-role'
          ? grant.roleDefinitionId
          : grant.kind === 'redis-access-policy'
            ? grant.policy
            : grant.kind === 'postgres-role'
              ? grant.privileges.join(',')
              : grant.roles.join(',');
  // Grants inside a database differ per database and per table they name.
  const inside =
    grant.kind === 'postgres-role' || grant.kind === 'sql-contained-user'
      ? `|${component.metadata.database ?? ''}|${fillFields(what, component.metadata)}`
      : '';
  return `${grant.kind}|${what}|${resource.variable}${inside}`;
}

/** Drops a role another grant on the same resource already includes, crediting its components to that grant. */
function withoutIncludedRoles(grants: readonly ResolvedGrant[]): ResolvedGrant[] {
  const includer = (candidate: ResolvedGrant): ResolvedGrant | undefined => {
    const { grant } = candidate;
    if (grant.kind !== 'rbac') return undefined;
    // A role on a namespace also covers its queues and event hubs (Azure RBAC scopes are inherited).
    return grants.find(
      (other) =>
        other.grant.kind === 'rbac' &&
        (other.resource === candidate.resource || other.resource === candidate.resource.parent) &&
        (ROLE_INCLUDES[other.grant.role.guid] ?? []).includes(grant.role.guid),
    );
  };
  const kept = grants.filter((candidate) => includer(candidate) === undefined);
  return kept.map((grant) => {
    const absorbed = grants.filter((candidate) => includer(candidate) === grant);
    const components = [
      ...new Set([...grant.components, ...absorbed.flatMap((candidate) => candidate.components)]),
    ];
    return components.length === grant.components.length ? grant : { ...grant, components };
  });
}

export function planResources(config: WizardConfig): ResourcePlan {
  const resources: ResolvedResource[] = [];
  const grants: ResolvedGrant[] = [];
  const grantIndex = new Map<string, number>();
  for (const component of config.components) {
    const spec = componentSpec(component.type, component.version);
    const resourceGroup = componentResourceGroup(config, component);
    // Only resources that a grant applies to are looked up: an Event Hubs publisher never touches the
    // checkpoint storage account it names.
    const resolve = (ref: ResourceRef): ResolvedResource => {
      const parentRef =
        ref.parent && spec.resources.find((candidate) => candidate.id === ref.parent?.resource);
      if (ref.parent && !parentRef) throw new Error(`${spec.type}: no resource ${ref.parent.resource}`);
      const parent = parentRef ? resolve(parentRef) : undefined;
      const name = resourceName(ref, component.metadata[ref.field] ?? '');
      const known = resources.find(
        (candidate) =>
          candidate.ref.showCommand.join(' ') === ref.showCommand.join(' ') &&
          candidate.name === name &&
          candidate.parent === parent &&
          (!ref.needsResourceGroup || candidate.resourceGroup === resourceGroup),
      );
      if (known) return known;
      const same = resources.filter((candidate) => candidate.ref.variable === ref.variable).length;
      const variable = same === 0 ? ref.variable : `${ref.variable}_${same + 1}`;
      const resource: ResolvedResource = {
        ref,
        name,
        resourceGroup,
        variable,
        groupVariable: resourceGroup === config.resourceGroup ? 'RESOURCE_GROUP' : `${variable}_GROUP`,
        choices: component.choices,
        ...(parent ? { parent } : {}),
      };
      resources.push(resource);
      return resource;
    };
    for (const grant of spec.grants) {
      const ref = spec.resources.find((candidate) => candidate.id === grant.resource);
      if (!ref || !applies(grant, component.choices)) continue;
      const resource = resolve(ref);
      const key = grantKey(grant, resource, component);
      const existing = grantIndex.get(key);
      if (existing === undefined) {
        grantIndex.set(key, grants.length);
        grants.push({ grant, resource, component, components: [component.name] });
      } else {
        const known = grants[existing];
        if (known && !known.components.includes(component.name)) {
          grants[existing] = { ...known, components: [...known.components, component.name] };
        }
      }
    }
  }
  // A resource whose every grant another one includes is not looked up (a queue under a namespace-wide
  // Data Owner), unless it is the parent of one that is.
  const kept = withoutIncludedRoles(grants);
  const used = new Set(kept.map((grant) => grant.resource));
  for (const resource of [...used]) if (resource.parent) used.add(resource.parent);
  return { resources: resources.filter((resource) => used.has(resource)), grants: kept };
}
