/**
 * The Bicep text main.bicep and each grants module share: a resource declaration, the `existing` reference to a
 * granted resource (with what it must already be), and the grants on a set of resources, each under a symbol of
 * its own. main.bicep writes the grants on resources in its own resource group; a module writes those of its group.
 */
import type { DeploymentPlan } from '../../plan/deployment-plan';
import type { ResolvedResource } from '../../resources';
import { preconditionNeed } from '../needs';
import { resourceType, symbolWords, type ArmGrant } from '../iac-view';
import { bicepGrant, type BicepResource } from './grants';
import { bicepComment, bicepValue, expr, type BicepValue } from './bicep-text';

const camel = (words: readonly string[]): string =>
  words.map((word, index) => (index === 0 ? word : word.charAt(0).toUpperCase() + word.slice(1))).join('');

/** The resource's Bicep symbol: SERVICEBUS_NAMESPACE_2 -> servicebusNamespace2. */
export const symbolOf = (resource: ResolvedResource): string => camel(symbolWords(resource.variable));

/** A Bicep symbol from words: ['grants', 'rg', 'messaging'] -> grantsRgMessaging. */
export const symbolFromWords = camel;

export function resourceText(resource: BicepResource, existing = false): string {
  return (
    bicepComment(resource.comment) +
    `resource ${resource.symbol} '${resource.type}@${resource.apiVersion}'${existing ? ' existing' : ''} = ${bicepValue(resource.body)}\n`
  );
}

/** The `existing` reference to a granted resource (its parent's symbol, when it has one, must be declared too). */
export function referenceText(plan: DeploymentPlan, resource: ResolvedResource): string {
  const type = resourceType(resource);
  const body: Record<string, BicepValue> = {
    ...(resource.parent ? { parent: expr(symbolOf(resource.parent)) } : {}),
    name: resource.name,
  };
  const checks = [
    ...preconditionNeed(plan, resource),
    ...(resource.ref.keyVaultModelChoice !== undefined
      ? [
          resource.choices[resource.ref.keyVaultModelChoice] === 'accesspolicy'
            ? 'The vault must use access policies (enableRbacAuthorization false): a vault using Azure RBAC ignores access policies.'
            : 'The vault must use Azure RBAC (enableRbacAuthorization true): access-policy vaults ignore roles.',
        ]
      : []),
  ];
  return resourceText(
    {
      symbol: symbolOf(resource),
      type: type.armType,
      apiVersion: type.apiVersion,
      comment: [`The ${resource.ref.title} ${resource.name} in ${resource.resourceGroup}.`, ...checks].join(
        '\n',
      ),
      body,
    },
    true,
  );
}

const SYMBOL_SUFFIX: Readonly<Record<ArmGrant['kind'], string>> = {
  rbac: 'Role',
  'cosmos-sql-role': 'DataRole',
  'redis-access-policy': 'AccessPolicy',
  'keyvault-policy': 'AccessPolicies',
};

/**
 * The grants as Bicep resources, one symbol each (vaultRole, vaultRole2, ...). `principalResourceId` is the
 * expression of the id that names each role assignment with the resource and the role: in main.bicep the
 * principal's own resource (`identity.id`), in a module the parameter main.bicep passes it as.
 */
export function grantsText(grants: readonly ArmGrant[], principalResourceId: string): string {
  const counts = new Map<string, number>();
  return grants
    .map((grant) => {
      const base = symbolOf(grant.resource);
      const suffix = SYMBOL_SUFFIX[grant.kind];
      const count = (counts.get(base + suffix) ?? 0) + 1;
      counts.set(base + suffix, count);
      const symbol = `${base}${suffix}${count > 1 ? count : ''}`;
      return resourceText(bicepGrant(grant, symbol, base, principalResourceId));
    })
    .join('\n');
}
