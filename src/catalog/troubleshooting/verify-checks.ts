/**
 * Failures of the checks the setup script runs after it applies the components: the app's Deployment and its
 * rollout on AKS, the Dapr sidecar in the new pod, the Container Apps revision, the host's identity endpoint.
 * Each script message that stops on one of them ends with the entry's cause, fix and link
 * (src/generate/troubleshoot-advice.ts).
 */
import type { TroubleshootingEntry } from './entry';

export const VERIFY_CHECK_ENTRIES: readonly TroubleshootingEntry[] = [
  {
    id: 'aks-deployment-not-found',
    title: 'AKS: no Deployment of that name in the namespace',
    stages: ['script'],
    patterns: [
      // k8s.io/apimachinery pkg/api/errors/errors.go NewNotFound: `<resource>.<group> "<name>" not found`.
      { regex: 'deployments\\.apps "[^"]*" not found' },
      // The script's own check (src/generate/hosts/aks-preflight.ts).
      { regex: 'no deployment \\S+ in the namespace' },
    ],
    cause:
      'The Deployment named in the wizard is not in that namespace of this cluster: another name, another ' +
      'namespace, or the app is not deployed yet.',
    fix: 'Deploy the app first, or enter the Deployment’s name and namespace as kubectl lists them, then run the script again.',
    commands: ['kubectl get deployments --all-namespaces'],
    prevention: { text: 'Give the wizard the Deployment and namespace the app already runs as.' },
    sources: [
      'kubernetes/apimachinery pkg/api/errors/errors.go',
      'kubernetes/kubectl pkg/cmd/patch/patch.go',
    ],
  },
  {
    id: 'aks-rollout-not-ready',
    title: 'AKS: the patched Deployment’s new pods do not become ready',
    stages: ['script'],
    patterns: [
      // kubernetes/kubectl pkg/polymorphichelpers/rollout_status.go.
      { regex: 'deployment "[^"]*" exceeded its progress deadline' },
      // The timeout of `kubectl rollout status --timeout` (client-go tools/watch UntilWithSync returns
      // k8s.io/apimachinery pkg/util/wait ErrWaitTimeout, "timed out waiting for the condition").
      { regex: 'rollout to finish.{0,300}timed out waiting for the condition' },
      { regex: 'did not finish rolling out within' },
    ],
    cause:
      'A new pod does not start or never turns ready: daprd exits when a component fails to initialize (its ' +
      'log names the component), for instance with 403 because a grant made by this run is not in effect ' +
      'yet (role assignments take up to about 10 minutes), or, with Workload ID, AADSTS70021 ("No matching ' +
      'federated identity record found") while a federated credential made by this run is not in effect yet ' +
      '(it takes a few seconds, at worst a couple of minutes, to propagate: run the script again); or the image cannot ' +
      'be pulled, or the nodes lack room.',
    fix:
      'Read the new pod’s events and the daprd log; a line “Failed to init component <name>” names the ' +
      'component and its error. A 403 there right after the script granted the role: wait a few minutes ' +
      'and run the script again. Otherwise fix the cause, then run the script again.',
    commands: [
      'kubectl describe pod <pod> --namespace <namespace>',
      'kubectl logs <pod> --namespace <namespace> --container daprd',
    ],
    prevention: { text: 'Run the wizard’s script, which waits for the rollout and reads daprd’s log.' },
    sources: [
      'kubernetes/kubectl pkg/cmd/rollout/rollout_status.go',
      'kubernetes/kubectl pkg/polymorphichelpers/rollout_status.go',
      'dapr/dapr pkg/runtime/processor/components.go',
      'Azure/azure-workload-identity docs/book/src/faq.md (propagation delay of a federated identity credential)',
    ],
  },
  {
    id: 'aks-daprd-not-injected',
    title: 'AKS: the app’s pod has no Dapr sidecar',
    stages: ['script', 'runtime'],
    patterns: [
      // The script's own check (src/generate/hosts/aks-verify.ts).
      { regex: 'no pod of the app runs with the dapr sidecar' },
      // kubectl logs -c daprd on a pod without the sidecar.
      { regex: 'container daprd is not valid for pod' },
    ],
    cause:
      'The Dapr sidecar injector added no daprd container: the pod template lacks the annotation ' +
      'dapr.io/enabled "true" or dapr.io/app-id, or the injector (dapr-sidecar-injector in dapr-system) is ' +
      'not running. The injector labels each pod it injects with dapr.io/app-id.',
    fix:
      'Check the annotations on the Deployment’s pod template and that dapr-sidecar-injector runs, then ' +
      'restart the Deployment.',
    commands: [
      'kubectl get pods --namespace dapr-system',
      'kubectl rollout restart deployment <deployment> --namespace <namespace>',
    ],
    prevention: {
      text: 'Let the wizard’s script patch the Deployment: it sets the Dapr annotations.',
      fragment: 'host=aks',
    },
    sources: [
      'dapr/dapr pkg/injector/annotations/annotations.go',
      'dapr/dapr pkg/injector/patcher/sidecar_patcher.go',
      'kubernetes/kubernetes pkg/registry/core/pod/strategy.go (container ... is not valid for pod)',
    ],
  },
  {
    id: 'aca-revision-not-ready',
    title: 'Container Apps: the newest revision is not ready',
    stages: ['script'],
    patterns: [{ regex: 'the newest revision of the container app is not ready' }],
    cause:
      'The app’s newest revision, restarted with Dapr on, has not become ready: its containers fail to start, its image ' +
      'cannot be pulled, or a component it loads fails and stops the Dapr sidecar.',
    fix:
      'Read the revision’s system and console logs (az containerapp logs show), fix what they name, then run ' +
      'the script again.',
    commands: [
      'az containerapp revision list --name <app> --resource-group <resource-group> -o table',
      'az containerapp logs show --name <app> --resource-group <resource-group> --type system',
    ],
    prevention: { text: 'Run the wizard’s script, which waits for the revision and names the logs to read.' },
    sources: ['Azure/azure-cli src/azure-cli/azure/cli/command_modules/containerapp/_params.py'],
  },
  {
    id: 'aca-dapr-app-id-mismatch',
    title: 'Container Apps: Dapr is off, or runs under another app id',
    stages: ['script', 'runtime'],
    // The verify check, and the setup's check before any change (src/generate/hosts/aca.ts).
    patterns: [{ regex: 'does not run dapr with the app id' }, 'runs Dapr with another app id'],
    cause:
      'The components load only into apps that run Dapr with an app id in their scopes: Dapr is off on the ' +
      'app, or it runs under another app id than the one the components were scoped to.',
    fix: 'Turn Dapr on for the app with the wizard’s app id, or enter the app’s own app id in the wizard and run the script again.',
    commands: [
      'az containerapp dapr enable --name <app> --resource-group <resource-group> --dapr-app-id <app-id>',
    ],
    prevention: {
      text: 'Give the wizard the app id the container app runs Dapr with.',
      fragment: 'host=aca',
    },
    sources: [
      'MicrosoftDocs/azure-docs articles/container-apps/dapr-components.md',
      'Azure/azure-cli src/azure-cli/azure/cli/command_modules/containerapp/custom.py (enable_dapr)',
    ],
  },
  {
    id: 'imds-no-token',
    title: 'The VM’s instance metadata service gives the identity no token',
    stages: ['script', 'runtime'],
    // The script's own check (src/generate/hosts/vm.ts); azidentity's IMDS errors have entries of their own.
    patterns: [{ regex: 'instance metadata service .{0,40}gave no token' }],
    cause:
      'The identity is not attached to the VM yet (on a scale set: the instance is not on the latest model), ' +
      'the client id is not one of its identities, or the VM cannot reach 169.254.169.254 (a proxy or a ' +
      'firewall rule in the VM).',
    fix:
      'Attach the identity to the VM (or update the scale set’s instances), check the client id, and let the VM ' +
      'reach 169.254.169.254 without a proxy (NO_PROXY=169.254.169.254).',
    commands: [
      'az vm identity show --name <vm> --resource-group <resource-group>',
      "curl -s -H Metadata:true 'http://169.254.169.254/metadata/identity/oauth2/token?api-version=2018-02-01&resource=https://management.azure.com/'",
    ],
    prevention: { text: 'Run the wizard’s script: it attaches the identity before it grants.' },
    sources: [
      'MicrosoftDocs/azure-docs articles/active-directory/managed-identities-azure-resources/how-to-use-vm-token.md',
    ],
  },
];
