/**
 * The setup script's steps that put the component files in place on a host whose components are not Azure
 * resources (self-hosted Dapr, and the Kubernetes objects on AKS): the IaC outputs name them, since ARM and
 * azurerm cannot do that part. They are the host module's steps after the grants. On a Web App, one of them adds
 * daprd as a sidecar container, which Bicep can declare: webAppSidecar() reads it off that step's command, so
 * the two cannot differ.
 */
import { scriptVariables } from '../az-script';
import { hostModule } from '../hosts';
import type { DeploymentPlan } from '../plan/deployment-plan';
import type { Command, ScriptStep, Word } from '../script-model';
import { commandsIn } from '../script-queries';
import { azLine } from './header-notes';

const GRANTS_GO_HERE: ScriptStep = { comment: '', lines: [] };

/**
 * The script steps that come after the grants on this host; on a host that takes its files before the grants
 * (Container Instances: the group file carries the identity and the components), all of its steps.
 */
export function applySteps(plan: DeploymentPlan): ScriptStep[] {
  const steps = hostModule(plan.host.id).setupSteps(plan, [GRANTS_GO_HERE]);
  const grantsAt = steps.indexOf(GRANTS_GO_HERE);
  const after = steps.slice(grantsAt + 1);
  if (after.length === 0) return steps.filter((step) => step !== GRANTS_GO_HERE);
  // The scale set's rollout runs before the grants in the script (so a grant that stops it cannot skip the
  // rollout, hosts/vmss-rollout.ts rolloutStep); after a deployment that made the identity it is still the user's to run.
  const rollouts = steps.slice(0, grantsAt).filter((step) => commandsIn(step.lines).some(isUpdateInstances));
  return [...after, ...rollouts];
}

const VMSS_UPDATE_INSTANCES = ['az', 'vmss', 'update-instances'];

function isUpdateInstances(command: Command): boolean {
  return VMSS_UPDATE_INSTANCES.every((word, index) => command.argv[index] === word);
}

/**
 * A script step's command, as the user pastes it: each variable replaced by the value the script assigns it
 * (scriptVariables), so the line is the script's own and cannot drift from it.
 */
function pastedCommand(plan: DeploymentPlan, command: Command): string {
  const values = new Map(scriptVariables(plan).map(({ name, value }) => [name, value]));
  const text = (word: Word): string => {
    if (typeof word === 'string') return word;
    if ('variable' in word) {
      const value = values.get(word.variable);
      if (value === undefined) throw new Error(`no value for $${word.variable}`);
      return value;
    }
    return word.join.map(text).join('');
  };
  return azLine(plan, command.argv.map(text));
}

/**
 * What the IaC lists under a step whose title ends in a colon (the command comes after it in the script): the
 * scale set's rollout under its Manual upgrade policy, `az vmss update-instances --instance-ids '*'`, with the
 * restart warning the script gives (hosts/vmss-rollout.ts rolloutStep, from the upgrade-policy page it cites there).
 */
export function stepDetails(plan: DeploymentPlan, step: ScriptStep): string[] {
  if (!step.comment.endsWith(':')) return [];
  const update = commandsIn(step.lines).find(isUpdateInstances);
  if (!update) throw new Error(`no command listed for the step "${step.comment}"`);
  return [
    pastedCommand(plan, update),
    "It brings every instance to the scale set's latest model, with any other change waiting in it (an OS image or",
    'VM size change restarts or reimages the instance); whether the identity alone restarts one is not documented:',
    'plan for a restart. On Flexible orchestration the instances are named: if "*" misses some, give their names.',
  ];
}

/**
 * A step of notes only (self-hosted Dapr's "Put the component files where Dapr on the VM reads them") runs
 * nothing: the script prints how, and the user does it.
 */
const onlyPrints = (step: ScriptStep): boolean => step.lines.every((line) => line.kind === 'note');

/** The steps of applySteps() as the IaC lists them: each title, and under it any command it ends on. */
export function applyStepLines(plan: DeploymentPlan, steps = applySteps(plan)): string[] {
  return steps.flatMap((step) => [
    `  - ${onlyPrints(step) ? `Yours to do (the script only prints how): ${step.comment}` : step.comment}`,
    ...stepDetails(plan, step).map((line) => `      ${line}`),
  ]);
}

/** The Web App's daprd sidecar container, as the script's `az webapp sitecontainers create` makes it. */
export interface WebAppSidecar {
  /** The script step that makes it. */
  readonly step: ScriptStep;
  readonly containerName: string;
  readonly image: string;
  readonly targetPort: string;
  readonly startupCommand: string;
  readonly isMain: boolean;
}

const SITECONTAINERS_CREATE = ['az', 'webapp', 'sitecontainers', 'create'];

/** A word the script writes as literal text (a plain word or a quoted literal), or undefined for a variable. */
function literalText(word: Word | undefined): string | undefined {
  if (typeof word === 'string') return word;
  if (word && 'join' in word) {
    const parts = word.join.map(literalText);
    return parts.every((part) => part !== undefined) ? parts.join('') : undefined;
  }
  return undefined;
}

function flag(command: Command, name: string): string {
  const value = literalText(command.argv[command.argv.indexOf(name) + 1]);
  if (!command.argv.includes(name) || value === undefined)
    throw new Error(`az webapp sitecontainers create has no literal ${name}`);
  return value;
}

/**
 * The sidecar the setup script adds on this host (the Web App's; undefined elsewhere). Its flags map onto
 * SiteContainer's properties as create_webapp_sitecontainers builds the body it PUTs (Azure/azure-cli
 * src/azure-cli/azure/cli/command_modules/appservice/custom.py: image, target_port, start_up_command, is_main,
 * and auth_type Anonymous when no identity or registry credentials are given).
 */
export function webAppSidecar(plan: DeploymentPlan): WebAppSidecar | undefined {
  for (const step of applySteps(plan)) {
    const command = step.lines.find(
      (line): line is Command =>
        line.kind === 'command' && SITECONTAINERS_CREATE.every((word, index) => line.argv[index] === word),
    );
    if (!command) continue;
    return {
      step,
      containerName: flag(command, '--container-name'),
      image: flag(command, '--image'),
      targetPort: flag(command, '--target-port'),
      startupCommand: flag(command, '--startup-cmd'),
      isMain: flag(command, '--is-main') === 'true',
    };
  }
  return undefined;
}
