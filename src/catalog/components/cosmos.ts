/**
 * Azure Cosmos DB for NoSQL: the state store and the output binding. Entra ID is used when masterKey is absent;
 * the grant is a Cosmos DB data-plane role, not an Azure RBAC role (../shared/domain/dapr-components.md section 4).
 * Sources: dapr/components-contrib state/azure/cosmosdb/metadata.yaml, bindings/azure/cosmosdb/metadata.yaml;
 * dapr/docs supported-state-stores/setup-azure-cosmosdb.md, supported-bindings/cosmosdb.md.
 */
import type { ComponentField, ComponentSpec, Grant, ResourceRef } from '../component-spec';
import { COSMOS_DATA_ROLES } from '../roles';

/**
 * url is the account endpoint, so the account name is its first label. `az cosmosdb show` takes --name with
 * --resource-group (or --ids); azure-cli 2.45 help.
 */
const COSMOS_ACCOUNT: ResourceRef = {
  id: 'account',
  title: 'Cosmos DB account',
  field: 'url',
  nameFrom: 'first-label',
  showCommand: ['cosmosdb', 'show'],
  needsResourceGroup: true,
  variable: 'COSMOS_ACCOUNT',
};

const URL: ComponentField = {
  // url: the account endpoint, e.g. https://<account>.documents.azure.com:443/ (metadata.yaml).
  key: 'url',
  label: 'Cosmos DB account URL',
  help: 'The account endpoint, e.g. https://myaccount.documents.azure.com:443/.',
  required: true,
  rule: 'cosmosUrl',
  placeholder: 'https://myaccount.documents.azure.com:443/',
  example: 'https://example-cosmos.documents.azure.com:443/',
};

const DATABASE: ComponentField = {
  // database must already exist: a data-plane role cannot create it (dapr-components.md section 4).
  key: 'database',
  label: 'Database',
  help: 'An existing database; Dapr does not create it.',
  required: true,
  rule: 'cosmosDatabaseId',
  placeholder: 'mydb',
  example: 'example-db',
};

/**
 * Cosmos DB Built-in Data Contributor (00000000-0000-0000-0000-000000000002), assigned with
 * `az cosmosdb sql role assignment create` [D] (dapr/docs setup-azure-cosmosdb.md and bindings/cosmosdb.md).
 */
const DATA_CONTRIBUTOR: Grant = {
  kind: 'cosmos-sql-role',
  roleName: COSMOS_DATA_ROLES.dataContributor.name,
  roleDefinitionId: COSMOS_DATA_ROLES.dataContributor.id,
  resource: 'account',
};

/**
 * Both components read their container at the end of Init (`c.client.Read(readCtx, nil)`: components-contrib
 * state/azure/cosmosdb/cosmosdb.go Init and bindings/azure/cosmosdb/cosmosdb.go Init), a data-plane call with
 * the identity's token, so "Component loaded" proves the sign-in and the data-plane role.
 */
const CONTAINER_READ_IN_INIT = {
  source:
    'dapr/components-contrib state/azure/cosmosdb/cosmosdb.go and bindings/azure/cosmosdb/cosmosdb.go Init (c.client.Read)',
} as const;

export const COSMOS_COMPONENTS = [
  {
    type: 'state.azure.cosmosdb',
    version: 'v1',
    // Registered from Dapr 1.0: dapr/dapr cmd/daprd/main.go at v1.0.0.
    // Entra ID from 1.4: components-contrib state/azure/cosmosdb at v1.4.0-rc2 (pinned by dapr/dapr v1.4.0 go.mod).
    minDapr: '1.0',
    entraIdMinDapr: '1.4',
    initSignIn: CONTAINER_READ_IN_INIT,
    // components-contrib state/azure/cosmosdb/metadata.yaml.
    status: 'stable',
    title: 'Azure Cosmos DB state store',
    // Summary: what dapr/docs daprdocs/content/en/reference/components-reference/supported-state-stores/setup-azure-cosmosdb.md says it does.
    summary: 'Keep Dapr state as items in a Cosmos DB for NoSQL container.',
    defaultName: 'statestore',
    fields: [
      URL,
      DATABASE,
      {
        // collection: an existing container whose partition key path is /partitionKey
        // (dapr/docs setup-azure-cosmosdb.md; dapr-components.md section 4).
        key: 'collection',
        label: 'Container',
        help: 'An existing container with the partition key path /partitionKey.',
        required: true,
        rule: 'cosmosContainerId',
        placeholder: 'statestore',
        example: 'example-container',
      },
    ],
    resources: [COSMOS_ACCOUNT],
    grants: [DATA_CONTRIBUTOR],
  },
  {
    type: 'bindings.azure.cosmosdb',
    version: 'v1',
    // Registered from Dapr 1.0: dapr/dapr cmd/daprd/main.go at v1.0.0.
    // Entra ID from 1.4: components-contrib bindings/azure/cosmosdb at v1.4.0-rc2 (pinned by dapr/dapr v1.4.0 go.mod).
    minDapr: '1.0',
    entraIdMinDapr: '1.4',
    initSignIn: CONTAINER_READ_IN_INIT,
    // components-contrib bindings/azure/cosmosdb/metadata.yaml.
    status: 'stable',
    title: 'Azure Cosmos DB binding',
    // Summary: what dapr/docs daprdocs/content/en/reference/components-reference/supported-bindings/cosmosdb.md (Binding support: output, create) says it does.
    summary: 'Create items in a Cosmos DB for NoSQL container (output binding).',
    defaultName: 'cosmosdb-binding',
    fields: [
      URL,
      DATABASE,
      {
        // collection: the container (metadata.yaml); it must already exist.
        key: 'collection',
        label: 'Container',
        help: 'An existing container; Dapr does not create it.',
        required: true,
        rule: 'cosmosContainerId',
        placeholder: 'orders',
        example: 'example-container',
      },
      {
        // partitionKey: the payload property holding the partition key; it must match the container's partition
        // key (bindings/azure/cosmosdb/metadata.yaml).
        key: 'partitionKey',
        label: 'Partition key property',
        help: "The property of each item that holds the container's partition key, e.g. orderId.",
        required: true,
        rule: 'cosmosPartitionKey',
        placeholder: 'orderId',
        example: 'examplePartitionKey',
      },
    ],
    resources: [COSMOS_ACCOUNT],
    grants: [DATA_CONTRIBUTOR],
  },
] as const satisfies readonly ComponentSpec[];
