/**
 * How the scale set's identity reaches the instances that already run. `az vmss identity assign` changes the
 * scale-set model; with the Manual upgrade policy (the default of `az vmss create`) the CLI itself warns that
 * `az vmss update-instances --instance-ids *` must propagate it (azure-cli vm/custom.py assign_vmss_identity,
 * create_vmss upgrade_policy_mode='manual'). Automatic and Rolling apply a model change themselves.
 *
 * By orchestration mode (read before any change, vmss-orchestration.ts): `--instance-ids` "refers to the ID
 * of the instance if using Uniform Orchestration and the instance name if using Flexible Orchestration"
 * (MicrosoftDocs/azure-docs articles/virtual-machine-scale-sets/virtual-machine-scale-sets-perform-manual-upgrades.md),
 * so a Flexible scale set's VMs are updated by name, each listed with `az vm list --vmss` (as vmss-verify.ts
 * lists them); `*` is Uniform's. A Flexible scale set made before upgrade policies reached Flexible has none
 * ("upgrade policy must be null or []", virtual-machine-scale-sets-orchestration-modes.md): nothing here can
 * update its VMs, and the script says so with the command for one VM.
 */
import type { DeploymentPlan } from '../plan/deployment-plan';
import {
  capture,
  command,
  eachLine,
  note,
  printLine,
  v,
  when,
  words,
  type Command,
  type Conditional,
  type ScriptLine,
  type ScriptStep,
  type Word,
} from '../script-model';
import { RG } from '../setup/steps';
import { quoteLiteral } from '../bash/quoting';
import { ORCHESTRATION_MODE } from './vmss-orchestration';

/** Automatic, Rolling, Manual, or empty for a scale set without an upgrade policy; read before any change. */
export const UPGRADE_MODE = 'UPGRADE_MODE';
const IDENTITY_BEFORE = 'VMSS_IDENTITY_BEFORE';
const IDENTITY_AFTER = 'VMSS_IDENTITY_AFTER';
const VM_NAMES = 'VMSS_VM_NAMES';
const VM_NAME = 'VMSS_VM_NAME';

/** Read before anything changes: the policy, and the identity to tell later whether this run changed it. */
export const readUpgradePolicyStep = (): ScriptStep => ({
  comment:
    "Read the scale set's upgrade policy (Automatic, Rolling or Manual): it decides how the identity reaches the instances that already run. Read its identity too, to tell later whether this run changed it.",
  lines: [
    capture(UPGRADE_MODE, 'az vmss show --name', v('VMSS_NAME'), ...RG, '--query upgradePolicy.mode -o tsv'),
    identityOfScaleSet(IDENTITY_BEFORE),
  ],
});

/**
 * The scale-set model's identity block as JSON (principalId, type, userAssignedIdentities): equal before and
 * after the assign step exactly when that step changed nothing, as on a second run or in a dry run.
 */
function identityOfScaleSet(variable: string): ScriptLine {
  return capture(variable, 'az vmss show --name', v('VMSS_NAME'), ...RG, '--query identity -o json');
}

/**
 * Manual: nothing reaches the existing instances until they are updated; new instances use the latest model.
 * update-instances brings an instance to the whole latest model, so changes already waiting in it apply too;
 * OS image and VM size changes need a restart or reimage (MicrosoftDocs/azure-docs
 * articles/virtual-machine-scale-sets/virtual-machine-scale-sets-upgrade-policy.md, "What triggers an
 * upgrade"). That page does not say whether an identity change alone restarts an instance: the note says so.
 */
const UPDATE_WARNING =
  'Updating the existing instances to the latest model (on Flexible orchestration each VM by its name, one at a time). If this fails, the setup is still complete and only the existing instances lack the identity: update them yourself (az vmss update-instances --instance-ids <instance ids, or VM names on Flexible>), or replace them.';

/**
 * With Manual, the instances are updated only when this run changed the scale set's identity: update-instances
 * also pushes any other change waiting in the model, so a run that changed nothing must not call it (a second
 * run changes nothing).
 */
const UNCHANGED_NOTICE =
  "The scale set's identity is as it was before this run, so its instances are not updated (that would also apply any other change waiting in the model). The checks at the end run on the first instances; on Uniform orchestration the az vmss list-instances line printed at the end lists the instances still on an older model.";

/**
 * A dry run skipped the assign, so its identity reads the same before and after whatever a real run would do:
 * it cannot tell, and says what a real run does instead of claiming either branch.
 */
const DRY_RUN_NOTICE =
  "DRY RUN: a dry run does not assign the identity, so it cannot tell whether a real run changes the scale set's identity. A real run updates every instance to the latest model here (az vmss update-instances; by VM name on Flexible orchestration) when its assign changed the identity, and leaves the instances as they are when the identity was already there.";

/**
 * The update: every instance at once on Uniform, each VM by name on Flexible. Tolerated (see rolloutStep). A
 * system-assigned setup has stopped on a Flexible scale set (vmss-orchestration.ts): Uniform's update only.
 */
function updateInstancesLines(plan: DeploymentPlan): (Command | Conditional)[] {
  const update = (ids: Word) =>
    command(
      words('az vmss update-instances --name', v('VMSS_NAME'), ...RG, '--instance-ids', ids, '-o none'),
      {
        tolerateFailure: true,
      },
    );
  if (plan.identity.kind === 'system') return [printLine(UPDATE_WARNING), update('*')];
  return [
    printLine(UPDATE_WARNING),
    when(ORCHESTRATION_MODE, '!=', 'Flexible', [update('*')]),
    when(ORCHESTRATION_MODE, '=', 'Flexible', [
      // Tolerated as the updates are: a list that fails (its error above) updates nothing, as the warning says.
      command(words('az vm list', ...RG, '--vmss', v('VMSS_NAME'), '--query [].name -o tsv'), {
        captureTo: VM_NAMES,
        tolerateFailure: true,
      }),
      eachLine(VM_NAMES, VM_NAME, [update(v(VM_NAME))]),
    ]),
  ];
}

/**
 * A Flexible scale set without an upgrade policy: the model has the identity, and no command updates its VMs
 * to it. Flexible VMs are managed with the standard VM commands (virtual-machine-scale-sets-orchestration-modes.md,
 * "What has changed with Flexible orchestration mode"), so one VM takes the identity with `az vm identity
 * assign`, the command this script gives a VM. Flexible takes a user-assigned identity only (same page).
 */
function noPolicyNotice(plan: DeploymentPlan): Command {
  // Quoted for the paste: the group as the renderer quotes it, the id (an ARM id, no quote in it) in quotes.
  return printLine(
    `The scale set has no upgrade policy (some Flexible scale sets have none), so nothing here updates its VMs to the model that now holds the identity, and whether the VMs that exist take it is not documented. The checks at the end run on them; a VM that gets no token takes the identity with:\n  az vm identity assign --name <VM name> --resource-group ${quoteLiteral(plan.resourceGroup)} --identities '`,
    v('IDENTITY_ID'),
    "'",
  );
}

/**
 * Right after the identity is assigned, before the grants: a grant can stop the script (a 403 on the role
 * assignment, the Key Vault access policy it will not overwrite), and the next run, which finds the identity
 * as it left it, would then never update the instances. Tolerated, with the CLI's own error above the
 * warning, so that a failed update still lets the grants and the files follow: only the existing instances
 * miss the identity then, and the warning says how to update them.
 */
export const rolloutStep = (plan: DeploymentPlan): ScriptStep => ({
  comment:
    'Give the instances that already run the identity, if this run changed it. Automatic and Rolling policies apply it themselves (Automatic may update every instance at once, Rolling in batches); with Manual only new instances get it until each instance is updated:',
  lines: [
    note(
      'Before the grants: a grant that stops the script (a 403, an access policy it will not overwrite) would\n' +
        'otherwise leave the instances without the identity, and a second run, which finds it unchanged, would\n' +
        'not update them.',
    ),
    identityOfScaleSet(IDENTITY_AFTER),
    when(UPGRADE_MODE, '=', 'Manual', [
      note(
        "update-instances brings every instance to the scale set's latest model: the identity, and any other\n" +
          'change still waiting in the model (an OS image or VM size change restarts or reimages the instance).\n' +
          'Whether the identity change alone restarts an instance is not documented; plan for a restart.',
      ),
      when(IDENTITY_AFTER, '!=', v(IDENTITY_BEFORE), updateInstancesLines(plan), 'skipped'),
      when(IDENTITY_AFTER, '=', v(IDENTITY_BEFORE), [printLine(UNCHANGED_NOTICE)], 'skipped'),
    ]),
    when(UPGRADE_MODE, '=', 'Manual', [printLine(DRY_RUN_NOTICE)], 'only'),
    // Flexible takes a user-assigned identity only: a system-assigned setup has stopped before this on one.
    ...(plan.identity.kind === 'user'
      ? [when(UPGRADE_MODE, '=', '', [when(ORCHESTRATION_MODE, '=', 'Flexible', [noPolicyNotice(plan)])])]
      : []),
  ],
});
