/**
 * Databases whose Entra ID access is granted inside the service, not with Azure RBAC: PostgreSQL (a role
 * mapped to the identity) and Azure SQL (a contained user); Azure Cache for Redis is in ./redis.ts.
 * Sources: ../shared/domain/dapr-components.md sections 3-4; dapr/components-contrib
 * common/authentication/postgresql/metadata.go, common/authentication/sqlserver/metadata.go,
 * state/sqlserver/migration.go, and each metadata.yaml named below; dapr/docs setup-postgresql-v1.md,
 * setup-postgresql-v2.md, setup-sqlserver.md.
 */
import type { ComponentChoice, ComponentField, ComponentSpec, Grant, ResourceRef } from '../component-spec';

// --- PostgreSQL (Azure Database for PostgreSQL flexible server) ---

/** `az postgres flexible-server show --name --resource-group` (azure-cli 2.45 help); the name is the host's first label. */
const POSTGRES_SERVER: ResourceRef = {
  id: 'server',
  title: 'PostgreSQL server',
  field: 'host',
  nameFrom: 'first-label',
  showCommand: ['postgres', 'flexible-server', 'show'],
  needsResourceGroup: true,
  variable: 'POSTGRES_SERVER',
  // authConfig.activeDirectoryAuth is "Enabled" when Entra sign-in is on (azure-rest-api-specs
  // Microsoft.DBforPostgreSQL flexible servers AuthConfig; the property kept its name through 2025-08-01).
  // The update flag was renamed in CLI 2.73 (Azure/azure-cli PR #31379).
  precondition: {
    query: 'authConfig.activeDirectoryAuth',
    expected: 'Enabled',
    message:
      // <name> and <resource-group> are this server's in the script (setup/preflight.ts pasteableMessage).
      'Turn on Microsoft Entra authentication on the server first: az postgres flexible-server update --name <name> --resource-group <resource-group> --microsoft-entra-auth Enabled (--active-directory-auth before Azure CLI 2.73).',
    entry: 'postgres-entra-auth-off',
  },
};

// The wizard composes connectionString from these two inputs: "host=... user=<role> port=5432 database=...
// sslmode=require", the password-less form Dapr documents for Entra ID (dapr/docs setup-postgresql-v2.md).
// Separate host/database metadata fields exist only in newer Dapr, so they are not emitted as such.
const POSTGRES_HOST: ComponentField = {
  key: 'host',
  label: 'PostgreSQL server host name',
  help: 'The flexible server, e.g. myserver.postgres.database.azure.com; Microsoft Entra authentication must be on.',
  required: true,
  rule: 'postgresHost',
  placeholder: 'myserver.postgres.database.azure.com',
  example: 'example-pg.postgres.database.azure.com',
  emit: false,
};

const POSTGRES_DATABASE: ComponentField = {
  key: 'database',
  label: 'Database',
  help: 'The database the app uses; it must exist.',
  required: true,
  rule: 'postgresIdentifier',
  placeholder: 'orders',
  example: 'example_db',
  emit: false,
};

const POSTGRES_TIMEOUT: ComponentField = {
  // timeout: database operation timeout, a duration (metadata.yaml of each PostgreSQL component).
  key: 'timeout',
  label: 'Operation timeout',
  help: 'How long a database operation may take, e.g. 20s.',
  required: false,
  rule: 'duration',
};

/** useAzureAD: "true" switches Dapr's PostgreSQL components to Entra ID tokens (metadata.go). */
const USE_AZURE_AD = { useAzureAD: 'true' } as const;

const POSTGRES_GRANT_SOURCE =
  'Dapr names no privileges: the role is mapped with pgaadauth_create_principal_with_oid (Azure PostgreSQL Entra docs); the GRANTs follow from what the component creates or reads.';

const POSTGRES_STATE_FIELDS: readonly ComponentField[] = [
  POSTGRES_HOST,
  POSTGRES_DATABASE,
  POSTGRES_TIMEOUT,
  {
    // cleanupInterval: how often expired rows are deleted (metadata.yaml), a duration.
    key: 'cleanupInterval',
    label: 'Cleanup interval',
    help: 'How often expired state is deleted, e.g. 1h.',
    required: false,
    rule: 'duration',
  },
];

// The state store creates its tables at start-up; PostgreSQL 15 no longer lets every role create in the
// public schema, so the role needs USAGE and CREATE there.
const POSTGRES_STATE_GRANT: Grant = {
  kind: 'postgres-role',
  privileges: ['USAGE, CREATE ON SCHEMA public'],
  resource: 'server',
};

// --- Azure SQL ---

/** `az sql server show --name --resource-group` (azure-cli 2.45 help); the name is the host's first label. */
const SQL_SERVER: ResourceRef = {
  id: 'server',
  title: 'Azure SQL server',
  field: 'host',
  nameFrom: 'first-label',
  showCommand: ['sql', 'server', 'show'],
  needsResourceGroup: true,
  variable: 'SQL_SERVER',
};

/**
 * Dapr creates tables, a table type and stored procedures at start-up (state/sqlserver/migration.go); the
 * database must be in the URL, or Dapr tries CREATE DATABASE.
 */
const SQL_ROLES: ComponentChoice = {
  key: 'sqlRoles',
  legend: 'Database rights',
  options: [
    {
      id: 'ddl',
      title: 'Create its own objects, read and write data',
      description:
        'db_ddladmin, db_datareader, db_datawriter and EXECUTE on dbo: what Dapr’s tables and procedures need.',
    },
    {
      id: 'owner',
      title: 'Database owner',
      description: 'db_owner: broader, for databases where a fixed owner role is the house rule.',
    },
  ],
};

const SQL_FIELDS: readonly ComponentField[] = [
  {
    key: 'host',
    label: 'Azure SQL server host name',
    help: 'The logical server, e.g. myserver.database.windows.net; it needs a Microsoft Entra admin.',
    required: true,
    rule: 'sqlServerHost',
    placeholder: 'myserver.database.windows.net',
    example: 'example-sql.database.windows.net',
    emit: false,
  },
  {
    key: 'database',
    label: 'Database',
    help: 'The database the state lives in; it must exist.',
    required: true,
    rule: 'sqlDatabaseName',
    placeholder: 'orders',
    example: 'example-db',
    emit: false,
  },
  {
    // tableName, default "state" (metadata.yaml).
    key: 'tableName',
    label: 'Table name',
    help: 'The state table Dapr creates, default state.',
    required: false,
    rule: 'sqlIdentifier',
  },
  {
    // cleanupInterval: how often expired rows are deleted (metadata.yaml).
    key: 'cleanupInterval',
    label: 'Cleanup interval',
    help: 'How often expired state is deleted, e.g. 1h.',
    required: false,
    rule: 'duration',
  },
];

const SQL_GRANTS: readonly Grant[] = [
  {
    kind: 'sql-contained-user',
    roles: ['db_ddladmin', 'db_datareader', 'db_datawriter'],
    // EXECUTE covers Dapr's procedures and the table type they take (sql-docs use-table-valued-parameters);
    // REFERENCES lets Dapr's CREATE PROCEDURE name that type (sql-docs grant-type-permissions).
    permissions: ['EXECUTE ON SCHEMA::dbo', 'REFERENCES ON SCHEMA::dbo'],
    resource: 'server',
    when: { sqlRoles: ['ddl'] },
  },
  {
    kind: 'sql-contained-user',
    roles: ['db_owner'],
    permissions: [],
    resource: 'server',
    when: { sqlRoles: ['owner'] },
  },
];

const SQL_GRANT_SOURCE =
  'Dapr names no roles: the contained user is created FROM EXTERNAL PROVIDER (Azure SQL Entra docs); the rights follow from Dapr’s migrations (state/sqlserver/migration.go).';

export const DATABASE_COMPONENTS = [
  {
    // state/postgresql/v2/metadata.yaml.
    type: 'state.postgresql',
    version: 'v2',
    initSignIn: {
      source: 'dapr/components-contrib (c23900d2) state/postgresql/v2/postgresql.go Init (db.Ping)',
    },
    // Registered from Dapr 1.13: dapr/dapr cmd/daprd/components/state_postgres.go at v1.13.0.
    minDapr: '1.13',
    // components-contrib state/postgresql/v2/metadata.yaml.
    status: 'stable',
    title: 'Azure Database for PostgreSQL state store',
    // Summary: what dapr/docs daprdocs/content/en/reference/components-reference/supported-state-stores/setup-postgresql-v2.md says it does.
    summary: 'Keep Dapr state in a PostgreSQL database, signing in with the identity instead of a password.',
    defaultName: 'statestore',
    fixedMetadata: USE_AZURE_AD,
    connectionString: 'postgres',
    fields: POSTGRES_STATE_FIELDS,
    resources: [POSTGRES_SERVER],
    grants: [POSTGRES_STATE_GRANT],
    grantSource: POSTGRES_GRANT_SOURCE,
  },
  {
    // state/postgresql/v1/metadata.yaml.
    type: 'state.postgresql',
    version: 'v1',
    initSignIn: {
      source:
        'dapr/components-contrib (c23900d2) common/component/postgresql/v1/postgresql.go Init (db.Ping)',
    },
    // Registered from Dapr 1.0: dapr/dapr cmd/daprd/main.go at v1.0.0.
    // Entra ID from 1.12: components-contrib useAzureAD in internal/component/postgresql at v1.12.0-rc.4 (pinned by dapr/dapr v1.12.0 go.mod).
    minDapr: '1.0',
    entraIdMinDapr: '1.12',
    // components-contrib state/postgresql/v1/metadata.yaml.
    status: 'stable',
    title: 'Azure Database for PostgreSQL state store',
    // Summary: what dapr/docs daprdocs/content/en/reference/components-reference/supported-state-stores/setup-postgresql-v1.md says it does.
    summary: 'Keep Dapr state in a PostgreSQL database, signing in with the identity instead of a password.',
    defaultName: 'statestore',
    // Not deprecated: dapr/dapr registers v1 among Others, not Deprecated, and keeps it the Default
    // (cmd/daprd/components/state_postgres.go at v1.18.0). v2 comes first here as the Dapr docs recommend it.
    fixedMetadata: USE_AZURE_AD,
    connectionString: 'postgres',
    fields: POSTGRES_STATE_FIELDS,
    resources: [POSTGRES_SERVER],
    grants: [POSTGRES_STATE_GRANT],
    grantSource: POSTGRES_GRANT_SOURCE,
  },
  {
    // bindings/postgresql/metadata.yaml.
    type: 'bindings.postgresql',
    version: 'v1',
    initSignIn: { source: 'dapr/components-contrib (c23900d2) bindings/postgres/postgres.go Init (db.Ping)' },
    // Registered from Dapr 1.11: dapr/dapr cmd/daprd/components/binding_postgres.go at v1.11.0 (before it, only the name postgres).
    // Entra ID from 1.12: components-contrib useAzureAD in bindings/postgres/metadata.go at v1.12.0-rc.4 (pinned by dapr/dapr v1.12.0 go.mod).
    minDapr: '1.11',
    entraIdMinDapr: '1.12',
    // components-contrib bindings/postgres/metadata.yaml.
    status: 'stable',
    title: 'Azure Database for PostgreSQL binding',
    // Summary: what dapr/docs daprdocs/content/en/reference/components-reference/supported-bindings/postgresql.md (Binding support: exec, query, close) says it does.
    summary: 'Run the SQL your app sends against a PostgreSQL database.',
    defaultName: 'postgres-binding',
    fixedMetadata: USE_AZURE_AD,
    connectionString: 'postgres',
    fields: [POSTGRES_HOST, POSTGRES_DATABASE, POSTGRES_TIMEOUT],
    resources: [POSTGRES_SERVER],
    // The binding runs whatever SQL the app sends: the role gets schema access here, table rights are yours.
    grants: [{ kind: 'postgres-role', privileges: ['USAGE ON SCHEMA public'], resource: 'server' }],
    grantSource: `${POSTGRES_GRANT_SOURCE} The binding runs your SQL: grant the table rights your statements need.`,
  },
  {
    // configuration/postgresql/metadata.yaml: table is required; the app's owner creates the table and trigger.
    type: 'configuration.postgresql',
    version: 'v1',
    initSignIn: {
      source: 'dapr/components-contrib (c23900d2) configuration/postgres/postgres.go Init (client.Ping)',
    },
    // Registered from Dapr 1.11: dapr/dapr cmd/daprd/components/configuration_postgres.go at v1.11.0.
    // Entra ID from 1.12: components-contrib useAzureAD in configuration/postgres/metadata.go at v1.12.0-rc.4 (pinned by dapr/dapr v1.12.0 go.mod).
    minDapr: '1.11',
    entraIdMinDapr: '1.12',
    // components-contrib configuration/postgres/metadata.yaml.
    status: 'stable',
    title: 'Azure Database for PostgreSQL configuration store',
    // Summary: what dapr/docs daprdocs/content/en/reference/components-reference/supported-configuration-stores/postgresql-configuration-store.md says it does.
    summary: 'Read and subscribe to configuration items kept in a PostgreSQL table.',
    defaultName: 'configstore',
    fixedMetadata: USE_AZURE_AD,
    connectionString: 'postgres',
    fields: [
      POSTGRES_HOST,
      POSTGRES_DATABASE,
      {
        key: 'table',
        label: 'Configuration table',
        help: 'The existing table holding the configuration items.',
        required: true,
        rule: 'postgresIdentifier',
        placeholder: 'configtable',
        example: 'example_config',
      },
      {
        // notifyChannel: read from the component from Dapr 1.18 (components-contrib ee5e0302c, first in v1.18.0;
        // configuration/postgres/metadata.go). Without it Subscribe fails with "notifyChannel must be set in
        // component metadata or request metadata" unless the app sends pgNotifyChannel (postgres.go).
        key: 'notifyChannel',
        label: 'Notify channel',
        help: 'The channel your table’s trigger sends pg_notify to, e.g. config. Dapr 1.18 and later read it here; before 1.18 the app passes pgNotifyChannel in each subscribe request.',
        required: false,
        rule: 'postgresNotifyChannel',
        placeholder: 'config',
        minDapr: '1.18',
      },
      POSTGRES_TIMEOUT,
    ],
    resources: [POSTGRES_SERVER],
    // Reading the table is all it needs; LISTEN needs no privilege (PostgreSQL docs, LISTEN).
    grants: [
      {
        kind: 'postgres-role',
        privileges: ['USAGE ON SCHEMA public', 'SELECT ON TABLE {table}'],
        resource: 'server',
      },
    ],
    grantSource: POSTGRES_GRANT_SOURCE,
  },
  {
    // state/sqlserver/v2 (registered from Dapr 1.17, dapr/dapr cmd/daprd/components).
    type: 'state.sqlserver',
    version: 'v2',
    initSignIn: {
      source: 'dapr/components-contrib (c23900d2) state/sqlserver/v2/sqlserver.go Init (executeMigrations)',
    },
    // Registered from Dapr 1.17: dapr/dapr cmd/daprd/components/state_sqlserver.go at v1.17.0.
    minDapr: '1.17',
    // components-contrib state/sqlserver/v2/metadata.yaml.
    status: 'stable',
    title: 'Azure SQL state store',
    // Summary: what dapr/docs daprdocs/content/en/reference/components-reference/supported-state-stores/setup-sqlserver.md says it does.
    summary: 'Keep Dapr state in an Azure SQL database, signing in with the identity.',
    defaultName: 'statestore',
    fixedMetadata: USE_AZURE_AD,
    connectionString: 'sqlserver',
    fields: SQL_FIELDS,
    choices: [SQL_ROLES],
    resources: [SQL_SERVER],
    grants: SQL_GRANTS,
    grantSource: SQL_GRANT_SOURCE,
  },
  {
    type: 'state.sqlserver',
    version: 'v1',
    initSignIn: {
      source: 'dapr/components-contrib (c23900d2) state/sqlserver/sqlserver.go Init (executeMigrations)',
    },
    // Registered from Dapr 1.0: dapr/dapr cmd/daprd/main.go at v1.0.0.
    // Entra ID from 1.11: components-contrib useAzureAD in state/sqlserver/metadata.go at v1.11.0-rc.11 (pinned by dapr/dapr v1.11.0 go.mod).
    minDapr: '1.0',
    entraIdMinDapr: '1.11',
    // components-contrib state/sqlserver/metadata.yaml.
    status: 'stable',
    title: 'Azure SQL state store',
    // Summary: what dapr/docs daprdocs/content/en/reference/components-reference/supported-state-stores/setup-sqlserver.md says it does.
    summary: 'Keep Dapr state in an Azure SQL database, signing in with the identity.',
    defaultName: 'statestore',
    // Not deprecated: registered among Others and still the Default (state_sqlserver.go at v1.18.0).
    fixedMetadata: USE_AZURE_AD,
    connectionString: 'sqlserver',
    fields: SQL_FIELDS,
    choices: [SQL_ROLES],
    resources: [SQL_SERVER],
    grants: SQL_GRANTS,
    grantSource: SQL_GRANT_SOURCE,
  },
] as const satisfies readonly ComponentSpec[];
