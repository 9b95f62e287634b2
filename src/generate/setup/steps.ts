/** Building blocks the host and grant modules share when they write setup-script steps. */
import type { ResolvedResource } from '../resources';
import type { DeploymentPlan, PlannedComponent } from '../plan/deployment-plan';
import { CLIENT_ID_MARKER } from '../markers';
import { v, type Guard, type ScriptLine, type Word, type WriteFile } from '../script-model';
import { toYaml } from '../to-yaml';
import { withEntry, type FailureText } from '../troubleshoot-advice';
import { quoteLiteral } from '../bash/quoting';

export const RG = ['--resource-group', v('RESOURCE_GROUP')] as const;

// Every identity granted here is a managed identity, i.e. a service principal; naming the type skips the
// Graph lookup that fails for just-created identities (azure-cli.md 2; role/_params.py help).
export const PRINCIPAL_TYPE = 'ServicePrincipal';

/**
 * `--name <host> --resource-group <group>` with the values written in, each quoted as Bash needs it: for a
 * command the script prints or shows in a comment, which the user pastes into a shell where the script's
 * variables are not set.
 */
export function hostArgsToPaste(plan: DeploymentPlan): string {
  return nameAndGroupToPaste(plan.hostName, plan.resourceGroup);
}

export function nameAndGroupToPaste(name: string, resourceGroup: string): string {
  return `--name ${quoteLiteral(name)} --resource-group ${quoteLiteral(resourceGroup)}`;
}

/** `--resource-group "$X"` for a resource: the host's group, or its own. */
export function resourceGroupArgs(resource: ResolvedResource): Word[] {
  return ['--resource-group', v(resource.groupVariable)];
}

export function guard(
  variable: string,
  operator: Guard['operator'],
  value: Word,
  message: FailureText,
  options: { checksChange?: boolean; detail?: Word } = {},
): Guard {
  return { kind: 'guard', variable, operator, value, message, ...options };
}

/**
 * Reads the client id into CLIENT_ID. A client id typed in the wizard is written into the files as typed,
 * so the script stops if it is not this identity's.
 */
export function clientIdLines(plan: DeploymentPlan, read: ScriptLine): ScriptLine[] {
  if (plan.identity.clientId === '') return [read];
  return [
    read,
    // A GUID matches in any case (the wizard's rule takes A-F too), and az prints a client id in lower case
    // (as Microsoft.ManagedIdentity returns it): the typed one is compared lower-cased.
    guard(
      'CLIENT_ID',
      '!=',
      plan.identity.clientId.toLowerCase(),
      withEntry(
        "The client id entered in the wizard is not this identity's: correct it there, or leave it empty.",
        'client-id-mismatch',
      ),
      { checksChange: read.kind === 'command' && read.readsChange === true },
    ),
  ];
}

export function writeFile(
  path: string,
  value: unknown,
  substitutions: Record<string, string> = {},
): WriteFile {
  return { kind: 'write-file', path, content: toYaml(value), substitutions };
}

/** The component files as the script writes them, with looked-up values filled in when it runs. */
export function writeComponentFiles(plan: DeploymentPlan): WriteFile[] {
  return plan.components.map((component: PlannedComponent) => ({
    kind: 'write-file',
    path: component.path,
    content: component.yaml,
    substitutions: { [CLIENT_ID_MARKER]: 'CLIENT_ID' },
  }));
}

export function fileList(plan: DeploymentPlan): string {
  return plan.components.map((component) => component.path).join(', ');
}

export function componentFilesNoun(plan: DeploymentPlan): string {
  return plan.components.length === 1 ? 'the component file' : 'the component files';
}

export function assertNever(value: never): never {
  throw new Error(`Unhandled case ${String(value)}`);
}
