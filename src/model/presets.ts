/**
 * Configurations a newcomer can start from, each a share link. A preset picks the host, the identity and the
 * components only: every name stays the wizard's example value (./examples.ts), so the outputs show at once
 * and the script refuses to run until the user has entered their own. Each combination is one the golden
 * scenarios (src/generate/__golden__) were read against; presets.test.ts checks each opens with no
 * complaint, every output built, and nothing but example values left to fill in.
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
    // As three-components-aca, without its Blob state store.
    hash: 'host=aca&c2.component=pubsub.azure.servicebus.topics',
  },
  {
    id: 'aks-workload-state-pubsub',
    title: 'AKS Workload ID + state store + pub/sub',
    description: 'Pods signing in through a federated ServiceAccount to Blob Storage state and Service Bus.',
    // As three-components-aks, without its Key Vault.
    hash: 'host=aks&component=state.azure.blobstorage&c2.component=pubsub.azure.servicebus.topics',
  },
  {
    id: 'vm-keyvault-dapr-docs',
    title: 'VM + Key Vault, as in Dapr’s managed identity page',
    description:
      'The system-assigned Key Vault component of Dapr’s “How to: Use Managed Identities”; add your names.',
    // The vm-system-seed golden scenario: the page's YAML (no app id, so no scopes), its vault name an example.
    hash: 'host=vm&appId=',
  },
];
