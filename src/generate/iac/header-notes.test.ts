// What the IaC headers must tell a user whose setup script ran first, checked on files rendered from share links
// (not the golden files), so that a renderer dropping a note fails here.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseShareLink } from '../../model/url-state';
import { iacFiles } from '../iac-outputs';
import { CREATED_ANNOTATION } from '../k8s-manifests';
import { ROLE_ASSIGNMENT_DESCRIPTION } from '../setup/provenance';

function files(link: string): { bicep: string; tf: string } {
  const config = parseShareLink('', link).config;
  return {
    bicep: iacFiles(config, 'bicep').find((file) => file.id === 'bicep')?.text ?? '',
    tf: iacFiles(config, 'terraform')[0]?.text ?? '',
  };
}

const AKS =
  'host=aks&resourceGroup=rg-orders&subscription=Contoso%20Production&hostName=aks-prod&identityName=id-orders&namespace=orders&serviceAccount=orders-api&m.vaultName=kv-orders';

describe('IaC header notes', () => {
  it('AKS Workload ID: both say a credential for the same issuer and subject must keep its name, and how to find it', () => {
    const lookup =
      "az identity federated-credential list --identity-name id-orders --subscription 'Contoso Production' --resource-group rg-orders" +
      ` --query "[?issuer=='<issuer>' && subject=='system:serviceaccount:orders:orders-api'].name" -o tsv`;
    const issuer =
      "az aks show --subscription 'Contoso Production' --resource-group rg-orders --name aks-prod --query oidcIssuerProfile.issuerUrl -o tsv";
    for (const text of Object.values(files(AKS))) {
      expect(text).toContain('Issuer and subject combination already exists for this Managed Identity');
      expect(text).toContain(lookup);
      expect(text).toContain(issuer);
      expect(text).toContain(
        "az identity federated-credential show --name dapr-orders-orders-api --identity-name id-orders --subscription 'Contoso Production' --resource-group rg-orders --query '{issuer:issuer,subject:subject}'",
      );
      expect(text).toContain(
        'If it names another issuer or subject, do not deploy: use another name in place of dapr-orders-orders-api.',
      );
    }
  });

  it('AKS kubelet identity: no federated credential, no note', () => {
    for (const text of Object.values(files(`${AKS}&aksIdentity=kubelet`)))
      expect(text).not.toContain('federated-credential list');
  });

  it('outside the public cloud, both say to set az to that cloud and sign in first', () => {
    for (const [cloud, name] of [
      ['china', 'AzureChinaCloud'],
      ['usgovernment', 'AzureUSGovernment'],
    ] as const) {
      for (const text of Object.values(files(`${AKS}&cloud=${cloud}`)))
        expect(text).toContain(`First: az cloud set --name ${name} && az login`);
    }
    for (const text of Object.values(files(AKS))) expect(text).not.toContain('az cloud set');
  });

  it('Bicep in an azd project: the subscription the wizard names, as an id (a name is looked up)', () => {
    expect(files(AKS).bicep).toContain(
      `SUBSCRIPTION_ID=$(az account show --subscription 'Contoso Production' --query id -o tsv) && azd env set AZURE_SUBSCRIPTION_ID "$SUBSCRIPTION_ID"`,
    );
    const id = '00000000-1111-2222-3333-444444444444';
    expect(files(AKS.replace('Contoso%20Production', id)).bicep).toContain(
      `azd env set AZURE_SUBSCRIPTION_ID ${id}\n`,
    );
    expect(files(AKS.replace(/&subscription=[^&]*/, '')).bicep).not.toContain('AZURE_SUBSCRIPTION_ID');
  });

  it('Terraform with a Key Vault access policy: says an apply after import replaces the entry', () => {
    const note = "with exactly the permissions here (azurerm updates access policies with 'replace')";
    expect(files(`${AKS}&kvModel=accesspolicy`).tf).toContain(note);
    expect(files(AKS).tf).not.toContain(note);
  });

  it("both carry the setup script's preflight needs: Workload ID, entities Dapr cannot create, host caveats", () => {
    for (const text of Object.values(files(AKS))) {
      expect(text).toContain('Needs: Workload ID on the cluster (securityProfile.workloadIdentity.enabled)');
      // The check first, as the script runs the update only when one of the two is off, with its warning.
      // Comment markers off (// in Bicep, # in Terraform): each command stands on its own line.
      expect(text.replace(/^(\/\/|#) /gm, '')).toContain(
        "Both are on when this prints true:\n  az aks show --subscription 'Contoso Production' --name aks-prod --resource-group rg-orders --query 'oidcIssuerProfile.enabled && securityProfile.workloadIdentity.enabled' -o tsv\nOtherwise",
      );
      expect(text).toContain(
        'restarts the API server, possible downtime, pods that fail afterwards need a restart',
      );
      expect(text).toContain(
        "az aks update --subscription 'Contoso Production' --name aks-prod --resource-group rg-orders --enable-oidc-issuer --enable-workload-identity -o none",
      );
    }
    const queues =
      'host=aca&identity=user&resourceGroup=rg-orders&hostName=ca-orders&environment=cae-orders&identityName=id-orders' +
      '&component=pubsub.azure.servicebus.queues&name=pubsub&m.namespaceName=sb-orders.servicebus.windows.net' +
      '&c2.component=configuration.azure.appconfig&c2.name=configstore&c2.m.host=https://appcs-orders.azconfig.io';
    for (const text of Object.values(files(queues))) {
      expect(text).toContain(
        'Needs: Component pubsub: Dapr creates no queue, and each topic is a queue of that name, which must exist',
      );
      expect(text).toContain(
        'Read first: component configstore: Container Apps supports only stable Dapr components',
      );
    }
  });

  it('Terraform: a role assignment is not refused with ResourceRequiresImport but RoleAssignmentExists', () => {
    const { tf } = files(AKS);
    expect(tf).toContain('azurerm names it with a new random GUID');
    expect(tf).toContain('(409 RoleAssignmentExists)');
    expect(files(`${AKS}&kvModel=accesspolicy`).tf).not.toContain('RoleAssignmentExists');
  });

  it("Terraform on AKS: kubelogin converts only the cluster's context", () => {
    expect(files(AKS).tf).toContain('kubelogin convert-kubeconfig -l azurecli --context aks-prod)');
  });

  it('Terraform on AKS: says the pods must restart after an apply that changes a component', () => {
    // Only the rollout restart: the setup script's patch carries a fixed hash, so it restarts nothing then.
    expect(files(AKS).tf).toContain(
      "restart the app's pods: kubectl --context aks-prod rollout restart deployment/example-app -n orders\n",
    );
    expect(files(AKS).tf).not.toContain('run the setup script, or kubectl rollout restart');
  });

  it('Terraform on AKS: each component takes over the fields the script applied client-side (force_conflicts)', () => {
    const { tf } = files(AKS);
    const manifests = tf.split('resource "kubernetes_manifest"').slice(1);
    expect(manifests.length).toBeGreaterThan(0);
    for (const manifest of manifests)
      expect(manifest).toMatch(/^[^]*?field_manager \{\n\s+force_conflicts = true\n/);
  });

  it("Terraform: a role assignment is looked up by the resource's full id, never by its name alone", () => {
    const { tf } = files(AKS);
    expect(tf).toContain(
      "az role assignment list --subscription 'Contoso Production' --scope '/subscriptions/<subscription id>/resourceGroups/rg-orders/providers/Microsoft.KeyVault/vaults/kv-orders' --assignee '<principal id>' --role 4633458b-17de-408a-b874-0445c86b69e6",
    );
    expect(tf).not.toContain('ends_with(scope');
  });

  it('with a subscription in the wizard, every az line either file prints names it, as the script selects it', () => {
    const golden = (name: string): string =>
      readFileSync(new URL(`../__golden__/${name}/link.txt`, import.meta.url), 'utf8').trim();
    const links = [
      AKS,
      `${golden('aks-catalog-messaging-data')}&subscription=Contoso%20Production`,
      `${golden('aca-catalog-messaging-data')}&subscription=Contoso%20Production`,
      `${golden('aks-catalog-databases')}&subscription=Contoso%20Production`,
      `${golden('webapp-user')}&subscription=Contoso%20Production`,
      golden('vmss-system'),
    ];
    for (const link of links) {
      for (const text of Object.values(files(link))) {
        // Each az command in a comment line, up to the end of the line (az cloud set and az login take none).
        const lines = text.match(/\baz (?!cloud set|login)[a-z]+ [a-z-]+[^\n]*/g) ?? [];
        expect(lines.length).toBeGreaterThan(0);
        for (const line of lines) expect(line, link).toContain('--subscription ');
      }
    }
  });

  it("the Entra sign-in preconditions name the cache's and server's own names, the PostgreSQL one too", () => {
    const golden = (name: string): string =>
      readFileSync(new URL(`../__golden__/${name}/link.txt`, import.meta.url), 'utf8').trim();
    for (const text of Object.values(files(golden('grants-redis-cosmos')))) {
      expect(text).toContain(
        'Needs: Turn on Microsoft Entra authentication on the cache first (the cache restarts): az redis update --name redis-orders --resource-group rg-orders --set',
      );
      expect(text).not.toContain('<resource-group>');
    }
    for (const text of Object.values(files(golden('aks-catalog-databases'))))
      expect(text).toContain(
        'Needs: Turn on Microsoft Entra authentication on the server first: az postgres flexible-server update --name pg-orders --resource-group rg-orders --microsoft-entra-auth Enabled',
      );
  });

  it("Cosmos DB: the assignment lookups keep only this role's, and Bicep says the script's has another name", () => {
    const golden = readFileSync(
      new URL('../__golden__/grants-redis-cosmos/link.txt', import.meta.url),
      'utf8',
    );
    const { bicep, tf } = files(golden.trim());
    // Account-wide only, as the script's lookup: an assignment on one of the account's databases is another's.
    const query = `'[?principalId=='\\''<principal id>'\\'' && ends_with(roleDefinitionId, '\\''/00000000-0000-0000-0000-000000000002'\\'') && !contains(scope, '\\''/dbs/'\\'')]`;
    expect(tf).toContain(`--query ${query}.id' -o tsv`);
    expect(bicep).toContain(
      'A Cosmos DB data-plane role assignment the setup script made has another name too',
    );
    expect(bicep).toContain(`--query ${query}.name' -o tsv`);
    expect(bicep).toContain("after it, the list holds this file's own, named by its guid(), too");
    // The database line is pasteable: az cosmosdb sql database create requires all three (az 2.45 help).
    for (const text of [bicep, tf])
      expect(text).toContain(
        '(the database first, if missing: az cosmosdb sql database create --account-name cosmos-orders --name orders --resource-group rg-orders)',
      );
    expect(bicep).toContain(
      "az cosmosdb sql role assignment delete --account-name cosmos-orders --resource-group rg-orders --role-assignment-id '<name>' --yes",
    );
    expect(files(AKS).bicep).not.toContain('Cosmos DB data-plane role assignment');
  });

  it('Event Hubs: no line to create the $Default consumer group, which every event hub has; one for another group', () => {
    const link = readFileSync(
      new URL('../__golden__/grants-queue-and-event-hub-bindings/link.txt', import.meta.url),
      'utf8',
    ).trim();
    for (const text of Object.values(files(link))) expect(text).not.toContain('consumer-group create');
    for (const text of Object.values(files(link.replace('consumerID=%24Default', 'consumerID=orders'))))
      expect(text).toContain(
        'az eventhubs eventhub consumer-group create --namespace-name eh-orders --eventhub-name telemetry --name orders',
      );
  });

  it("Terraform on AKS: each component carries the setup's mark, without which the setup stops and the teardown keeps it", () => {
    const manifests = files(`${AKS}&c2.component=state.azure.blobstorage&c2.m.accountName=storders`)
      .tf.split('resource "kubernetes_manifest"')
      .slice(1);
    expect(manifests).toHaveLength(2);
    for (const manifest of manifests)
      expect(manifest).toMatch(
        new RegExp(
          `^[^]*?metadata {3}= \\{\\n {6}name {8}= "[^"]+"\\n {6}namespace {3}= "orders"\\n {6}annotations = \\{\\n {8}"${CREATED_ANNOTATION}" = "true"\\n`,
        ),
      );
  });

  it("Terraform on AKS: a ServiceAccount it creates carries the setup's mark", () => {
    expect(files(AKS).tf).toMatch(
      new RegExp(
        `resource "kubernetes_service_account_v1" "app" \\{[^]*?annotations = \\{\\n[^}]*"${CREATED_ANNOTATION}" += "true"\\n`,
      ),
    );
  });

  it("both: each role assignment carries the setup's description, by which the teardown finds the setup's", () => {
    const { bicep, tf } = files(AKS);
    expect(bicep).toContain(`    description: '${ROLE_ASSIGNMENT_DESCRIPTION}'\n`);
    // The block up to its closing brace at the start of a line.
    const assignment = /resource "azurerm_role_assignment" "vault_role" \{\n[^]*?\n\}/.exec(tf)?.[0] ?? '';
    expect(assignment).toContain(`  description        = "${ROLE_ASSIGNMENT_DESCRIPTION}"\n`);
  });

  it("Terraform on AKS: an imported ServiceAccount keeps the setup's mark (ignore_changes on that annotation)", () => {
    expect(files(AKS).tf).toMatch(
      /resource "kubernetes_service_account_v1" "app" \{[^]*?lifecycle \{\n\s+ignore_changes = \[metadata\[0\]\.annotations\["dapr-mi-wizard\/created"\]\]\n/,
    );
  });

  it('Bicep on a Web App: the sidecar notes that point to its log "below" are followed by the log command', () => {
    const link = readFileSync(new URL('../__golden__/webapp-user/link.txt', import.meta.url), 'utf8').trim();
    const { bicep } = files(link);
    const log =
      'az webapp sitecontainers log --name orders-web --resource-group rg-orders --container-name daprd';
    expect(bicep.indexOf(log)).toBeGreaterThan(bicep.indexOf('its log (below) says why'));
    expect(bicep.indexOf('its log (below) says why')).toBeGreaterThan(0);
  });
});
