/**
 * Naming rules for every value a user types, with the message shown beside the field.
 * Azure: MicrosoftDocs/azure-docs articles/azure-resource-manager/management/resource-name-rules.md.
 * Kubernetes: kubernetes.io docs concepts/overview/working-with-objects/names.md (DNS-1123).
 */

export interface NamingRule {
  readonly pattern: RegExp;
  /** Shown beside the field when the value does not match. */
  readonly message: string;
}

// DNS-1123 label: lowercase alphanumerics and '-', alphanumeric at both ends, at most 63 (Kubernetes names doc).
const DNS_LABEL = /^(?=.{1,63}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
// DNS-1123 subdomain: dot-separated labels, at most 253 (Kubernetes names doc).
const DNS_SUBDOMAIN = /^(?=.{1,253}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

export const NAMING_RULES = {
  resourceGroup: {
    // Microsoft.Resources/resourceGroups: 1-90, alphanumerics, '_', '-', '.', '(', ')'; cannot end in '.'.
    pattern: /^[A-Za-z0-9_().-]{0,89}[A-Za-z0-9_()-]$/,
    message: "1-90 letters, digits, '-', '_', '.', '(' or ')', not ending in '.'.",
  },
  subscription: {
    // az account set --subscription takes the subscription id (a GUID) or its display name.
    pattern:
      /^(?:[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|[A-Za-z0-9][A-Za-z0-9 _.()-]{0,63})$/,
    message: 'A subscription id (GUID) or a name of letters, digits, spaces, -, _, ., ( or ).',
  },
  location: {
    // Azure region names as the CLI takes them: lowercase letters and digits (e.g. westeurope).
    pattern: /^[a-z][a-z0-9]{1,39}$/,
    message: 'An Azure region name such as westeurope: lowercase letters and digits.',
  },
  keyVaultName: {
    // Microsoft.KeyVault/vaults: 3-24, alphanumerics and '-', start with a letter, end with a letter or digit,
    // no consecutive hyphens.
    pattern: /^(?!.*--)[A-Za-z][A-Za-z0-9-]{1,22}[A-Za-z0-9]$/,
    message: "3-24 letters, digits or '-', starting with a letter, ending with a letter or digit, no '--'.",
  },
  identityName: {
    // Microsoft.ManagedIdentity/userAssignedIdentities: 3-128, alphanumerics, '-', '_', start with alphanumeric.
    pattern: /^[A-Za-z0-9][A-Za-z0-9_-]{2,127}$/,
    message: "3-128 letters, digits, '-' or '_', starting with a letter or digit.",
  },
  clientId: {
    // A managed identity's client id is a GUID (az identity show --query clientId).
    pattern: GUID,
    message: 'A client id is a GUID such as 00000000-0000-0000-0000-000000000000.',
  },
  aksClusterName: {
    // Microsoft.ContainerService/managedClusters: 1-63, alphanumerics, '_', '-', alphanumeric at both ends.
    pattern: /^[A-Za-z0-9](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9])?$/,
    message: "1-63 letters, digits, '-' or '_', starting and ending with a letter or digit.",
  },
  containerAppName: {
    // Microsoft.App/containerApps: 2-32, lowercase letters, digits, '-', start with a letter, end alphanumeric,
    // no '--'.
    pattern: /^(?!.*--)[a-z][a-z0-9-]{0,30}[a-z0-9]$/,
    message:
      "2-32 lowercase letters, digits or '-', starting with a letter, ending with a letter or digit, no '--'.",
  },
  containerAppsEnvironment: {
    // Microsoft.App/managedEnvironments: 2-60, alphanumerics and '-', start with a letter, end alphanumeric.
    pattern: /^(?!.*--)[A-Za-z][A-Za-z0-9-]{0,58}[A-Za-z0-9]$/,
    message: "2-60 letters, digits or '-', starting with a letter, ending with a letter or digit.",
  },
  appServiceName: {
    // Microsoft.Web/sites: 2-60, alphanumerics and '-', not starting or ending with '-'.
    pattern: /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,58}[A-Za-z0-9])$/,
    message: "2-60 letters, digits or '-', not starting or ending with '-'.",
  },
  vmName: {
    // Microsoft.Compute/virtualMachines (Linux): 1-64, no spaces or special characters, cannot start with '_',
    // cannot end with '.' or '-'.
    pattern: /^[A-Za-z0-9](?:[A-Za-z0-9._-]{0,62}[A-Za-z0-9_])?$/,
    message:
      "1-64 letters, digits, '-', '_' or '.', starting with a letter or digit, not ending with '.' or '-'.",
  },
  containerGroupName: {
    // Microsoft.ContainerInstance/containerGroups: 1-63, lowercase letters, digits, '-', alphanumeric at both
    // ends, no '--'.
    pattern: /^(?!.*--)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/,
    message: "1-63 lowercase letters, digits or '-', starting and ending with a letter or digit, no '--'.",
  },
  kubernetesNamespace: {
    pattern: DNS_LABEL,
    message:
      "A Kubernetes namespace: 1-63 lowercase letters, digits or '-', starting and ending alphanumeric.",
  },
  serviceAccountName: {
    pattern: DNS_SUBDOMAIN,
    message: "A Kubernetes name: lowercase letters, digits, '-' and '.', starting and ending alphanumeric.",
  },
  daprComponentName: {
    // metadata.name of a Kubernetes resource (DNS-1123 subdomain); also valid as an ACA Dapr component name.
    pattern: DNS_SUBDOMAIN,
    message: "Lowercase letters, digits, '-' and '.', starting and ending with a letter or digit.",
  },
  daprAppId: {
    // On Kubernetes the app id becomes the '<app-id>-dapr' Service name, so it must be a DNS-1123 label.
    pattern: /^(?=.{1,58}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?$/,
    message: "1-58 lowercase letters, digits or '-', starting and ending with a letter or digit.",
  },
  containerImage: {
    // registry/repository[:tag][@sha256:digest], as Docker image references are written.
    pattern:
      /^[a-z0-9]+(?:[._-][a-z0-9]+)*(?::[0-9]+)?(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(?:@sha256:[a-f0-9]{64})?$/,
    message:
      'A container image such as myregistry.azurecr.io/myapp:1.0 (lowercase repository, optional tag).',
  },
  port: {
    pattern: /^(?:[1-9][0-9]{0,3}|[1-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-5])$/,
    message: 'A TCP port from 1 to 65535.',
  },
} as const satisfies Record<string, NamingRule>;

export type NamingRuleId = keyof typeof NAMING_RULES;
