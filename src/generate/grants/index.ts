/**
 * The grant kinds: one module each knows how its grant is made and read back. Adding a grant kind is a new
 * module and a case here; the exhaustiveness checks point at every place that must handle it.
 */
import type { DeploymentPlan } from '../plan/deployment-plan';
import type { ResolvedGrant } from '../resources';
import type { Script, ScriptLine, ScriptStep } from '../script-model';
import { assertNever } from '../setup/steps';
import { cosmosSetupStep, cosmosTeardownStep, cosmosVerifyLine } from './cosmos-sql-role';
import {
  keyVaultPolicySetupStep,
  keyVaultPolicyTeardownStep,
  keyVaultPolicyVerifyLine,
} from './keyvault-policy';
import { postgresSetupStep } from './postgres-role';
import { postgresTeardownStep } from './postgres-role-teardown';
import {
  POSTGRES_ADMIN_OPTION,
  postgresAdminOptionLines,
  postgresTeardownSignInLines,
} from './postgres-sign-in';
import { rbacSetupStep, rbacTeardownStep, rbacVerifyLine } from './rbac';
import { redisSetupStep, redisTeardownStep } from './redis-access-policy';
import { sqlSetupStep, sqlTeardownStep } from './sql-contained-user';

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

/**
 * The teardown step that takes one grant back, or none where another step of its kind covers it (one Key Vault
 * policy entry per vault). It runs only while its resource is there; what its kind needs first (the
 * PostgreSQL sign-in, a system identity's client id for Azure SQL) is grantTeardownFirstLines.
 */
export function grantTeardownStep(plan: DeploymentPlan, resolved: ResolvedGrant): ScriptStep | undefined {
  const { grant } = resolved;
  switch (grant.kind) {
    case 'rbac':
      return rbacTeardownStep(resolved, grant);
    case 'keyvault-policy':
      return keyVaultPolicyTeardownStep(plan, resolved);
    case 'cosmos-sql-role':
      return cosmosTeardownStep(resolved, grant);
    case 'redis-access-policy':
      return redisTeardownStep(plan, resolved, grant);
    case 'postgres-role':
      return postgresTeardownStep(plan, resolved, grant);
    case 'sql-contained-user':
      return sqlTeardownStep(plan, resolved);
    default:
      return assertNever(grant);
  }
}

/**
 * Lines the teardown runs once before the first grant of a kind, whichever resource is still there: the
 * PostgreSQL sign-in. (The plan is for kinds whose first lines depend on it; none does now.)
 */
export function grantTeardownFirstLines(
  _plan: DeploymentPlan,
  kind: ResolvedGrant['grant']['kind'],
): ScriptLine[] {
  switch (kind) {
    case 'postgres-role':
      return postgresTeardownSignInLines();
    // The SQL step reads the client id itself, inside the check that its server is still there.
    case 'sql-contained-user':
    case 'rbac':
    case 'keyvault-policy':
    case 'cosmos-sql-role':
    case 'redis-access-policy':
      return [];
    default:
      return assertNever(kind);
  }
}

/** Settings the grant steps read from the environment: PG_ADMIN, when a PostgreSQL grant signs in. */
export function grantScriptOptions(plan: DeploymentPlan): NonNullable<Script['options']> {
  return hasPostgresGrant(plan) ? [{ name: POSTGRES_ADMIN_OPTION, defaultValue: '' }] : [];
}

/** The header's lines documenting grantScriptOptions. */
export function grantOptionLines(plan: DeploymentPlan): string[] {
  return hasPostgresGrant(plan) ? postgresAdminOptionLines() : [];
}

function hasPostgresGrant(plan: DeploymentPlan): boolean {
  return plan.grants.some((resolved) => resolved.grant.kind === 'postgres-role');
}
