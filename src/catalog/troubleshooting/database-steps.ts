/**
 * Failures of the script's database steps: the PostgreSQL precondition and psql, go-sqlcmd on Azure SQL.
 * Each error text comes from the database's source or a GitHub issue that quotes it, or (marked so) the
 * precondition's own message in src/catalog/components/databases.ts.
 */
import type { TroubleshootingEntry } from './entry';

export const DATABASE_STEP_ENTRIES: readonly TroubleshootingEntry[] = [
  {
    id: 'postgres-entra-auth-off',
    title: 'Microsoft Entra authentication is off on the PostgreSQL server',
    stages: ['script'],
    // The guard's own message (src/catalog/components/databases.ts precondition).
    patterns: ['Turn on Microsoft Entra authentication on the server first'],
    cause:
      'The flexible server accepts only password sign-in (authConfig.activeDirectoryAuth is not Enabled), ' +
      'so neither your token nor the identity can sign in.',
    fix:
      'Turn Entra authentication on, make yourself an Entra admin of the server (az postgres flexible-server ' +
      'ad-admin create on older Azure CLIs), and run the script again.',
    commands: [
      'az postgres flexible-server update --name <server> --resource-group <resource-group> --microsoft-entra-auth Enabled',
      'az postgres flexible-server microsoft-entra-admin create --server-name <server> --resource-group <resource-group> --display-name <you> --object-id <your-object-id>',
    ],
    prevention: { text: 'Turn on Microsoft Entra authentication when you create the server.' },
    sources: ['src/catalog/components/databases.ts (the precondition)', 'azure-cli.md (PostgreSQL)'],
  },
  {
    id: 'postgres-password-auth-failed',
    title: 'PostgreSQL: password authentication failed',
    stages: ['script', 'runtime'],
    patterns: ['28P01', { regex: 'password authentication failed for user "?[^"\\s]*"?' }],
    cause:
      'In the script: the account az is signed in with is not a Microsoft Entra admin of the server, so ' +
      'its token is refused. At runtime: no Entra-mapped role has the name in the connection string, or ' +
      'the role is mapped to an older object id.',
    fix:
      'For the script, add yourself as an Entra admin of the server (ad-admin instead of microsoft-entra-admin ' +
      'on older Azure CLIs). For Dapr, map the identity with ' +
      'pgaadauth_create_principal_with_oid and put that role name in the connection string’s user.',
    commands: [
      'az postgres flexible-server microsoft-entra-admin create --server-name <server> --resource-group <resource-group> --display-name <you> --object-id <your-object-id>',
    ],
    prevention: {
      text: 'Let the wizard name the role: the script maps it and writes the same name into the component.',
    },
    sources: ['Azure/data-api-builder#2271', 'microsoft/aspire#9459'],
  },
  {
    id: 'postgres-firewall-blocked',
    title: 'PostgreSQL: the server’s firewall does not let this machine in',
    stages: ['script'],
    patterns: [
      // PostgreSQL's own text (postgres/postgres src/backend/libpq/auth.c), as Azure answers it
      // (Azure/azure-cli-extensions#8410, Azure/postgresql PR #29).
      { regex: 'no pg_hba\\.conf entry for host "[^"]*"' },
      // A flexible server with public access and no rule for this address (Azure/postgresql PR #29).
      { regex: 'postgres\\.database\\.azure\\.com" \\([^)]*\\), port 5432 failed: connection timed out' },
    ],
    cause:
      'The script’s psql step connects from the machine it runs on, and the server’s firewall (or its ' +
      'private network) does not admit that address.',
    fix: 'Add a firewall rule for this machine’s public address (or run the script inside the network), then run it again.',
    commands: [
      'az postgres flexible-server firewall-rule create --name <server> --resource-group <resource-group> --rule-name allow-setup --start-ip-address <your-ip> --end-ip-address <your-ip>',
    ],
    prevention: {
      text: 'Run the script from a machine the server’s network admits; remove the rule afterwards.',
    },
    sources: [
      'postgres/postgres src/backend/libpq/auth.c',
      'Azure/azure-cli-extensions#8410',
      'Azure/postgresql PR #29',
    ],
  },
  {
    id: 'sql-firewall-blocked',
    title: 'Azure SQL: the server’s firewall does not let this machine in',
    stages: ['script'],
    // Azure SQL's error 40615 (airbytehq/airbyte#20344, rails-sqlserver/tiny_tds#446).
    patterns: [{ regex: "client with ip address '[^']*' is not allowed to access the server" }],
    cause:
      'The script’s sqlcmd step connects from the machine it runs on, and the server’s firewall does not admit that address.',
    fix: 'Add a firewall rule for the address the error names (it can take up to five minutes), then run the script again.',
    commands: [
      'az sql server firewall-rule create --server <server> --resource-group <resource-group> --name allow-setup --start-ip-address <your-ip> --end-ip-address <your-ip>',
    ],
    prevention: {
      text: 'Run the script from a machine the server’s firewall admits; remove the rule afterwards.',
    },
    sources: ['airbytehq/airbyte#20344', 'rails-sqlserver/tiny_tds#446'],
  },
  {
    id: 'sql-not-entra-connection',
    title: 'Azure SQL: only Entra connections can create Entra users',
    stages: ['script'],
    patterns: [
      'Only connections established with Active Directory accounts can create other Active Directory users',
    ],
    cause:
      'go-sqlcmd signed in with SQL authentication, or as an account that is not a Microsoft Entra user; ' +
      'CREATE USER ... FROM EXTERNAL PROVIDER needs an Entra sign-in.',
    fix: 'Sign in to az as a Microsoft Entra admin of the server and run the sqlcmd step again.',
    commands: [
      'az sql server ad-admin create --server-name <server> --resource-group <resource-group> --display-name <you> --object-id <your-object-id>',
    ],
    prevention: { text: 'Run the script signed in to az as the server’s Microsoft Entra admin.' },
    sources: ['betr-io/terraform-provider-mssql#55', 'MicrosoftDocs/azure-docs#38549'],
  },
  {
    id: 'sql-principal-not-found',
    title: 'Azure SQL cannot find the identity to create its user',
    stages: ['script'],
    patterns: [
      // Msg 33130 (MicrosoftDocs/azure-docs#33357).
      { regex: "principal '[^']+' could not be found or this principal type is not supported" },
      // MicrosoftDocs/sql-docs#2323, microsoft/SQLServerPSModule#28.
      // Not the "Server identity is not configured" variant of Msg 33134 (sql-grant-refused): waiting does not fix it.
      {
        regex:
          "principal '[^']+' could not be (found at this time|resolved(?!\\. error message: 'server identity))",
      },
      // Msg 33136 (sql-docs, Database Engine events and errors).
      'The operation could not be completed at this time. Please try again later.',
      // Msg 37545, for an object id the tenant does not hold (Microsoft Learn, "Microsoft Entra logins and
      // users with nonunique display names").
      { regex: "'[^']*' is not a valid object id for '[^']*'" },
      // The script's own message after its last try (src/generate/grants/sql-contained-user.ts).
      "Microsoft Entra ID did not know the identity's object id",
    ],
    cause:
      'The identity in CREATE USER [...] FROM EXTERNAL PROVIDER (WITH OBJECT_ID, its principal id) is not ' +
      'one Entra ID knows yet: it was created seconds ago and has not reached every replica, it was deleted, ' +
      'or the server cannot read the directory. Msg 37545 reads as a missing permission too (“or you do not ' +
      'have permission”): if it stays after a few minutes, see the entry on a refused grant.',
    fix: 'Wait a few minutes after creating the identity and run the script again; check that the identity still exists; give the server an identity with Directory Readers.',
    prevention: { text: 'Let the wizard make the SQL user: it names the identity by its object id.' },
    sources: [
      'MicrosoftDocs/azure-docs#33357',
      'MicrosoftDocs/sql-docs#2323',
      'microsoft/SQLServerPSModule#28',
    ],
  },
  {
    id: 'sql-grant-refused',
    title: 'Azure SQL refused the script’s database user or grant',
    stages: ['script'],
    // The script's own message when sqlcmd fails for a reason other than an identity Entra ID does not
    // know yet (src/generate/grants/sql-contained-user.ts).
    patterns: [
      { regex: 'failed with the sqlcmd error above, which waiting does not fix' },
      // Its message after a few tries that all failed with Msg 37545, whose one text reads as a missing
      // permission too (sql-docs, Database Engine events and errors 31000 to 41399).
      { regex: 'failed \\d+ or more times, the last with Msg 37545' },
      // Msg 33134 from a server without a directory-reading identity (Microsoft Learn, "Microsoft Entra
      // service principal with Azure SQL", Troubleshooting): waiting does not fix it.
      'Server identity is not configured',
    ],
    cause:
      'sqlcmd failed for a reason a later try does not change (its error above names it): the sqlcmd on ' +
      'PATH is not go-sqlcmd (the ODBC sqlcmd of mssql-tools takes none of the script’s double-dash flags) ' +
      'or there is none, the server refused your sign-in (Msg 18456: az is signed in as an account that is ' +
      'not a Microsoft Entra admin of the server, or go-sqlcmd could not get a token from az), its firewall ' +
      'does not admit this machine (Msg 40615), the server has no identity that may read the directory ' +
      '(Msg 33134, “Server identity is not configured”), your account may not create users (ALTER ANY ' +
      'USER), or a user of that name signs in as another identity (Msg 50000, the script’s own check). ' +
      'Msg 37545 on every one of a few tries (“is not a valid object id … or you do not have permission”) ' +
      'has one text for two causes: a missing permission, or an identity Entra ID does not know yet.',
    fix:
      'Fix what the error names: install go-sqlcmd (and put it first on PATH), sign in to az (az login) as a ' +
      'Microsoft Entra admin of the server, add a firewall rule for this machine, give the server an ' +
      'identity with Directory Readers, or drop the other identity’s user if nothing uses it; then run the ' +
      'script again. After Msg 37545, if you are the server’s Microsoft Entra admin, wait a few minutes ' +
      'first: a new identity takes that long to reach every replica.',
    commands: [
      'az sql server ad-admin create --server-name <server> --resource-group <resource-group> --display-name <you> --object-id <your-object-id>',
      'az sql server firewall-rule create --server <server> --resource-group <resource-group> --name allow-setup --start-ip-address <your-ip> --end-ip-address <your-ip>',
    ],
    prevention: {
      text: 'Run the script signed in to az as the server’s Microsoft Entra admin, from an address its firewall admits.',
    },
    sources: [
      'microsoft/go-sqlcmd pkg/sqlcmd/format.go (AddError: the Msg line)',
      'src/generate/grants/sql-contained-user.ts (the message)',
    ],
  },
  {
    id: 'sql-database-lookup-failed',
    title: 'Azure SQL teardown: the database lookup in master failed',
    stages: ['script'],
    // The teardown's own message (src/generate/grants/sql-contained-user.ts inSqlDatabase).
    patterns: ['Could not read sys.databases in master on'],
    cause:
      'The sqlcmd that runs is not go-sqlcmd: it is missing (sqlcmd: command not found), or the older ODBC ' +
      'sqlcmd (mssql-tools) comes first on the PATH, which knows none of the double-dash flags the script ' +
      'passes (--authentication-method ActiveDirectoryAzCli, --exit-on-error, --headers; go-sqlcmd added ' +
      'them, and they do not work in the ODBC sqlcmd). Or the server refused your sign-in: az is signed in ' +
      'as an account that is not a Microsoft Entra admin of the server, or the server’s firewall does not ' +
      'admit this machine.',
    fix:
      'Run command -v sqlcmd to see which sqlcmd runs; install go-sqlcmd and put it first on the PATH; sign ' +
      'in to az as a Microsoft Entra admin of the server, from an address its firewall admits; then run the ' +
      'teardown again.',
    commands: ['command -v sqlcmd', 'az login'],
    prevention: {
      text: 'Install go-sqlcmd before the setup: the setup and the teardown use the same flags.',
    },
    sources: [
      'microsoft/go-sqlcmd README.md ("Changes in behavior from the ODBC based sqlcmd": the posix-style flags; "Azure Active Directory Authentication": --authentication-method)',
      'src/generate/grants/sql-contained-user.ts (the message)',
    ],
  },
  {
    id: 'sql-login-failed-token-principal',
    title: 'Azure SQL: login failed for the token-identified principal',
    stages: ['script', 'runtime'],
    patterns: ["Login failed for user '<token-identified principal>'"],
    cause:
      'The database has no contained user for the identity that signed in: at runtime the app’s identity ' +
      '(the sqlcmd step did not run, or ran in another database); in the script, your own account.',
    fix: 'Create the contained user and its roles in the database the component names, as an Entra admin.',
    commands: ["CREATE USER [<identity-name>] FROM EXTERNAL PROVIDER WITH OBJECT_ID = '<principal-id>';"],
    prevention: {
      text: 'Run the script’s sqlcmd step for every Azure SQL component, in the component’s database.',
    },
    sources: ['dapr/components-contrib#3258'],
  },
];
