// A client id typed in the wizard names the user's existing identity: the setup script uses it and creates none,
// so main.bicep only references it (`existing`: a declaration would be a PUT that creates an identity of a
// mistyped name, or rewrites its region and tags) and main.tf reads it with a data source (a managed resource
// would need importing first, and terraform destroy would then delete the user's identity).
import { describe, expect, it } from 'vitest';
import { parseShareLink } from '../../model/url-state';
import { iacFiles } from '../iac-outputs';

const CLIENT_ID = '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b';
const LINK =
  'host=vm&identity=user&resourceGroup=rg-orders&hostName=vm-orders&identityName=id-orders&m.vaultName=kv-orders';

function files(link: string): { bicep: string; parameters: string; tf: string } {
  const config = parseShareLink('', link).config;
  const bicep = iacFiles(config, 'bicep');
  return {
    bicep: bicep.find((file) => file.id === 'bicep')?.text ?? '',
    parameters: bicep.find((file) => file.id === 'bicep-parameters')?.text ?? '',
    tf: iacFiles(config, 'terraform')[0]?.text ?? '',
  };
}

describe('the user-assigned identity', () => {
  it('with a typed client id is referenced, never declared', () => {
    const { bicep, parameters, tf } = files(`${LINK}&clientId=${CLIENT_ID}`);
    expect(bicep).toContain(
      "resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' existing = {",
    );
    expect(bicep).not.toMatch(/^param location /m);
    expect(parameters).not.toContain('"location"');
    expect(tf).not.toContain('resource "azurerm_user_assigned_identity"');
    expect(tf).toContain('data "azurerm_user_assigned_identity" "app" {');
    expect(tf).toContain(`condition     = self.client_id == "${CLIENT_ID}"`);
    expect(tf).not.toMatch(/^# {3}azurerm_user_assigned_identity\.app$/m);
    expect(tf).toContain('principal_id = data.azurerm_user_assigned_identity.app.principal_id');
  });

  it('without one is created, with its region', () => {
    const { bicep, tf } = files(LINK);
    expect(bicep).toContain(
      "resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {",
    );
    expect(bicep).toMatch(/^param location /m);
    expect(tf).toContain('resource "azurerm_user_assigned_identity" "app" {');
    expect(tf).not.toContain('data "azurerm_user_assigned_identity"');
  });

  it('created: says what a deployment does to one of that name that exists (region, tags)', () => {
    const { bicep, tf } = files(LINK);
    expect(bicep).not.toContain('updated in place');
    expect(bicep).toContain('in another region the deployment fails (InvalidResourceLocation)');
    expect(tf).toContain('one in another region is replaced');
    for (const text of [bicep, tf]) expect(text).toMatch(/the setup's createdBy tag/i);
  });

  it("created: Terraform carries the setup's createdBy tag and keeps it as it was on one imported; Bicep none", () => {
    const { bicep, tf } = files(LINK);
    // The teardown deletes (when asked) only an identity with this tag (teardown/identity.ts). Bicep cannot
    // leave a tag as it was, so it writes none: a tag would also mark an identity the user had before.
    expect(bicep).toMatch(
      /resource identity 'Microsoft\.ManagedIdentity\/userAssignedIdentities@[^']+' = \{\n {2}name: identityName\n {2}location: location\n\}/,
    );
    expect(bicep).not.toContain('dapr-mi-wizard');
    expect(tf).toMatch(
      /resource "azurerm_user_assigned_identity" "app" \{[^}]*tags {16}= \{\n {4}createdBy = "dapr-mi-wizard"\n {2}\}\n {2}lifecycle \{\n {4}ignore_changes = \[tags\["createdBy"\]\]\n/,
    );
    // A referenced identity is the user's: neither file tags it.
    for (const text of Object.values(files(`${LINK}&clientId=${CLIENT_ID}`)))
      expect(text).not.toContain('dapr-mi-wizard');
  });

  it("Terraform writes the setup's role assignment description on create only", () => {
    const { tf } = files(LINK);
    // An imported assignment the user made before keeps having no description, so the teardown, which takes
    // only assignments with it, keeps that one.
    const assignments = tf.split('resource "azurerm_role_assignment"').slice(1);
    expect(assignments.length).toBeGreaterThan(0);
    for (const assignment of assignments) {
      expect(assignment).toMatch(
        /description {8}= "Created by the Dapr Managed Identity Wizard"\n {2}lifecycle \{\n {4}ignore_changes = \[description\]\n/,
      );
    }
  });
});
