/**
 * Grant kind: a PostgreSQL role, the teardown's step. Apart from the setup's because taking a role back has
 * its own cases: the role may now sign in as another identity, the database or a table may be gone since
 * the setup, and DROP ROLE may fail on tables the role owns, which hold the app's data. The SQL text is
 * built in postgres-sql.ts.
 */
import type { DeploymentPlan } from '../plan/deployment-plan';
import { fillFields, type ResolvedGrant } from '../resources';
import {
  cmd,
  command,
  join,
  lit,
  printLine,
  retry,
  v,
  when,
  words,
  type Conditional,
  type ScriptStep,
} from '../script-model';
import { connectionString } from './postgres-sign-in';
import {
  LISTED_PRINCIPALS,
  parsePrivilege,
  pgIdentifier,
  sqlLiteral,
  type PostgresGrant,
} from './postgres-sql';
import { withEntry } from '../troubleshoot-advice';

/**
 * The teardown's flag that a DROP ROLE failed (set to 0 at its top): the teardown goes on, keeps the identity
 * the role signs in as, and ends with status 1 (teardown/kept-role.ts).
 */
export const DATABASE_ROLE_KEPT = 'DATABASE_ROLE_KEPT';

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
      message: withEntry(
        `The PostgreSQL role ${role} on ${resource.name} could not be dropped: most likely it still owns tables Dapr created (its state table) or holds rights given outside this script. Those tables hold the app's data, so the teardown does not drop them; it goes on with the rest and keeps the identity the role signs in as. Fix, signed in as the server's Entra admin that ran the setup (it most likely made the role; the admin is no superuser, and on PostgreSQL 16 and later only a role with ADMIN OPTION on it, as its maker has, may grant it): (1) GRANT ${pgIdentifier(role)} TO CURRENT_USER; (2) in each database the error above names (objects it lists with no database are in postgres, where the script ran DROP ROLE), either keep the data: REASSIGN OWNED BY ${pgIdentifier(role)} TO CURRENT_USER; DROP OWNED BY ${pgIdentifier(role)}; or delete it: DROP OWNED BY ${pgIdentifier(role)}; (3) run this script again.`,
        'postgres-role-not-dropped',
      ),
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
