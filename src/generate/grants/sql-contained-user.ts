/**
 * Grant kind: an Azure SQL contained user for the identity, created by a Microsoft Entra admin of the server
 * with go-sqlcmd signed in through az (microsoft/go-sqlcmd README: --authentication-method ActiveDirectoryAzCli).
 */
import type { Grant } from '../../catalog/component-spec';
import type { DeploymentPlan } from '../plan/deployment-plan';
import type { ResolvedGrant } from '../resources';
import { cmd, lit, note, type ScriptStep } from '../script-model';

type SqlGrant = Extract<Grant, { kind: 'sql-contained-user' }>;

/** Quotes a T-SQL name: [name] with inner ] doubled. */
function sqlName(name: string): string {
  return `[${name.replace(/]/g, ']]')}]`;
}

export function sqlSetupStep(plan: DeploymentPlan, resolved: ResolvedGrant, grant: SqlGrant): ScriptStep {
  const { resource, component } = resolved;
  const user = plan.identity.displayName;
  const name = sqlName(user);
  const userLiteral = `N'${user.replace(/'/g, "''")}'`;
  // The name must be the identity's display name: the server looks it up in Microsoft Entra ID, which works
  // when a user runs it (sql-docs authentication-aad-directory-readers-role: applications need Directory Readers).
  const statements = [
    `IF DATABASE_PRINCIPAL_ID(${userLiteral}) IS NULL CREATE USER ${name} FROM EXTERNAL PROVIDER;`,
    ...grant.roles.map((role) => `ALTER ROLE ${role} ADD MEMBER ${name};`),
    ...grant.permissions.map((permission) => `GRANT ${permission} TO ${name};`),
  ].join(' ');
  return {
    comment: `Add the identity to the database ${component.metadata.database ?? ''} on ${resource.name} as ${user} (${[...grant.roles, ...grant.permissions].join(', ')}).`,
    lines: [
      note(
        'Needs go-sqlcmd, and you signed in to az as a user who is a Microsoft Entra admin of the server.',
      ),
      cmd(
        'sqlcmd --server',
        lit(component.metadata.host ?? ''),
        '--database-name',
        lit(component.metadata.database ?? ''),
        // Without --exit-on-error go-sqlcmd exits 0 after a failed statement (go-sqlcmd cmd/sqlcmd/sqlcmd.go).
        '--authentication-method ActiveDirectoryAzCli --exit-on-error --query',
        lit(statements),
      ),
    ],
  };
}
