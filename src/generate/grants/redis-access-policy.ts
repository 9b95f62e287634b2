/**
 * Grant kind: an Azure Cache for Redis data access policy (az redis access-policy-assignment create: all six
 * flags required, Azure/azure-cli redis/_params.py and custom.py; in the CLI since the 2023-08-01 Redis API,
 * after 2.45). The alias is the user name Redis shows for the identity. The CLI PUTs the assignment by its name
 * (custom.py cli_redis_access_policy_assignment_create calls begin_create_update), a long-running update of
 * the cache each time, so the step lists the cache's assignments first and creates one only when none gives
 * this principal the policy (list prints objectId and accessPolicyName, as the CLI's own test reads them:
 * redis/tests/latest/test_redis_scenario.py).
 */
import type { Grant } from '../../catalog/component-spec';
import type { DeploymentPlan } from '../plan/deployment-plan';
import type { ResolvedGrant } from '../resources';
import { capture, cmd, join, lit, note, orStop, v, when, type ScriptStep } from '../script-model';
import { resourceGroupArgs } from '../setup/steps';
import { jmesReadValue, jmesString } from '../jmespath';

type RedisGrant = Extract<Grant, { kind: 'redis-access-policy' }>;

/**
 * The assignment's name: the identity's name with anything but letters, digits and '-' made '-', the same for
 * the script and the Bicep and Terraform outputs, so that each replaces the other's assignment, not adds one.
 */
export function redisPolicyAssignmentName(plan: DeploymentPlan): string {
  return plan.identity.displayName.replace(/[^A-Za-z0-9-]/g, '-');
}

export function redisSetupStep(plan: DeploymentPlan, resolved: ResolvedGrant, grant: RedisGrant): ScriptStep {
  const { resource } = resolved;
  const alias = plan.identity.displayName;
  const found = `${resource.variable}_POLICY_ASSIGNED`;
  return {
    comment: `Give the identity the ${grant.policy} data access policy on the Redis cache ${resource.name}, for ${resolved.components.join(', ')}, unless it has it there.`,
    lines: [
      note(
        'Needs an Azure CLI that has az redis access-policy-assignment (added with the 2023-08-01 Redis API, after\n2.45); Microsoft Entra authentication on the cache was checked above.',
      ),
      // The first az redis access-policy-assignment command of the step: an older CLI fails it with "... is
      // misspelled or not recognized by the system" (knack's parser, as az 2.45 prints it), before any change.
      orStop(
        capture(
          found,
          'az redis access-policy-assignment list --name',
          v(`${resource.variable}_NAME`),
          ...resourceGroupArgs(resource),
          '--query',
          join(
            '[?objectId==',
            ...jmesReadValue('PRINCIPAL_ID'),
            ` && accessPolicyName==${jmesString(grant.policy)}] | length(@)`,
          ),
          '-o tsv',
        ),
        `Listing the data access policy assignments of the Redis cache ${resource.name} failed. If the error above says 'access-policy-assignment' is misspelled or not recognized, this Azure CLI is too old for it. Needs a newer Azure CLI (az upgrade); then run this script again.`,
      ),
      when(found, '=', '0', [
        cmd(
          'az redis access-policy-assignment create --name',
          v(`${resource.variable}_NAME`),
          ...resourceGroupArgs(resource),
          '--policy-assignment-name',
          redisPolicyAssignmentName(plan),
          '--access-policy-name',
          lit(grant.policy),
          '--object-id',
          v('PRINCIPAL_ID'),
          '--object-id-alias',
          alias,
          '-o none',
        ),
      ]),
    ],
  };
}

/**
 * Removes the assignment of the setup's name only while it still gives this principal the setup's policy
 * (`az redis access-policy-assignment list` prints name, objectId and accessPolicyName, as the CLI's own
 * test reads them: redis/tests/latest/test_redis_scenario.py); one changed since is kept.
 */
export function redisTeardownStep(
  plan: DeploymentPlan,
  resolved: ResolvedGrant,
  grant: RedisGrant,
): ScriptStep {
  const { resource } = resolved;
  const name = redisPolicyAssignmentName(plan);
  const found = `${resource.variable}_POLICY_ASSIGNMENT`;
  return {
    comment: `Remove the ${grant.policy} data access policy assignment ${name} on the Redis cache ${resource.name}, if it still gives this identity that policy.`,
    lines: [
      note('Needs an Azure CLI that has az redis access-policy-assignment (after 2.45), as the setup did.'),
      capture(
        found,
        'az redis access-policy-assignment list --name',
        v(`${resource.variable}_NAME`),
        ...resourceGroupArgs(resource),
        '--query',
        join(
          `[?name==${jmesString(name)} && objectId==`,
          ...jmesReadValue('PRINCIPAL_ID'),
          ` && accessPolicyName==${jmesString(grant.policy)}] | length(@)`,
        ),
        '-o tsv',
      ),
      when(found, '=', '1', [
        cmd(
          'az redis access-policy-assignment delete --name',
          v(`${resource.variable}_NAME`),
          ...resourceGroupArgs(resource),
          '--policy-assignment-name',
          name,
          '-o none',
        ),
      ]),
    ],
  };
}
