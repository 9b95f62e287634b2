/**
 * VM and VM Scale Set: Dapr runs self-hosted (dapr run --resources-path, dapr/docs reference/cli/dapr-run.md)
 * and finds the identity through the instance metadata service (azure-cli.md 1.4, 1.5).
 */
import type { DeploymentPlan } from '../plan/deployment-plan';
import { FILES_DIR } from '../plan/build-plan';
import { capture, command, join, lit, note, v, versionAtLeast, type ScriptStep } from '../script-model';
import { fileList, guard, hostArgsToPaste, RG } from '../setup/steps';
import { identityGrantsApply, RESTART_THE_APP, type HostModule } from './host-module';
import { vmVerifyLines } from './vm-verify';
import { scaleSetVerifyLines } from './vmss-verify';
import { scaleSetPreflightSteps } from './vmss-orchestration';
import { readUpgradePolicyStep, rolloutStep } from './vmss-rollout';
import { scaleSetUserAssignStep } from './vmss-assign';
import { assignIdentitySteps, daprRunLine, writeAndPlaceSteps } from './self-hosted';
import {
  readSystemPrincipalStep,
  removeHostIdentityStep,
  removeLocalFilesLines,
} from '../teardown/host-steps';
import { failureWord, withEntry } from '../troubleshoot-advice';
import { quoteLiteral } from '../bash/quoting';

const DAPR_VERSION = 'DAPR_VERSION';
const UPGRADE_DOC = 'https://docs.dapr.io/operations/hosting/self-hosted/self-hosted-upgrade/';

/**
 * Run on the machine as root by the Run Command agent: the daprd on PATH, else the one `dapr init` put in a
 * user's $HOME/.dapr/bin (dapr/docs daprdocs/content/en/concepts/dapr-services/sidecar.md), prints its release
 * with `daprd --version`, which prints only buildinfo.Version() (dapr/dapr cmd/daprd/app/app.go). Prints
 * nothing when there is no daprd yet.
 */
const PRINT_DAPRD_VERSION =
  'for daprd in "$(command -v daprd)" /root/.dapr/bin/daprd /home/*/.dapr/bin/daprd; do ' +
  'if [ -x "$daprd" ]; then "$daprd" --version; break; fi; done';

/**
 * `az vm run-command invoke` returns the RunCommandResult whose value[0].message holds the script's output
 * under [stdout] and [stderr] headings (azure-cli vm/custom.py run_command_invoke; -o tsv prints the string
 * as it is, knack output.py _dump_obj); the sed keeps the line that is a release.
 */
function vmDaprCheckStep(need: NonNullable<DeploymentPlan['daprNeed']>): ScriptStep {
  return {
    comment: `Read the Dapr release installed on the VM (daprd --version, through Run Command): ${need.reason}.`,
    lines: [
      command(
        [
          'az',
          'vm',
          'run-command',
          'invoke',
          '--name',
          v('VM_NAME'),
          ...RG,
          '--command-id',
          'RunShellScript',
          '--scripts',
          lit(PRINT_DAPRD_VERSION),
          '--query',
          'value[0].message',
          '-o',
          'tsv',
        ],
        {
          captureTo: DAPR_VERSION,
          pipeTo: ['sed', '-nE', 's/^v?([0-9]+[.][0-9]+[.][0-9]+)[^ ]*$/\\1/p'],
          // Run Command runs a script that only prints daprd's release: a dry run still runs it.
          effect: 'read-only',
          // Run Command fails on a stopped VM or without the rights to run it: the release is then unknown,
          // which the check below says, and the script goes on as it does when no daprd is found.
          tolerateFailure: true,
        },
      ),
      versionAtLeast(DAPR_VERSION, need.version, {
        tooOld: failureWord(
          join(
            'This VM runs Dapr ',
            v(DAPR_VERSION),
            `; ${need.reason}, so it needs Dapr ${need.version} or later. Upgrade Dapr on the VM (${UPGRADE_DOC}: dapr uninstall, then dapr init --runtime-version ${firstRelease(need.version)} or a later release), or change that choice in the wizard.`,
          ),
          'dapr-release-too-old',
        ),
        unknown: `Could not read the Dapr release on the VM: no daprd found, or Run Command failed (its error is above; the VM must be running). Install Dapr ${need.version} or later (${need.reason}): dapr init installs the newest release, or pick one with dapr init --runtime-version ${firstRelease(need.version)} or later.`,
      }),
    ],
  };
}

/** A release `dapr init --runtime-version` takes (a full x.y.z, dapr/docs daprdocs/content/en/reference/cli/dapr-init.md): 1.17 -> 1.17.0. */
function firstRelease(version: string): string {
  return version.split('.').length === 2 ? `${version}.0` : version;
}

/** The names of a Flexible scale set's VMs, one a line, as a command to paste (vmss-rollout.ts reads the same). */
function flexibleVmList(plan: DeploymentPlan): string {
  return `az vm list --resource-group ${quoteLiteral(plan.resourceGroup)} --vmss ${quoteLiteral(plan.hostName)} --query '[].name' -o tsv`;
}

/** Instance ids differ by orchestration (numbers in Uniform, names in Flexible): the check is a note. */
function vmssDaprCheckStep(plan: DeploymentPlan, need: NonNullable<DeploymentPlan['daprNeed']>): ScriptStep {
  return {
    comment: `Check the Dapr release on the instances yourself: ${need.reason}, so every instance needs Dapr ${need.version} or later.`,
    lines: [
      note(
        // The same search as the VM's check: Run Command runs as root, and dapr init puts daprd in the
        // installing user's $HOME/.dapr/bin, off root's PATH.
        'Instance ids are not known here; on Uniform orchestration, for each instance (az vmss list-instances lists them):\n' +
          `  az vmss run-command invoke ${hostArgsToPaste(plan)} \\\n` +
          `    --instance-id <instance-id> --command-id RunShellScript --scripts ${quoteLiteral(PRINT_DAPRD_VERSION)}\n` +
          // az vmss run-command takes no VM name on Flexible orchestration (vmss-verify.ts): each VM's own.
          (plan.identity.kind === 'user'
            ? `On Flexible orchestration, for each VM (${flexibleVmList(plan)} lists them):\n` +
              `  az vm run-command invoke --resource-group ${quoteLiteral(plan.resourceGroup)} --name <vm-name> \\\n` +
              `    --command-id RunShellScript --scripts ${quoteLiteral(PRINT_DAPRD_VERSION)}\n`
            : '') +
          `Older than ${need.version}? Upgrade Dapr in the image or your deployment (${UPGRADE_DOC}), or change that choice in the wizard.`,
      ),
    ],
  };
}

/**
 * The script's Run Command lines are shell (RunShellScript, curl), which a Windows VM does not run: a Windows
 * VM would fail the identity check only after every change is made. The OS is the model's
 * storageProfile.osDisk.osType, Linux or Windows (Azure REST Compute OSDisk.osType, OperatingSystemTypes;
 * az vm show prints the VM's properties flattened, azure-cli vm/custom.py show_vm).
 */
const vmLinuxCheckStep: ScriptStep = {
  comment:
    "Check that the VM runs Linux: the script's checks on the VM run shell commands (Run Command RunShellScript).",
  lines: [
    capture(
      'VM_OS_TYPE',
      'az vm show --name',
      v('VM_NAME'),
      ...RG,
      '--query storageProfile.osDisk.osType -o tsv',
    ),
    guard(
      'VM_OS_TYPE',
      '!=',
      'Linux',
      withEntry(
        'The VM is not a Linux VM (its storageProfile.osDisk.osType is not Linux), and this script checks the VM with shell commands through Run Command, which need Linux: nothing was changed. On a Windows VM, give it the identity and the grants yourself.',
        'host-not-linux',
      ),
    ),
  ],
};

function daprCheckSteps(plan: DeploymentPlan, isScaleSet: boolean): ScriptStep[] {
  const need = plan.daprNeed;
  if (need === undefined) return [];
  return [isScaleSet ? vmssDaprCheckStep(plan, need) : vmDaprCheckStep(need)];
}

/**
 * `dapr run` starts the daprd that `dapr init` installed: with Docker, or `--slim` without it, which installs
 * the daprd, placement and (for Dapr 1.14 and later) scheduler binaries, and runs no container (dapr/cli
 * pkg/standalone/standalone.go Init: installDaprRuntime, installPlacement, installScheduler;
 * daprVersionsWithScheduler ">= 1.14.x").
 */
function installDapr(where: string, plan: DeploymentPlan): string {
  const need = plan.daprNeed;
  return (
    `Install Dapr ${where} once, if it is not there yet: the Dapr CLI, then\n` +
    "  dapr init          # needs Docker: runs Dapr's services, Redis and Zipkin as containers\n" +
    '  dapr init --slim   # without Docker: installs the daprd, placement and scheduler binaries, no containers\n' +
    `--resources-path makes Dapr load the files in ./${FILES_DIR} only, not the defaults dapr init writes.` +
    (need === undefined
      ? ''
      : `\nThese components need Dapr ${need.version} or later (${need.reason}): dapr init installs the newest release; with --runtime-version pick ${firstRelease(need.version)} or later.`)
  );
}

function placement(plan: DeploymentPlan): string {
  const files = fileList(plan);
  return plan.host.id === 'vmss'
    ? `${installDapr('on every instance (in the image or with your deployment)', plan)}\nShip ${files} to every instance the same way, and start the app with Dapr:\n${daprRunLine(plan)}\nEach instance finds the scale set's identity through the instance metadata service.`
    : `${installDapr('on the VM', plan)}\nCopy ${files} to the VM, into a ${FILES_DIR} folder beside the app, and start the app with Dapr:\n${daprRunLine(plan)}\nDapr finds the VM's identity through the instance metadata service; nothing else to set.`;
}

/**
 * Grants, the local files, the identity. The component files copied to the machines are the user's copies:
 * a note says where. With Manual upgrade policy, instances keep an identity change of the model until updated.
 */
function virtualMachineTeardownSteps(group: 'vm' | 'vmss') {
  return (plan: DeploymentPlan, grantSteps: readonly ScriptStep[]): ScriptStep[] => [
    ...(plan.identity.kind === 'system' ? [readSystemPrincipalStep(plan, group)] : []),
    ...grantSteps,
    {
      comment: `Remove the component files: the copies the setup wrote here, and yours on the ${plan.host.noun}.`,
      lines: [
        ...removeLocalFilesLines(plan.components.map((component) => component.path)),
        note(
          `Delete ${fileList(plan)} from the ${FILES_DIR} folder ${group === 'vmss' ? 'on every instance (or your image and deployment)' : 'on the VM'} too, and restart the app without them.`,
        ),
      ],
    },
    removeHostIdentityStep(plan, group, { system: ['--identities', '[system]'], user: '--identities' }),
    ...(group === 'vmss'
      ? [
          {
            // Whether instances keep an identity the model lost until they are updated is disputed: the
            // CLI's warning after an identity change on Manual says so (vm/custom.py assign_vmss_identity), a
            // VMSS PM says identities live on the scale set and need no update (Azure/azure-cli#19813).
            comment:
              'If this teardown took an identity off the scale set and an instance still gets a token for it (Manual upgrade policy),\n' +
              'update the instances: that also applies any other change waiting in the model (an OS image or size\n' +
              'change restarts or reimages them):',
            // On Flexible orchestration --instance-ids takes VM names, not '*' (the setup's rollout,
            // vmss-rollout.ts, and its source). A system-assigned setup stops on Flexible: no such line.
            lines: [
              note(
                `  az vmss update-instances ${hostArgsToPaste(plan)} --instance-ids '*'` +
                  (plan.identity.kind === 'user'
                    ? '\nThat is Uniform orchestration; on Flexible, --instance-ids takes the VM names:\n' +
                      `  az vmss update-instances ${hostArgsToPaste(plan)} --instance-ids $(${flexibleVmList(plan)})`
                    : ''),
              ),
            ],
          },
        ]
      : []),
  ];
}

/** The VM's metadata check answers only while the app runs, which the user starts after this script. */
const VM_RUN_AGAIN = [
  'Run it again once the app runs under dapr run (this script prints the command, with --dapr-http-port 3500):',
  'that run changes nothing and checks through Run Command that Dapr loaded each component.',
];

/** VM and VMSS share the identity commands; the group is `vm` or `vmss`. */
function virtualMachineHost(group: 'vm' | 'vmss'): HostModule {
  const isScaleSet = group === 'vmss';
  return {
    preflightSteps: (plan) => [
      ...(isScaleSet ? [] : [vmLinuxCheckStep]),
      ...daprCheckSteps(plan, isScaleSet),
      ...(isScaleSet ? [...scaleSetPreflightSteps(plan), readUpgradePolicyStep()] : []),
    ],
    setupSteps: (plan, grantSteps) =>
      identityGrantsApply(
        [
          ...(isScaleSet && plan.identity.kind === 'user'
            ? [scaleSetUserAssignStep()]
            : assignIdentitySteps(
                plan,
                group,
                // The command reports the new principal as systemAssignedIdentity (vm custom.py _construct_identity_info).
                {
                  comment: `Turn on the ${plan.host.noun}'s system-assigned identity; its principal id comes back as systemAssignedIdentity.`,
                  query: 'systemAssignedIdentity',
                },
                '--identities',
              )),
          ...(isScaleSet ? [rolloutStep(plan)] : []),
        ],
        grantSteps,
        writeAndPlaceSteps(plan, placement(plan)),
      ),
    teardownSteps: virtualMachineTeardownSteps(group),
    teardownRemovesLocalFiles: true,
    verifyLines: (plan) => (isScaleSet ? scaleSetVerifyLines(plan) : vmVerifyLines(plan)),
    ...(isScaleSet ? {} : { runAgain: VM_RUN_AGAIN }),
    restartHint: RESTART_THE_APP,
    cliRequirement: () => undefined,
  };
}

export const vmHost = virtualMachineHost('vm');
export const vmssHost = virtualMachineHost('vmss');
