/**
 * A PostgreSQL role the teardown could not drop: it owns the tables Dapr created signed in as it
 * (components-contrib state/postgresql/v1/migrations.go, "Migration 0: create the state table", CREATE TABLE
 * IF NOT EXISTS, beside the migrations' metadata table), and PostgreSQL refuses to drop a role that owns
 * objects ("role ... cannot be dropped because some objects depend on it", PostgreSQL docs sql-droprole.html).
 * The teardown goes on with everything else, keeps what the role is matched by (its object id: the
 * identity's principal id), and ends with status 1, so the re-run after REASSIGN OWNED / DROP OWNED finds the
 * same identity and drops the role.
 */
import { DATABASE_ROLE_KEPT } from '../grants/postgres-role-teardown';
import type { DeploymentPlan } from '../plan/deployment-plan';
import { when, type Conditional, type ScriptStep } from '../script-model';
import { guard } from '../setup/steps';
import { withEntry } from '../troubleshoot-advice';

/** Whether the teardown drops a PostgreSQL role, and so may keep one. */
export function mayKeepDatabaseRole(plan: DeploymentPlan): boolean {
  return plan.grants.some(({ grant }) => grant.kind === 'postgres-role');
}

/** The flags the teardown initialises. */
export function keptRoleFlags(plan: DeploymentPlan): string[] {
  return mayKeepDatabaseRole(plan) ? [DATABASE_ROLE_KEPT] : [];
}

/**
 * Lines that would take away the identity (delete it, turn it off): run only while no role was kept. The
 * role signs in as the identity's object id (pgaadauth_create_principal_with_oid), which a new identity of
 * the same name would not have.
 */
export function unlessRoleKept(plan: DeploymentPlan, lines: Conditional['lines']): Conditional['lines'] {
  return mayKeepDatabaseRole(plan) ? [when(DATABASE_ROLE_KEPT, '=', '0', lines)] : lines;
}

/** The last step before Done: status 1 when a role was kept, saying what stayed and why. */
export function keptRoleSteps(plan: DeploymentPlan): ScriptStep[] {
  if (!mayKeepDatabaseRole(plan)) return [];
  return [
    {
      comment:
        'End with an error if a PostgreSQL role could not be dropped (said above): everything else is taken back.',
      lines: [
        guard(
          DATABASE_ROLE_KEPT,
          '=',
          '1',
          withEntry(
            'The teardown is not complete: a PostgreSQL role could not be dropped (see above), so the identity it signs in as was kept (not deleted, not turned off). Everything else was taken back. After REASSIGN OWNED and DROP OWNED (or DROP OWNED alone) in each database, run this script again.',
            'postgres-role-not-dropped',
          ),
        ),
      ],
    },
  ];
}
