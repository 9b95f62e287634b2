/**
 * A scale set in Flexible orchestration takes a user-assigned identity only (MicrosoftDocs/azure-docs
 * articles/virtual-machine-scale-sets/virtual-machine-scale-sets-orchestration-modes.md, the feature table:
 * "Managed Identity | User Assigned Identity Only" for Flexible, "System Assigned or User Assigned" for
 * Uniform). A system-assigned setup on such a scale set would fail at the assign, or leave instances without
 * an identity, so the setup reads the orchestration mode first and stops before any change.
 * `az vmss show --query orchestrationMode` prints Uniform or Flexible (the model flattens
 * properties.orchestrationMode, as hosts/vmss-verify.ts reads it too).
 */
import type { DeploymentPlan } from '../plan/deployment-plan';
import { capture, v, type ScriptStep } from '../script-model';
import { guard, RG } from '../setup/steps';
import { failureMessage } from '../troubleshoot-advice';

const ORCHESTRATION_MODE = 'VMSS_ORCHESTRATION_MODE';

/** Before any change, for a system-assigned identity only: a Flexible scale set stops the setup. */
export function flexibleSystemIdentitySteps(plan: DeploymentPlan): ScriptStep[] {
  if (plan.identity.kind !== 'system') return [];
  return [
    {
      comment:
        "Read the scale set's orchestration mode: a Flexible scale set takes a user-assigned identity only.",
      lines: [
        capture(
          ORCHESTRATION_MODE,
          'az vmss show --name',
          v('VMSS_NAME'),
          ...RG,
          '--query orchestrationMode -o tsv',
        ),
        guard(
          ORCHESTRATION_MODE,
          '=',
          'Flexible',
          failureMessage(
            `The scale set ${plan.hostName} uses Flexible orchestration, which takes a user-assigned managed identity only, not the system-assigned one this script gives it. Nothing was changed. Choose a user-assigned identity in the wizard (Identity step) and run the new script.`,
            'vmss-flexible-system-identity',
          ),
        ),
      ],
    },
  ];
}
