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
  printLine,
  retry,
  v,
  when,
  words,
  type Conditional,
  type ScriptLine,
  type ScriptStep,
  type Word,
} from '../script-model';
import { guard } from '../setup/steps';

/**
 * The teardown's flag that a DROP ROLE failed (set to 0 at its top): the teardown goes on, keeps the identity
 * the role signs in as, and ends with status 1 (teardown/kept-role.ts).
 */
export const DATABASE_ROLE_KEPT = 'DATABASE_ROLE_KEPT';

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

/** The environment setting that names the PostgreSQL user psql signs in as; empty: the az user's name. */
export const POSTGRES_ADMIN_OPTION = 'PG_ADMIN';

/**
 * The name a Microsoft Entra admin signs in to PostgreSQL with is the admin's name on the server: a user's
 * UPN, but for a group admin the group's name (a member signs in as the group), and for a service principal
 * its display name (Microsoft Learn, Azure Database for PostgreSQL, "Connect with Microsoft Entra ID",
 * security-entra-configure.md). az knows only the signed-in user's own name, so
 * PG_ADMIN lets the user name the admin, and the az name is read only when PG_ADMIN is empty. The list command
 * is `ad-admin list` in the installed 2.45 (az postgres flexible-server ad-admin list --help) and
 * `microsoft-entra-admin list` in newer CLIs (MicrosoftDocs/azure-docs-cli upcoming-breaking-changes.md renames
 * the Entra flags of rdbms; the newer group name is not confirmed in the CLI source here).
 */
export function postgresAdminOptionLines(): string[] {
  return [
    `${POSTGRES_ADMIN_OPTION}=<name> signs psql in as that Microsoft Entra admin of the PostgreSQL server (empty: your az`,
    "user name): for an admin group you belong to, the group's name; for a service principal, its display name. The",
    'admins: az postgres flexible-server microsoft-entra-admin list -g <group> -s <server> (ad-admin in older CLIs, 2.45).',
  ];
}

/**
 * The teardown's sign-in, once before its first PostgreSQL step and outside the check that its server is
 * still there, so a later server's steps are signed in too.
 */
export function postgresTeardownSignInLines(): ScriptLine[] {
  return signInLines();
}

/** Signs psql in as a Microsoft Entra admin of the server (PG_ADMIN, else the az user): the token is the password. */
function signInLines(): ScriptLine[] {
  return [
    note(
      'Needs psql, and you signed in to az as a Microsoft Entra admin of the server (or a member of an admin\n' +
        `group): your token is the password. psql signs in as ${POSTGRES_ADMIN_OPTION}, else as your az user name.`,
    ),
    when(POSTGRES_ADMIN_OPTION, '=', '', [
      capture(POSTGRES_ADMIN_OPTION, 'az account show --query user.name -o tsv'),
    ]),
    command(['export', join('PGUSER=', v(POSTGRES_ADMIN_OPTION))]),
    capture('PGPASSWORD', 'az account get-access-token --resource-type oss-rdbms --query accessToken -o tsv'),
    cmd('export PGPASSWORD'),
  ];
}

function connectionString(host: string, dbname: string): Word {
  // The user comes from PGUSER (signInLines): a group's name may hold spaces, which a connection string would
  // need quoted (libpq, "Connection Strings"), and the environment takes as it is.
  return lit(`host=${host} port=5432 dbname=${dbname} sslmode=require`);
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
  const forWhom = resolved.components.join(', ');
  return {
    comment:
      (mapsRole
        ? `Map the identity to the PostgreSQL role ${role} on ${resource.name} and grant it what ${forWhom} needs.`
        : `Grant the PostgreSQL role ${role} on ${resource.name} what ${forWhom} needs.`) +
      (component.type.startsWith('bindings.') ? TABLES_ARE_THE_APPS : ''),
    lines: [
      ...(signIn ? signInLines() : []),
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
        `The GRANT in the database ${database} did not take: ${role} still lacks ${privileges.join('; ')}. A GRANT on an object you do not own only warns and grants nothing, and since PostgreSQL 15 the schema public belongs to the database owner (pg_database_owner). Fix: run this script signed in to az as the database owner, or make your admin role its owner (ALTER DATABASE ${database} OWNER TO ...), then run it again.`,
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
              `SELECT EXISTS (SELECT FROM pg_tables WHERE tablename = ${sqlLiteral(table)}) AND to_regclass(${sqlLiteral(table)}) IS NOT NULL;`,
            ),
          ),
          { captureTo: found, effect: 'read-only' },
        ),
        guard(
          found,
          '!=',
          't',
          `No table ${table} is on the search path of the database ${database} on ${resource.name} (a view of that name, or a table in a schema off the search path, does not count: Dapr looks its table up in pg_tables and reads it by that name), and ${resolved.components.join(', ')} needs it (Dapr stops on a missing table, it never creates it). Fix: create it there, as the role that should own it${layout}, then run this script again.`,
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

/**
 * Takes back one PostgreSQL grant, only while the role of the identity's name still signs in as this
 * identity (pgaadauth_list_principals maps it to this object id): REVOKE of what the setup granted in the
 * app database, and, with the server's last grant in teardown order (its first in the setup, which made the
 * role), DROP ROLE in the postgres database. Tables Dapr created as the role (its state table) belong to it
 * and hold the app's data: DROP ROLE then fails, and the script says so with the choice, never dropping
 * them, and goes on (kept-role.ts).
 * The teardown signs in once, before its first PostgreSQL step (postgresTeardownSignInLines).
 */
export function postgresTeardownStep(
  plan: DeploymentPlan,
  resolved: ResolvedGrant,
  grant: PostgresGrant,
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
  const revoke = (privilege: string): string => `REVOKE ${privilege} FROM ${pgIdentifier(role)};`;
  // Read from the catalog's templates, then filled: a user value never reaches the parser.
  const parsed = grant.privileges.map((template) => ({
    ...parsePrivilege(template),
    statement: revoke(fillFields(template, component.metadata)),
  }));
  const schemaRevokes = parsed
    .filter(({ objectType }) => objectType === 'SCHEMA')
    .map(({ statement }) => statement);
  // A table dropped since the setup holds no grant to take back, and REVOKE on it would end psql with
  // "relation ... does not exist": each table is looked up first (to_regclass, as the setup's check).
  const tableRevokes = parsed
    .filter(({ objectType }) => objectType === 'TABLE')
    .map(({ object, statement }) => ({ table: fillFields(object, component.metadata), statement }));
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
      message: `The PostgreSQL role ${role} on ${resource.name} could not be dropped: most likely it still owns tables Dapr created (its state table) or holds rights given outside this script. Those tables hold the app's data, so the teardown does not drop them; it goes on with the rest and keeps the identity the role signs in as. Fix: as an admin, in each database REASSIGN OWNED BY ${pgIdentifier(role)} TO <another role> (keeps the data) or DROP OWNED BY ${pgIdentifier(role)} (deletes it), then run this script again.`,
      // Not the end of the teardown: the components and the host's identity still go (teardown/kept-role.ts).
      flagOnFailure: DATABASE_ROLE_KEPT,
    },
  );
  // A database dropped since the setup took its grants with it, and psql could not connect to it ("database
  // ... does not exist"), which would stop the teardown under set -e: it is looked up first, through the
  // postgres database (pg_database lists every database of the server: PostgreSQL docs catalog-pg-database).
  const databaseFound = `${resource.variable}_DATABASE_FOUND`;
  const inDatabase = (lines: Conditional['lines']): Conditional['lines'] => [
    command(
      words(
        'psql',
        connectionString(host, 'postgres'),
        '-X -tA -v ON_ERROR_STOP=1 -c',
        lit(`SELECT count(*) FROM pg_database WHERE datname = ${sqlLiteral(database)};`),
      ),
      { captureTo: databaseFound, effect: 'read-only' },
    ),
    when(databaseFound, '=', '0', [
      printLine(
        `The database ${database} on ${resource.name} is not there (dropped since the setup?): its grants to ${role} went with it, none is taken back there.`,
      ),
    ]),
    when(databaseFound, '!=', '0', lines),
  ];
  return {
    comment: dropsRole
      ? `Take back the PostgreSQL grants of ${role} on ${resource.name} (${resolved.components.join(', ')}) and drop the role, if it still signs in as this identity.`
      : `Take back the PostgreSQL grants of ${role} on ${resource.name} for ${resolved.components.join(', ')}, if the role still signs in as this identity.`,
    lines: [
      command(
        words('psql', connectionString(host, 'postgres'), '-X -tA -v ON_ERROR_STOP=1 -c', mappedQuery),
        // A SELECT: a dry run runs it, so it shows the REVOKE and DROP ROLE it would run.
        { captureTo: mapped, effect: 'read-only' },
      ),
      when(mapped, '=', '1', [
        ...inDatabase([
          ...(schemaRevokes.length > 0
            ? [
                cmd(
                  'psql',
                  connectionString(host, database),
                  '-v ON_ERROR_STOP=1 -c',
                  lit(schemaRevokes.join(' ')),
                ),
              ]
            : []),
          ...tableRevokes.flatMap(({ table, statement }, index): Conditional['lines'] => {
            const found = `${resource.variable}_TABLE_${index + 1}_FOUND`;
            return [
              command(
                words(
                  'psql',
                  connectionString(host, database),
                  '-X -tA -v ON_ERROR_STOP=1 -c',
                  lit(`SELECT to_regclass(${sqlLiteral(table)}) IS NOT NULL;`),
                ),
                { captureTo: found, effect: 'read-only' },
              ),
              when(found, '=', 't', [
                cmd('psql', connectionString(host, database), '-v ON_ERROR_STOP=1 -c', lit(statement)),
              ]),
            ];
          }),
        ]),
        ...(dropsRole ? [dropRole] : []),
      ]),
    ],
  };
}
