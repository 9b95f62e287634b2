/**
 * The setup script: check the target resources, give the host its identity, grant the least role on each
 * one resource, apply the components, verify. It reads only the deployment plan; what each host and each
 * grant kind does lives in ./hosts and ./grants. Commands and flags: ../shared/domain/azure-cli.md.
 */
import type { WizardConfig } from '../model/config';
import { grantSetupStep, grantVerifyLine } from './grants';
import { hostModule } from './hosts';
import type { HostModule } from './hosts/host-module';
import { buildPlan } from './plan/build-plan';
import type { DeploymentPlan } from './plan/deployment-plan';
import { cmd, note, v, type Script, type ScriptLine, type ScriptStep } from './script-model';
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
  if (plan.kubernetes) add('NAMESPACE', plan.kubernetes.namespace);
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
      note(`until then Dapr may get 403 Forbidden: if the app started before that, ${host.restartHint}`),
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

/** What every script of a plan does first: paths kept as typed, the cloud, the subscription. */
export function preambleSteps(plan: DeploymentPlan): ScriptStep[] {
  const steps: ScriptStep[] = [
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
export function buildSetupScript(plan: DeploymentPlan): Script {
  const host = hostModule(plan.host.id);
  const steps: ScriptStep[] = preambleSteps(plan);
  steps.push(...preflightSteps(plan), ...(host.preflightSteps?.(plan) ?? []));
  if (plan.identity.userAssigned) steps.push(...userIdentitySteps(plan));
  steps.push(...host.setupSteps(plan, grantSteps(plan)));
  steps.push(...verifySteps(plan, host), closingStep(plan, host));
  const requirement = host.cliRequirement(plan);
  return {
    header: [
      `Dapr Managed Identity Wizard: ${scriptTitle(plan)} on ${plan.host.title}, ${plan.identity.title}.`,
      signInLine(plan) + (requirement ? ` ${requirement}` : ''),
      'Change values in the wizard, not here: the files this script writes were generated from them.',
    ],
    variables: scriptVariables(plan),
    steps,
  };
}

/** The setup script for a valid configuration. */
export function buildAzScript(config: WizardConfig): Script {
  return buildSetupScript(buildPlan(config));
}
