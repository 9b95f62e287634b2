/**
 * VM and VM Scale Set: Dapr runs self-hosted (dapr run --resources-path, dapr/docs reference/cli/dapr-run.md)
 * and finds the identity through the instance metadata service (azure-cli.md 1.4, 1.5).
 */
import type { DeploymentPlan } from '../plan/deployment-plan';
import { FILES_DIR } from '../plan/build-plan';
import { fileList } from '../setup/steps';
import { identityGrantsApply, RESTART_THE_APP, type HostModule } from './host-module';
import { appIdOrPlaceholder, assignIdentitySteps, writeAndPlaceSteps } from './self-hosted';

function runCommand(plan: DeploymentPlan): string {
  return `  dapr run --app-id ${appIdOrPlaceholder(plan)} --resources-path ./${FILES_DIR} -- <your app command>`;
}

function placement(plan: DeploymentPlan): string {
  const files = fileList(plan);
  return plan.host.id === 'vmss'
    ? `Ship ${files} to every instance (in the image or with your deployment), and start the app with Dapr:\n${runCommand(plan)}\nEach instance finds the scale set's identity through the instance metadata service.`
    : `Copy ${files} to the VM, into a ${FILES_DIR} folder beside the app, and start the app with Dapr:\n${runCommand(plan)}\nDapr finds the VM's identity through the instance metadata service; nothing else to set.`;
}

/** VM and VMSS share the identity commands; the group is `vm` or `vmss`. */
function virtualMachineHost(group: 'vm' | 'vmss'): HostModule {
  return {
    setupSteps: (plan, grantSteps) =>
      identityGrantsApply(
        assignIdentitySteps(
          plan,
          group,
          // The command reports the new principal as systemAssignedIdentity (vm custom.py _construct_identity_info).
          {
            comment: `Turn on the ${plan.host.noun}'s system-assigned identity; its principal id comes back as systemAssignedIdentity.`,
            query: 'systemAssignedIdentity',
          },
          '--identities',
        ),
        grantSteps,
        writeAndPlaceSteps(plan, placement(plan)),
      ),
    verifyLines: () => [],
    restartHint: RESTART_THE_APP,
    cliRequirement: () => undefined,
  };
}

export const vmHost = virtualMachineHost('vm');
export const vmssHost = virtualMachineHost('vmss');
