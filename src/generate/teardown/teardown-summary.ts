/**
 * The teardown header's account of what it takes back and how it tells what the setup made: each clause
 * names only what this plan's teardown does (it offers DELETE_IDENTITY only for an identity the setup may
 * have created, and reads the created-by tag only then), and on AKS what carries the setup's mark and what
 * does not.
 */
import type { DeploymentPlan } from '../plan/deployment-plan';
import { CREATED_ANNOTATION } from '../k8s-manifests';
import { setupCreatesNoIdentity } from './identity';

/** What happens to the identity, as the teardown's options allow. */
function identityClause(plan: DeploymentPlan): string {
  const kind = plan.identity.kind;
  switch (kind) {
    case 'kubelet':
      return 'the kubelet identity stays (AKS made it)';
    case 'user':
    case 'workload':
      return setupCreatesNoIdentity(plan)
        ? 'the identity stays (its client id was entered: the setup used it and created none)'
        : 'the identity only if asked';
    case 'system':
      // ACI has no REMOVE_SYSTEM_IDENTITY: a group's system identity goes with the group (hosts/aci-teardown.ts).
      return plan.host.id === 'aci'
        ? 'the system-assigned identity only with the group (DELETE_CONTAINER_GROUP=1)'
        : 'the identity only if asked';
    default: {
      const unhandled: never = kind;
      throw new Error(`Unhandled identity ${String(unhandled)}`);
    }
  }
}

/**
 * On AKS the components and the ServiceAccount carry the setup's mark; the federated credential does not:
 * it goes by its name while it trusts this cluster's issuer and this ServiceAccount
 * (aks-federated-credential-teardown.ts). The setup marks an object right after applying it, so a run
 * stopped in between leaves it unmarked.
 */
function kubernetesLines(plan: DeploymentPlan): string[] {
  const kubernetes = plan.kubernetes;
  if (!kubernetes) return [];
  const workload = kubernetes.workloadIdentity !== undefined;
  return [
    ...(workload
      ? [
          'The federated credential carries no mark either: it is deleted by its name while it trusts exactly this',
          "cluster's issuer and this ServiceAccount, so one of that name and trust made before the setup goes too.",
        ]
      : []),
    `The components${workload ? ' and the ServiceAccount' : ''} carry the setup's ${CREATED_ANNOTATION} mark; a setup run stopped between`,
    `applying one and marking it leaves it unmarked, and the teardown then keeps it and says so.`,
  ];
}

/** The header lines between the title and the safety notes. */
export function teardownSummaryLines(plan: DeploymentPlan): string[] {
  const readsTag = plan.identity.userAssigned !== undefined && !setupCreatesNoIdentity(plan);
  return [
    "Takes back what setup-dapr-identity.sh added: the grants (database users last among them), then the host's",
    `own changes, ${identityClause(plan)}. Role assignments carry the setup's description${readsTag ? ' and an identity its tag' : ''}; where the`,
    // On AKS the components and the ServiceAccount carry the setup's mark (dapr-mi-wizard/created).
    plan.kubernetes
      ? 'setup leaves no mark (access policies, database users of its names), what'
      : 'setup leaves no mark (components, access policies, database users of its names), what',
    "has those names and still names this identity is taken to be the setup's. A grant that another setup for",
    'this identity also relies on goes too: both made the same one.',
    ...kubernetesLines(plan),
  ];
}
