/**
 * The grant kinds: one module each knows how its grant is made and read back. Adding a grant kind is a new
 * module and a case here; the exhaustiveness checks point at every place that must handle it.
 */
import type { DeploymentPlan } from '../plan/deployment-plan';
import type { ResolvedGrant } from '../resources';
import type { ScriptLine, ScriptStep } from '../script-model';
import { assertNever } from '../setup/steps';
import { cosmosSetupStep, cosmosVerifyLine } from './cosmos-sql-role';
import { keyVaultPolicySetupStep, keyVaultPolicyVerifyLine } from './keyvault-policy';
import { postgresSetupStep } from './postgres-role';
import { rbacSetupStep, rbacVerifyLine } from './rbac';
import { redisSetupStep } from './redis-access-policy';
import { sqlSetupStep } from './sql-contained-user';

/** The setup step that makes one grant; `firstOfKind` is true for the first grant of its kind in the plan. */
export function grantSetupStep(
  plan: DeploymentPlan,
  resolved: ResolvedGrant,
  firstOfKind: boolean,
): ScriptStep {
  const { grant } = resolved;
  switch (grant.kind) {
    case 'rbac':
      return rbacSetupStep(resolved, grant);
    case 'keyvault-policy':
      return keyVaultPolicySetupStep(resolved, grant);
    case 'cosmos-sql-role':
      return cosmosSetupStep(resolved, grant);
    case 'redis-access-policy':
      return redisSetupStep(plan, resolved, grant);
    case 'postgres-role':
      return postgresSetupStep(plan, resolved, grant, firstOfKind);
    case 'sql-contained-user':
      return sqlSetupStep(plan, resolved, grant);
    default:
      return assertNever(grant);
  }
}

/** The read-back that shows a grant is in place, for the kinds the Azure CLI can list. */
export function grantVerifyLine(resolved: ResolvedGrant): ScriptLine | undefined {
  const { grant } = resolved;
  switch (grant.kind) {
    case 'rbac':
      return rbacVerifyLine(resolved);
    case 'keyvault-policy':
      return keyVaultPolicyVerifyLine(resolved, grant);
    case 'cosmos-sql-role':
      return cosmosVerifyLine(resolved);
    case 'redis-access-policy':
    case 'postgres-role':
    case 'sql-contained-user':
      return undefined;
    default:
      return assertNever(grant);
  }
}
