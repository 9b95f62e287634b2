/**
 * Configurations a newcomer can start from, each a share link. Their values are the golden scenarios'
 * (src/generate/__golden__), so every component, host and identity in them is one the golden files were read
 * against; presets.test.ts checks each opens with no complaint and, but for the seed, every output built.
 */
export interface Preset {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  /** The share link's hash, without '#'. */
  readonly hash: string;
}

export const PRESETS: readonly Preset[] = [
  {
    id: 'aca-keyvault-servicebus',
    title: 'Container Apps + Key Vault + Service Bus',
    description: 'A system-assigned identity reading secrets and publishing to a Service Bus topic.',
    hash:
      'host=aca&resourceGroup=rg-orders&hostName=orders-api&environment=env-orders&appId=orders-api' +
      '&m.vaultName=kv-orders' +
      '&c2.component=pubsub.azure.servicebus.topics&c2.m.namespaceName=sb-orders.servicebus.windows.net',
  },
  {
    id: 'aks-workload-state-pubsub',
    title: 'AKS Workload ID + state store + pub/sub',
    description: 'Pods signing in through a federated ServiceAccount to Blob Storage state and Service Bus.',
    hash:
      'host=aks&resourceGroup=rg-orders&hostName=aks-prod&identityName=id-orders&namespace=orders' +
      '&serviceAccount=orders-api&deployment=orders-api&appId=orders-api' +
      '&component=state.azure.blobstorage&m.accountName=stordersstate&m.containerName=orders-state' +
      '&c2.component=pubsub.azure.servicebus.topics&c2.m.namespaceName=sb-orders.servicebus.windows.net',
  },
  {
    id: 'vm-keyvault-dapr-docs',
    title: 'VM + Key Vault, as in Dapr’s managed identity page',
    description:
      'The system-assigned Key Vault component of Dapr’s “How to: Use Managed Identities”; add your names.',
    // The vm-system-seed golden scenario: the page's YAML as it stands.
    hash: 'host=vm',
  },
];
