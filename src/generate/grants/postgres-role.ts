/**
 * Grant kind: a PostgreSQL role, the setup's step. The identity becomes a role via
 * pgaadauth_create_principal_with_oid, run in the postgres database by a Microsoft Entra admin of the server
 * with an Entra token as password (MicrosoftDocs azure-databases-docs
 * postgresql/security/security-manage-entra-users.md), then the grants run in the app database. The SQL text
 * is built in postgres-sql.ts, the sign-in in postgres-sign-in.ts, and the teardown's step in
 * postgres-role-teardown.ts.
 */
import type { DeploymentPlan } from '../plan/deployment-plan';
import { fillFields, type ResolvedGrant } from '../resources';
import {
  cmd,
  command,
  join,
  lit,
  note,
  v,
  words,
  type ScriptLine,
  type ScriptStep,
  type Word,
} from '../script-model';
import { guard } from '../setup/steps';
import { connectionString, postgresSignInLines } from './postgres-sign-in';
import {
  LISTED_PRINCIPALS,
  parsePrivilege,
  pgIdentifier,
  privilegeCheck,
  sqlLiteral,
  type PostgresGrant,
} from './postgres-sql';
import { withEntry } from '../troubleshoot-advice';

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
      withEntry(
        `The PostgreSQL role ${role} on ${resource.name} signs in as another Microsoft Entra object than this identity (an identity deleted and re-created under the same name gets a new object id). Fix: if no other identity uses the role, signed in as the server's Entra admin map it to this one with SECURITY LABEL for "pgaadauth" on role ${pgIdentifier(role)} is 'aadauth,oid=<principal id>,type=service' (security-manage-entra-users.md), or drop it; then run this script again.`,
        'postgres-role-other-object',
      ),
      { checksChange: true },
    ),
  ];
  const forWhom = resolved.components.join(', ');
  return {
    comment:
      (mapsRole
        ? `Map the identity to the PostgreSQL role ${role} on ${resource.name} and grant it what ${forWhom} needs.`
        : `Grant the PostgreSQL role ${role} on ${resource.name} what ${forWhom} needs.`) +
      (component.type.startsWith('bindings.') ? TABLES_ARE_THE_APPS : ''),
    lines: [
      ...(signIn ? postgresSignInLines() : []),
      // Before the role is made, so a missing table stops the step before it changes anything.
      ...tableChecks(resolved, grant),
      ...(mapsRole ? roleLines : []),
      ...subscribeNotes(resolved),
      cmd('psql', connect(database), '-v ON_ERROR_STOP=1 -c', lit(grants.join(' '))),
      // On PostgreSQL 15+ the schema public belongs to pg_database_owner: a GRANT by an admin who does not own
      // the database only warns "no privileges were granted" and psql still exits 0 (output-review.md).
      query(granted, database, privilegeCheck(roleLiteral, grant.privileges, component.metadata)),
      guard(
        granted,
        '!=',
        't',
        withEntry(
          `The GRANT in the database ${database} did not take: ${role} still lacks ${privileges.join('; ')}. A GRANT on an object you do not own only warns and grants nothing, and since PostgreSQL 15 the schema public belongs to the database owner (pg_database_owner). Fix: have the owner of the database (of a table, for a table's grant; often the server's password administrator, who created them) run in it: ${grants.join(' ')} then run this script again: it finds the privileges and goes on.`,
          'postgres-grant-not-taken',
        ),
        { checksChange: true },
      ),
    ],
  };
}

/** Said of a grant that reaches no table: the binding runs the app's own SQL on tables only the user knows. */
const TABLES_ARE_THE_APPS =
  " That is schema access only: the binding runs your app's own SQL, so grant the role what each of its tables needs yourself (GRANT SELECT, INSERT, ... ON TABLE <table> TO ...).";

/**
 * Stops before a GRANT on a table that is not there, which psql would end with a raw "relation ... does not
 * exist", and on a name Dapr would not take. Two reads in one: Dapr's configuration store looks its table up in
 * pg_tables (`SELECT EXISTS (SELECT FROM pg_tables where tablename = $1)`, components-contrib
 * configuration/postgres/postgres.go), which lists tables only, so a view of that name fails there ("postgreSQL
 * configuration table '...' does not exist"); and to_regclass resolves the name by the search path as the GRANT
 * does, giving NULL instead of an error for a missing one (PostgreSQL docs, functions-info.html, "Object
 * Information and Addressing Functions"). A plain read, so a dry run runs it too. Dapr reads the rows as key,
 * value, version, metadata (the same file's row.Scan).
 */
function tableChecks(resolved: ResolvedGrant, grant: PostgresGrant): ScriptLine[] {
  const { resource, component } = resolved;
  const database = component.metadata.database ?? '';
  const found = `${resource.variable}_TABLE_FOUND`;
  return grant.privileges
    .map(parsePrivilege)
    .filter(({ objectType }) => objectType === 'TABLE')
    .flatMap(({ object }): ScriptLine[] => {
      const table = fillFields(object, component.metadata);
      const layout =
        component.type === 'configuration.postgresql'
          ? ` (Dapr's configuration store reads the columns key, value, version and metadata: for example CREATE TABLE ${table} (key VARCHAR NOT NULL, value VARCHAR NOT NULL, version VARCHAR NOT NULL, metadata JSON);)`
          : '';
      return [
        command(
          words(
            'psql',
            connectionString(component.metadata.host ?? '', database),
            '-X -tA -v ON_ERROR_STOP=1 -c',
            lit(
              `SELECT EXISTS (SELECT FROM pg_tables WHERE tablename = ${sqlLiteral(table)}) AND COALESCE((SELECT relkind IN ('r', 'p') FROM pg_class WHERE oid = to_regclass(${sqlLiteral(table)})), false);`,
            ),
          ),
          { captureTo: found, effect: 'read-only' },
        ),
        guard(
          found,
          '!=',
          't',
          withEntry(
            `No table ${table} is on the search path of the database ${database} on ${resource.name} (a view of that name, or a table in a schema off the search path, does not count: Dapr looks its table up in pg_tables and reads it by that name), and ${resolved.components.join(', ')} needs it (Dapr stops on a missing table, it never creates it). Fix: create it there, as the role that should own it${layout}, then run this script again.`,
            'postgres-table-missing',
          ),
        ),
      ];
    });
}

/**
 * Subscribing to the configuration store needs a channel: Dapr fails with "notifyChannel must be set in
 * component metadata or request metadata" (components-contrib configuration/postgres/postgres.go), and only a
 * trigger on the table that calls pg_notify on that channel tells it of changes (its metadata.yaml: "Must match
 * the channel used in the database trigger function"). The script cannot make the trigger: say so.
 */
function subscribeNotes(resolved: ResolvedGrant): ScriptLine[] {
  const { component } = resolved;
  if (component.type !== 'configuration.postgresql') return [];
  const channel = component.metadata.notifyChannel ?? '';
  return [
    note(
      channel === ''
        ? 'Subscribing to changes needs a notify channel: set notifyChannel in the wizard (Dapr 1.18+) or send\n' +
            'pgNotifyChannel with each subscribe request, and give the table a trigger that calls pg_notify on it.'
        : `Subscribing to changes needs a trigger on the table that calls pg_notify on the channel ${channel}: yours to create.`,
    ),
  ];
}
