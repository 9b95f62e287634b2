/**
 * Container Instances: the container group file for `az container create --file`. With --file the CLI
 * ignores every other create option (identity included), so identity and volumes live in this file
 * (Azure/azure-cli container/custom.py _create_update_from_file).
 * Schema: MicrosoftDocs/azure-docs articles/container-instances/container-instances-reference-yaml.md.
 */
import { DAPRD_BINARY, DAPRD_IMAGE, SIDECAR_RESOURCES_PATH } from '../catalog/dapr';
import { environmentVariables, type WizardConfig } from '../model/config';
import { IDENTITY_ID_MARKER } from './markers';
import { CREATED_BY_TAG_KEY, CREATED_BY_TAG_VALUE } from './setup/provenance';

export const ACI_GROUP_FILE = 'container-group.yaml';

/**
 * The API version the file declares, which `az container create --file` sends (container/custom.py
 * _create_update_from_file): 2021-10-01 is the one the YAML reference documents. The tests check the file
 * against @azure/arm-containerinstance's ContainerGroup model at this version (src/test-support/schemas/).
 */
export const ACI_API_VERSION = '2021-10-01';

function identityBlock(config: WizardConfig): Record<string, unknown> {
  // container-instances-managed-identity.md, "Enable managed identity using YAML file".
  if (config.identity === 'system') return { type: 'SystemAssigned' };
  return { type: 'UserAssigned', userAssignedIdentities: { [IDENTITY_ID_MARKER]: {} } };
}

/**
 * What a PUT cannot change on an existing group, as this file sets it: OS type, restart policy, each
 * container's CPU and memory (none asks for a GPU, none joins a network profile). MicrosoftDocs/azure-docs
 * articles/container-instances/container-instances-update.md, "Properties that require container delete".
 */
export interface AciFixedSettings {
  readonly osType: string;
  readonly restartPolicy: string;
  readonly containers: readonly {
    readonly name: string;
    readonly cpu: number;
    readonly memoryInGB: number;
  }[];
}

// Requests are required per container (YAML reference, ResourceRequests); these are stated, not defaults:
// the app gets what `az container create` gives a container without --cpu/--memory (1 CPU, 1.5 GB: container
// custom.py create_container), daprd half a CPU and 0.5 GB.
const FIXED: AciFixedSettings = {
  osType: 'Linux',
  restartPolicy: 'Always',
  containers: [
    { name: 'app', cpu: 1, memoryInGB: 1.5 },
    { name: 'daprd', cpu: 0.5, memoryInGB: 0.5 },
  ],
};

export function aciFixedSettings(): AciFixedSettings {
  return FIXED;
}

function requests(name: string): Record<string, unknown> {
  const container = FIXED.containers.find((candidate) => candidate.name === name);
  if (!container) throw new Error(`no resources for container ${name}`);
  return { requests: { cpu: container.cpu, memoryInGB: container.memoryInGB } };
}

/**
 * The app container: its image, environment (plain `value`, never `secureValue`: the wizard takes no
 * secrets), and, with a public IP, the app port it exposes (YAML reference: ContainerPort, EnvironmentVariable).
 */
function appContainer(config: WizardConfig): Record<string, unknown> {
  const env = environmentVariables(config);
  return {
    name: 'app',
    properties: {
      image: config.image,
      ...(config.dnsNameLabel !== '' ? { ports: [{ port: Number(config.appPort) }] } : {}),
      ...(env.length > 0 ? { environmentVariables: env.map(({ name, value }) => ({ name, value })) } : {}),
      resources: requests('app'),
    },
  };
}

/**
 * A public IP only when asked for, exposing only the app port: daprd's API (3500) stays inside the group,
 * where the app reaches it on localhost. IpAddress: type Public, ports, dnsNameLabel (YAML reference).
 */
function ipAddress(config: WizardConfig): Record<string, unknown> {
  if (config.dnsNameLabel === '') return {};
  return {
    ipAddress: {
      type: 'Public',
      dnsNameLabel: config.dnsNameLabel,
      ports: [{ protocol: 'TCP', port: Number(config.appPort) }],
    },
  };
}

/** The group, with one secret-volume file per component: file name -> its base64 marker. */
export function buildAciGroup(
  config: WizardConfig,
  componentFiles: Readonly<Record<string, string>>,
): Record<string, unknown> {
  const daprdArgs = ['--app-id', config.appId, '--resources-path', SIDECAR_RESOURCES_PATH];
  if (config.appPort !== '') daprdArgs.push('--app-port', config.appPort);
  return {
    apiVersion: ACI_API_VERSION,
    location: config.location,
    name: config.hostName,
    type: 'Microsoft.ContainerInstance/containerGroups',
    // The setup's mark, by which the teardown tells this group from one the user made of the same name. The
    // YAML reference lists top-level `tags`; the CLI sends the whole file as the PUT body (custom.py
    // _create_update_from_file), which the resources SDK serializes with its tags (azure-mgmt-resource
    // 2021-04-01 GenericResource._attribute_map), and `az container list` prints them back
    // (azure-mgmt-containerinstance Resource._attribute_map, "tags"). What a group file leaves out reverts
    // to its default (container-instances-update.md, "Update a container group"), so a group recreated from
    // the user's own file carries no mark unless that file writes it.
    tags: { [CREATED_BY_TAG_KEY]: CREATED_BY_TAG_VALUE },
    identity: identityBlock(config),
    properties: {
      osType: FIXED.osType,
      restartPolicy: FIXED.restartPolicy,
      ...ipAddress(config),
      containers: [
        appContainer(config),
        {
          name: 'daprd',
          properties: {
            image: DAPRD_IMAGE,
            command: [DAPRD_BINARY, ...daprdArgs],
            resources: requests('daprd'),
            volumeMounts: [{ name: 'components', mountPath: SIDECAR_RESOURCES_PATH, readOnly: true }],
          },
        },
      ],
      // A secret volume: file name -> base64 content, mounted read-only (container-instances-volume-secret.md).
      volumes: [{ name: 'components', secret: { ...componentFiles } }],
    },
  };
}
