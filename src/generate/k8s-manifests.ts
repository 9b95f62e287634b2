/** AKS: the ServiceAccount Workload ID trusts, and what the app's Deployment must carry. */
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
 * The pod template fields the app's Deployment needs: the Workload ID label and service account (Workload ID
 * only), and the Dapr sidecar annotations (dapr/docs arguments-annotations-overview.md).
 */
export function buildPodTemplatePatch(config: WizardConfig): Record<string, unknown> {
  const workload = effectiveIdentity(config) === 'workload';
  return {
    spec: {
      template: {
        metadata: {
          // The webhook injects the token only into pods with this label (workload-identity-overview.md).
          ...(workload ? { labels: { 'azure.workload.identity/use': 'true' } } : {}),
          annotations: { 'dapr.io/enabled': 'true', 'dapr.io/app-id': config.appId },
        },
        ...(workload ? { spec: { serviceAccountName: config.serviceAccount } } : {}),
      },
    },
  };
}

export const SERVICE_ACCOUNT_FILE = 'serviceaccount.yaml';
export const POD_TEMPLATE_PATCH_FILE = 'deployment-patch.yaml';

/** The manifests block: the ServiceAccount to apply and the Deployment patch to merge. */
export function toK8sManifests(config: WizardConfig): string {
  const parts: string[] = [];
  if (effectiveIdentity(config) === 'workload' && config.clientId === '') {
    parts.push(
      '# The Azure CLI script writes these files with the client id it looks up; enter it in Details to see it here.\n',
    );
  }
  if (effectiveIdentity(config) === 'workload') {
    parts.push(
      `# ${SERVICE_ACCOUNT_FILE}: the ServiceAccount your pods run as; Workload ID trusts exactly this one.\n`,
    );
    parts.push(toYaml(buildServiceAccount(config)));
    parts.push('---\n');
  }
  parts.push(
    `# ${POD_TEMPLATE_PATCH_FILE}: merge into your Deployment, e.g.\n`,
    `#   kubectl patch deployment <your-deployment> -n ${config.namespace} --patch-file ${POD_TEMPLATE_PATCH_FILE}\n`,
  );
  parts.push(toYaml(buildPodTemplatePatch(config)));
  return parts.join('');
}
