/**
 * How the script signs psql in to a PostgreSQL server: as a Microsoft Entra admin, with an Entra token as
 * the password, once per script (the setup before its first PostgreSQL grant, the teardown before its first
 * PostgreSQL step), and the connection string every psql call uses. Apart from the grant's steps because
 * the setup, the teardown and the script's header (the PG_ADMIN option) all need it.
 */
import { capture, cmd, command, join, lit, note, v, when, type ScriptLine, type Word } from '../script-model';

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
  return postgresSignInLines();
}

/** Signs psql in as a Microsoft Entra admin of the server (PG_ADMIN, else the az user): the token is the password. */
export function postgresSignInLines(): ScriptLine[] {
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

/** libpq's connection string to one database of the server (TLS required); the user is PGUSER. */
export function connectionString(host: string, dbname: string): Word {
  // The user comes from PGUSER (postgresSignInLines): a group's name may hold spaces, which a connection
  // string would need quoted (libpq, "Connection Strings"), and the environment takes as it is.
  return lit(`host=${host} port=5432 dbname=${dbname} sslmode=require`);
}
