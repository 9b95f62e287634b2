/**
 * AKS: how the app's pods get their identity, before the grants. With Workload ID the cluster's OIDC issuer
 * and Workload ID are turned on and a federated credential lets the app's ServiceAccount sign in as the
 * user-assigned identity (aks-federated-credential.ts); otherwise the node pool's kubelet identity, which AKS
 * made, is read. Apart from the cluster's objects (aks-apply.ts) because these steps change Azure only.
 */
import type { DeploymentPlan } from '../plan/deployment-plan';
import { capture, cmd, command, lit, printLine, v, when, words, type ScriptStep } from '../script-model';
import { clientIdLines, guard, hostArgsToPaste, RG } from '../setup/steps';
import { federatedCredentialStep } from './aks-federated-credential';
import { withEntry } from '../troubleshoot-advice';

const CLUSTER = ['--name', v('CLUSTER_NAME'), ...RG] as const;

export function kubeletIdentitySteps(plan: DeploymentPlan): ScriptStep[] {
  return [
    {
      comment: "Read the node pool's kubelet identity (AKS created it): its principal id gets the grant.",
      lines: [
        capture(
          'PRINCIPAL_ID',
          'az aks show',
          ...CLUSTER,
          '--query identityProfile.kubeletidentity.objectId -o tsv',
        ),
        // A cluster that runs as a service principal has no identityProfile (azure-mgmt-containerservice
        // ManagedClusterProperties.identity_profile, set only with a managed identity): nothing to grant to.
        // After `az aks update --enable-managed-identity` kubelet keeps the service principal until the node
        // pools are upgraded (`az aks nodepool upgrade --node-image-only`), which cordons, drains and reimages
        // the nodes, and "An update only works if there's a VHD update to consume. If you're running the
        // latest VHD, you need to wait until the next VHD is available in order to perform the update."
        // (MicrosoftDocs/azure-aks-docs articles/aks/use-managed-identity.md, "Update an existing AKS cluster
        // to use a system-assigned managed identity"; the CLI's own prompt says the same, acs custom.py). The
        // pool's image against the latest: nodeImageVersion (az aks nodepool show) and latestNodeImageVersion
        // (az aks nodepool get-upgrades; azure-mgmt-containerservice AgentPool, AgentPoolUpgradeProfile;
        // MicrosoftDocs/azure-aks-docs articles/aks/node-image-upgrade.md).
        guard(
          'PRINCIPAL_ID',
          '=',
          '',
          withEntry(
            `The cluster ${plan.hostName} has no kubelet identity (identityProfile.kubeletidentity is empty: it runs as a service principal), so there is nothing to grant the roles to. Nothing was changed. Choose Workload ID in the wizard, or move the cluster to a managed identity: az aks update ${hostArgsToPaste(plan)} --enable-managed-identity, then upgrade each node pool's image, since kubelet keeps the service principal until then: az aks nodepool upgrade --cluster-name ${plan.hostName} --resource-group ${plan.resourceGroup} --name <node pool> --node-image-only (downtime: the nodes are cordoned, drained and reimaged; az aks nodepool list --cluster-name ${plan.hostName} --resource-group ${plan.resourceGroup} -o table names the pools). The upgrade moves kubelet only when there is a newer node image to consume: if a pool runs the latest one already, wait until the next is available (compare az aks nodepool get-upgrades --cluster-name ${plan.hostName} --resource-group ${plan.resourceGroup} --nodepool-name <node pool> --query latestNodeImageVersion with az aks nodepool show --cluster-name ${plan.hostName} --resource-group ${plan.resourceGroup} --name <node pool> --query nodeImageVersion). Then run the script again.`,
            'aks-no-kubelet-identity',
          ),
        ),
        ...clientIdLines(
          plan,
          capture(
            'CLIENT_ID',
            'az aks show',
            ...CLUSTER,
            '--query identityProfile.kubeletidentity.clientId -o tsv',
          ),
        ),
      ],
    },
  ];
}

export function workloadIdentitySteps(plan: DeploymentPlan): ScriptStep[] {
  return [
    {
      // ManagedCluster.properties.oidcIssuerProfile.enabled and properties.securityProfile.workloadIdentity
      // .enabled (azure-mgmt-containerservice v2022_11_02_preview models/_models_py3.py, which az flattens out
      // of properties). JMESPath `a && b` gives b when a is true, else a (false or null): only "true" when both
      // are on, so a second run sends no update, which would otherwise rewrite the cluster for nothing.
      comment:
        'Turn on the OIDC issuer and Workload ID, so pods can trade ServiceAccount tokens for Entra tokens (only when one of them is off). On a running cluster the issuer changes the ServiceAccount token issuer and restarts the API server (possible downtime), and it cannot be turned off again.',
      lines: [
        capture(
          'WORKLOAD_ID_ON',
          'az aks show',
          ...CLUSTER,
          '--query',
          lit('oidcIssuerProfile.enabled && securityProfile.workloadIdentity.enabled'),
          '-o tsv',
        ),
        when('WORKLOAD_ID_ON', '!=', 'true', [
          // MicrosoftDocs/azure-aks-docs articles/aks/use-oidc-issuer.md: on an existing cluster the issuer
          // changes the ServiceAccount token issuer and restarts the API server; disabling it is not supported.
          printLine(
            'Turning on the OIDC issuer and Workload ID on ',
            v('CLUSTER_NAME'),
            ": if the issuer was off, this changes the cluster's ServiceAccount token issuer and restarts its API server (possible downtime; pods that fail afterwards need a restart), and the issuer cannot be turned off again.",
          ),
          cmd('az aks update', ...CLUSTER, '--enable-oidc-issuer --enable-workload-identity -o none'),
        ]),
      ],
    },
    {
      comment: "Read the cluster's OIDC issuer URL: the federated credential trusts the tokens it signs.",
      lines: [
        // Made by the update above, which a dry run skipped: the issuer may not be there yet.
        command(words('az aks show', ...CLUSTER, '--query oidcIssuerProfile.issuerUrl -o tsv'), {
          captureTo: 'OIDC_ISSUER',
          readsChange: true,
        }),
      ],
    },
    federatedCredentialStep(plan),
  ];
}
