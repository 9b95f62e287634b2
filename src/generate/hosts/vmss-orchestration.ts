/**
 * The scale set's checks before any change: its OS, and its orchestration mode against the identity.
 *
 * A scale set in Flexible orchestration takes a user-assigned identity only (MicrosoftDocs/azure-docs
 * articles/virtual-machine-scale-sets/virtual-machine-scale-sets-orchestration-modes.md, the feature table:
 * "Managed Identity | User Assigned Identity Only" for Flexible, "System Assigned or User Assigned" for
 * Uniform). A system-assigned setup on such a scale set would fail at the assign, or leave instances without
 * an identity, so the setup reads the orchestration mode first and stops before any change. The mode is read
 * here once, for every identity: the verify step (vmss-verify.ts) reaches the instances by it.
 * `az vmss show --query orchestrationMode` prints Uniform or Flexible (the model flattens
 * properties.orchestrationMode).
 */
import type { DeploymentPlan } from '../plan/deployment-plan';
import { capture, lit, v, type ScriptStep } from '../script-model';
import { guard, RG } from '../setup/steps';
import { failureMessage, withEntry } from '../troubleshoot-advice';

/** Uniform or Flexible, read before any change (a scale set from before the property prints nothing: Uniform). */
export const ORCHESTRATION_MODE = 'VMSS_ORCHESTRATION_MODE';

const OS_TYPE = 'VMSS_OS_TYPE';

/**
 * The scale set's checks run shell commands on its instances through Run Command's RunShellScript, which
 * runs a Linux shell script (MicrosoftDocs/azure-docs articles/virtual-machines/linux/run-command.md), as the
 * VM's Linux check. The model's OS (virtualMachineProfile.storageProfile.osDisk.osType); a Flexible scale set
 * without a VM profile has none to read, and reads as Linux: its instances' own check is their Run Command.
 */
const linuxCheckStep: ScriptStep = {
  comment:
    "Read the OS of the scale set's model: its checks run shell commands on the instances, which need Linux.",
  lines: [
    capture(
      OS_TYPE,
      'az vmss show --name',
      v('VMSS_NAME'),
      ...RG,
      '--query',
      lit("virtualMachineProfile.storageProfile.osDisk.osType || 'Linux'"),
      '-o tsv',
    ),
    guard(
      OS_TYPE,
      '!=',
      'Linux',
      withEntry(
        "The scale set's model is not Linux (its virtualMachineProfile.storageProfile.osDisk.osType is not Linux), and this script checks the instances with shell commands through Run Command, which need Linux: nothing was changed. On a Windows scale set, give it the identity and the grants yourself.",
        'host-not-linux',
      ),
    ),
  ],
};

/**
 * Before any change: a scale set that is not Linux stops the setup, and so does a Flexible one for a
 * system-assigned identity.
 */
export function scaleSetPreflightSteps(plan: DeploymentPlan): ScriptStep[] {
  return [linuxCheckStep, orchestrationModeStep(plan)];
}

/**
 * The scale set's orchestration mode, read once before any change: a Flexible scale set stops a
 * system-assigned setup here, and the verify step (vmss-verify.ts) reaches the instances by it.
 */
function orchestrationModeStep(plan: DeploymentPlan): ScriptStep {
  const system = plan.identity.kind === 'system';
  return {
    comment: system
      ? "Read the scale set's orchestration mode: a Flexible scale set takes a user-assigned identity only, and the checks at the end reach its instances by it."
      : "Read the scale set's orchestration mode (Uniform or Flexible): the checks at the end reach its instances by it.",
    lines: [
      capture(
        ORCHESTRATION_MODE,
        'az vmss show --name',
        v('VMSS_NAME'),
        ...RG,
        '--query orchestrationMode -o tsv',
      ),
      ...(system
        ? [
            guard(
              ORCHESTRATION_MODE,
              '=',
              'Flexible',
              failureMessage(
                `The scale set ${plan.hostName} uses Flexible orchestration, which takes a user-assigned managed identity only, not the system-assigned one this script gives it. Nothing was changed. Choose a user-assigned identity in the wizard (Identity step) and run the new script.`,
                'vmss-flexible-system-identity',
              ),
            ),
          ]
        : []),
    ],
  };
}
