/**
 * Grant kind: a PostgreSQL role. The identity becomes a role via pgaadauth_create_principal_with_oid, run in
 * the postgres database by a Microsoft Entra admin of the server with an Entra token as password
 * (MicrosoftDocs azure-databases-docs postgresql/security/security-manage-entra-users.md), then the grants
 * run in the app database.
 */
import type { Grant } from '../../catalog/component-spec';
import type { DeploymentPlan } from '../plan/deployment-plan';
import { fillFields, type ResolvedGrant } from '../resources';
import {
  capture,
  cmd,
  join,
  lit,
  note,
  v,
  type ScriptLine,
  type ScriptStep,
  type Word,
} from '../script-model';

type PostgresGrant = Extract<Grant, { kind: 'postgres-role' }>;

/** Quotes a PostgreSQL identifier: "name" with inner quotes doubled (PostgreSQL docs, identifiers). */
function pgIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** `signIn`: the first PostgreSQL grant of the script also signs in (the admin's name and token). */
export function postgresSetupStep(
  plan: DeploymentPlan,
  resolved: ResolvedGrant,
  grant: PostgresGrant,
  signIn: boolean,
): ScriptStep {
  const { resource, component } = resolved;
  const role = plan.identity.displayName;
  const host = component.metadata.host ?? '';
  const database = component.metadata.database ?? '';
  const connect = (dbname: string): Word =>
    join(`host=${host} port=5432 dbname=${dbname} user=`, v('PG_ADMIN'), ' sslmode=require');
  const roleLiteral = `'${role.replace(/'/g, "''")}'`;
  // The function runs only when no role of that name exists yet, so the script can run again.
  const createRole = join(
    `SELECT pgaadauth_create_principal_with_oid(${roleLiteral}, '`,
    v('PRINCIPAL_ID'),
    `', 'service', false, false) WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = ${roleLiteral});`,
  );
  const grants = grant.privileges.map(
    (privilege) => `GRANT ${fillFields(privilege, component.metadata)} TO ${pgIdentifier(role)};`,
  );
  const signInLines: ScriptLine[] = [
    note(
      'Needs psql, and you signed in to az as a Microsoft Entra admin of the server: your token is the password.',
    ),
    capture('PG_ADMIN', 'az account show --query user.name -o tsv'),
    capture('PGPASSWORD', 'az account get-access-token --resource-type oss-rdbms --query accessToken -o tsv'),
    cmd('export PGPASSWORD'),
  ];
  return {
    comment: `Map the identity to the PostgreSQL role ${role} on ${resource.name} and grant it what ${resolved.components.join(', ')} needs.`,
    lines: [
      ...(signIn ? signInLines : []),
      cmd('psql', connect('postgres'), '-v ON_ERROR_STOP=1 -c', createRole),
      cmd('psql', connect(database), '-v ON_ERROR_STOP=1 -c', lit(grants.join(' '))),
    ],
  };
}
