/** The provider versions main.tf requires: the schema extract's (src/test-support/iac/azurerm-schema.json). */
export const AZURERM_VERSION = '~> 4.55';
export const KUBERNETES_VERSION = '~> 2.38';
