/**
 * The host resource is the user's: the IaC outputs never redeclare it, and instead give the exact `identity`
 * block (and on Container Apps the `dapr` block) to add to it in the user's own template, as comment lines.
 *
 * ARM: ManagedServiceIdentity { type, userAssignedIdentities: { '<identity resource id>': {} } } on
 * Microsoft.App/containerApps, Microsoft.Web/sites, Microsoft.Compute/virtualMachines(ScaleSets) and
 * Microsoft.ContainerInstance/containerGroups; Container Apps' configuration.dapr { enabled, appId, appPort }
 * (the @azure/arm-* models in src/test-support/iac/arm-models.json name the same packages). azurerm: the
 * `identity { type, identity_ids }` block of azurerm_container_app, azurerm_linux_web_app,
 * azurerm_linux_function_app, azurerm_linux_virtual_machine, azurerm_linux_virtual_machine_scale_set and
 * azurerm_container_group, and azurerm_container_app's `dapr { app_id, app_port }` block
 * (registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/container_app).
 */
import { bicepValue, expr, type BicepValue } from './bicep/bicep-text';
import type { IacView } from './iac-view';
import { argument, block, hclBody, ref, type HclItem } from './terraform/hcl-text';

/**
 * The Terraform address of the user-assigned identity: a data source when it is the user's existing one
 * (azurerm data source azurerm_user_assigned_identity: name, resource_group_name -> id, client_id, principal_id,
 * src/test-support/iac/azurerm-schema.json), else the resource main.tf creates.
 */
export function terraformIdentity(view: IacView): string {
  return view.identityIsExisting
    ? 'data.azurerm_user_assigned_identity.app'
    : 'azurerm_user_assigned_identity.app';
}

/** The identity's title without its note: "Microsoft Entra Workload ID (recommended)" -> "Microsoft Entra Workload ID". */
export function identityTitle(plan: IacView['plan']): string {
  return plan.identity.title.replace(/\s*\([^)]*\)$/, '');
}

function intro(view: IacView, language: 'Bicep' | 'Terraform'): string | undefined {
  const { plan } = view;
  if (plan.host.id === 'aks') return undefined; // Workload ID and the kubelet identity need nothing on the cluster resource here
  const noun = plan.host.noun;
  const created = view.principal === 'created-identity';
  const where = language === 'Bicep' ? 'its own template' : 'its own resource block';
  const lines = [
    created
      ? `Your ${noun} must carry the identity: add this block to ${where}${language === 'Bicep' ? " (identityId is this file's output)" : ''}.`
      : `Your ${noun} must have its system-assigned identity on before this deploys: add this block to ${where}.`,
  ];
  // A template write replaces the whole identity property (ManagedServiceIdentity: type and the full
  // userAssignedIdentities map), so the block must keep what the host already carries.
  const both =
    language === 'Bicep'
      ? "the type naming both kinds, spelled as the resource's identity.type shows it"
      : 'type = "SystemAssigned, UserAssigned"';
  const entries = language === 'Bicep' ? 'userAssignedIdentities entry' : 'id in identity_ids';
  lines.push(
    `${language === 'Bicep' ? 'A deployment' : 'Terraform'} sets the whole identity: if it also has ` +
      (created
        ? `its system-assigned identity or other user-assigned ones, keep them (${both}, and every existing ${entries}).`
        : `user-assigned identities, keep them (${both}, and every existing ${entries}).`),
  );
  if (plan.host.identityNote) lines.push(plan.host.identityNote);
  return lines.join('\n');
}

/** Comment lines: the block(s) to add to the user's host resource in Bicep; undefined on AKS. */
export function identityBlockBicep(view: IacView): string[] | undefined {
  const text = intro(view, 'Bicep');
  if (text === undefined) return undefined;
  const created = view.principal === 'created-identity';
  const identity: BicepValue = created
    ? { type: 'UserAssigned', userAssignedIdentities: { [`\${identityId}`]: {} } }
    : { type: 'SystemAssigned' };
  const lines = [
    ...text.split('\n'),
    ...`identity: ${bicepValue(identity)}`.split('\n').map((l) => `  ${l}`),
  ];
  const dapr: Record<string, BicepValue> = { enabled: true, appId: view.plan.appId };
  if (view.plan.appPort !== '') dapr.appPort = expr(String(Number(view.plan.appPort)));
  if (view.plan.host.id === 'aca') {
    lines.push(
      'and Dapr, with the app id every component is scoped to, under properties.configuration:',
      ...`dapr: ${bicepValue(dapr)}`.split('\n').map((l) => `  ${l}`),
    );
  }
  if (view.plan.host.id === 'functionapp') {
    // Microsoft.Web/sites properties.daprConfig { enabled, appId, appPort } (DaprConfig, @azure/arm-appservice;
    // MicrosoftDocs azure-docs articles/azure-functions/functions-bindings-dapr.md); the script checks both.
    lines.push(
      'and Dapr, with the app id every component is scoped to, under properties:',
      ...`daprConfig: ${bicepValue(dapr)}`.split('\n').map((l) => `  ${l}`),
    );
  }
  // The identity's resource id as a key is an interpolation in the user's file, not a literal here.
  return lines.map((line) => line.replace(`'\\\${identityId}'`, "'${identityId}'"));
}

/** Comment lines: the block(s) to add to the user's host resource in Terraform; undefined on AKS. */
export function identityBlockTerraform(view: IacView): string[] | undefined {
  const text = intro(view, 'Terraform');
  if (text === undefined) return undefined;
  const created = view.principal === 'created-identity';
  const items: HclItem[] = [
    block(
      'identity',
      [],
      created
        ? [argument('type', 'UserAssigned'), argument('identity_ids', [ref(`${terraformIdentity(view)}.id`)])]
        : [argument('type', 'SystemAssigned')],
    ),
  ];
  if (view.plan.host.id === 'aca') {
    items.push(
      block(
        'dapr',
        [],
        [
          argument('app_id', view.plan.appId),
          ...(view.plan.appPort === '' ? [] : [argument('app_port', Number(view.plan.appPort))]),
        ],
      ),
    );
  }
  const lines = [...text.split('\n'), ...hclBody(items, '  ').trimEnd().split('\n')];
  if (view.plan.host.id === 'functionapp') {
    // The azurerm 4.55 azurerm_linux_function_app schema (src/test-support/iac/azurerm-schema.json) has no Dapr
    // and no Container Apps environment argument.
    lines.push(
      `and Dapr on, with the app id ${view.plan.appId} every component is scoped to: azurerm_linux_function_app has no`,
      'Dapr argument, so turn it on in the portal or an ARM template (properties.daprConfig: enabled true, appId).',
      'Unconfirmed: whether the azurerm_linux_function_app data source reads a function app in a Container Apps environment.',
    );
  }
  return lines;
}
