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
  command,
  join,
  lit,
  note,
  retry,
  v,
  when,
  words,
  type ScriptLine,
  type ScriptStep,
  type Word,
} from '../script-model';
import { guard } from '../setup/steps';

/**
 * pgaadauth_list_principals with its first three columns named by position. Microsoft's pages disagree on
 * their names: the older how-to-manage-azure-ad-users.md gives TABLE(rolname name, principalType text,
 * objectId text, ...), the newer security-manage-entra-users.md says rolename, and a user reports that the
 * server answers to rolname (MicrosoftDocs/azure-docs#121696). A column alias list renames columns in order
 * and leaves the rest (PostgreSQL docs, queries-table-expressions.html, "Table and Column Aliases"), so the
 * query holds whichever name the server uses.
 */
const LISTED_PRINCIPALS =
  'pg_catalog.pgaadauth_list_principals(false) AS p(role_name, principal_type, object_id)';

type PostgresGrant = Extract<Grant, { kind: 'postgres-role' }>;

/** Quotes a PostgreSQL identifier: "name" with inner quotes doubled (PostgreSQL docs, identifiers). */
function pgIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/**
 * A catalog privilege split into what it grants and on what: "USAGE, CREATE ON SCHEMA public". Parsed before
 * "{field}" is filled in, so a typed value is only ever the object's name.
 */
interface ParsedPrivilege {
  readonly privileges: readonly string[];
  readonly objectType: 'SCHEMA' | 'TABLE';
  readonly object: string;
}

function parsePrivilege(template: string): ParsedPrivilege {
  const match = /^([A-Z, ]+) ON (SCHEMA|TABLE) (\S+)$/.exec(template);
  if (!match?.[1] || !match[3]) throw new Error(`Unreadable PostgreSQL privilege: ${template}`);
  return {
    privileges: match[1].split(',').map((privilege) => privilege.trim()),
    objectType: match[2] === 'TABLE' ? 'TABLE' : 'SCHEMA',
    object: match[3],
  };
}

const sqlLiteral = (text: string): string => `'${text.replace(/'/g, "''")}'`;

/**
 * One boolean that is true only when the role holds every privilege: has_schema_privilege and
 * has_table_privilege are true when ANY of a comma-separated list is held, so each privilege is asked alone
 * (PostgreSQL docs, functions-info.html, Access Privilege Inquiry Functions).
 */
export function privilegeCheck(
  roleLiteral: string,
  templates: readonly string[],
  metadata: Readonly<Record<string, string>>,
): string {
  const checks = templates.map(parsePrivilege).flatMap(({ privileges, objectType, object }) => {
    const target = sqlLiteral(fillFields(object, metadata));
    const inquiry = objectType === 'SCHEMA' ? 'has_schema_privilege' : 'has_table_privilege';
    return privileges.map((privilege) => `${inquiry}(${roleLiteral}, ${target}, '${privilege}')`);
  });
  return `SELECT ${checks.join(' AND ')};`;
}

/** Signs psql in as the az user, a Microsoft Entra admin of the server: the token is the password. */
function signInLines(): ScriptLine[] {
  return [
    note(
      'Needs psql, and you signed in to az as a Microsoft Entra admin of the server: your token is the password.',
    ),
    capture('PG_ADMIN', 'az account show --query user.name -o tsv'),
    capture('PGPASSWORD', 'az account get-access-token --resource-type oss-rdbms --query accessToken -o tsv'),
    cmd('export PGPASSWORD'),
  ];
}

function connectionString(host: string, dbname: string): Word {
  return join(`host=${host} port=5432 dbname=${dbname} user=`, v('PG_ADMIN'), ' sslmode=require');
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
  const connect = (dbname: string): Word => connectionString(host, dbname);
  const roleLiteral = sqlLiteral(role);
  // The function runs only when no role of that name exists yet, so the script can run again.
  const createRole = join(
    `SELECT pgaadauth_create_principal_with_oid(${roleLiteral}, '`,
    v('PRINCIPAL_ID'),
    `', 'service', false, false) WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = ${roleLiteral});`,
  );
  // The object id the role signs in as. A role kept from a deleted identity of the same name has the old id,
  // and sign-in fails; an unmapped role of that name gives no row.
  const mappedObjectId = `SELECT p.object_id FROM ${LISTED_PRINCIPALS} WHERE p.role_name = ${roleLiteral};`;
  const privileges = grant.privileges.map((privilege) => fillFields(privilege, component.metadata));
  const grants = privileges.map((privilege) => `GRANT ${privilege} TO ${pgIdentifier(role)};`);
  // -X skips ~/.psqlrc and -tA prints the bare value, so the captured answer is only "t", "f" or the id.
  const query = (variable: string, dbname: string, sql: string, lower = false): ScriptLine =>
    command(words('psql', connect(dbname), '-X -tA -v ON_ERROR_STOP=1 -c', lit(sql)), {
      captureTo: variable,
      // SELECTs only; each reads what the statement before it made, which a dry run skipped.
      effect: 'read-only',
      readsChange: true,
      ...(lower ? { pipeTo: ['tr', '[:upper:]', '[:lower:]'] } : {}),
    });
  const mapped = `${resource.variable}_ROLE_OBJECT_ID`;
  const granted = `${resource.variable}_GRANTED`;
  // The role lives in the server: it is mapped and checked once, with the server's first grant.
  const mapsRole =
    plan.grants.find(
      (other) => other.grant.kind === 'postgres-role' && other.resource === resolved.resource,
    ) === resolved;
  const roleLines: ScriptLine[] = [
    cmd('psql', connect('postgres'), '-v ON_ERROR_STOP=1 -c', createRole),
    query(mapped, 'postgres', mappedObjectId, true),
    guard(
      mapped,
      '!=',
      v('PRINCIPAL_ID'),
      `The PostgreSQL role ${role} on ${resource.name} signs in as another Microsoft Entra object than this identity (an identity deleted and re-created under the same name gets a new object id). Fix: if no other identity uses the role, map it to this one as the admin with SECURITY LABEL for "pgaadauth" on role ${pgIdentifier(role)} is 'aadauth,oid=<principal id>,type=service' (security-manage-entra-users.md), or drop it; then run this script again.`,
      { checksChange: true },
    ),
  ];
  return {
    comment: mapsRole
      ? `Map the identity to the PostgreSQL role ${role} on ${resource.name} and grant it what ${resolved.components.join(', ')} needs.`
      : `Grant the PostgreSQL role ${role} on ${resource.name} what ${resolved.components.join(', ')} needs.`,
    lines: [
      ...(signIn ? signInLines() : []),
      ...(mapsRole ? roleLines : []),
      cmd('psql', connect(database), '-v ON_ERROR_STOP=1 -c', lit(grants.join(' '))),
      // On PostgreSQL 15+ the schema public belongs to pg_database_owner: a GRANT by an admin who does not own
      // the database only warns "no privileges were granted" and psql still exits 0 (output-review.md).
      query(granted, database, privilegeCheck(roleLiteral, grant.privileges, component.metadata)),
      guard(
        granted,
        '!=',
        't',
        `The GRANT in the database ${database} did not take: ${role} still lacks ${privileges.join('; ')}. A GRANT on an object you do not own only warns and grants nothing, and since PostgreSQL 15 the schema public belongs to the database owner (pg_database_owner). Fix: run this script signed in to az as the database owner, or make your admin role its owner (ALTER DATABASE ${database} OWNER TO ...), then run it again.`,
        { checksChange: true },
      ),
    ],
  };
}

/**
 * Takes back one PostgreSQL grant, only while the role of the identity's name still signs in as this
 * identity (pgaadauth_list_principals maps it to this object id): REVOKE of what the setup granted in the
 * app database, and, with the server's last grant in teardown order (its first in the setup, which made the
 * role), DROP ROLE in the postgres database. Tables Dapr created as the role (its state table) belong to it
 * and hold the app's data: DROP ROLE then fails, and the script stops with the choice, never dropping them.
 * `signIn`: the first PostgreSQL step of the teardown signs in.
 */
export function postgresTeardownStep(
  plan: DeploymentPlan,
  resolved: ResolvedGrant,
  grant: PostgresGrant,
  signIn: boolean,
): ScriptStep {
  const { resource, component } = resolved;
  const role = plan.identity.displayName;
  const host = component.metadata.host ?? '';
  const database = component.metadata.database ?? '';
  const mapped = `${resource.variable}_ROLE_MAPPED`;
  const dropsRole =
    plan.grants.find(
      (other) => other.grant.kind === 'postgres-role' && other.resource === resolved.resource,
    ) === resolved;
  const privileges = grant.privileges.map((privilege) => fillFields(privilege, component.metadata));
  const revokes = privileges.map((privilege) => `REVOKE ${privilege} FROM ${pgIdentifier(role)};`);
  const mappedQuery = join(
    `SELECT count(*) FROM ${LISTED_PRINCIPALS} WHERE p.role_name = ${sqlLiteral(role)} AND lower(p.object_id::text) = lower('`,
    v('PRINCIPAL_ID'),
    `');`,
  );
  const dropRole = retry(
    cmd(
      'psql',
      connectionString(host, 'postgres'),
      '-v ON_ERROR_STOP=1 -c',
      lit(`DROP ROLE ${pgIdentifier(role)};`),
    ),
    {
      attempts: 1,
      delaySeconds: 0,
      message: `The PostgreSQL role ${role} on ${resource.name} could not be dropped: most likely it still owns tables Dapr created (its state table) or holds rights given outside this script. Those tables hold the app's data, so the teardown does not drop them. Fix: as an admin, in each database REASSIGN OWNED BY ${pgIdentifier(role)} TO <another role> (keeps the data) or DROP OWNED BY ${pgIdentifier(role)} (deletes it), then run this script again.`,
    },
  );
  return {
    comment: dropsRole
      ? `Take back the PostgreSQL grants of ${role} on ${resource.name} (${resolved.components.join(', ')}) and drop the role, if it still signs in as this identity.`
      : `Take back the PostgreSQL grants of ${role} on ${resource.name} for ${resolved.components.join(', ')}, if the role still signs in as this identity.`,
    lines: [
      ...(signIn ? signInLines() : []),
      command(
        words('psql', connectionString(host, 'postgres'), '-X -tA -v ON_ERROR_STOP=1 -c', mappedQuery),
        // A SELECT: a dry run runs it, so it shows the REVOKE and DROP ROLE it would run.
        { captureTo: mapped, effect: 'read-only' },
      ),
      when(mapped, '=', '1', [
        cmd('psql', connectionString(host, database), '-v ON_ERROR_STOP=1 -c', lit(revokes.join(' '))),
        ...(dropsRole ? [dropRole] : []),
      ]),
    ],
  };
}
