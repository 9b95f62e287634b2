/**
 * AKS: the ServiceAccount Workload ID trusts, the patch the app's Deployment gets, and each of them as its own
 * output file, exactly as the setup script writes it, headed by the command the script runs on it.
 */
import { effectiveIdentity, type WizardConfig } from '../model/config';
import { componentYaml } from './component';
import { CLIENT_ID_MARKER } from './markers';
import { sha256Hex } from './sha256';
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

/** The pod template annotation that carries configFilesHash: a new value rolls the Deployment's pods. */
export const CONFIG_HASH_ANNOTATION = 'dapr-mi-wizard/config-hash';

/** The hash per configuration object: the plan (for the script) and the Deployment patch file both need it. */
const hashCache = new WeakMap<WizardConfig, string>();

/**
 * The pod template annotation that carries the identity's client id, as the script writes it into the
 * ServiceAccount (Workload ID) or into each component's azureClientId (kubelet identity). A looked-up client
 * id is not in configFilesHash (the generator sees its marker), so an identity deleted and made again under
 * the same name, or a cluster given another kubelet identity (az aks update --assign-kubelet-identity),
 * would change those files and not the hash: this annotation, filled in when the script runs, rolls the pods
 * then, so the webhook injects the new AZURE_CLIENT_ID, or daprd reads the components' new azureClientId.
 */
export const CLIENT_ID_ANNOTATION = 'dapr-mi-wizard/client-id';
/**
 * On a ServiceAccount the setup created (it did not exist before its apply): the teardown deletes only a
 * ServiceAccount that carries it, never the user's own.
 */
export const CREATED_ANNOTATION = 'dapr-mi-wizard/created';

/**
 * SHA-256 of the component files and the ServiceAccount file, as the generator writes them (a client id the
 * script looks up counts as its marker). daprd reads its components once at start: without the HotReload
 * preview feature it never reloads them (dapr/dapr pkg/runtime/hotreload/hotreload.go NewDisk/NewOperator
 * return a disabled reloader), and the Workload ID webhook fills in AZURE_CLIENT_ID only when a pod is
 * created. A patch that changes nothing starts no rollout, so the hash in the pod template is what makes a
 * changed file roll the pods, and an unchanged re-run change nothing.
 */
export function configFilesHash(config: WizardConfig): string {
  const cached = hashCache.get(config);
  if (cached !== undefined) return cached;
  const texts = config.components.map((component) => componentYaml(config, component));
  if (effectiveIdentity(config) === 'workload') texts.push(toYaml(buildServiceAccount(config)));
  const hash = sha256Hex(texts.join('\n---\n'));
  hashCache.set(config, hash);
  return hash;
}

/**
 * The pod template fields the app's Deployment needs, as a strategic merge patch: the Workload ID label and
 * service account (Workload ID only), the Dapr sidecar annotations dapr.io/enabled, dapr.io/app-id and,
 * when the app takes calls, dapr.io/app-port (dapr/dapr pkg/injector/annotations/annotations.go), and the
 * hash of the files daprd and the webhook read when a pod starts (configFilesHash), and the client id those
 * files carry (CLIENT_ID_ANNOTATION).
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
            [CONFIG_HASH_ANNOTATION]: configFilesHash(config),
            // Both AKS identities put the client id into a file the pods read when they start.
            [CLIENT_ID_ANNOTATION]: config.clientId === '' ? CLIENT_ID_MARKER : config.clientId,
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
 * The commands the setup script runs on these files (hosts/aks-apply.ts builds the same argv), written with
 * the names as typed, for the user who applies a file by hand.
 */
export function serviceAccountApplyCommand(): string {
  return `kubectl apply -f ${FILES_DIR}/${SERVICE_ACCOUNT_FILE}`;
}

export function deploymentPatchCommand(config: WizardConfig): string {
  return `kubectl patch deployment ${config.deployment} --namespace ${config.namespace} --type strategic --patch-file ${FILES_DIR}/${POD_TEMPLATE_PATCH_FILE}`;
}

const LOOKED_UP =
  '# This copy holds a placeholder, not a client id: do not apply it. Apply the copy the setup script writes\n' +
  '# (it fills in the client id it looks up), or enter the client id in Details to see it here.\n';

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
    `# ${FILES_DIR}/${POD_TEMPLATE_PATCH_FILE}: the pod template fields your Deployment needs; its pods restart when one of them changes,\n` +
    `# config-hash included (a hash of the component and ServiceAccount files: daprd reads them only when a pod starts).\n` +
    `# The setup script patches the Deployment with it (a strategic merge: its other fields and containers stay):\n` +
    `#   ${deploymentPatchCommand(config)}\n` +
    (config.clientId === '' ? LOOKED_UP : '') +
    toYaml(buildPodTemplatePatch(config))
  );
}
