/**
 * The grants on resources in other resource groups than the deployment's: a Bicep file deploys its resources into
 * the group its deployment targets (a role assignment or child resource on a resource elsewhere fails to compile:
 * BCP139 "A resource's scope must match the scope of the Bicep file for it to be deployable. You must use modules
 * to deploy resources to a different scope", as quoted in Azure/bicep discussion 11373), so main.bicep deploys one module per other group, `scope: resourceGroup('<group>')`, holding the
 * `existing` references and the grants of that group (learn.microsoft.com/azure/azure-resource-manager/bicep/
 * deploy-to-resource-group, "Scope to different resource group"; .../bicep/modules, "Define modules": a module
 * is a nested deployment named by `name`, which a concurrent deployment with the same static name can disturb,
 * hence the name derived from the parent deployment's).
 *
 * resourceGroup('<group>') names a group in the deployment's own subscription. The wizard takes one
 * subscription for everything; a group in another one would need resourceGroup('<subscription id>', '<group>'),
 * and as written the nested deployment fails there, not finding the group.
 */
import type { ResolvedResource } from '../../resources';
import type { ArmGrant, IacView } from '../iac-view';
import { bicepComment, bicepString, bicepValue, expr, interpolate } from './bicep-text';
import { grantsText, referenceText, symbolFromWords } from './resources-text';

export interface GrantModule {
  readonly resourceGroup: string;
  /** The group's stem in the file and deployment names: rg-messaging. */
  readonly stem: string;
  /** The module's symbol in main.bicep: grantsRgMessaging. */
  readonly symbol: string;
  /** Its path from main.bicep, as the module statement names it: modules/grants-rg-messaging.bicep. */
  readonly path: string;
  readonly text: string;
}

/** Deployment names take at most 64 characters (learn.microsoft.com/azure/azure-resource-manager/management/resource-name-rules, Microsoft.Resources deployments). */
const DEPLOYMENT_NAME_LIMIT = 64;

/** The group a grant is made in: that of its resource, or of the resource's parent (a queue's namespace). */
export const grantGroup = (grant: ArmGrant): string =>
  (grant.resource.parent ?? grant.resource).resourceGroup;

/** The other resource groups the grants reach, in the order of their first grant. */
function otherGroups(view: IacView): string[] {
  const groups: string[] = [];
  for (const grant of view.armGrants) {
    const group = grantGroup(grant);
    if (group !== view.plan.resourceGroup && !groups.includes(group)) groups.push(group);
  }
  return groups;
}

/**
 * A file-name stem for a group: lower case, runs of anything but a-z and 0-9 as one '-' (group names take
 * parentheses, periods and Unicode letters, which file names and deployment names would not all take), made
 * unique with a number where two groups give the same stem.
 */
function stemsOf(groups: readonly string[]): string[] {
  const taken = new Set<string>();
  return groups.map((group) => {
    const base =
      group
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-+|-+$/g, '') || 'group';
    let stem = base;
    for (let n = 2; taken.has(stem); n++) stem = `${base}-${n}`;
    taken.add(stem);
    return stem;
  });
}

function moduleText(view: IacView, group: string, symbol: string): string {
  const inGroup = (resource: ResolvedResource): boolean => resource.resourceGroup === group;
  const grants = view.armGrants.filter((grant) => grantGroup(grant) === group);
  return [
    bicepComment(
      [
        `The grants on resources in the resource group ${group}, which main.bicep deploys here (module ${symbol}):`,
        'a deployment makes its resources in the group it targets, so a grant on a resource in another group than',
        `main.bicep's is made by a deployment in that group. Deploying it needs the same rights in ${group}`,
        'as the grants themselves, and the right to deploy there.',
      ].join('\n'),
    ) + "targetScope = 'resourceGroup'\n",
    "@description('The principal that receives every grant (main.bicep passes it).')\n" +
      'param granteePrincipalId string\n\n' +
      "@description('The resource id of the identity or host the principal is: with the resource and the role, it names each role assignment, as in main.bicep.')\n" +
      'param granteeResourceId string\n',
    ...view.resources.filter(inGroup).map((resource) => referenceText(view.plan, resource)),
    grantsText(grants, 'granteeResourceId'),
  ].join('\n');
}

/** One module for each other resource group the grants reach, in the order of their first grant. */
export function grantModules(view: IacView): GrantModule[] {
  const groups = otherGroups(view);
  const stems = stemsOf(groups);
  return groups.map((group, index) => {
    const stem = stems[index] ?? 'group';
    const symbol = symbolFromWords(['grants', ...stem.split('-')]);
    return {
      resourceGroup: group,
      stem,
      symbol,
      path: `modules/grants-${stem}.bicep`,
      text: moduleText(view, group, symbol),
    };
  });
}

/** The module statements in main.bicep; `principalResourceId`: the id expression its own grants are named with. */
export function moduleStatements(modules: readonly GrantModule[], principalResourceId: string): string {
  return modules
    .map((module) => {
      const body = {
        name: expr(
          `take(${bicepValue(interpolate(expr('deployment().name'), `-grants-${module.stem}`))}, ${DEPLOYMENT_NAME_LIMIT})`,
        ),
        scope: expr(`resourceGroup(${bicepString(module.resourceGroup)})`),
        params: {
          granteePrincipalId: expr('granteePrincipalId'),
          granteeResourceId: expr(principalResourceId),
        },
      };
      return (
        bicepComment(
          `The grants on resources in the resource group ${module.resourceGroup}, in a module deployed there (this subscription).`,
        ) + `module ${module.symbol} '${module.path}' = ${bicepValue(body)}\n`
      );
    })
    .join('\n');
}
