import { describe, expect, it } from 'vitest';
import { checkTerraform, terraformSchemaVersions } from './terraform-check';

// A hand-written configuration in the shape the Terraform renderer will emit: an existing vault, a user-assigned
// identity with a Workload ID federated credential, and a role assignment scoped to the vault.
const VALID = `
terraform {
  required_providers {
    azurerm = {
      source  = "hashicorp/azurerm"
      version = "~> 4.0"
    }
  }
}

provider "azurerm" {
  features {}
}

variable "resource_group_name" {
  type = string
}

data "azurerm_key_vault" "vault" {
  name                = "kv-orders"
  resource_group_name = var.resource_group_name
}

resource "azurerm_user_assigned_identity" "app" {
  name                = "id-orders"
  location            = "westeurope"
  resource_group_name = var.resource_group_name
}

resource "azurerm_federated_identity_credential" "app" {
  name                = "orders"
  resource_group_name = var.resource_group_name
  parent_id           = azurerm_user_assigned_identity.app.id
  audience            = ["api://AzureADTokenExchange"]
  issuer              = "https://issuer.example"
  subject             = "system:serviceaccount:default:orders"
}

resource "azurerm_role_assignment" "vault_secrets" {
  scope              = data.azurerm_key_vault.vault.id
  role_definition_id = "/providers/Microsoft.Authorization/roleDefinitions/4633458b-17de-408a-b874-0445c86b69e6"
  principal_id       = azurerm_user_assigned_identity.app.principal_id
  principal_type     = "ServicePrincipal"

  timeouts {
    create = "10m"
  }
}

resource "azurerm_container_app_environment_dapr_component" "secrets" {
  name                         = "azurekeyvault"
  container_app_environment_id = "/subscriptions/x/resourceGroups/rg/providers/Microsoft.App/managedEnvironments/env"
  component_type               = "secretstores.azure.keyvault"
  version                      = "v1"
  scopes                       = ["orders"]

  dynamic "metadata" {
    for_each = { vaultName = "kv-orders" }
    content {
      name  = metadata.key
      value = metadata.value
    }
  }
}

resource "kubernetes_service_account_v1" "app" {
  metadata {
    name      = "orders"
    namespace = "default"
    annotations = {
      "azure.workload.identity/client-id" = azurerm_user_assigned_identity.app.client_id
    }
  }
}
`;

/** VALID with one resource block appended, for the error cases. */
const withResource = (block: string): string => `${VALID}\n${block}\n`;

describe('checkTerraform', () => {
  it('names the provider versions the schema extract came from', () => {
    expect(terraformSchemaVersions()).toEqual([
      'registry.terraform.io/hashicorp/azurerm 4.55.0 (from @cdktf/provider-azurerm@14.23.1)',
      'registry.terraform.io/hashicorp/kubernetes 2.38.0 (from @cdktf/provider-kubernetes@12.1.1)',
    ]);
  });

  it('passes a configuration that fits the provider schema', async () => {
    expect(await checkTerraform(VALID)).toEqual([]);
  });

  it('reports text that does not parse as HCL', async () => {
    const problems = await checkTerraform('resource "azurerm_role_assignment" "a" {\n  scope = "x\n}\n');
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^main\.tf: does not parse as HCL: /);
  });

  it('reports an unknown resource or data source type', async () => {
    expect(await checkTerraform(withResource('resource "azurerm_role_asignment" "a" {}'))).toEqual([
      'resource "azurerm_role_asignment" "a": unknown resource type (registry.terraform.io/hashicorp/azurerm 4.55.0; ' +
        'if the type is real, add it to scripts/extract-azurerm-schema.ts)',
    ]);
    expect(await checkTerraform('data "azurerm_keyvault" "v" {\n  name = "x"\n}\n')).toEqual([
      'data "azurerm_keyvault" "v": unknown data source type (registry.terraform.io/hashicorp/azurerm 4.55.0; ' +
        'if the type is real, add it to scripts/extract-azurerm-schema.ts)',
    ]);
  });

  it('reports an unknown argument, also inside a nested block', async () => {
    const problems = await checkTerraform(
      withResource(`resource "azurerm_role_assignment" "b" {
  scope          = "/x"
  principal_id   = "p"
  role_name      = "Reader"
  timeouts {
    creat = "5m"
  }
}`),
    );
    expect(problems).toEqual([
      'resource "azurerm_role_assignment" "b": unknown argument or block "role_name"',
      'resource "azurerm_role_assignment" "b" > timeouts: unknown argument or block "creat"',
    ]);
  });

  it('reports a missing required argument and a missing required block', async () => {
    expect(
      await checkTerraform(withResource('resource "azurerm_role_assignment" "c" {\n  principal_id = "p"\n}')),
    ).toEqual(['resource "azurerm_role_assignment" "c": missing required argument "scope"']);
    expect(await checkTerraform(withResource('resource "kubernetes_service_account_v1" "d" {}'))).toEqual([
      'resource "kubernetes_service_account_v1" "d": missing required block "metadata"',
    ]);
  });

  it('reports wrong nesting: a block written as an argument, a single block repeated, a computed value set', async () => {
    expect(
      await checkTerraform(
        withResource(`resource "kubernetes_service_account_v1" "e" {
  metadata = {
    name = "orders"
  }
}`),
      ),
    ).toEqual([
      'resource "kubernetes_service_account_v1" "e": "metadata" is a block: write metadata { ... }, not metadata = ...',
    ]);
    expect(
      await checkTerraform(
        withResource(`resource "kubernetes_service_account_v1" "f" {
  metadata {
    name = "a"
  }
  metadata {
    name = "b"
  }
}`),
      ),
    ).toEqual([
      'resource "kubernetes_service_account_v1" "f": block "metadata" may appear at most 1 time(s), found 2',
    ]);
    expect(
      await checkTerraform(
        withResource(`resource "azurerm_user_assigned_identity" "g" {
  name                = "id"
  location            = "westeurope"
  resource_group_name = "rg"
  principal_id        = "p"
}`),
      ),
    ).toEqual([
      'resource "azurerm_user_assigned_identity" "g": "principal_id" is computed by the provider and cannot be set',
    ]);
  });

  it('reports a provider block with an unknown setting and an unknown top-level block', async () => {
    expect(await checkTerraform('provider "azurerm" {\n  feature {}\n}\nresorce "x" "y" {}\n')).toEqual([
      'provider "azurerm": unknown argument or block "feature"',
      'main.tf: unknown top-level block "resorce"',
    ]);
  });
});
