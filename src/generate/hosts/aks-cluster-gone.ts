/**
 * What the AKS teardown says when `az aks show` finds no cluster: deleted, or not readable with the user's
 * sign-in (the lookup is tolerated, so any failure reads the same), and the steps in the cluster are skipped.
 */
import type { DeploymentPlan } from '../plan/deployment-plan';
import { note, printLine, v, when, type Conditional, type ScriptStep } from '../script-model';
import { ROLE_ASSIGNMENT_DESCRIPTION } from '../setup/provenance';
import { jmesString } from '../jmespath';

const CLUSTER_ID = 'CLUSTER_ID';

/**
 * Kubelet mode: the grants were made to the node pool's kubelet identity, whose principal id only the
 * cluster gives (identityProfile.kubeletidentity.objectId), so with no cluster the grant steps above had
 * nobody to look for and removed nothing. Each role assignment is printed as a lookup by the setup's
 * description and the role's GUID on its one resource, for the user to delete by id; other grants name
 * the principal only, and are said to be left.
 *
 * That lookup also finds every other setup's grant of the role there (other apps, other clusters), so it
 * shows whose each one is: az role assignment list fills principalName from Microsoft Graph, '' for a
 * principal Graph no longer finds, and leaves it out when Graph cannot be read at all (azure-cli 2.45
 * role/custom.py list_role_assignments, _get_object_stubs: directoryObjects/getByIds answers only objects that
 * exist). The kubelet identity AKS made lives in the node resource group, which AKS deletes with the cluster
 * (MicrosoftDocs/azure-aks-docs articles/aks/use-managed-identity.md, "Pre-created kubelet managed identity";
 * articles/aks/faq.yml, "Why are two resource groups created with AKS?"); one brought with the cluster stays.
 */
function kubeletGrantsLeftLines(plan: DeploymentPlan): Conditional['lines'] {
  const lines: Conditional['lines'][number][] = [
    printLine(
      "Its kubelet identity (which only the cluster names) could not be read, so the grants made to it were NOT removed. Each lookup below lists every grant of the role on that resource that any run of the setup made, other apps' and other clusters' included. Delete (az role assignment delete --ids <id>) only a row whose principalName is empty: Microsoft Graph no longer finds that principal, as it no longer finds a kubelet identity AKS made, which went with the cluster. A row with a principalName is a live identity, another app's or a kubelet identity brought to the cluster (it outlives the cluster): leave it unless az ad sp show --id <principalId> names this cluster's kubelet identity. If every principalName is empty, your sign-in may not read Microsoft Graph: run az ad sp show --id <principalId> for each, and delete only those it says do not exist.",
    ),
  ];
  for (const { grant, resource } of plan.grants) {
    if (grant.kind !== 'rbac') continue;
    lines.push(
      when(`${resource.variable}_ID`, '!=', '', [
        printLine(
          '  az role assignment list --scope ',
          v(`${resource.variable}_ID`),
          ` --query "[?ends_with(roleDefinitionId, ${jmesString(`/${grant.role.guid}`)}) && description==${jmesString(ROLE_ASSIGNMENT_DESCRIPTION)}].{id: id, principalId: principalId, principalName: principalName, principalType: principalType}" -o table`,
        ),
      ]),
    );
  }
  if (plan.grants.some(({ grant }) => grant.kind !== 'rbac'))
    lines.push(
      printLine(
        "The setup's other grants to it (access policies, data-plane roles, database users) name its principal or client id only, and stay too: remove them on their resources once no cluster uses them.",
      ),
    );
  return lines;
}

export function clusterGoneStep(plan: DeploymentPlan): ScriptStep {
  const workload = plan.kubernetes?.workloadIdentity !== undefined;
  return {
    comment: `Once the cluster is gone, its components${workload ? ', ServiceAccount' : ''} and Deployment went with it.`,
    lines: [
      note(
        `Kept: the namespace${workload ? ', the OIDC issuer and Workload ID on the cluster' : ''} (other workloads may use ${workload ? 'them' : 'it'}).`,
      ),
      when(CLUSTER_ID, '=', '', [
        printLine(
          'The cluster ',
          v('CLUSTER_NAME'),
          ' is not in the resource group ',
          v('RESOURCE_GROUP'),
          `, or not readable with your sign-in: the steps in the cluster are skipped (a deleted cluster took its components${workload ? ', ServiceAccount' : ''} and Deployment with it).${workload ? ' The grants to the identity in Azure are removed above.' : ''}`,
        ),
        ...(workload ? [] : kubeletGrantsLeftLines(plan)),
      ]),
    ],
  };
}
