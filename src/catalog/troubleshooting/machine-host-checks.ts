/**
 * The setup's own checks of a VM, a scale set or a web app that stop the script, and its check of the Dapr
 * release a component needs. Each pattern is the check's own message (src/generate/hosts/*.ts prints it);
 * the facts behind each check come from the sources named.
 */
import type { TroubleshootingEntry } from './entry';

export const MACHINE_HOST_CHECK_ENTRIES: readonly TroubleshootingEntry[] = [
  {
    id: 'host-not-linux',
    title: 'VM or scale set: the machine is not Linux',
    stages: ['script'],
    // src/generate/hosts/vm.ts and vmss-orchestration.ts.
    patterns: ['The VM is not a Linux VM', "The scale set's model is not Linux"],
    cause:
      'The script checks the machine with shell commands through Run Command (RunShellScript, curl), which ' +
      'a Windows machine does not run, so it would fail only after every change was made.',
    fix: 'On a Windows machine, give it the identity and the grants yourself (the Review step lists them).',
    commands: [
      'az vm show --name <vm> --resource-group <resource-group> --query storageProfile.osDisk.osType -o tsv',
    ],
    prevention: { text: 'Use the wizard’s script on Linux VMs and scale sets only.' },
    sources: [
      'Azure REST API Compute OSDisk.osType (OperatingSystemTypes)',
      'MicrosoftDocs/azure-docs articles/virtual-machines/linux/run-command.md (RunShellScript)',
    ],
  },
  {
    id: 'vmss-identity-not-attached',
    title: 'Scale set: the identity is not attached after the assign',
    stages: ['script'],
    // src/generate/hosts/vmss-assign.ts.
    patterns: ['The identity is not attached to the scale set'],
    cause:
      'On a scale set without an upgrade policy the CLI’s az vmss identity assign fails reading the policy ' +
      'after it attaches the identity, so the script tolerates that error and reads the scale set back. The ' +
      'identity is not on it: the attach itself failed, for the reason the CLI printed (your rights to assign ' +
      'the identity, a wrong identity id, throttling).',
    fix: 'Fix what the CLI’s error names, then run the script again.',
    prevention: { text: 'Nothing to choose: the script reads the scale set back after each assign.' },
    sources: [
      'Azure/azure-cli src/azure-cli/azure/cli/command_modules/vm/custom.py (assign_vmss_identity)',
      'Azure/azure-cli#30813 (the same read of upgrade_policy failing, in az vmss update)',
    ],
  },
  {
    id: 'web-app-not-linux',
    title: 'App Service: the web app is not a Linux app',
    stages: ['script'],
    // src/generate/hosts/web-app.ts.
    patterns: ['The web app is not a Linux app'],
    cause: 'App Service runs sidecar containers, and so daprd, only on Linux apps.',
    fix: 'Move the app to a Linux App Service plan, or choose another host in the wizard.',
    prevention: { text: 'Choose the Web App host for a Linux web app only.' },
    sources: [
      'Azure/azure-cli src/azure-cli/azure/cli/command_modules/appservice/custom.py (is_linux_webapp)',
      'MicrosoftDocs/azure-docs articles/app-service/overview-sidecar.md',
    ],
  },
  {
    id: 'web-app-single-container',
    title: 'App Service: the web app runs a single custom container',
    stages: ['script'],
    // src/generate/hosts/web-app.ts.
    patterns: ['The web app runs a single custom container, which takes no sidecar'],
    cause:
      'An app whose linuxFxVersion is DOCKER|<image> runs one container and takes no sidecar until it is ' +
      'moved to the sidecar (site container) model.',
    fix: 'Convert the app to the sidecar model (Azure CLI 2.76 or later; its image becomes the main container), then run the script again.',
    commands: [
      'az webapp sitecontainers convert --mode sitecontainers --name <app> --resource-group <resource-group>',
    ],
    prevention: { text: 'Create the web app with the sidecar model.' },
    sources: [
      'Azure/azure-cli src/azure-cli/azure/cli/command_modules/appservice/custom.py (convert_webapp_sitecontainers)',
    ],
  },
  {
    id: 'dapr-release-too-old',
    title: 'The host runs an older Dapr than a component needs',
    stages: ['script'],
    // src/generate/hosts/aks-preflight.ts and vm.ts.
    patterns: [{ regex: 'runs dapr \\S+; .*, so it needs dapr [0-9]+(\\.[0-9]+)* or later' }],
    cause:
      'A component or version chosen in the wizard first came with a later Dapr release than the one the ' +
      'host runs, and an older daprd cannot load it.',
    fix: 'Upgrade Dapr on the host, or choose a component version its release has in the wizard.',
    prevention: {
      text: 'Choose a component version the host’s Dapr release loads: the wizard names the release each version needs.',
    },
    sources: [
      'https://docs.dapr.io/operations/hosting/kubernetes/kubernetes-upgrade/',
      'https://docs.dapr.io/operations/hosting/self-hosted/self-hosted-upgrade/',
    ],
  },
];
