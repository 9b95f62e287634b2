/**
 * Azure Storage: the Blob state store (v2 and v1), the Blob, Table and Queue components. Each picks Entra ID when
 * no account key or connection string is set (../shared/domain/dapr-components.md section 4).
 * Sources: dapr/components-contrib state/azure/blobstorage/{v1,v2}/metadata.yaml,
 * bindings/azure/blobstorage/metadata.yaml, state/azure/tablestorage/metadata.yaml,
 * bindings/azure/storagequeues/metadata.yaml; dapr/docs supported-state-stores/setup-azure-blobstorage.md,
 * setup-azure-tablestorage.md, supported-bindings/blobstorage.md, storagequeues.md.
 */
import type { ComponentField, ComponentSpec, ResourceRef } from '../component-spec';
import { ROLES } from '../roles';

/**
 * `az storage account show` finds the account's resource group itself when --resource-group is left out
 * (azure-cli 2.45 storage/_params.py: resource_group_name required=False, validator process_resource_group).
 */
const STORAGE_ACCOUNT: ResourceRef = {
  id: 'storage',
  title: 'Storage account',
  // accountName is the bare account name (metadata.yaml of each storage component).
  field: 'accountName',
  nameFrom: 'value',
  showCommand: ['storage', 'account', 'show'],
  needsResourceGroup: false,
  variable: 'STORAGE_ACCOUNT',
};

const ACCOUNT_NAME: ComponentField = {
  key: 'accountName',
  label: 'Storage account name',
  help: 'The account name only, not its URL.',
  required: true,
  rule: 'storageAccountName',
  placeholder: 'mystorageaccount',
  example: 'examplestorage',
};

const CONTAINER_NAME: ComponentField = {
  key: 'containerName',
  label: 'Blob container',
  help: 'Dapr creates the container at startup if it is missing.',
  required: true,
  rule: 'blobContainerName',
  placeholder: 'mycontainer',
  example: 'example-container',
};

/** The Blob state stores, v2 and v1: same metadata and auth (dapr-components.json notes). */
function blobStateFields(): readonly ComponentField[] {
  return [
    ACCOUNT_NAME,
    CONTAINER_NAME,
    {
      // disableEntityManagement: skip creating the container at init (common/component/azure/blobstorage).
      key: 'disableEntityManagement',
      label: 'Container already exists',
      help: 'When ticked, Dapr does not try to create the container.',
      required: false,
      rule: 'boolean',
    },
  ];
}

/**
 * Init creates the container unless entity management is off: components-contrib
 * state/azure/blobstorage/internal/blobstorage.go Init -> common/component/azure/blobstorage/client.go
 * CreateContainerStorageClient -> EnsureContainer.
 */
const BLOB_STATE_INIT_SIGN_IN = {
  source: 'dapr/components-contrib common/component/azure/blobstorage/client.go EnsureContainer',
  skippedWhen: { disableEntityManagement: 'true' },
} as const;

export const STORAGE_COMPONENTS = [
  {
    type: 'state.azure.blobstorage',
    version: 'v2',
    // Registered from Dapr 1.13: dapr/dapr cmd/daprd/components/state_azure_blobstorage.go at v1.13.0.
    minDapr: '1.13',
    // components-contrib state/azure/blobstorage/v2/metadata.yaml.
    status: 'stable',
    title: 'Azure Blob Storage state store',
    // Summary: what dapr/docs daprdocs/content/en/reference/components-reference/supported-state-stores/setup-azure-blobstorage.md says it does.
    summary: 'Keep Dapr state as blobs in a storage account container.',
    defaultName: 'statestore',
    fields: blobStateFields(),
    initSignIn: BLOB_STATE_INIT_SIGN_IN,
    resources: [STORAGE_ACCOUNT],
    // Storage Blob Data Contributor, named on the Dapr state store page [D]
    // (dapr/docs supported-state-stores/setup-azure-blobstorage.md); it also covers creating the container.
    grants: [{ kind: 'rbac', role: ROLES.storageBlobDataContributor, resource: 'storage' }],
  },
  {
    type: 'state.azure.blobstorage',
    version: 'v1',
    // Registered from Dapr 1.0: dapr/dapr cmd/daprd/main.go at v1.0.0.
    // Entra ID from 1.4: components-contrib state/azure/blobstorage at v1.4.0-rc2 (pinned by dapr/dapr v1.4.0 go.mod).
    minDapr: '1.0',
    entraIdMinDapr: '1.4',
    // components-contrib state/azure/blobstorage/v1/metadata.yaml.
    status: 'stable',
    title: 'Azure Blob Storage state store (v1)',
    // Summary: what dapr/docs daprdocs/content/en/reference/components-reference/supported-state-stores/setup-azure-blobstorage.md says it does.
    summary: 'The original Blob state store; keep it only for data it already wrote.',
    defaultName: 'statestore',
    // dapr/dapr registers v2 as preferred and v1 as deprecated; the two store keys differently, so data is not
    // shared between them (dapr/docs setup-azure-blobstorage.md; dapr-components.json notes).
    deprecated: 'v1 is deprecated and cannot read data written by v2 (or the reverse); use v2 for new state.',
    fields: blobStateFields(),
    initSignIn: BLOB_STATE_INIT_SIGN_IN,
    resources: [STORAGE_ACCOUNT],
    // Same role as v2 [D] (setup-azure-blobstorage.md).
    grants: [{ kind: 'rbac', role: ROLES.storageBlobDataContributor, resource: 'storage' }],
  },
  {
    type: 'bindings.azure.blobstorage',
    version: 'v1',
    initSignIn: {
      source:
        'dapr/components-contrib (c23900d2) bindings/azure/blobstorage/blobstorage.go Init, common/component/azure/blobstorage/client.go EnsureContainer',
      skippedWhen: { disableEntityManagement: 'true' },
    },
    // Registered from Dapr 1.0: dapr/dapr cmd/daprd/main.go at v1.0.0.
    // Entra ID from 1.6: components-contrib bindings/azure/blobstorage at v1.6.0-rc.2 (pinned by dapr/dapr v1.6.0 go.mod).
    minDapr: '1.0',
    entraIdMinDapr: '1.6',
    // components-contrib bindings/azure/blobstorage/metadata.yaml.
    status: 'stable',
    title: 'Azure Blob Storage binding',
    // Summary: what dapr/docs daprdocs/content/en/reference/components-reference/supported-bindings/blobstorage.md (Binding support: create, get, delete, list) says it does.
    summary: 'Create, get, list and delete blobs in a container (output binding).',
    defaultName: 'blob-binding',
    fields: [
      ACCOUNT_NAME,
      { ...CONTAINER_NAME, help: 'Dapr creates the container at startup unless it is read-only here.' },
      {
        // decodeBase64: decode the payload before writing it (metadata.yaml).
        key: 'decodeBase64',
        label: 'Decode Base64 payloads',
        help: 'When ticked, payloads are Base64-decoded before they are stored.',
        required: false,
        rule: 'boolean',
      },
    ],
    choices: [
      {
        key: 'blobAccess',
        legend: 'What the app does with blobs',
        options: [
          {
            id: 'read',
            title: 'Read only',
            description: 'Only the get and list operations; the container must already exist.',
            // A reader cannot create the container, which Dapr tries at init unless entity management is off
            // (dapr-components.md section 4, Blob storage).
            metadata: { disableEntityManagement: 'true' },
          },
          {
            id: 'readwrite',
            title: 'Read and write',
            description: 'Create, get, list and delete blobs; Dapr creates the container if missing.',
          },
        ],
      },
    ],
    resources: [STORAGE_ACCOUNT],
    // The binding page names no role [I]; the state store page's Storage Blob Data Contributor covers create and
    // delete, Storage Blob Data Reader covers get and list (dapr-components.md section 2).
    grantSource:
      'No role on the Dapr binding page; Contributor as on the Blob state store page, Reader for get and list only.',
    grants: [
      {
        kind: 'rbac',
        role: ROLES.storageBlobDataReader,
        resource: 'storage',
        when: { blobAccess: ['read'] },
      },
      {
        kind: 'rbac',
        role: ROLES.storageBlobDataContributor,
        resource: 'storage',
        when: { blobAccess: ['readwrite'] },
      },
    ],
  },
  {
    type: 'state.azure.tablestorage',
    version: 'v1',
    initSignIn: {
      source:
        'dapr/components-contrib (c23900d2) state/azure/tablestorage/tablestorage.go Init (client.CreateTable)',
      skippedWhen: { skipCreateTable: 'true' },
    },
    // Registered from Dapr 1.0: dapr/dapr cmd/daprd/main.go at v1.0.0.
    // Entra ID from 1.8: components-contrib state/azure/tablestorage at v1.8.0-rc.6 (pinned by dapr/dapr v1.8.0 go.mod).
    minDapr: '1.0',
    entraIdMinDapr: '1.8',
    // components-contrib state/azure/tablestorage/metadata.yaml.
    status: 'stable',
    title: 'Azure Table Storage state store',
    // Summary: what dapr/docs daprdocs/content/en/reference/components-reference/supported-state-stores/setup-azure-tablestorage.md says it does.
    summary: 'Keep Dapr state as entities in a storage account table.',
    defaultName: 'statestore',
    // cosmosDbMode (the Cosmos DB Table API) is not offered: its Entra ID grant is unverified
    // (dapr-components.md section 6).
    fields: [
      ACCOUNT_NAME,
      {
        key: 'tableName',
        label: 'Table name',
        help: 'Dapr creates the table at startup unless told it exists.',
        required: true,
        rule: 'storageTableName',
        placeholder: 'daprstate',
        example: 'exampletable',
      },
      {
        // skipCreateTable: do not create the table at init (metadata.yaml).
        key: 'skipCreateTable',
        label: 'Table already exists',
        help: 'When ticked, Dapr does not try to create the table.',
        required: false,
        rule: 'boolean',
      },
    ],
    resources: [STORAGE_ACCOUNT],
    // No role in the Dapr docs [I]; Storage Table Data Contributor covers reads, writes and table creation
    // (dapr-components.md section 4, Table storage).
    grantSource:
      'No role in the Dapr docs; Storage Table Data Contributor covers reads, writes and table creation.',
    grants: [{ kind: 'rbac', role: ROLES.storageTableDataContributor, resource: 'storage' }],
  },
  {
    type: 'bindings.azure.storagequeues',
    version: 'v1',
    initSignIn: {
      source:
        'dapr/components-contrib (c23900d2) bindings/azure/storagequeues/storagequeues.go Init (queueClient.Create)',
    },
    // Registered from Dapr 1.0: dapr/dapr cmd/daprd/main.go at v1.0.0.
    // Entra ID from 1.9: components-contrib bindings/azure/storagequeues at v1.9.0-rc.5 (pinned by dapr/dapr v1.9.0 go.mod).
    minDapr: '1.0',
    entraIdMinDapr: '1.9',
    // components-contrib bindings/azure/storagequeues/metadata.yaml.
    status: 'stable',
    title: 'Azure Storage Queues binding',
    // Summary: what dapr/docs daprdocs/content/en/reference/components-reference/supported-bindings/storagequeues.md (Binding support: input and output) says it does.
    summary: 'Receive messages from a storage queue (input) and add messages to it (output).',
    defaultName: 'queue-binding',
    fields: [
      ACCOUNT_NAME,
      {
        key: 'queueName',
        label: 'Queue name',
        help: 'Dapr creates the queue at startup if it is missing.',
        required: true,
        rule: 'storageQueueName',
        placeholder: 'myqueue',
        example: 'example-queue',
      },
      {
        // pollingInterval, default 10s (metadata.yaml).
        key: 'pollingInterval',
        label: 'Polling interval',
        help: 'How often the queue is polled, e.g. 10s.',
        required: false,
        rule: 'duration',
      },
      {
        // ttl, default 10m, for messages the output binding adds (metadata.yaml).
        key: 'ttl',
        label: 'Message time-to-live',
        help: 'How long added messages live, e.g. 10m.',
        required: false,
        rule: 'duration',
      },
      {
        // visibilityTimeout, default 30s, for the input binding (metadata.yaml).
        key: 'visibilityTimeout',
        label: 'Visibility timeout',
        help: 'How long a failed message stays hidden before it is retried, e.g. 30s.',
        required: false,
        rule: 'duration',
      },
    ],
    resources: [STORAGE_ACCOUNT],
    // No role in the Dapr docs [I]. Init always creates the queue and stops on any error
    // (components-contrib bindings/azure/storagequeues/storagequeues.go), so sender/processor roles are not
    // enough: Storage Queue Data Contributor (dapr-components.md section 4).
    grantSource:
      'No role in the Dapr docs; Dapr creates the queue at startup, so Storage Queue Data Contributor.',
    grants: [{ kind: 'rbac', role: ROLES.storageQueueDataContributor, resource: 'storage' }],
  },
] as const satisfies readonly ComponentSpec[];
