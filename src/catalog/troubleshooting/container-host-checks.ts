/**
 * The setup's own checks of a container host that stop the script: AKS sign-in and identity, the Container
 * Apps environment and its components, the function app's Dapr settings, and an ACI group's settings. Each
 * pattern is the check's own message (src/generate/hosts/*.ts prints it); the facts behind each check come
 * from the sources named.
 */
import type { TroubleshootingEntry } from './entry';

export const CONTAINER_HOST_CHECK_ENTRIES: readonly TroubleshootingEntry[] = [
  {
    id: 'aks-kubelogin-failed',
    title: 'AKS: kubelogin could not set kubectl up for the Azure CLI sign-in',
    stages: ['script'],
    // src/generate/hosts/aks-kubectl.ts.
    patterns: ['"kubelogin convert-kubeconfig -l azurecli --context <cluster>" failed'],
    cause:
      'The cluster signs kubectl in through Microsoft Entra ID, which needs kubelogin: it is not installed ' +
      'here (kubectl then fails, its sign-in plugin not found), or its conversion of the kubeconfig to the ' +
      'Azure CLI sign-in failed (kubectl would then wait for a device-code sign-in).',
    fix:
      'Install kubelogin (az aks install-cli installs kubectl and kubelogin, into /usr/local/bin unless told ' +
      'another folder on your PATH, so run it as root or give it both locations), then run the script again.',
    commands: [
      'sudo az aks install-cli',
      'az aks install-cli --install-location ~/.local/bin/kubectl --kubelogin-install-location ~/.local/bin/kubelogin',
      'kubelogin --version',
    ],
    prevention: { text: 'Install kubelogin before running the script on an Entra-enabled cluster.' },
    sources: ['Azure/kubelogin pkg/internal/converter/convert.go', 'Azure/kubelogin README.md'],
  },
  {
    id: 'aks-no-kubelet-identity',
    title: 'AKS: the cluster runs as a service principal and has no kubelet identity',
    stages: ['script'],
    // src/generate/hosts/aks-identity.ts.
    patterns: ['has no kubelet identity (identityProfile.kubeletidentity is empty'],
    cause:
      'A cluster made with a service principal has no identityProfile, so there is no kubelet identity to ' +
      'grant the roles to. After a move to a managed identity, kubelet keeps the service principal until ' +
      'each node pool runs a newer node image.',
    fix:
      'Choose Workload ID in the wizard, or move the cluster to a managed identity and upgrade each node ' +
      'pool’s image (the nodes are drained and reimaged), then run the script again.',
    commands: [
      'az aks update --name <cluster> --resource-group <resource-group> --enable-managed-identity',
      'az aks nodepool upgrade --cluster-name <cluster> --resource-group <resource-group> --name <pool> --node-image-only',
    ],
    prevention: { text: 'Choose Workload ID on AKS.', fragment: 'host=aks&aksIdentity=workload' },
    sources: [
      'MicrosoftDocs/azure-aks-docs articles/aks/use-managed-identity.md',
      'azure-mgmt-containerservice ManagedClusterProperties.identity_profile',
    ],
  },
  {
    id: 'aca-environment-not-found',
    title: 'Container Apps: no environment of that name',
    stages: ['script'],
    // src/generate/hosts/environment-components.ts.
    patterns: [{ regex: 'there is no container apps environment \\S+ in the resource group' }],
    cause:
      'The Dapr components go to the Container Apps environment named in the wizard, and there is none of ' +
      'that name where the script looks (the app’s resource group; for a function app, its environment’s).',
    fix: 'Enter the environment the app runs in (its managedEnvironmentId names it), then run the new script.',
    commands: [
      'az containerapp show --name <app> --resource-group <resource-group> --query properties.managedEnvironmentId -o tsv',
      'az functionapp show --name <function-app> --resource-group <resource-group> --query managedEnvironmentId -o tsv',
    ],
    prevention: { text: 'Give the wizard the environment the app runs in.' },
    sources: ['MicrosoftDocs/azure-docs articles/container-apps/dapr-components.md'],
  },
  {
    id: 'aca-other-environment',
    title: 'Container Apps: the app runs in another environment',
    stages: ['script'],
    // src/generate/hosts/aca.ts and function-app.ts.
    patterns: ['runs in another Container Apps environment than'],
    cause:
      'Dapr components belong to an environment, and the app loads only its own environment’s: written to ' +
      'the one entered, they would never reach the app.',
    fix: 'Enter the environment the app’s managedEnvironmentId names, then run the new script.',
    commands: [
      'az containerapp show --name <app> --resource-group <resource-group> --query properties.managedEnvironmentId -o tsv',
      'az functionapp show --name <function-app> --resource-group <resource-group> --query managedEnvironmentId -o tsv',
    ],
    prevention: { text: 'Give the wizard the environment the app runs in.' },
    sources: ['MicrosoftDocs/azure-docs articles/container-apps/dapr-components.md'],
  },
  {
    id: 'aca-component-name-taken',
    title: 'Container Apps: the environment has a component of that name the setup did not write',
    stages: ['script'],
    // src/generate/hosts/environment-components.ts.
    patterns: [{ regex: 'already has a dapr component named \\S+ that the setup did not write' }],
    cause:
      'A component of that name exists with another type, other scopes or another identity. Components ' +
      'belong to the environment, so setting it would replace it for every app that loads it.',
    fix:
      'Choose another name for the component in the wizard, or remove that component if nothing uses it, ' +
      'then run the script again.',
    commands: [
      'az containerapp env dapr-component list --name <environment> --resource-group <resource-group> -o table',
      'az containerapp env dapr-component remove --name <environment> --resource-group <resource-group> --dapr-component-name <component>',
    ],
    prevention: { text: 'Name each component after what it is for, so names do not collide.' },
    sources: [
      'MicrosoftDocs/azure-docs articles/container-apps/dapr-components.md ("Component scopes")',
      'Azure/azure-cli src/azure-cli/azure/cli/command_modules/containerapp/custom.py (create_or_update_dapr_component)',
    ],
  },
  {
    id: 'aca-daprd-log-silent',
    title: 'Container Apps: daprd’s log does not say that it runs',
    stages: ['script'],
    // src/generate/hosts/aca-dapr-log.ts.
    patterns: [{ regex: "daprd's log did not say within about \\d+ minutes that it runs" }],
    cause:
      'A component keeps failing (daprd starts again after each failure), the app has no replica (scaled to ' +
      'zero), its start scrolled past the lines read, or the CLI could not read the daprd container.',
    fix:
      'Read what the script prints for each component next. Send the app a request if it scaled to zero, ' +
      'and read daprd’s log itself (az containerapp logs show --container daprd).',
    commands: [
      'az containerapp logs show --name <app> --resource-group <resource-group> --container daprd --type console --tail 300 --format text',
    ],
    prevention: { text: 'Keep one replica running while you set it up (minimum replicas 1).' },
    sources: [
      'Azure/azure-cli src/azure-cli/azure/cli/command_modules/containerapp/custom.py (stream_containerapp_logs)',
      'dapr/dapr pkg/runtime/processor/components.go',
    ],
  },
  {
    id: 'function-app-is-container-app',
    title: 'Functions: the app is a container app, not a function app',
    stages: ['script'],
    // src/generate/hosts/function-app.ts.
    patterns: ['Azure Functions hosted natively in Container Apps is a container app'],
    cause:
      'Functions hosted natively in Container Apps are a container app (Microsoft.App), which az functionapp ' +
      'does not find; its Dapr settings and components are the container app’s.',
    fix: 'Choose the Container Apps host in the wizard and run that script.',
    prevention: { text: 'Choose Container Apps for functions hosted natively there.', fragment: 'host=aca' },
    sources: ['MicrosoftDocs/azure-docs articles/azure-functions/functions-container-apps-hosting.md'],
  },
  {
    id: 'function-app-not-in-environment',
    title: 'Functions: no function app of that name in a Container Apps environment',
    stages: ['script'],
    // src/generate/hosts/function-app.ts.
    patterns: ['No function app of that name in a Container Apps environment was found'],
    cause:
      'The function app is not in this resource group, or it runs on an App Service plan: Microsoft supports ' +
      'the Dapr extension for Azure Functions only in Azure Container Apps environments.',
    fix: 'Correct the name or group in the wizard, or create the function app in a Container Apps environment with Dapr on.',
    prevention: {
      text: 'Choose the Function App host only for a function app in a Container Apps environment.',
    },
    sources: ['MicrosoftDocs/azure-docs articles/azure-functions/functions-bindings-dapr.md'],
  },
  {
    id: 'function-app-environment-unreadable',
    title: 'Functions: the function app’s environment cannot be read',
    stages: ['script'],
    // src/generate/hosts/function-app.ts.
    patterns: ['Container Apps environment (its managedEnvironmentId) cannot be read with your sign-in'],
    cause:
      'The script finds the environment, which may be in another resource group, from the function app’s ' +
      'managedEnvironmentId, and your sign-in cannot read it.',
    fix: 'Get read access to the environment (or sign in as someone who has it), then run the script again.',
    commands: ['az containerapp env show --ids <managedEnvironmentId>'],
    prevention: { text: 'Run the script as someone who may read the app’s environment.' },
    sources: [
      'src/generate/hosts/function-app.ts (the check)',
      'MicrosoftDocs/azure-docs articles/container-apps/dapr-components.md',
    ],
  },
  {
    id: 'function-app-dapr-off',
    title: 'Functions: Dapr is off, or runs under another app id',
    stages: ['script'],
    // src/generate/hosts/function-app.ts.
    patterns: ['Dapr is off on the function app', { regex: "the function app's dapr app id is not \\S+" }],
    cause:
      'The function app’s daprConfig is off, or its appId is not the one the components are scoped to, so ' +
      'no component would load into it.',
    fix:
      'Turn Dapr on with the wizard’s app id in the portal (the function app’s Dapr settings) or its template ' +
      '(properties.daprConfig), or enter the app’s own app id in the wizard; then run the script again.',
    commands: [
      'az functionapp show --name <function-app> --resource-group <resource-group> --query daprConfig',
    ],
    prevention: {
      text: 'Give the wizard the app id the function app runs Dapr with.',
    },
    sources: ['MicrosoftDocs/azure-docs articles/azure-functions/functions-bindings-dapr.md'],
  },
  {
    id: 'aci-group-settings-unchangeable',
    title: 'Container Instances: the group exists with settings Azure cannot change in place',
    stages: ['script'],
    // src/generate/hosts/aci.ts.
    patterns: ['exists with settings this file would change but Azure cannot change in place'],
    cause:
      'The group file would change the group’s OS type, restart policy, network profile, GPU, or a ' +
      'container’s CPU or memory, which Azure changes only by deleting the group and creating it again.',
    fix:
      'Delete the group first (its containers stop, its IP may change, a system-assigned identity goes with ' +
      'it), or compare its settings with the file and change the wizard to match; then run the script again.',
    commands: [
      'az container show --name <group> --resource-group <resource-group>',
      'az container delete --name <group> --resource-group <resource-group> --yes',
    ],
    prevention: {
      text: 'Give the wizard a name no container group has yet: the setup then creates the group from its own file.',
    },
    sources: ['MicrosoftDocs/azure-docs articles/container-instances/container-instances-update.md'],
  },
  {
    id: 'aci-group-uses-identity',
    title: 'Teardown: a container group still uses the identity',
    stages: ['script'],
    // src/generate/hosts/aci-teardown.ts.
    patterns: [
      'still uses the identity, and ACI takes an identity off a group only by creating the group again',
    ],
    cause:
      'The CLI sets a container group’s identities only when it creates the group, so the teardown cannot ' +
      'take the identity off a group that runs with it, and keeps the identity.',
    fix:
      'Run the teardown with DELETE_CONTAINER_GROUP=1 too when the setup’s file made the group (it deletes ' +
      'only a group with the setup’s createdBy tag). A group it did not make you delete yourself, or create ' +
      'again without the identity; then run the teardown again.',
    commands: [
      'DELETE_IDENTITY=1 DELETE_CONTAINER_GROUP=1 bash teardown-dapr-identity.sh',
      'az container delete --name <group> --resource-group <resource-group> --yes',
    ],
    prevention: { text: 'Nothing to choose: the teardown never deletes a group it was not told to.' },
    sources: ['azure-cli.md 1.6 (ACI identity only through create)'],
  },
];
