/**
 * The setup script's steps that put the component files in place on a host whose components are not Azure
 * resources (self-hosted Dapr, and the Kubernetes objects on AKS): the IaC outputs name them, since ARM and
 * azurerm cannot do that part. They are the host module's steps after the grants. On a Web App, one of them adds
 * daprd as a sidecar container, which Bicep can declare: webAppSidecar() reads it off that step's command, so
 * the two cannot differ.
 */
import { hostModule } from '../hosts';
import type { DeploymentPlan } from '../plan/deployment-plan';
import type { Command, ScriptStep, Word } from '../script-model';

const GRANTS_GO_HERE: ScriptStep = { comment: '', lines: [] };

/**
 * The script steps that come after the grants on this host; on a host that takes its files before the grants
 * (Container Instances: the group file carries the identity and the components), all of its steps.
 */
export function applySteps(plan: DeploymentPlan): ScriptStep[] {
  const steps = hostModule(plan.host.id).setupSteps(plan, [GRANTS_GO_HERE]);
  const after = steps.slice(steps.indexOf(GRANTS_GO_HERE) + 1);
  return after.length > 0 ? after : steps.filter((step) => step !== GRANTS_GO_HERE);
}

/** The titles of applySteps(). */
export function applyStepTitles(plan: DeploymentPlan): string[] {
  return applySteps(plan).map((step) => step.comment);
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
