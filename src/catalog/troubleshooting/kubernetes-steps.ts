/**
 * Failures of the AKS setup's own checks of what the cluster and the identity already hold: a Dapr
 * Component of one of its names it did not create, or wrote with other values; a federated credential for
 * its issuer and ServiceAccount that Entra would not accept the pods' tokens through. No tool prints these:
 * the error text is the check's own message (src/generate/hosts/aks-components.ts, aks-federated-credential.ts).
 */
import type { TroubleshootingEntry } from './entry';

export const KUBERNETES_STEP_ENTRIES: readonly TroubleshootingEntry[] = [
  {
    id: 'aks-component-not-created-by-setup',
    title: 'AKS: a Dapr component of the setup’s name that the setup did not create',
    stages: ['script'],
    patterns: [
      // The check's two lines: what it found, then why it stops.
      { regex: 'already has a dapr component named \\S+, of type' },
      'carries no dapr-mi-wizard/created mark, so the setup did not create it',
    ],
    cause:
      'The app’s namespace holds a Dapr Component of a name the wizard gives one of its components, without ' +
      'the setup’s dapr-mi-wizard/created mark: someone else made it (by hand, by Helm, for another app), or ' +
      'a setup from before the mark did, or a run of the setup stopped between applying it and marking it. ' +
      'kubectl apply of the setup’s file would patch it, whatever its type, for every app that loads it, ' +
      'and the teardown would keep it.',
    fix:
      'Give the component another name in the wizard. Or, if that Component is yours and nothing else loads ' +
      'it, delete it: the setup then applies its own and marks it. Then run the script again.',
    commands: [
      'kubectl get components.dapr.io <component> --namespace <namespace> -o yaml',
      'kubectl delete components.dapr.io <component> --namespace <namespace>',
    ],
    prevention: { text: 'Give each component a name no other Component in the namespace has.' },
    sources: [
      'kubernetes/kubectl pkg/cmd/apply/patcher.go (apply patches an object that exists)',
      'src/generate/hosts/aks-components.ts (the check)',
    ],
  },
  {
    id: 'aks-component-other-values',
    title: 'AKS: a Dapr component an earlier run of the setup wrote with other values',
    stages: ['script'],
    patterns: ['that an earlier run of the setup wrote with other values'],
    cause:
      'A Dapr Component of this name carries the setup’s mark but another type, or scopes other than this ' +
      'app id alone: an earlier run wrote it for another app id or another component under that name, or it ' +
      'was changed since. Applying this run’s file would rewrite it for the app that loads it.',
    fix:
      'Take it back with the teardown of that run (or the wizard’s Teardown tab with that run’s values), or ' +
      'delete it if nothing loads it; or give the component another name in the wizard. Then run the script ' +
      'again.',
    commands: ['kubectl get components.dapr.io <component> --namespace <namespace> -o yaml'],
    prevention: { text: 'Give each app’s components names of their own in a shared namespace.' },
    sources: ['src/generate/hosts/aks-components.ts (the check)'],
  },
  {
    id: 'aks-federated-credential-audience',
    title: 'AKS: the federated credential for the ServiceAccount lists another audience',
    stages: ['script'],
    patterns: [
      // The check's two lines: what it found (and the command that sets it), then why it stops.
      'but not for the audience api://AzureADTokenExchange',
      'Entra takes a token only through a credential listing its audience',
    ],
    cause:
      'The identity has a federated credential for the cluster’s issuer and the app’s ServiceAccount, but ' +
      'its audiences lack api://AzureADTokenExchange, the audience of the token the Workload ID webhook ' +
      'projects into the pods. Entra matches a token to a credential by issuer, subject and audience, so ' +
      'Dapr’s sign-in would fail with AADSTS70021; and Entra takes no second credential for the same issuer ' +
      'and subject, so the setup cannot add its own.',
    fix:
      'If nothing else signs in through that credential with the audiences it lists, set its audience to ' +
      'api://AzureADTokenExchange (the update command the script printed); otherwise use another identity, ' +
      'namespace or ServiceAccount in the wizard. Then run the script again.',
    commands: [
      'az identity federated-credential list --identity-name <identity> --resource-group <resource-group> -o table',
      'az identity federated-credential update --name <credential> --identity-name <identity> --resource-group <resource-group> --issuer <issuer> --subject system:serviceaccount:<namespace>:<serviceaccount> --audiences api://AzureADTokenExchange',
    ],
    prevention: { text: 'Leave the federated credential to the setup, which creates it with that audience.' },
    sources: [
      'Azure/azure-workload-identity pkg/webhook/consts.go (DefaultAudience)',
      'Azure/azure-cli src/azure-cli/azure/cli/command_modules/identity/_params.py (--audiences)',
      'Azure/azure-cli identity/aaz/latest/identity/federated_credential/_update.py',
    ],
  },
  {
    id: 'aks-federated-credential-unreadable',
    title: 'AKS: the federated credential found for the ServiceAccount could not be read again',
    stages: ['script'],
    patterns: [
      // The setup's own check (src/generate/hosts/aks-federated-credential.ts).
      'The audiences of the federated credential found a moment ago',
    ],
    cause:
      'The setup found a federated credential trusting the cluster’s issuer and the ServiceAccount, then ' +
      'could not read its audiences: it was deleted in between, or the second az call failed (its error ' +
      'is printed above the message). Nothing then shows that Dapr’s pods can sign in through it.',
    fix:
      'Run the script again: it looks for the credential again, keeps it if it lists the audience ' +
      'api://AzureADTokenExchange and creates it if it is gone. If the az call fails again, its own error ' +
      'says why (sign-in, permission, network).',
    commands: [
      'az identity federated-credential list --identity-name <identity> --resource-group <resource-group> -o table',
    ],
    prevention: { text: 'Leave the federated credential to the setup while it runs.' },
    sources: ['Azure/azure-cli src/azure-cli/azure/cli/command_modules/identity/_params.py'],
  },
];
