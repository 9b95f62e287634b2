/** Steps shared by the hosts where Dapr runs self-hosted beside the app (VM, VMSS, App Service). */
import type { DeploymentPlan } from '../plan/deployment-plan';
import { FILES_DIR } from '../plan/build-plan';
import { capture, cmd, note, v, type ScriptStep } from '../script-model';
import { componentFilesNoun, RG, writeComponentFiles } from '../setup/steps';

/**
 * Turns on the system-assigned identity, reading the principal id from `query` of the command's output, or
 * attaches the user-assigned identity by resource id with `userFlag`.
 */
export function assignIdentitySteps(
  plan: DeploymentPlan,
  group: string,
  system: { readonly comment: string; readonly query: string },
  userFlag: string,
): ScriptStep[] {
  const name = ['--name', v(plan.host.hostNameVariable), ...RG] as const;
  if (plan.identity.kind === 'system') {
    return [
      {
        comment: system.comment,
        lines: [
          capture('PRINCIPAL_ID', `az ${group} identity assign`, ...name, `--query ${system.query} -o tsv`),
        ],
      },
    ];
  }
  return [
    {
      comment: `Attach the identity to the ${plan.host.noun}.`,
      lines: [cmd(`az ${group} identity assign`, ...name, userFlag, v('IDENTITY_ID'), '-o none')],
    },
  ];
}

/** Writes the component files, then says where they go on the host. */
export function writeAndPlaceSteps(plan: DeploymentPlan, placement: string): ScriptStep[] {
  return [
    {
      comment: `Write ${componentFilesNoun(plan)} into ./${FILES_DIR}.`,
      lines: [cmd('mkdir -p', FILES_DIR), ...writeComponentFiles(plan)],
    },
    {
      comment: `Put ${componentFilesNoun(plan)} where Dapr on the ${plan.host.noun} reads ${plan.components.length === 1 ? 'it' : 'them'}.`,
      lines: [note(placement)],
    },
  ];
}

export function appIdOrPlaceholder(plan: DeploymentPlan): string {
  return plan.appId === '' ? '<your-app-id>' : plan.appId;
}
