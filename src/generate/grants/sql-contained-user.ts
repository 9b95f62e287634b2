/**
 * Grant kind: an Azure SQL contained user for the identity, created by a Microsoft Entra admin of the server
 * with go-sqlcmd signed in through az (microsoft/go-sqlcmd README: --authentication-method ActiveDirectoryAzCli).
 */
import type { Grant } from '../../catalog/component-spec';
import type { DeploymentPlan } from '../plan/deployment-plan';
import type { ResolvedGrant } from '../resources';
import { failureMessage, withEntry } from '../troubleshoot-advice';
import {
  cmd,
  command,
  join,
  lit,
  note,
  printLine,
  retry,
  stop,
  v,
  when,
  words,
  type Conditional,
  type ScriptLine,
  type ScriptStep,
} from '../script-model';

type SqlGrant = Extract<Grant, { kind: 'sql-contained-user' }>;

/** A T-SQL Unicode string literal: N'text' with inner quotes doubled. */
function nvarchar(text: string): string {
  return `N'${text.replace(/'/g, "''")}'`;
}

/** Quotes a T-SQL name: [name] with inner ] doubled. */
function sqlName(name: string): string {
  return `[${name.replace(/]/g, ']]')}]`;
}

/**
 * About two minutes in all, as for the Cosmos DB assignment: a just-created identity reaches Microsoft Entra ID's
 * replicas with a delay, and until then `az ad sp show` answers that it does not exist and CREATE USER ... FROM
 * EXTERNAL PROVIDER that the principal could not be found (the same lag the Cosmos DB step waits out:
 * pulumi/pulumi-azure-native#2816, Azure/ARO-HCP#5321). A bounded retry waits it out.
 */
const SQL_ATTEMPTS = 6;
const SQL_DELAY_SECONDS = 20;
const ENTRA_WAITING = `Trying again in ${SQL_DELAY_SECONDS} s: Microsoft Entra ID may not know the new identity yet.`;
/**
 * go-sqlcmd's "Msg <number>, Level" line (pkg/sqlcmd/format.go AddError) for a principal not found (yet). The
 * number is followed by a comma, or a full-width one in go-sqlcmd's Chinese messages, so anything but a digit.
 * Msg 33134 counts only with "Please try again later": the same number with "Server identity is not
 * configured" (a server without a directory-reading identity, Microsoft Learn "Microsoft Entra service
 * principal with Azure SQL", Troubleshooting) does not pass by waiting.
 */
const SQL_PRINCIPAL_UNKNOWN = 'Msg.(37545|33130|33136)[^0-9]|Msg.33134[^0-9].*try.again.later';
/**
 * Msg 37545 has one text for two causes: "'%ls' is not a valid object id for '%ls' or you do not have
 * permission." (MicrosoftDocs/sql-docs docs/relational-databases/errors-events/includes/
 * sql-server-2025-database-engine-events-and-errors-31000-41399.md, the table the Azure SQL view of
 * database-engine-events-and-errors-31000-to-41399.md includes; printed with both names empty in Microsoft
 * Learn's "Microsoft Entra logins and users with nonunique display names" for an object id not in the tenant).
 * The output cannot tell an object id not known yet, which waiting fixes, from a missing permission (CREATE
 * USER needs ALTER ANY USER on the database: sql-docs docs/t-sql/statements/create-user-transact-sql.md,
 * Permissions), which it does not: so it is tried again only a few times, then both causes are named.
 */
const SQL_OBJECT_ID_OR_PERMISSION = 'Msg.37545[^0-9]';
const SQL_OBJECT_ID_OR_PERMISSION_ATTEMPTS = 3;

export function sqlSetupStep(plan: DeploymentPlan, resolved: ResolvedGrant, grant: SqlGrant): ScriptStep {
  const { resource, component } = resolved;
  const user = plan.identity.displayName;
  const name = sqlName(user);
  const userLiteral = nvarchar(user);
  // A user kept from a deleted identity of the same name has the old identity's SID, and sign-in fails. FROM
  // EXTERNAL PROVIDER stores a service principal's application (client) id as the SID (Microsoft Learn,
  // fabric/database/sql/authentication.md, "Create database users for Microsoft Entra identities"; and for
  // Azure SQL, with WITH OBJECT_ID too: MicrosoftDocs/sql-docs azure-sql/database/
  // authentication-microsoft-entra-create-users-with-nonunique-names.md, whose example SID converts to the
  // Application ID), so a SID that is not this client id's bytes stops the batch before any grant, and
  // --exit-on-error stops the script.
  const otherIdentity = `The database user ${user} signs in as another Microsoft Entra identity than this one (an identity deleted and re-created under the same name gets a new client id). Fix: if no other identity uses it, DROP USER ${name} as the admin, then run this script again.`;
  const checkSid = [
    `IF EXISTS (SELECT 1 FROM sys.database_principals WHERE name = ${userLiteral} AND sid <> CAST(CAST('`,
    v('CLIENT_ID'),
    `' AS uniqueidentifier) AS varbinary(16))) THROW 50000, ${nvarchar(otherIdentity)}, 1;`,
  ];
  // WITH OBJECT_ID names the identity by its service principal's object id (PRINCIPAL_ID, read for every kind
  // of identity before the grants), not by its display name, which Microsoft Entra ID lets several principals
  // share: by name the server refuses a shared one with Msg 33131 (Microsoft Learn, "Microsoft Entra logins
  // and users with nonunique display names": `CREATE USER [user_name] FROM EXTERNAL PROVIDER WITH OBJECT_ID =
  // 'objectid'`, Azure SQL Database and Managed Instance, the Enterprise application's object id; MicrosoftDocs/
  // sql-docs azure-sql/database/authentication-microsoft-entra-create-users-with-nonunique-names.md). The user
  // keeps the display name, as the page allows, so the SID check above and the teardown find it by that name;
  // its SID is still the application (client) id (the same page's "Identify the user created").
  const createUser = [
    `IF DATABASE_PRINCIPAL_ID(${userLiteral}) IS NULL CREATE USER ${name} FROM EXTERNAL PROVIDER WITH OBJECT_ID = '`,
    v('PRINCIPAL_ID'),
    `';`,
  ];
  const memberships = [
    ...grant.roles.map((role) => `ALTER ROLE ${role} ADD MEMBER ${name};`),
    ...grant.permissions.map((permission) => `GRANT ${permission} TO ${name};`),
  ].join(' ');
  // A system-assigned identity's client id is not read by the host step: ask Microsoft Entra ID for it, once.
  const firstSqlGrant = plan.grants.find((other) => other.grant.kind === 'sql-contained-user') === resolved;
  const clientIdLookup: ScriptLine[] =
    plan.identity.kind === 'system' && firstSqlGrant
      ? [
          // The principal may be one a dry run did not make (a placeholder): then so is the client id.
          retry(
            command(words('az ad sp show --id', v('PRINCIPAL_ID'), '--query appId -o tsv'), {
              captureTo: 'CLIENT_ID',
              readsChange: true,
            }),
            {
              attempts: SQL_ATTEMPTS,
              delaySeconds: SQL_DELAY_SECONDS,
              waiting: ENTRA_WAITING,
              message: withEntry(
                `Microsoft Entra ID did not find the identity's service principal after ${SQL_ATTEMPTS} tries. If the errors above say it does not exist, it is not known there yet: wait a few minutes and run this script again.`,
                'entra-service-principal-not-found',
              ),
            },
          ),
        ]
      : [];
  const database = component.metadata.database ?? '';
  const adding = `${user} to the database ${database} on ${resource.name}`;
  return {
    comment: `Add the identity to the database ${database} on ${resource.name} as ${user} (${[...grant.roles, ...grant.permissions].join(', ')}).`,
    lines: [
      note(
        'Needs go-sqlcmd, and you signed in to az as a user who is a Microsoft Entra admin of the server.\n' +
          "If a user of that name already exists, it must have this identity's client id as its SID, or the batch\n" +
          'stops (Microsoft Learn: "Microsoft Entra logins and users with nonunique display names" shows the SID).\n' +
          'CREATE USER names the identity by its object id (WITH OBJECT_ID, in preview on Azure SQL Database and\n' +
          'Managed Instance, same page), so a display name another principal shares does not fail the CREATE (Msg 33131).',
      ),
      ...clientIdLookup,
      // Every statement of the batch can run again (each is guarded, or does nothing when already done), so a
      // try after a failure is safe. Only the lag of a new identity is waited out: the server answers Msg
      // 37545 for an object id it cannot find in the tenant (Microsoft Learn, "Microsoft Entra logins and
      // users with nonunique display names"; its text covers a missing permission too, so it is tried only a
      // few times: SQL_OBJECT_ID_OR_PERMISSION), Msg 33134 "could not be found at this time. Please try again
      // later" (MicrosoftDocs/sql-docs#2323), Msg 33136 "The operation could not be completed at this time.
      // Please try again later." (sql-docs, Database Engine events and errors) and Msg 33130 for a principal it
      // cannot find (MicrosoftDocs/azure-docs#33357). A refused sign-in, a firewall, another missing
      // permission or another identity's user (the THROW above) is the same on every try: the script stops at
      // once and shows sqlcmd's error, which go-sqlcmd prints on standard output unless -r is given
      // (microsoft/go-sqlcmd pkg/sqlcmd/sqlcmd.go GetError; cmd/sqlcmd/sqlcmd.go ErrorsToStderr), so that is
      // what is captured and matched.
      retry(
        cmd(
          'sqlcmd --server',
          lit(component.metadata.host ?? ''),
          '--database-name',
          lit(database),
          // Without --exit-on-error go-sqlcmd exits 0 after a failed statement (go-sqlcmd cmd/sqlcmd/sqlcmd.go).
          '--authentication-method ActiveDirectoryAzCli --exit-on-error --query',
          join(...checkSid, ' ', ...createUser, ` ${memberships}`),
        ),
        {
          attempts: SQL_ATTEMPTS,
          delaySeconds: SQL_DELAY_SECONDS,
          waiting: ENTRA_WAITING,
          message: failureMessage(
            `Microsoft Entra ID did not know the identity's object id on any of ${SQL_ATTEMPTS} tries to add ${adding} (the Msg 33134, 33136 or 33130 above): wait a few minutes and run this script again.`,
            'sql-principal-not-found',
          ),
          retryOnly: {
            outputTo: 'SQL_OUTPUT',
            pattern: SQL_PRINCIPAL_UNKNOWN,
            otherwise: failureMessage(
              `Adding ${adding} failed with the sqlcmd error above, which waiting does not fix.`,
              'sql-grant-refused',
            ),
            ambiguous: {
              pattern: SQL_OBJECT_ID_OR_PERMISSION,
              attempts: SQL_OBJECT_ID_OR_PERMISSION_ATTEMPTS,
              message: failureMessage(
                `Adding ${adding} failed ${SQL_OBJECT_ID_OR_PERMISSION_ATTEMPTS} or more times, the last with Msg 37545 ("is not a valid object id ... or you do not have permission"), which has two causes: Microsoft Entra ID does not know the identity's object id yet (wait a few minutes and run this script again), or your account may not create users in the database ${database} (CREATE USER needs ALTER ANY USER: sign in to az as a Microsoft Entra admin of the server).`,
                'sql-grant-refused',
              ),
            },
          },
        },
      ),
    ],
  };
}

/**
 * The command that read CLIENT_ID before the teardown's SQL step: Microsoft Graph for a system-assigned
 * identity (this step), the cluster for the kubelet identity (aks-teardown.ts), the identity itself otherwise
 * (teardown/identity.ts readUserIdentitySteps).
 */
function clientIdSource(plan: DeploymentPlan): string {
  const kind = plan.identity.kind;
  switch (kind) {
    case 'system':
      return 'az ad sp show';
    case 'kubelet':
      return 'az aks show';
    case 'user':
    case 'workload':
      return 'az identity list';
    default: {
      const unhandled: never = kind;
      throw new Error(`Unhandled identity ${String(unhandled)}`);
    }
  }
}

/**
 * Runs `lines` only while the component's database is on the server: one dropped since the setup took its
 * users with it, and sqlcmd could not open it, which would stop the teardown under set -e. It is looked up
 * through master, with the same sign-in: on Azure SQL Database, sys.databases in master lists every database
 * of the logical server, while DB_ID names only the current one (sql-docs db-id-transact-sql.md, "Remarks";
 * the JDBC getCatalogs reference: "connect to the master database" for sys.databases). --headers -1 prints no
 * column heading and SET NOCOUNT ON no row count (go-sqlcmd cmd/sqlcmd/sqlcmd.go setFlags: "Use -h-1 to
 * specify that headers not be printed"); tr drops the column's padding.
 */
function inSqlDatabase(resolved: ResolvedGrant, lines: Conditional['lines']): Conditional['lines'] {
  const { resource, component } = resolved;
  const database = component.metadata.database ?? '';
  const found = `${resource.variable}_DATABASE_FOUND`;
  const lookup = (options: Parameters<typeof command>[1]) =>
    command(
      words(
        'sqlcmd --server',
        lit(component.metadata.host ?? ''),
        '--database-name master --authentication-method ActiveDirectoryAzCli --exit-on-error --headers -1 --query',
        lit(`SET NOCOUNT ON; SELECT COUNT(*) FROM sys.databases WHERE name = ${nvarchar(database)};`),
      ),
      { effect: 'read-only', ...options },
    );
  return [
    // Tolerant, then compared: go-sqlcmd writes a sign-in error to stdout (pkg/sqlcmd GetError is the output
    // stream unless -r is given), so a failed lookup inside $(...) would end the script under set -e with
    // nothing on screen. Anything but 0 or 1 is such an error: the lookup runs once more, uncaptured, so its
    // error shows, and the script stops with what to check.
    lookup({ captureTo: found, pipeTo: ['tr', '-d', '[:space:]'], tolerateFailure: true }),
    when(found, '=', '0', [
      printLine(
        `The database ${database} on ${resource.name} is not there (dropped since the setup?): its users went with it, none is dropped there.`,
      ),
    ]),
    when(found, '=', '1', lines),
    when(found, '!=', '0', [
      when(found, '!=', '1', [
        lookup({ tolerateFailure: true }),
        stop(
          failureMessage(
            `Could not read sys.databases in master on ${resource.name} (the error above), so the teardown stops before its database users.`,
            'sql-database-lookup-failed',
          ),
        ),
      ]),
    ]),
  ];
}

/**
 * Drops the contained user, only while its SID is this identity's client id (as the setup checks it), so a
 * user of that name made for another identity stays. DROP USER takes its role memberships and GRANTs with it
 * (sql-docs DROP USER); a user that owns a schema or objects cannot be dropped, and --exit-on-error stops the
 * script with the server's reason. A system-assigned identity's client id is read here, inside the check that
 * the server is still there (a user-assigned one's is read with the identity), and tolerantly: a Graph failure
 * must not stop the teardown before the files and the identity, and with no client id to match the user is
 * kept and the script says so (an empty one would also fail the CAST to uniqueidentifier).
 */
export function sqlTeardownStep(plan: DeploymentPlan, resolved: ResolvedGrant): ScriptStep {
  const { resource, component } = resolved;
  const user = plan.identity.displayName;
  const statement = [
    `IF EXISTS (SELECT 1 FROM sys.database_principals WHERE name = ${nvarchar(user)} AND sid = CAST(CAST('`,
    v('CLIENT_ID'),
    `' AS uniqueidentifier) AS varbinary(16))) DROP USER ${sqlName(user)};`,
  ];
  const database = component.metadata.database ?? '';
  return {
    comment: `Drop the database user ${user} from ${database} on ${resource.name}, if it signs in as this identity.`,
    lines: [
      ...(plan.identity.kind === 'system'
        ? [
            command(words('az ad sp show --id', v('PRINCIPAL_ID'), '--query appId -o tsv'), {
              captureTo: 'CLIENT_ID',
              tolerateFailure: true,
            }),
          ]
        : []),
      note(
        'Needs go-sqlcmd, and you signed in to az as a Microsoft Entra admin of the server, as the setup did.',
      ),
      when('CLIENT_ID', '!=', '', [
        ...inSqlDatabase(resolved, [
          cmd(
            'sqlcmd --server',
            lit(component.metadata.host ?? ''),
            '--database-name',
            lit(database),
            '--authentication-method ActiveDirectoryAzCli --exit-on-error --query',
            join(...statement),
          ),
        ]),
      ]),
      when('CLIENT_ID', '=', '', [
        printLine(
          `The identity's client id could not be read (${clientIdSource(plan)}, above), so the database user ${user} in ${database} on ${resource.name} is kept: it cannot be matched to this identity. Drop it yourself (DROP USER) once you know it is this identity's, or run this teardown again.`,
        ),
      ]),
    ],
  };
}
