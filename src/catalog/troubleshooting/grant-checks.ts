/**
 * The setup's own checks before and after its grants that stop the script: example values left in, the
 * identity it looks up, the resources and entities a grant is scoped to, and the database grants that must
 * take. Each pattern is the check's own message (src/generate/setup/*.ts and grants/*.ts print it); the
 * facts behind each check come from the sources named.
 */
import type { TroubleshootingEntry } from './entry';

export const GRANT_CHECK_ENTRIES: readonly TroubleshootingEntry[] = [
  {
    id: 'example-values-left',
    title: 'The script still holds the wizard’s example values',
    stages: ['script'],
    // src/generate/setup/example-values.ts.
    patterns: [{ regex: '(is|are) still (an )?example values? from the wizard' }],
    cause:
      'The script was copied while some fields still showed the examples the wizard fills in (marked ' +
      '"Example value"), so it would look up resources that are not yours.',
    fix: 'Enter your own values in the fields the message names, copy the new script, and run that one.',
    prevention: { text: 'Replace every field marked "Example value" before copying the script.' },
    sources: ['src/generate/setup/example-values.ts (the check)', 'src/model/examples.ts'],
  },
  {
    id: 'identity-not-found-for-client-id',
    title: 'No identity of that name, and a client id was entered',
    stages: ['script'],
    // src/generate/setup/user-identity.ts.
    patterns: ['and a client id was entered, so the script uses an existing identity and creates none'],
    cause:
      'A client id in the wizard means "use this existing identity": the script looks it up by name and ' +
      'resource group and creates none, and there is no user-assigned identity of that name there.',
    fix:
      'Correct the identity’s name or resource group in the wizard, or leave the client id empty so the ' +
      'script creates the identity, then run the new script.',
    commands: ['az identity list --query "[].{name:name, group:resourceGroup, clientId:clientId}" -o table'],
    prevention: { text: 'Leave the client id empty unless the identity exists.' },
    sources: ['src/generate/setup/user-identity.ts (the check)', 'azure-cli.md (az identity show)'],
  },
  {
    id: 'kv-access-policy-partial',
    title: 'Key Vault: the identity’s access policy has some permissions, not all',
    stages: ['script'],
    // src/generate/grants/keyvault-policy.ts.
    patterns: [{ regex: 'has other (keys|secrets) permissions but not all of' }],
    cause:
      'The identity already has an access policy on the vault with other permissions in that list. ' +
      'az keyvault set-policy replaces the whole list it is given, so running it with only the permissions ' +
      'Dapr needs would take away the others.',
    fix:
      'Run az keyvault set-policy yourself with the permissions the policy has and the ones Dapr needs, ' +
      'then run the script again: it finds them and goes on.',
    commands: [
      'az keyvault show --name <vault> --query "properties.accessPolicies[?objectId==\'<principal-id>\'].permissions"',
      'az keyvault set-policy --name <vault> --object-id <principal-id> --secret-permissions <kept permissions> get list',
      'az keyvault set-policy --name <vault> --object-id <principal-id> --key-permissions <kept permissions> get encrypt decrypt wrapKey unwrapKey sign verify',
    ],
    prevention: {
      text: 'Nothing to choose: the script never takes away a permission it did not give.',
    },
    sources: [
      'Azure/azure-cli src/azure-cli/azure/cli/command_modules/keyvault/custom.py (set_policy)',
      'azure-cli.md (Key Vault access policies)',
    ],
  },
  {
    id: 'redis-entra-auth-off',
    title: 'Microsoft Entra authentication is off on the Redis cache',
    stages: ['script'],
    // src/catalog/components/redis.ts precondition.
    patterns: ['Turn on Microsoft Entra authentication on the cache first'],
    cause:
      'The cache accepts only access keys (redisConfiguration.aadEnabled is not true), so a data access ' +
      'policy assignment would never let the identity sign in.',
    fix: 'Turn Entra authentication on (the cache restarts), then run the script again.',
    commands: [
      'az redis update --name <cache> --resource-group <resource-group> --set redisConfiguration.aadEnabled=true',
    ],
    prevention: { text: 'Turn on Microsoft Entra authentication when you create the cache.' },
    sources: [
      'src/catalog/components/redis.ts (the precondition)',
      'Azure/azure-cli src/azure-cli/azure/cli/command_modules/redis/tests/latest/test_redis_scenario.py',
    ],
  },
  {
    id: 'redis-access-policy-list-failed',
    title: 'Redis: the data access policy assignments could not be listed',
    stages: ['script'],
    // src/generate/setup/preflight.ts and grants/redis-access-policy.ts.
    patterns: [{ regex: 'listing the data access policy assignments of the redis cache \\S+ failed' }],
    cause:
      'az redis access-policy-assignment list failed: most often the Azure CLI predates it (it came in ' +
      '2.57, and knack answers "is misspelled or not recognized"); otherwise your sign-in may not read the ' +
      'cache, which the error above names.',
    fix: 'Upgrade the Azure CLI to 2.57 or later, or fix what the error names, and run the script again.',
    commands: ['az version', 'az upgrade'],
    prevention: {
      text: 'The first line of the script names the Azure CLI version it needs: check it first.',
    },
    sources: [
      'src/generate/setup/cli-minimum.ts (Azure CLI 2.57)',
      'Azure/azure-cli src/azure-cli-core/azure/cli/core/parser.py',
    ],
  },
  {
    id: 'messaging-entity-missing',
    title: 'The queue or event hub a grant is scoped to does not exist',
    stages: ['script'],
    // src/generate/setup/preflight.ts and entity-preflight.ts.
    patterns: [
      {
        regex:
          'could not be found in \\S+ \\(az says why above\\), and with (these roles|entity management off) dapr does not create it',
      },
    ],
    cause:
      'The role is granted on the queue or event hub itself, which Dapr creates only with rights to manage ' +
      'the namespace: with the least role (or entity management off) it expects the entity to exist.',
    fix: 'Create it with the command the message prints (or correct its name in the wizard), then run the script again.',
    commands: [
      'az servicebus queue create --namespace-name <namespace> --name <queue> --resource-group <resource-group>',
      'az eventhubs eventhub create --namespace-name <namespace> --name <event-hub> --resource-group <resource-group>',
    ],
    prevention: {
      text: 'Create the queues and event hubs before the setup, with the names the wizard holds.',
    },
    sources: [
      'Azure/azure-cli src/azure-cli/azure/cli/command_modules/servicebus/_params.py',
      'Azure/azure-cli src/azure-cli/azure/cli/command_modules/eventhubs/_params.py',
      'dapr/components-contrib pubsub/azure/servicebus/topics/metadata.yaml (disableEntityManagement)',
    ],
  },
  {
    id: 'eventhubs-consumer-group-not-found',
    title: 'Event Hubs binding: the consumer group could not be read',
    stages: ['script'],
    // src/generate/setup/entity-preflight.ts (the input binding's check).
    patterns: [{ regex: 'the consumer group \\S+ of the event hub \\S+ could not be read' }],
    cause:
      'The Event Hubs input binding receives with the consumer group its consumerID field names, which ' +
      'Dapr does not create, and there is none of that name on the event hub (or your sign-in cannot read it).',
    fix:
      'Create the consumer group the message names (or correct consumerID in the wizard), then run the ' +
      'script again.',
    commands: [
      'az eventhubs eventhub consumer-group create --namespace-name <namespace> --eventhub-name <event-hub> --name <consumerID> --resource-group <resource-group>',
    ],
    prevention: {
      text: 'Create the consumer group before the setup, or use $Default, which every event hub has.',
    },
    sources: [
      'dapr/components-contrib bindings/azure/eventhubs/metadata.yaml (consumerID)',
      'Azure/azure-cli src/azure-cli/azure/cli/command_modules/eventhubs/_params.py (CLI 2.45)',
    ],
  },
  {
    id: 'cosmos-container-unreadable',
    title: 'Cosmos DB: the database or container could not be read',
    stages: ['script'],
    // src/generate/setup/entity-preflight.ts.
    patterns: [{ regex: 'in the cosmos db account \\S+ could not be read \\(az says why above\\)' }],
    cause:
      'The database or container named in the component is not in the account (or your sign-in cannot read ' +
      'it). Dapr reads it when it loads the component, and the data-plane role it gets cannot create either.',
    fix: 'Create the database and the container with the commands the message prints, then run the script again.',
    commands: [
      'az cosmosdb sql database create --account-name <account> --resource-group <resource-group> --name <database>',
      'az cosmosdb sql container create --account-name <account> --resource-group <resource-group> --database-name <database> --name <container> --partition-key-path <the path the message names>',
    ],
    prevention: {
      text: 'Create the database and container first (the state store’s with the partition key path /partitionKey, the binding’s with the path of its partitionKey field), and give the wizard their names.',
    },
    sources: [
      'Azure/azure-cli src/azure-cli/azure/cli/command_modules/cosmosdb/_params.py',
      'azure-cli.md 2.4 (Cosmos DB data plane)',
    ],
  },
  {
    id: 'cosmos-partition-key-mismatch',
    title: 'Cosmos DB: the container’s partition key is not the one Dapr writes',
    stages: ['script'],
    // src/generate/setup/entity-preflight.ts.
    patterns: [{ regex: 'does not have the one partition key path /\\S+' }],
    cause:
      'The Dapr component writes each item’s partition key in one property (the state store in ' +
      'partitionKey, the binding in the property its partitionKey field names), and the container is keyed ' +
      'on another path. A container’s partition key cannot be changed.',
    fix: 'Create a container with the partition key path the message names, name it in the wizard, and run the new script.',
    commands: [
      'az cosmosdb sql container create --account-name <account> --resource-group <resource-group> --database-name <database> --name <container> --partition-key-path <the path the message names>',
    ],
    prevention: { text: 'Create the container with the partition key path the component names.' },
    sources: [
      'dapr/docs setup-azure-cosmosdb.md (partition key /partitionKey)',
      'dapr/components-contrib bindings/azure/cosmosdb/cosmosdb.go (getPartitionKeyValue)',
    ],
  },
  {
    id: 'entra-service-principal-not-found',
    title: 'Microsoft Entra ID does not know the new identity’s service principal yet',
    stages: ['script'],
    // src/generate/grants/sql-contained-user.ts.
    patterns: [{ regex: "did not find the identity's service principal after \\d+ tries" }],
    cause:
      'A managed identity made a moment ago takes a while to reach Microsoft Entra ID, and az ad sp show ' +
      'fails until it does.',
    fix: 'Wait a few minutes and run the script again: it finds the identity it made and goes on.',
    prevention: { text: 'Nothing to choose: a re-run a few minutes later goes on where this one stopped.' },
    sources: [
      'pulumi/pulumi-azure-native#2816 (the same lag, for a Cosmos DB role assignment)',
      'Azure/ARO-HCP PR #5321 (the same lag, for a Cosmos DB role assignment)',
      'azure-cli.md 5 (propagation)',
    ],
  },
  {
    id: 'postgres-role-other-object',
    title: 'PostgreSQL: the role signs in as another Entra object',
    stages: ['script'],
    // src/generate/grants/postgres-role.ts.
    patterns: ['signs in as another Microsoft Entra object than this identity'],
    cause:
      'A role of that name was mapped to another object id, often an identity deleted and made again under ' +
      'the same name (it gets a new object id). The token of this identity would not sign in as that role.',
    fix:
      'If no other identity uses the role, sign in as the server’s Entra admin and map the role to this ' +
      'identity’s object id (SECURITY LABEL for "pgaadauth"), or drop it; then run the script again.',
    commands: [
      'SECURITY LABEL for "pgaadauth" on role "<role>" is \'aadauth,oid=<principal-id>,type=service\';',
    ],
    prevention: { text: 'Give each identity its own role name (the wizard’s identity name).' },
    sources: [
      'MicrosoftDocs/azure-databases-docs articles/postgresql/security/security-manage-entra-users.md',
    ],
  },
  {
    id: 'postgres-grant-not-taken',
    title: 'PostgreSQL: the GRANT ran but granted nothing',
    stages: ['script'],
    // src/generate/grants/postgres-role.ts.
    patterns: [{ regex: 'the grant in the database \\S+ did not take' }],
    cause:
      'A GRANT on an object you do not own only warns "no privileges were granted" and psql still succeeds. ' +
      'Since PostgreSQL 15 the schema public belongs to the database owner (pg_database_owner), not to the ' +
      'server’s admin.',
    fix:
      'Have the owner of the database (often the server’s password administrator, who created it) run the ' +
      'GRANT the message prints, in that database; then run the script again: it finds the privileges and ' +
      'goes on.',
    commands: [
      'psql "host=<server host> dbname=<database> user=<owner> sslmode=require" -c \'<the GRANT the message prints>\'',
    ],
    prevention: { text: 'Create the app’s database signed in as your Entra admin, so the admin owns it.' },
    sources: [
      'output-review.md (PostgreSQL 15, schema public)',
      'PostgreSQL docs, sql-grant.html',
      'PostgreSQL docs, ddl-schemas.html (the public schema, PostgreSQL 15)',
    ],
  },
  {
    id: 'postgres-table-missing',
    title: 'PostgreSQL: the table the component needs is not there',
    stages: ['script'],
    // src/generate/grants/postgres-role.ts.
    patterns: [{ regex: 'no table \\S+ is on the search path of the database' }],
    cause:
      'Dapr reads this table and never creates it: the configuration store looks it up in pg_tables (so a ' +
      'view does not count) and reads it by its name on the search path.',
    fix: 'Create the table in that database (the message gives its columns), then run the script again.',
    commands: [
      'CREATE TABLE <table> (key VARCHAR NOT NULL, value VARCHAR NOT NULL, version VARCHAR NOT NULL, metadata JSON);',
    ],
    prevention: { text: 'Create the table before the setup, with the name the wizard holds.' },
    sources: ['dapr/components-contrib configuration/postgres/postgres.go'],
  },
  {
    id: 'postgres-role-not-dropped',
    title: 'Teardown: a PostgreSQL role could not be dropped',
    stages: ['script'],
    // src/generate/grants/postgres-role-teardown.ts and teardown/kept-role.ts.
    patterns: [
      { regex: 'the postgresql role \\S+ on \\S+ could not be dropped' },
      'a PostgreSQL role could not be dropped (see above)',
    ],
    cause:
      'The role still owns objects (the state table Dapr made holds the app’s data) or holds rights given ' +
      'outside the script, and PostgreSQL drops only a role that owns nothing. The teardown keeps the ' +
      'identity the role signs in as.',
    fix:
      'Signed in as the server’s Entra admin that ran the setup (it most likely made the role: the admin is no superuser, ' +
      'and on PostgreSQL 16 and later only a role with ADMIN OPTION on it, as its maker has, may grant it), ' +
      'grant the role to yourself. Then, ' +
      'in each database the DROP ROLE error names, either keep the data (REASSIGN OWNED BY the role TO ' +
      'yourself, then DROP OWNED BY it, which then drops only its privileges) or delete it (DROP OWNED BY it ' +
      'alone). Then run the teardown again. Kept tables then belong to you: a later setup’s role needs ' +
      'its rights on them granted (GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE <table> TO "<role>", for the ' +
      'state table and dapr_metadata).',
    commands: [
      'GRANT "<role>" TO CURRENT_USER;',
      'REASSIGN OWNED BY "<role>" TO CURRENT_USER;',
      'DROP OWNED BY "<role>";',
    ],
    prevention: { text: 'Nothing to choose: the teardown never deletes the app’s data itself.' },
    sources: [
      'PostgreSQL docs, role-removal.html (REASSIGN OWNED, then DROP OWNED)',
      'PostgreSQL docs, sql-reassign-owned.html',
      'PostgreSQL docs, sql-droprole.html',
      'PostgreSQL docs, sql-grant.html (PostgreSQL 16: ADMIN OPTION to grant a role)',
    ],
  },
];
