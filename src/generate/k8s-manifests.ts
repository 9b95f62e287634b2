/**
 * AKS: the ServiceAccount Workload ID trusts, the patch the app's Deployment gets, and each of them as its own
 * output file, exactly as the setup script writes it, headed by the command the script runs on it.
 */
import { effectiveIdentity, type WizardConfig } from '../model/config';
import { CLIENT_ID_MARKER } from './markers';
import { toYaml } from './to-yaml';

/** The ServiceAccount annotated with the identity's client id (MicrosoftDocs aks/workload-identity-overview.md). */
export function buildServiceAccount(config: WizardConfig): Record<string, unknown> {
  return {
    apiVersion: 'v1',
    kind: 'ServiceAccount',
    metadata: {
      name: config.serviceAccount,
      namespace: config.namespace,
      annotations: {
        'azure.workload.identity/client-id': config.clientId === '' ? CLIENT_ID_MARKER : config.clientId,
      },
    },
  };
}

/**
 * The pod template fields the app's Deployment needs, as a strategic merge patch: the Workload ID label and
 * service account (Workload ID only), and the Dapr sidecar annotations dapr.io/enabled, dapr.io/app-id and,
 * when the app takes calls, dapr.io/app-port (dapr/dapr pkg/injector/annotations/annotations.go).
 */
export function buildPodTemplatePatch(config: WizardConfig): Record<string, unknown> {
  const workload = effectiveIdentity(config) === 'workload';
  return {
    spec: {
      template: {
        metadata: {
          // The webhook injects the token only into pods with this label (workload-identity-overview.md).
          ...(workload ? { labels: { 'azure.workload.identity/use': 'true' } } : {}),
          annotations: {
            'dapr.io/enabled': 'true',
            'dapr.io/app-id': config.appId,
            ...(config.appPort === '' ? {} : { 'dapr.io/app-port': config.appPort }),
          },
        },
        ...(workload ? { spec: { serviceAccountName: config.serviceAccount } } : {}),
      },
    },
  };
}

export const SERVICE_ACCOUNT_FILE = 'serviceaccount.yaml';
export const POD_TEMPLATE_PATCH_FILE = 'deployment-patch.yaml';

/** The folder the script writes its files into (plan/build-plan.ts FILES_DIR; repeated to keep imports one way). */
const FILES_DIR = 'components';

/**
 * The commands the setup script runs on these files (hosts/aks.ts builds the same argv), written with the
 * names as typed, for the user who applies a file by hand.
 */
export function serviceAccountApplyCommand(): string {
  return `kubectl apply -f ${FILES_DIR}/${SERVICE_ACCOUNT_FILE}`;
}

export function deploymentPatchCommand(config: WizardConfig): string {
  return `kubectl patch deployment ${config.deployment} --namespace ${config.namespace} --type strategic --patch-file ${FILES_DIR}/${POD_TEMPLATE_PATCH_FILE}`;
}

const LOOKED_UP =
  '# The setup script writes this file with the client id it looks up; enter the client id in Details to see it here.\n';

/** components/serviceaccount.yaml as the script writes it, headed by the command that applies it. */
export function serviceAccountFileText(config: WizardConfig): string {
  return (
    `# ${FILES_DIR}/${SERVICE_ACCOUNT_FILE}: the ServiceAccount your pods run as; Workload ID trusts exactly this one.\n` +
    `# The setup script applies it with:\n#   ${serviceAccountApplyCommand()}\n` +
    (config.clientId === '' ? LOOKED_UP : '') +
    toYaml(buildServiceAccount(config))
  );
}

/** components/deployment-patch.yaml as the script writes it, headed by the command that patches with it. */
export function deploymentPatchFileText(config: WizardConfig): string {
  return (
    `# ${FILES_DIR}/${POD_TEMPLATE_PATCH_FILE}: the pod template fields your Deployment needs (its pods restart with them).\n` +
    `# The setup script patches the Deployment with it (a strategic merge: its other fields and containers stay):\n` +
    `#   ${deploymentPatchCommand(config)}\n` +
    toYaml(buildPodTemplatePatch(config))
  );
}
