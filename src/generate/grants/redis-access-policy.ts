/**
 * Grant kind: an Azure Cache for Redis data access policy (az redis access-policy-assignment create: all six
 * flags required, Azure/azure-cli redis/_params.py and custom.py; in the CLI since 2.57.0,
 * src/generate/setup/cli-minimum.ts). The alias is the user name Redis shows for the identity. The CLI PUTs the assignment by its name
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
import { sha256Hex } from '../sha256';
import { withEntry } from '../troubleshoot-advice';

type RedisGrant = Extract<Grant, { kind: 'redis-access-policy' }>;

/**
 * What the Redis API takes as an access policy assignment's name: 3 to 63 letters, digits and '-', starting
 * and ending with a letter or digit (Azure/azure-rest-api-specs specification/redis/resource-manager/
 * Microsoft.Cache/Redis/stable/2024-11-01/redis.json, the accessPolicyAssignmentName path parameter). An
 * identity's name may hold '_' and reach 128 characters, so it cannot always be used as it is.
 */
const ASSIGNMENT_NAME = /^([a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]|[a-zA-Z0-9])$/;
const ASSIGNMENT_NAME_LENGTH = { min: 3, max: 63 } as const;
const HASH_LENGTH = 8;

/**
 * The assignment's name for an identity's name: the name itself when the API takes it; otherwise its letters,
 * digits and '-' (others made '-', cut to fit, no '-' at either end) and the first 8 hex digits of the name's
 * SHA-256, so two names that differ only where they were changed (a_b and a-b) still get two assignments.
 * Pure and stable: the script, its teardown and the Bicep and Terraform outputs all derive the same name, so
 * each replaces the other's assignment instead of adding one.
 */
export function redisAssignmentName(identityName: string): string {
  const { min, max } = ASSIGNMENT_NAME_LENGTH;
  if (identityName.length >= min && identityName.length <= max && ASSIGNMENT_NAME.test(identityName)) {
    return identityName;
  }
  const hash = sha256Hex(identityName).slice(0, HASH_LENGTH);
  const head = identityName
    .replace(/[^A-Za-z0-9-]/g, '-')
    .replace(/^-+/, '')
    .slice(0, max - HASH_LENGTH - 1)
    .replace(/-+$/, '');
  return head === '' ? hash : `${head}-${hash}`;
}

/** The assignment's name for the plan's identity (see redisAssignmentName). */
export function redisPolicyAssignmentName(plan: DeploymentPlan): string {
  return redisAssignmentName(plan.identity.displayName);
}

/**
 * The name the wizard's releases before redisAssignmentName gave the assignment: the identity's name with
 * anything but letters, digits and '-' made '-'. A setup from then finds its assignment by principal and
 * policy and makes no new one, so the teardown takes the earlier name too, or it would leave that grant.
 */
function earlierAssignmentName(plan: DeploymentPlan): string {
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
        'Needs Azure CLI 2.57 or later, the first with az redis access-policy-assignment (the header says so);\nMicrosoft Entra authentication on the cache was checked above.',
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
        withEntry(
          `Listing the data access policy assignments of the Redis cache ${resource.name} failed. If the error above says 'access-policy-assignment' is misspelled or not recognized, this Azure CLI is too old for it: it needs 2.57 or later (az upgrade); then run this script again.`,
          'redis-access-policy-list-failed',
        ),
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
 * Removes the assignment of the setup's name (this release's, or an earlier release's where it differs) only
 * while it still gives this principal the setup's policy (`az redis access-policy-assignment list` prints
 * name, objectId and accessPolicyName, as the CLI's own test reads them: redis/tests/latest/
 * test_redis_scenario.py); one changed since is kept.
 */
export function redisTeardownStep(
  plan: DeploymentPlan,
  resolved: ResolvedGrant,
  grant: RedisGrant,
): ScriptStep {
  const { resource } = resolved;
  const names = [...new Set([redisPolicyAssignmentName(plan), earlierAssignmentName(plan)])];
  return {
    comment: `Remove the ${grant.policy} data access policy assignment ${names.join(' (or, made by an earlier release of the wizard, ')}${names.length > 1 ? ')' : ''} on the Redis cache ${resource.name}, if it still gives this identity that policy.`,
    lines: [
      note('Needs Azure CLI 2.57 or later (az redis access-policy-assignment), as the setup did.'),
      ...names.flatMap((name, index) => {
        const found = `${resource.variable}_${index === 0 ? '' : 'EARLIER_'}POLICY_ASSIGNMENT`;
        return [
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
        ];
      }),
    ],
  };
}
