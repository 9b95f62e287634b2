/** What each host module tells the setup script: how its host gets the identity, the files, the checks. */
import type { DeploymentPlan } from '../plan/deployment-plan';
import type { ScriptLine, ScriptStep } from '../script-model';

export interface HostModule {
  /**
   * The steps between the resource lookups and the verification, in the order this host needs them: give the
   * host its identity (leaving its principal in PRINCIPAL_ID), run the grant steps given, apply the components.
   */
  readonly setupSteps: (plan: DeploymentPlan, grantSteps: readonly ScriptStep[]) => ScriptStep[];
  /**
   * Checks of the host itself that run before anything changes (right after the resource lookups), so that
   * a host the setup cannot apply to stops the script before it half-applies. Optional.
   */
  readonly preflightSteps?: (plan: DeploymentPlan) => ScriptStep[];
  /**
   * The teardown's steps between reading the identity and deleting a user-assigned one the setup created: read
   * a system-assigned principal into PRINCIPAL_ID (empty when the host has none), run the grant steps given,
   * then remove the components and take the identity off the host, removing only what the setup made.
   */
  readonly teardownSteps: (plan: DeploymentPlan, grantSteps: readonly ScriptStep[]) => ScriptStep[];
  /**
   * The host's own teardown steps remove the files the setup wrote into ./components, with a note for the
   * machines they were copied to (VM, scale set) or the group file they made (ACI); elsewhere the teardown
   * removes them in a step of its own.
   */
  readonly teardownRemovesLocalFiles?: true;
  /** Checks that the components reached Dapr's store on this host (none where the host has no store). */
  readonly verifyLines: (plan: DeploymentPlan) => ScriptLine[];
  /**
   * When to run the setup again to finish its proof (the VM: once the app runs under dapr run, when Dapr's
   * metadata API can answer), in lines: said in the header and at the end. Optional.
   */
  readonly runAgain?: readonly string[];
  /** The end of "if the app started before that, ...", with the host's own names in a command to paste. */
  readonly restartHint: (plan: DeploymentPlan) => string;
  /** The Azure CLI release the commands need, when newer than the oldest supported one. */
  readonly cliRequirement: (plan: DeploymentPlan) => string | undefined;
  /** The Azure CLI release the teardown's commands need, said in its header. Optional. */
  readonly teardownCliRequirement?: (plan: DeploymentPlan) => string | undefined;
}

/** The usual order: identity, then grants, then the components. */
export function identityGrantsApply(
  identity: readonly ScriptStep[],
  grantSteps: readonly ScriptStep[],
  apply: readonly ScriptStep[],
): ScriptStep[] {
  return [...identity, ...grantSteps, ...apply];
}

export const RESTART_THE_APP = (): string => 'restart the app.';

export { needsAzureCli } from '../setup/cli-minimum';
