/**
 * The setup script: check the target resources, give the host its identity, grant the least role on each
 * one resource, apply the components, verify. It reads only the deployment plan; what each host and each
 * grant kind does lives in ./hosts and ./grants. Commands and flags: ../shared/domain/azure-cli.md.
 */
import { cliRequirement, grantCliNeed } from './setup/cli-minimum';
import type { WizardConfig } from '../model/config';
import { grantOptionLines, grantScriptOptions, grantSetupStep, grantVerifyLine } from './grants';
import { hostModule } from './hosts';
import type { HostModule } from './hosts/host-module';
import { buildPlan } from './plan/build-plan';
import type { DeploymentPlan } from './plan/deployment-plan';
import { planSummary } from './plan/summary';
import { cmd, note, v, type Script, type ScriptLine, type ScriptStep } from './script-model';
import { retryFlagsOf } from './script-queries';
import { exampleValuesStep } from './setup/example-values';
import { preflightSteps } from './setup/preflight';
import { userIdentitySteps } from './setup/user-identity';

export { componentFilePath, federatedCredentialName, FILES_DIR } from './plan/build-plan';

/** The user's values, assigned at the top of the setup and the teardown alike. */
export function scriptVariables(plan: DeploymentPlan): Script['variables'] {
  const variables: { name: string; value: string }[] = [];
  const add = (name: string, value: string): void => {
    if (value !== '') variables.push({ name, value });
  };
  add('SUBSCRIPTION', plan.subscription);
  add('RESOURCE_GROUP', plan.resourceGroup);
  add(plan.host.hostNameVariable, plan.hostName);
  if (plan.host.format === 'container-apps') add('ENVIRONMENT_NAME', plan.environment);
  if (plan.identity.userAssigned) {
    add('IDENTITY_NAME', plan.identity.userAssigned.name);
    add('LOCATION', plan.identity.userAssigned.location);
  }
  if (plan.kubernetes) {
    add('NAMESPACE', plan.kubernetes.namespace);
    add('DEPLOYMENT_NAME', plan.kubernetes.deployment);
  }
  const workload = plan.kubernetes?.workloadIdentity;
  if (workload) {
    add('SERVICE_ACCOUNT', workload.serviceAccountName);
    add('FEDERATED_CREDENTIAL_NAME', workload.federatedCredentialName);
  }
  for (const resource of plan.resources) {
    add(`${resource.variable}_NAME`, resource.name);
    if (resource.groupVariable !== 'RESOURCE_GROUP') add(resource.groupVariable, resource.resourceGroup);
  }
  return variables;
}

function grantSteps(plan: DeploymentPlan): ScriptStep[] {
  return plan.grants.map((resolved, index) =>
    grantSetupStep(
      plan,
      resolved,
      plan.grants.findIndex((other) => other.grant.kind === resolved.grant.kind) === index,
    ),
  );
}

/** One read-back per kind of grant and resource, then the components Dapr loads. */
function verifySteps(plan: DeploymentPlan, host: HostModule): ScriptStep[] {
  const lines: ScriptLine[] = [];
  const seen = new Set<string>();
  for (const resolved of plan.grants) {
    const key = `${resolved.grant.kind}|${resolved.resource.variable}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const line = grantVerifyLine(resolved);
    if (line) lines.push(line);
  }
  lines.push(...host.verifyLines(plan));
  if (lines.length === 0) return [];
  return [
    {
      comment: `Verify: the grants${plan.host.format === 'self-hosted' ? '' : ' and the components Dapr loads'}.`,
      lines,
      // Each check reads what the setup made, which a dry run skipped: it would find it missing and stop.
      skippedInDryRun: 'the checks of what the skipped commands make are skipped too.',
    },
  ];
}

function closingStep(plan: DeploymentPlan, host: HostModule): ScriptStep {
  const onlyPolicies = plan.grants.every(({ grant }) => grant.kind === 'keyvault-policy');
  return {
    // Propagation: up to ~10 minutes for role assignments (azure-cli.md 5, gotcha 1).
    comment: onlyPolicies
      ? 'Done. A new access policy can take a minute or two to apply;'
      : 'Done. New grants take a few minutes (role assignments up to about 10) to take effect;',
    lines: [
      note(
        `until then Dapr may get 403 Forbidden: if the app started before that, ${host.restartHint(plan)}`,
      ),
      ...(host.runAgain === undefined ? [] : [note(host.runAgain.join('\n'))]),
    ],
  };
}

export function scriptTitle(plan: DeploymentPlan): string {
  const titles = plan.components.map((component) => component.title);
  return titles.length <= 2 ? titles.join(' and ') : `${titles.length} Dapr components`;
}

/**
 * A sovereign cloud: az must talk to it. `az cloud set` only switches the CLI's active cloud (a local setting,
 * no sign-in needed) and picks a subscription from an earlier sign-in to that cloud; sign-ins are kept per
 * cloud, so `az login` must follow it once (azure-cli src/azure-cli-core/azure/cli/core/cloud.py
 * switch_active_cloud). Later commands whose audience differs per cloud follow the active cloud, e.g.
 * `az account get-access-token --resource-type oss-rdbms` (profile/custom.py maps it to the cloud's
 * ossrdbms_resource_id).
 */
function cloudSteps(plan: DeploymentPlan): ScriptStep[] {
  if (plan.cloud.daprEnvironment === undefined) return [];
  return [
    {
      comment: `Talk to ${plan.cloud.title}: every resource below is in that cloud.`,
      lines: [cmd('az cloud set --name', plan.cloud.azCloudName)],
    },
  ];
}

export function signInLine(plan: DeploymentPlan): string {
  if (plan.cloud.daprEnvironment === undefined) return 'Run it with Bash after `az login`.';
  return `Run it with Bash after \`az cloud set --name ${plan.cloud.azCloudName}\` and then \`az login\` (a sign-in to another cloud does not count).`;
}

/** Where a script came from, for its opening lines: what gets a user back to the wizard state that made it. */
export interface ScriptMeta {
  /** The wizard's address with this configuration's share link. */
  readonly shareLink: string;
  /** The day it was generated, UTC, YYYY-MM-DD. */
  readonly generatedOn: string;
  /** The wizard's version (package.json). */
  readonly version: string;
}

export function originLines(meta: ScriptMeta | undefined): string[] {
  if (meta === undefined) return [];
  return [
    `Generated on ${meta.generatedOn} by the Dapr Managed Identity Wizard ${meta.version}; this link reopens it with these values:`,
    `  ${meta.shareLink}`,
  ];
}

/**
 * What a second run does, in the words of the re-run test (src/generate/rerun.test.ts runs every golden
 * script twice against the fake cloud and finds nothing changed), and the dry run.
 */
const RERUN_AND_DRY_RUN = [
  'Safe to run again: each step looks before it changes (grants and assignments are made only when missing;',
  'identities, settings and files are written with the same values), so a second run with the same values',
  'changes no setting in Azure, the cluster or the databases (a step that restarts the app restarts it again).',
  'After a change in the wizard, a run adds what the new values need; it removes nothing the old ones made.',
  "To take it back: teardown-dapr-identity.sh (the wizard's Teardown tab), made from the same values.",
  'Dry run: DRY_RUN=1 bash setup-dapr-identity.sh prints each command that would change something instead',
  'of running it; the lookups and the checks before each change still run, the files are still written into',
  './components, and the closing verify step (which checks what the skipped commands make) is skipped.',
];

/** planSummary as comment lines: the Review step's list, so the script says what it will change. */
function changeListLines(plan: DeploymentPlan): string[] {
  return [
    'What it changes:',
    ...planSummary(plan).flatMap((section) => [
      `${section.title}:`,
      ...section.items.map((item) => `  - ${item}`),
    ]),
  ];
}

/** What every script of a plan does first: paths kept as typed, the cloud, the subscription. */
export function preambleSteps(plan: DeploymentPlan): ScriptStep[] {
  const steps: ScriptStep[] = [
    ...exampleValuesStep(plan),
    {
      // Azure/azure-cli doc/use_cli_with_git_bash.md: MSYS turns arguments that start with / into Windows paths.
      comment:
        'Git Bash on Windows would rewrite arguments that start with / (scopes, resource ids) into Windows paths.',
      lines: [cmd('export MSYS_NO_PATHCONV=1')],
    },
    ...cloudSteps(plan),
  ];
  if (plan.subscription !== '') {
    steps.push({
      comment: 'Work in the chosen subscription, so every name below is looked up there.',
      lines: [cmd('az account set --subscription', v('SUBSCRIPTION'))],
    });
  }
  return steps;
}

/** The whole setup script for a plan. */
export function buildSetupScript(plan: DeploymentPlan, meta?: ScriptMeta): Script {
  const host = hostModule(plan.host.id);
  const steps: ScriptStep[] = preambleSteps(plan);
  steps.push(...preflightSteps(plan), ...(host.preflightSteps?.(plan) ?? []));
  if (plan.identity.userAssigned) steps.push(...userIdentitySteps(plan));
  steps.push(...host.setupSteps(plan, grantSteps(plan)));
  steps.push(...verifySteps(plan, host), closingStep(plan, host));
  const requirement = cliRequirement(host.cliRequirement(plan), grantCliNeed(plan));
  return {
    header: [
      `Dapr Managed Identity Wizard: ${scriptTitle(plan)} on ${plan.host.title}, ${plan.identity.title}.`,
      ...originLines(meta),
      signInLine(plan) + (requirement ? ` ${requirement}` : ''),
      ...(host.runAgain ?? []),
      'Change values in the wizard, not here: the files this script writes were generated from them.',
      ...grantOptionLines(plan),
      '',
      ...RERUN_AND_DRY_RUN,
      '',
      ...changeListLines(plan),
    ],
    variables: scriptVariables(plan),
    options: grantScriptOptions(plan),
    // A wait that may run out without stopping the script (the Container Apps read of daprd's log).
    flags: retryFlagsOf(steps),
    steps,
  };
}

/** The setup script for a valid configuration. */
export function buildAzScript(config: WizardConfig, meta?: ScriptMeta): Script {
  return buildSetupScript(buildPlan(config), meta);
}
