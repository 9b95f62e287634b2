/**
 * Container Instances: the identity, the daprd sidecar and the component files all live in the container
 * group file, because `az container create --file` ignores every other option (container custom.py), and the
 * CLI sets a group's identity only through create: there is no `az container identity` (azure-cli.md 1.6).
 */
import { ACI_GROUP_FILE } from '../aci-group';
import { componentBase64Marker, IDENTITY_ID_MARKER } from '../markers';
import type { DeploymentPlan } from '../plan/deployment-plan';
import { FILES_DIR } from '../plan/build-plan';
import {
  capture,
  cmd,
  command,
  lit,
  note,
  retry,
  v,
  words,
  type ScriptLine,
  type ScriptStep,
} from '../script-model';
import {
  componentFilesNoun,
  guard,
  hostArgsToPaste,
  RG,
  writeComponentFiles,
  writeFile,
} from '../setup/steps';
import { failureMessage, withEntry } from '../troubleshoot-advice';
import type { HostModule } from './host-module';
import { containerInstancesTeardown } from './aci-teardown';
import { signInProofLine } from './sign-in-proof';
import { componentLoadedText } from './daprd-log-lines';
import { jmesJson } from '../jmespath';

function containerGroupOf(plan: DeploymentPlan): NonNullable<DeploymentPlan['containerGroup']> {
  if (!plan.containerGroup) throw new Error('An ACI plan carries its container group');
  return plan.containerGroup;
}

const UPDATABLE = 'GROUP_UPDATABLE';

/**
 * One JMESPath test over `az container list`: [] when no group has this name, [true] when the file's PUT can
 * update it, [false] when it differs in what only delete-and-recreate changes (container-instances-update.md:
 * OS type, CPU, memory, GPU, restart policy, network profile). Listing, unlike `az container show`, does not
 * fail for a missing group; it returns each group's containers, restart policy and OS type (REST API
 * ContainerGroups_ListByResourceGroup, azure-rest-api-specs containerinstance 2021-10-01). The CLI prints
 * the SDK model's names (osType, memoryInGb: knack util.todict); memoryInGB is read too in case a newer
 * CLI prints the REST name. The trailing [] flattens [[true]], so -o tsv prints the lowercase true/false.
 */
function updatableQuery(plan: DeploymentPlan): string {
  const fixed = containerGroupOf(plan).fixedSettings;
  const containers = fixed.containers.map(({ name, cpu, memoryInGB }) => [name, cpu, memoryInGB]);
  const test = [
    `osType==${jmesJson(fixed.osType)}`,
    `restartPolicy==${jmesJson(fixed.restartPolicy)}`,
    '!subnetIds',
    '!networkProfile',
    `length(containers[?resources.requests.gpu]) == ${jmesJson(0)}`,
    `containers[].[name, resources.requests.cpu, resources.requests.memoryInGb || resources.requests.memoryInGB] == ${jmesJson(containers)}`,
  ].join(' && ');
  return `[?name==${jmesJson(plan.hostName)}].[${test}][]`;
}

/** Before anything changes: a group of this name that the file cannot update stops the script with the choice. */
function existingGroupStep(plan: DeploymentPlan): ScriptStep {
  const fixed = containerGroupOf(plan).fixedSettings;
  const containers = fixed.containers
    .map(({ name, cpu, memoryInGB }) => `${name} ${cpu} CPU and ${memoryInGB} GB`)
    .join(', ');
  return {
    comment: `The group file replaces a group named ${plan.hostName} as a whole, and Azure changes an existing group's OS type, restart policy, network profile, GPU, CPU or memory only by deleting it first: compare before anything changes (the file sets ${fixed.osType}, ${fixed.restartPolicy}, no GPU or network profile, ${containers}).`,
    lines: [
      capture(UPDATABLE, 'az container list', ...RG, '--query', lit(updatableQuery(plan)), '-o tsv'),
      guard(
        UPDATABLE,
        '=',
        'false',
        withEntry(
          `The container group ${plan.hostName} exists with settings this file would change but Azure cannot change in place (OS type, restart policy, network profile, GPU, or container CPU and memory). ` +
            `Nothing was changed. To use this file, delete the group first (its containers stop, its IP address may change, and a system-assigned identity goes with it: the new one gets a new principal id and new grants): ` +
            `az container delete ${hostArgsToPaste(plan)} --yes; then run this script again. ` +
            `To keep the group, compare its settings with the file instead (\`az container show ${hostArgsToPaste(plan)}\`).`,
          'aci-group-settings-unchangeable',
        ),
      ),
    ],
  };
}

function createSteps(plan: DeploymentPlan): ScriptStep[] {
  const containerGroup = containerGroupOf(plan);
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
        'Write the container group: the app, the daprd sidecar, the component volume and the identity' +
        (containerGroup.dnsNameLabel === ''
          ? '; no public IP, so the app is reached only from inside the group.'
          : `, and a public IP named ${containerGroup.dnsNameLabel} open on the app port only.`),
      lines: [writeFile(groupFile, containerGroup.group, substitutions)],
    },
    {
      // With --file the CLI ignores other create options, identity included (container custom.py). The file
      // goes out as one PUT (resources.begin_create_or_update): what it leaves out reverts to its default
      // (container-instances-update.md, "Update a container group"), and every container restarts.
      comment:
        'Create the group with its identity. An existing group of this name is replaced by this file as a whole: containers, ports and environment variables it does not list are removed, and all its containers restart.',
      lines: [
        // MicrosoftDocs/azure-docs articles/container-instances/using-azure-container-registry-mi.md: a group
        // pulls from ACR with a managed identity named in imageRegistryCredentials (server, identity) once it
        // holds AcrPull on the registry; the registry needs trusted services enabled, and its Limitations say
        // that Windows containers support user-assigned identities alone for these pulls and that the registry's
        // public access must be Selected networks or None. Said before the create, where a private image fails.
        note(
          'Not supported here: pulling the app image from a private Azure Container Registry. The group file has no\n' +
            'imageRegistryCredentials, so the image must be public, or this create fails on the pull. ACI can pull from ACR\n' +
            'with a managed identity that holds AcrPull on the registry (imageRegistryCredentials with server and identity;\n' +
            'the registry needs trusted services enabled and its public access set to Selected networks or None; Windows\n' +
            'containers support only a user-assigned identity for it; a system-assigned one exists only once the group does,\n' +
            'too late for its first pull):\n' +
            'https://learn.microsoft.com/azure/container-instances/using-azure-container-registry-mi',
        ),
        cmd('az container create', ...RG, '--file', groupFile, '-o none'),
      ],
    },
  ];
}

const readPrincipalStep: ScriptStep = {
  comment: "Read the group's system-assigned principal id, which gets the grants.",
  lines: [
    // A read of what the create made: a dry run skipped the create, so the group may not be there.
    command(
      words(
        'az container show --name',
        v('CONTAINER_GROUP_NAME'),
        ...RG,
        '--query identity.principalId -o tsv',
      ),
      {
        captureTo: 'PRINCIPAL_ID',
        readsChange: true,
      },
    ),
  ],
};

/** With a public IP: where the app answers, once the group runs. */
function publicAddressLines(plan: DeploymentPlan): ScriptLine[] {
  if (containerGroupOf(plan).dnsNameLabel === '') return [];
  return [
    note("The app's public host name (only the app port is open on it):"),
    cmd('az container show --name', v(plan.host.hostNameVariable), ...RG, '--query ipAddress.fqdn -o tsv'),
  ];
}

/** New grants take up to about 10 minutes (azure-cli.md 5): a component whose init uses one may fail till then. */
const LOG_ATTEMPTS = 30;
const LOG_DELAY_SECONDS = 20;

/**
 * daprd's load line for one component, from the sidecar's log (az container logs --container-name, the
 * container's name in the group file): "Component loaded: <name> (<type>/<version>)", or "Failed to init
 * component <name> (...)" (dapr/dapr pkg/runtime/processor/components.go). A component that fails to load
 * makes daprd exit (same file, processComponents), so the group restarts it and the wait sees the failure.
 */
function componentLoadedLine(plan: DeploymentPlan, name: string): ScriptLine {
  const minutes = (LOG_ATTEMPTS * LOG_DELAY_SECONDS) / 60;
  return retry(
    command(
      words('az container logs --name', v(plan.host.hostNameVariable), ...RG, '--container-name daprd'),
      { pipeTo: ['grep', '-F', '--', componentLoadedText(name)] },
    ),
    {
      attempts: LOG_ATTEMPTS,
      delaySeconds: LOG_DELAY_SECONDS,
      waiting: `daprd has not logged "Component loaded: ${name}" yet; trying again in ${LOG_DELAY_SECONDS} s.`,
      message: failureMessage(
        `daprd in the group did not log "Component loaded: ${name}" within ${minutes} minutes. Its line about ${name}: az container logs ${hostArgsToPaste(plan)} --container-name daprd | grep -F '${name} (' (a 403 there can mean a grant is not in effect yet: run this script again in a few minutes).`,
        'dapr-component-init-failed',
      ),
    },
  );
}

export const containerInstancesHost: HostModule = {
  ...containerInstancesTeardown,
  preflightSteps: (plan) => [existingGroupStep(plan)],
  // A user-assigned identity can be granted before the group exists; a system-assigned one only after.
  setupSteps: (plan, grantSteps) =>
    plan.identity.kind === 'user'
      ? [...grantSteps, ...createSteps(plan)]
      : [...createSteps(plan), readPrincipalStep, ...grantSteps],
  verifyLines: (plan) => [
    // instanceView.state: the SDK's ContainerGroupPropertiesInstanceView (azure-mgmt-containerinstance models).
    note("The group's state (Running once its containers have started):"),
    cmd(
      'az container show --name',
      v(plan.host.hostNameVariable),
      ...RG,
      '--query instanceView.state -o tsv',
    ),
    ...publicAddressLines(plan),
    ...plan.components.flatMap((component) => [
      componentLoadedLine(plan, component.name),
      signInProofLine(component, `az container logs ${hostArgsToPaste(plan)} --container-name daprd`),
    ]),
  ],
  restartHint: (plan) => `restart the group:\n  az container restart ${hostArgsToPaste(plan)}`,
  cliRequirement: () => undefined,
};
