/**
 * Container Instances: the container group file for `az container create --file`. With --file the CLI
 * ignores every other create option (identity included), so identity and volumes live in this file
 * (Azure/azure-cli container/custom.py _create_update_from_file).
 * Schema: MicrosoftDocs/azure-docs articles/container-instances/container-instances-reference-yaml.md.
 */
import { DAPRD_BINARY, DAPRD_IMAGE, SIDECAR_RESOURCES_PATH } from '../catalog/dapr';
import type { WizardConfig } from '../model/config';
import { IDENTITY_ID_MARKER } from './markers';

export const ACI_GROUP_FILE = 'container-group.yaml';

function identityBlock(config: WizardConfig): Record<string, unknown> {
  // container-instances-managed-identity.md, "Enable managed identity using YAML file".
  if (config.identity === 'system') return { type: 'SystemAssigned' };
  return { type: 'UserAssigned', userAssignedIdentities: { [IDENTITY_ID_MARKER]: {} } };
}

/** The group, with one secret-volume file per component: file name -> its base64 marker. */
export function buildAciGroup(
  config: WizardConfig,
  componentFiles: Readonly<Record<string, string>>,
): Record<string, unknown> {
  const daprdArgs = ['--app-id', config.appId, '--resources-path', SIDECAR_RESOURCES_PATH];
  if (config.appPort !== '') daprdArgs.push('--app-port', config.appPort);
  return {
    // 2021-10-01 is the API version the YAML reference documents.
    apiVersion: '2021-10-01',
    location: config.location,
    name: config.hostName,
    type: 'Microsoft.ContainerInstance/containerGroups',
    identity: identityBlock(config),
    properties: {
      osType: 'Linux',
      restartPolicy: 'Always',
      containers: [
        {
          name: 'app',
          properties: { image: config.image, resources: { requests: { cpu: 1, memoryInGB: 1.5 } } },
        },
        {
          name: 'daprd',
          properties: {
            image: DAPRD_IMAGE,
            command: [DAPRD_BINARY, ...daprdArgs],
            resources: { requests: { cpu: 0.5, memoryInGB: 0.5 } },
            volumeMounts: [{ name: 'components', mountPath: SIDECAR_RESOURCES_PATH, readOnly: true }],
          },
        },
      ],
      // A secret volume: file name -> base64 content, mounted read-only (container-instances-volume-secret.md).
      volumes: [{ name: 'components', secret: { ...componentFiles } }],
    },
  };
}
