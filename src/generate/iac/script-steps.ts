/**
 * The setup script's steps that put the component files in place on a host whose components are not Azure
 * resources (self-hosted Dapr, and the Kubernetes objects on AKS): the IaC outputs name them, since ARM and
 * azurerm cannot do that part. They are the host module's steps after the grants.
 */
import { hostModule } from '../hosts';
import type { DeploymentPlan } from '../plan/deployment-plan';
import type { ScriptStep } from '../script-model';

const GRANTS_GO_HERE: ScriptStep = { comment: '', lines: [] };

/**
 * The titles of the script steps that come after the grants on this host; on a host that takes its files before
 * the grants (Container Instances: the group file carries the identity and the components), all of its steps.
 */
export function applyStepTitles(plan: DeploymentPlan): string[] {
  const steps = hostModule(plan.host.id).setupSteps(plan, [GRANTS_GO_HERE]);
  const after = steps.slice(steps.indexOf(GRANTS_GO_HERE) + 1);
  return (after.length > 0 ? after : steps.filter((step) => step !== GRANTS_GO_HERE)).map(
    (step) => step.comment,
  );
}
