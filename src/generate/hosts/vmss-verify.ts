/**
 * The scale set's verification, run on its first few instances through Run Command: the instance's identity
 * endpoint gives a token, and Dapr's metadata API there lists each component (judged as on the VM,
 * dapr-metadata-check.ts). How an instance is named and reached depends on the orchestration mode.
 *
 * Uniform: `az vmss list-instances` lists the instances (VirtualMachineScaleSetVMs List; the flattened
 * instanceId is the decimal instance id), and `az vmss run-command invoke --instance-id` runs on one
 * (VirtualMachineScaleSetVMs RunCommand; azure-cli vm/commands.py 'vmss run-command' invoke ->
 * custom.py vmss_run_command_invoke -> run_command_invoke, virtual_machine_scale_set_vms.begin_run_command,
 * 2.45 and the newest source alike).
 * Flexible: the instances are standard VMs, named `{scale-set}_{8 characters}` (MicrosoftDocs/azure-compute-docs
 * virtual-machine-scale-sets-instance-ids.md: "the instance ID is simply the name of the virtual machine"), to
 * be managed with the standard VM commands (virtual-machine-scale-sets-orchestration-modes.md, "What has
 * changed with Flexible orchestration mode"); the scale-set VM Run Command refuses a name ("Virtual Machine
 * Scale Set VM instanceId must be a number", Azure/azure-powershell#23622, the same REST operation). So the
 * script lists them with `az vm list --vmss <name> --resource-group <group>` (vm/custom.py list_vm: a
 * `virtualMachineScaleSet/id eq` filter on the VMs of that group; _params.py 'vm list' vmss, min_api
 * 2021-11-01, in 2.45) and runs `az vm run-command invoke` on each.
 * The mode is the scale set's orchestrationMode, Uniform or Flexible (Compute OrchestrationMode; az vmss show
 * prints the model's properties flattened, as upgradePolicy.mode in vm.ts); a scale set from before the
 * property says nothing and is Uniform, the only mode then.
 */
import type { DeploymentPlan } from '../plan/deployment-plan';
import {
  command,
  join,
  lit,
  note,
  printLine,
  v,
  when,
  words,
  type Command,
  type ScriptLine,
  type Word,
} from '../script-model';
import { guard, RG } from '../setup/steps';
import { failureMessage } from '../troubleshoot-advice';
import { countLines } from './captured-lines';
import { ORCHESTRATION_MODE } from './vmss-orchestration';
import { METADATA_SCRIPT, metadataJudgeLines } from './dapr-metadata-check';
import { daprRunLine } from './self-hosted';
import { IMDS_ATTEMPTS, IMDS_DELAY_SECONDS, IMDS_TRY_SECONDS, imdsStatusCurl } from './vm-verify';

/** How many instances the setup checks: each Run Command takes a while, and one at a time runs on an instance. */
export const INSTANCES_CHECKED = 3;
const ORDINALS = ['first', 'second', 'third'] as const;

// Read before any change (vmss-orchestration.ts).
const MODE = ORCHESTRATION_MODE;
const INSTANCES = 'VMSS_INSTANCES';
const COUNT = 'VMSS_INSTANCE_COUNT';
const INSTANCE = 'VMSS_INSTANCE';
const OUTPUT = 'VMSS_INSTANCE_CHECK';
const TOKEN = 'VMSS_INSTANCE_TOKEN';
const NOT_LINUX = 'VMSS_VMS_NOT_LINUX';

/**
 * A Linux VM of the list: its OS disk says Linux, or, with no OS type there, its OS profile is Linux's (the
 * CLI's own _is_linux_os falls back so: "the os_type could be None for VM scaleset", azure-cli vm/custom.py).
 * `!(...)` with the parentheses: `!a.b` reads as `(!a).b` in the jmespath package az uses.
 */
const IS_LINUX =
  "storageProfile.osDisk.osType=='Linux' || (!(storageProfile.osDisk.osType) && osProfile.linuxConfiguration)";

/** What the instance prints after its token tries: the last HTTP status of the token request. */
export const IMDS_STATUS_MARKER = 'imds-token-status:';

/**
 * The instance's script: the token request tried on the machine itself, as the VM's check tries it from
 * here (a new identity can take a moment to reach the instance), then Dapr's metadata script. Only the
 * status and the name-and-type pairs leave the machine. `clientId` is where the client id goes: a `\0`
 * the caller replaces with CLIENT_ID's value, or undefined for the system-assigned identity.
 */
function instanceScript(plan: DeploymentPlan, clientId: string | undefined): string {
  return (
    `for attempt in ${Array.from({ length: IMDS_ATTEMPTS }, (_, index) => index + 1).join(' ')}; do ` +
    `imds_status=$(${imdsStatusCurl(plan, clientId)}); ` +
    `if [ "$imds_status" = 200 ]; then break; fi; sleep ${IMDS_DELAY_SECONDS}; done; ` +
    `echo "${IMDS_STATUS_MARKER} $imds_status"; ${METADATA_SCRIPT}`
  );
}

/** The --scripts word: for a user-assigned identity, the client id the script holds in CLIENT_ID. */
function scriptsWord(plan: DeploymentPlan): Word {
  if (plan.identity.kind !== 'user') return lit(instanceScript(plan, undefined));
  const [before = '', after = ''] = instanceScript(plan, '\0').split('\0');
  return join(before, v('CLIENT_ID'), after);
}

/** Runs the instance's script and keeps value[0].message (the [stdout] and [stderr] parts, vm custom.py). */
function runOnInstance(invoke: readonly Word[], plan: DeploymentPlan): Command {
  return command(
    [
      ...invoke,
      '--command-id',
      'RunShellScript',
      '--scripts',
      scriptsWord(plan),
      '--query',
      'value[0].message',
      '-o',
      'tsv',
    ],
    {
      captureTo: OUTPUT,
      // The script only asks for a token (discarded) and reads Dapr's metadata: a read.
      effect: 'read-only',
      // A stopped instance, or no right to run commands: the token check below stops with the entry.
      tolerateFailure: true,
    },
  );
}

/** The checks of the instance in slot `index` of the list, when the list has one there. */
function instanceLines(plan: DeploymentPlan, index: number): ScriptLine[] {
  const where = `the scale set's ${ORDINALS[index] ?? `instance ${index + 1}`} instance`;
  const who = plan.identity.kind === 'user' ? "identity's client id" : 'system-assigned identity';
  return [
    command(['printf', '%s\\n', v(INSTANCES)], {
      captureTo: INSTANCE,
      pipeTo: ['sed', '-n', `${index + 1}p`],
    }),
    when(INSTANCE, '!=', '', [
      printLine(
        `Checking ${where}, `,
        v(INSTANCE),
        `, through Run Command: a token from its identity endpoint (${IMDS_ATTEMPTS} tries on the instance, at most ${IMDS_ATTEMPTS * (IMDS_TRY_SECONDS + IMDS_DELAY_SECONDS)} s) and the components in Dapr's metadata API. Run Command waits for the script to finish there.`,
      ),
      when(MODE, '!=', 'Flexible', [
        runOnInstance(
          words('az vmss run-command invoke --name', v('VMSS_NAME'), ...RG, '--instance-id', v(INSTANCE)),
          plan,
        ),
      ]),
      when(MODE, '=', 'Flexible', [
        runOnInstance(words('az vm run-command invoke --name', v(INSTANCE), ...RG), plan),
      ]),
      countLines(OUTPUT, TOKEN, `${IMDS_STATUS_MARKER} 200`, '-x'),
      guard(
        TOKEN,
        '=',
        '0',
        failureMessage(
          `On ${where}, the instance metadata service (169.254.169.254) gave no token for the ${who} after ${IMDS_ATTEMPTS} tries (or Run Command failed there, its error above: the instance must be running, one Run Command runs on it at a time, and you need Microsoft.Compute/virtualMachineScaleSets/virtualMachines/runCommand/action on a Uniform scale set, Microsoft.Compute/virtualMachines/runCommand/action on a Flexible one's VMs, as in Virtual Machine Contributor): so Dapr on that instance cannot sign in either. An instance on an older model lacks the identity until it is updated: ${plan.identity.kind === 'user' ? 'az vmss update-instances --instance-ids <its id, or its VM name on Flexible>, or, on a Flexible scale set without an upgrade policy, az vm identity assign on the VM' : 'az vmss update-instances --instance-ids <its id>'}.`,
          'imds-no-token',
        ),
        { detail: join(`The scale set's instance `, v(INSTANCE), ':') },
      ),
      ...metadataJudgeLines(plan, OUTPUT, where, daprRunLine(plan)),
    ]),
  ];
}

/**
 * The lines of the verify step: read the mode, list the instances, check the first INSTANCES_CHECKED. No
 * instance is not a failure (a scale set may be scaled to zero); the count says how many went unchecked.
 */
export function scaleSetVerifyLines(plan: DeploymentPlan): ScriptLine[] {
  return [
    note(
      `The scale set's instances (the first ${INSTANCES_CHECKED}): each gives the identity a token, and Dapr there lists each component.\n` +
        'Uniform orchestration: instance ids from az vmss list-instances, reached with az vmss run-command invoke.\n' +
        "Flexible: the instances are VMs (in the scale set's resource group), reached with az vm run-command invoke.",
    ),
    when(MODE, '!=', 'Flexible', [
      command(
        words('az vmss list-instances --name', v('VMSS_NAME'), ...RG, '--query [].instanceId -o tsv'),
        // A list: its last word is not one commandEffect() knows to read.
        { captureTo: INSTANCES, effect: 'read-only' },
      ),
    ]),
    // A Flexible scale set may mix Linux and Windows VMs (virtual-machine-scale-sets-orchestration-modes.md,
    // "Mix operating systems"), and RunShellScript needs Linux: only its Linux VMs are checked, the others named.
    // az vm list prints each VM's storageProfile.osDisk.osType (Compute OSDisk.osType: Windows or Linux).
    when(MODE, '=', 'Flexible', [
      command(
        words('az vm list', ...RG, '--vmss', v('VMSS_NAME'), '--query', lit(`[?${IS_LINUX}].name`), '-o tsv'),
        { captureTo: INSTANCES },
      ),
      command(
        words(
          'az vm list',
          ...RG,
          '--vmss',
          v('VMSS_NAME'),
          '--query',
          lit(`join(', ', [?!(${IS_LINUX})].name)`),
          '-o tsv',
        ),
        // Only for the line below: a list that fails (its error above) leaves it out, and the checks go on.
        { captureTo: NOT_LINUX, tolerateFailure: true },
      ),
      when(NOT_LINUX, '!=', '', [
        printLine(
          "Not checked, as they are not Linux (Run Command's shell script needs Linux): the scale set's VMs ",
          v(NOT_LINUX),
          '.',
        ),
      ]),
    ]),
    command(['printf', '%s\\n', v(INSTANCES)], {
      captureTo: COUNT,
      pipeTo: ['grep', '-c', '.'],
      // grep -c prints 0 and exits 1 for an empty list: the 0 is the answer.
      tolerateFailure: true,
    }),
    when(COUNT, '=', '0', [
      printLine(
        'The scale set has no instances yet, so nothing runs there to check: once it has, run this script again (it changes nothing) to check them.',
      ),
    ]),
    when(COUNT, '!=', '0', [
      printLine(
        'The scale set has ',
        v(COUNT),
        ` instance(s) to check (on Flexible orchestration, its Linux VMs); this checks up to ${INSTANCES_CHECKED} of them, the first in the list. Any other: the same Run Command with its id (Uniform, az vmss run-command invoke --instance-id) or its VM name (Flexible, az vm run-command invoke --name).`,
      ),
    ]),
    ...Array.from({ length: INSTANCES_CHECKED }, (_, index) => instanceLines(plan, index)).flat(),
    // The rollout step (vmss-rollout.ts) points here. latestModelApplied is a top-level field of the list's
    // output (aaz/latest/vmss/_list_instances.py, client_flatten); printed, for the user to act on. Uniform
    // only: what the list prints for a Flexible scale set was not confirmed.
    when(MODE, '!=', 'Flexible', [
      printLine(
        'Instances not yet on the latest model (so still without the identity), to update with az vmss update-instances --instance-ids <ids>:\n  az vmss list-instances --name ',
        v('VMSS_NAME'),
        ' --resource-group ',
        v('RESOURCE_GROUP'),
        " --query '[?!latestModelApplied].instanceId' -o tsv",
      ),
    ]),
  ];
}
