/**
 * Container Instances: the identity, the daprd sidecar and the component files all live in the container
 * group file, because `az container create --file` ignores every other option (container custom.py), and a
 * group gets its identity only when it is created (azure-cli.md 1.6).
 */
import { ACI_GROUP_FILE } from '../aci-group';
import { componentBase64Marker, IDENTITY_ID_MARKER } from '../markers';
import type { DeploymentPlan } from '../plan/deployment-plan';
import { FILES_DIR } from '../plan/build-plan';
import { capture, cmd, command, note, v, type ScriptLine, type ScriptStep } from '../script-model';
import { componentFilesNoun, RG, writeComponentFiles, writeFile } from '../setup/steps';
import type { HostModule } from './host-module';

function createSteps(plan: DeploymentPlan): ScriptStep[] {
  const containerGroup = plan.containerGroup;
  if (!containerGroup) throw new Error('An ACI plan carries its container group');
  const groupFile = `${FILES_DIR}/${ACI_GROUP_FILE}`;
  const substitutions: Record<string, string> = {};
  const encode: ScriptLine[] = containerGroup.encodedComponents.map(({ position, path }) => {
    const variable = `COMPONENT_BASE64_${position}`;
    substitutions[componentBase64Marker(position)] = variable;
    return command(['base64'], { stdinFrom: path, pipeTo: ['tr', '-d', '\\n'], captureTo: variable });
  });
  if (plan.identity.kind === 'user') substitutions[IDENTITY_ID_MARKER] = 'IDENTITY_ID';
  return [
    {
      comment: `Write ${componentFilesNoun(plan)} into ./${FILES_DIR}.`,
      lines: [cmd('mkdir -p', FILES_DIR), ...writeComponentFiles(plan)],
    },
    {
      comment:
        "Encode them for the group's secret volume, which daprd reads as its folder of component files.",
      lines: encode,
    },
    {
      comment:
        'Write the container group: the app, the daprd sidecar, the component volume and the identity.',
      lines: [writeFile(groupFile, containerGroup.group, substitutions)],
    },
    {
      // With --file the CLI ignores other create options, identity included (container custom.py).
      comment:
        'Create the group with its identity; a group of this name is updated to this definition and restarts.',
      lines: [cmd('az container create', ...RG, '--file', groupFile, '-o none')],
    },
  ];
}

const readPrincipalStep: ScriptStep = {
  comment: "Read the group's system-assigned principal id, which gets the grants.",
  lines: [
    capture(
      'PRINCIPAL_ID',
      'az container show --name',
      v('CONTAINER_GROUP_NAME'),
      ...RG,
      '--query identity.principalId -o tsv',
    ),
  ],
};

export const containerInstancesHost: HostModule = {
  // A user-assigned identity can be granted before the group exists; a system-assigned one only after.
  setupSteps: (plan, grantSteps) =>
    plan.identity.kind === 'user'
      ? [...grantSteps, ...createSteps(plan)]
      : [...createSteps(plan), readPrincipalStep, ...grantSteps],
  verifyLines: () => [
    note(
      'Once the containers run, daprd logs the components it loaded:\n' +
        '  az container logs --name "$CONTAINER_GROUP_NAME" --resource-group "$RESOURCE_GROUP" --container-name daprd',
    ),
  ],
  restartHint:
    'restart the group:\n  az container restart --name "$CONTAINER_GROUP_NAME" --resource-group "$RESOURCE_GROUP"',
  cliRequirement: () => undefined,
};
