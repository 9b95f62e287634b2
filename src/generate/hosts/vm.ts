/**
 * VM and VM Scale Set: Dapr runs self-hosted (dapr run --resources-path, dapr/docs reference/cli/dapr-run.md)
 * and finds the identity through the instance metadata service (azure-cli.md 1.4, 1.5).
 */
import type { DeploymentPlan } from '../plan/deployment-plan';
import { FILES_DIR } from '../plan/build-plan';
import { capture, cmd, note, v, when, type ScriptLine, type ScriptStep } from '../script-model';
import { fileList, RG } from '../setup/steps';
import { identityGrantsApply, RESTART_THE_APP, type HostModule } from './host-module';
import { appIdOrPlaceholder, assignIdentitySteps, writeAndPlaceSteps } from './self-hosted';

const UPGRADE_MODE = 'UPGRADE_MODE';

function runCommand(plan: DeploymentPlan): string {
  return `  dapr run --app-id ${appIdOrPlaceholder(plan)} --resources-path ./${FILES_DIR} -- <your app command>`;
}

/**
 * `dapr run` starts the daprd that `dapr init` installed: with Docker, or `--slim` without it, which installs
 * only daprd and placement (dapr/docs operations/hosting/self-hosted/self-hosted-no-docker.md).
 */
function installDapr(where: string): string {
  return (
    `Install Dapr ${where} once, if it is not there yet: the Dapr CLI, then\n` +
    "  dapr init          # needs Docker: runs Dapr's services, Redis and Zipkin as containers\n" +
    '  dapr init --slim   # without Docker: installs only daprd and placement\n' +
    `--resources-path makes Dapr load the files in ./${FILES_DIR} only, not the defaults dapr init writes.`
  );
}

function placement(plan: DeploymentPlan): string {
  const files = fileList(plan);
  return plan.host.id === 'vmss'
    ? `${installDapr('on every instance (in the image or with your deployment)')}\nShip ${files} to every instance the same way, and start the app with Dapr:\n${runCommand(plan)}\nEach instance finds the scale set's identity through the instance metadata service.`
    : `${installDapr('on the VM')}\nCopy ${files} to the VM, into a ${FILES_DIR} folder beside the app, and start the app with Dapr:\n${runCommand(plan)}\nDapr finds the VM's identity through the instance metadata service; nothing else to set.`;
}

/**
 * The scale set's upgrade policy decides whether the instances that exist get the identity: `az vmss identity
 * assign` changes the scale-set model, and with Manual (the default of `az vmss create`) the CLI itself warns
 * that `az vmss update-instances --instance-ids *` must propagate it (azure-cli vm/custom.py
 * assign_vmss_identity, create_vmss upgrade_policy_mode='manual'). Read before anything changes.
 */
const readUpgradePolicyStep = (): ScriptStep => ({
  comment:
    "Read the scale set's upgrade policy (Automatic, Rolling or Manual): it decides how the identity reaches the instances that already run.",
  lines: [
    capture(UPGRADE_MODE, 'az vmss show --name', v('VMSS_NAME'), ...RG, '--query upgradePolicy.mode -o tsv'),
  ],
});

/**
 * Manual: nothing reaches the existing instances until they are updated; new instances use the latest model.
 * Automatic and Rolling: the scale set applies the model change itself (all at once, or in batches).
 * update-instances brings an instance to the whole latest model, so changes already waiting in it apply too;
 * OS image and VM size changes need a restart or reimage (MicrosoftDocs/azure-docs
 * articles/virtual-machine-scale-sets/virtual-machine-scale-sets-upgrade-policy.md, "What triggers an
 * upgrade"). That page does not say whether an identity change alone restarts an instance: the note says so.
 */
const rolloutStep = (): ScriptStep => ({
  comment:
    'Give the instances that already run the identity. Automatic and Rolling policies apply it themselves (Automatic may update every instance at once, Rolling in batches); with Manual only new instances get it until each instance is updated:',
  lines: [
    when(UPGRADE_MODE, '=', 'Manual', [
      note(
        "update-instances brings every instance to the scale set's latest model: the identity, and any other\n" +
          'change still waiting in the model (an OS image or VM size change restarts or reimages the instance).\n' +
          'Whether the identity change alone restarts an instance is not documented; plan for a restart.\n' +
          'On Flexible orchestration instances are named, and whether "*" reaches them all is not confirmed:\n' +
          'check with the verify line below.',
      ),
      cmd('az vmss update-instances --name', v('VMSS_NAME'), ...RG, '--instance-ids', '*', '-o none'),
    ]),
  ],
});

/**
 * Instances still on an older model do not have the identity yet (latestModelApplied, Uniform orchestration).
 * A note, not a command: the Debian azure-cli 2.45 package this project checks commands with cannot load
 * `vmss list-instances` (its compute SDK module is missing), so the parser test could not check it; the flags
 * are those of vm/_params.py (vmss_name_type: --name).
 */
function scaleSetVerifyLines(): ScriptLine[] {
  return [
    note(
      'Instances not yet on the latest model (so still without the identity, Uniform orchestration):\n' +
        '  az vmss list-instances --name "$VMSS_NAME" --resource-group "$RESOURCE_GROUP" --query \'[?!latestModelApplied].instanceId\' -o tsv',
    ),
  ];
}

/** VM and VMSS share the identity commands; the group is `vm` or `vmss`. */
function virtualMachineHost(group: 'vm' | 'vmss'): HostModule {
  const isScaleSet = group === 'vmss';
  return {
    ...(isScaleSet ? { preflightSteps: () => [readUpgradePolicyStep()] } : {}),
    setupSteps: (plan, grantSteps) =>
      identityGrantsApply(
        [
          ...assignIdentitySteps(
            plan,
            group,
            // The command reports the new principal as systemAssignedIdentity (vm custom.py _construct_identity_info).
            {
              comment: `Turn on the ${plan.host.noun}'s system-assigned identity; its principal id comes back as systemAssignedIdentity.`,
              query: 'systemAssignedIdentity',
            },
            '--identities',
          ),
          ...(isScaleSet ? [rolloutStep()] : []),
        ],
        grantSteps,
        writeAndPlaceSteps(plan, placement(plan)),
      ),
    verifyLines: () => (isScaleSet ? scaleSetVerifyLines() : []),
    restartHint: RESTART_THE_APP,
    cliRequirement: () => undefined,
  };
}

export const vmHost = virtualMachineHost('vm');
export const vmssHost = virtualMachineHost('vmss');
