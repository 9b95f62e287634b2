/**
 * AKS: Workload ID (OIDC issuer, federated credential, annotated ServiceAccount) or the node pool's kubelet
 * identity; components are Kubernetes resources applied with kubectl (azure-cli.md 1.1).
 */
import { CLIENT_ID_MARKER } from '../markers';
import type { DeploymentPlan } from '../plan/deployment-plan';
import { FILES_DIR } from '../plan/build-plan';
import { POD_TEMPLATE_PATCH_FILE, SERVICE_ACCOUNT_FILE } from '../k8s-manifests';
import { capture, cmd, command, join, note, v, versionAtLeast, when, type ScriptStep } from '../script-model';
import { clientIdLines, componentFilesNoun, RG, writeComponentFiles, writeFile } from '../setup/steps';
import { identityGrantsApply, RESTART_THE_APP, type HostModule } from './host-module';

// The token audience Entra expects for workload identity (identity/aaz federated_credential/_create.py).
const WORKLOAD_ID_AUDIENCE = 'api://AzureADTokenExchange';
const CLUSTER = ['--name', v('CLUSTER_NAME'), ...RG] as const;

function kubeletIdentitySteps(plan: DeploymentPlan): ScriptStep[] {
  return [
    {
      comment: "Read the node pool's kubelet identity (AKS created it): its principal id gets the grant.",
      lines: [
        capture(
          'PRINCIPAL_ID',
          'az aks show',
          ...CLUSTER,
          '--query identityProfile.kubeletidentity.objectId -o tsv',
        ),
        ...clientIdLines(
          plan,
          capture(
            'CLIENT_ID',
            'az aks show',
            ...CLUSTER,
            '--query identityProfile.kubeletidentity.clientId -o tsv',
          ),
        ),
      ],
    },
  ];
}

function workloadIdentitySteps(): ScriptStep[] {
  return [
    {
      comment:
        'Turn on the OIDC issuer and Workload ID, so pods can trade ServiceAccount tokens for Entra tokens.',
      lines: [cmd('az aks update', ...CLUSTER, '--enable-oidc-issuer --enable-workload-identity -o none')],
    },
    {
      comment: "Read the cluster's OIDC issuer URL: the federated credential trusts the tokens it signs.",
      lines: [
        capture('OIDC_ISSUER', 'az aks show', ...CLUSTER, '--query oidcIssuerProfile.issuerUrl -o tsv'),
      ],
    },
    {
      comment: 'Let exactly this ServiceAccount sign in as the identity (a federated credential).',
      lines: [
        cmd(
          'az identity federated-credential create --name',
          v('FEDERATED_CREDENTIAL_NAME'),
          '--identity-name',
          v('IDENTITY_NAME'),
          ...RG,
          '--issuer',
          v('OIDC_ISSUER'),
          '--subject',
          join('system:serviceaccount:', v('NAMESPACE'), ':', v('SERVICE_ACCOUNT')),
          `--audiences ${WORKLOAD_ID_AUDIENCE} -o none`,
        ),
      ],
    },
  ];
}

const DAPR_VERSION = 'DAPR_VERSION';
const UPGRADE_DOC = 'https://docs.dapr.io/operations/hosting/kubernetes/kubernetes-upgrade/';

/**
 * kubectl and the Dapr check come before anything changes: a cluster without Dapr, or with one too old for
 * the components, stops the script before the identity and the grants are made.
 */
function clusterChecks(plan: DeploymentPlan): ScriptStep[] {
  const steps: ScriptStep[] = [
    {
      // Without --overwrite-existing the CLI prompts when a context of that name exists (acs custom.py _handle_merge).
      comment:
        'Point kubectl at the cluster, and check that Dapr is installed (the Component resource type exists).',
      lines: [
        cmd('az aks get-credentials --name', v('CLUSTER_NAME'), ...RG, '--overwrite-existing'),
        cmd('kubectl get crd components.dapr.io -o name'),
        note(
          'If that fails, install Dapr first (the AKS Dapr extension, or Helm):\n' +
            '  az k8s-extension create --cluster-type managedClusters --cluster-name "$CLUSTER_NAME" \\\n' +
            '    --resource-group "$RESOURCE_GROUP" --name dapr --extension-type Microsoft.Dapr',
        ),
      ],
    },
  ];
  const need = plan.daprNeed;
  if (need === undefined) return steps;
  steps.push({
    // The Helm chart names the injector's Deployment dapr-sidecar-injector and runs it from the image
    // <registry>/dapr:<tag>, the control plane's release (dapr/dapr charts/dapr/charts/dapr_sidecar_injector/
    // templates/dapr_sidecar_injector_deployment.yaml); the AKS extension installs the same chart into
    // dapr-system. The sed keeps the tag's release and drops a suffix such as -msft.1.
    comment: `Read the Dapr release the cluster runs (the sidecar injector's image tag): ${need.reason}.`,
    lines: [
      command(
        [
          'kubectl',
          'get',
          'deployment',
          'dapr-sidecar-injector',
          '--namespace',
          'dapr-system',
          '-o',
          'jsonpath={.spec.template.spec.containers[0].image}',
        ],
        {
          captureTo: DAPR_VERSION,
          pipeTo: ['sed', '-nE', 's/^.*:v?([0-9]+[.][0-9]+[.][0-9]+)[^:/]*$/\\1/p'],
        },
      ),
      versionAtLeast(DAPR_VERSION, need.version, {
        tooOld: join(
          'This cluster runs Dapr ',
          v(DAPR_VERSION),
          `; ${need.reason}, so it needs Dapr ${need.version} or later. Upgrade Dapr on the cluster (Helm: ${UPGRADE_DOC}; or upgrade the AKS Dapr extension), or change that choice in the wizard.`,
        ),
        unknown: `Could not read the Dapr release from the dapr-sidecar-injector image in dapr-system; make sure the cluster runs Dapr ${need.version} or later (${need.reason}).`,
      }),
    ],
  });
  return steps;
}

function applySteps(plan: DeploymentPlan): ScriptStep[] {
  const kubernetes = plan.kubernetes;
  if (!kubernetes) throw new Error('An AKS plan carries its Kubernetes objects');
  const workload = kubernetes.workloadIdentity;
  const steps: ScriptStep[] = [
    {
      comment: `Write ${componentFilesNoun(plan)}${workload ? ', the ServiceAccount' : ''} and the Deployment patch into ./${FILES_DIR}.`,
      lines: [
        cmd('mkdir -p', FILES_DIR),
        ...writeComponentFiles(plan),
        ...(workload
          ? [
              writeFile(`${FILES_DIR}/${SERVICE_ACCOUNT_FILE}`, workload.serviceAccount, {
                [CLIENT_ID_MARKER]: 'CLIENT_ID',
              }),
            ]
          : []),
        writeFile(`${FILES_DIR}/${POD_TEMPLATE_PATCH_FILE}`, kubernetes.podTemplatePatch),
      ],
    },
  ];
  if (kubernetes.namespace !== 'default') {
    steps.push({
      comment: 'Create the namespace if it does not exist yet.',
      lines: [
        command(['kubectl', 'create', 'namespace', v('NAMESPACE'), '--dry-run=client', '-o', 'yaml'], {
          pipeTo: ['kubectl', 'apply', '-f', '-'],
        }),
      ],
    });
  }
  steps.push({
    comment: `Apply ${workload ? 'the ServiceAccount and ' : ''}${plan.components.length === 1 ? 'the component' : 'the components'} in the namespace.`,
    lines: [
      ...(workload ? [cmd('kubectl apply -f', `${FILES_DIR}/${SERVICE_ACCOUNT_FILE}`)] : []),
      ...plan.components.map((component) => cmd('kubectl apply -f', component.path)),
      note(
        `Then merge ${FILES_DIR}/${POD_TEMPLATE_PATCH_FILE} into your app's Deployment (its pods restart with it):\n` +
          `  kubectl patch deployment <your-deployment> --namespace "$NAMESPACE" --patch-file ${FILES_DIR}/${POD_TEMPLATE_PATCH_FILE}`,
      ),
    ],
  });
  return steps;
}

/**
 * The federated credential of the setup's name, only while it still trusts exactly this ServiceAccount (the
 * list fails without the identity, so it runs only while the identity exists).
 */
function federatedCredentialTeardownStep(): ScriptStep {
  const found = 'FEDERATED_CREDENTIAL_FOUND';
  return {
    comment:
      'Remove the federated credential the setup made, if it still trusts exactly this ServiceAccount.',
    lines: [
      when('IDENTITY_ID', '!=', '', [
        capture(
          found,
          'az identity federated-credential list --identity-name',
          v('IDENTITY_NAME'),
          ...RG,
          '--query',
          join(
            '[?name==',
            "'",
            v('FEDERATED_CREDENTIAL_NAME'),
            "'",
            ' && subject==',
            "'system:serviceaccount:",
            v('NAMESPACE'),
            ':',
            v('SERVICE_ACCOUNT'),
            "'",
            '] | length(@)',
          ),
          '-o tsv',
        ),
        when(found, '=', '1', [
          cmd(
            'az identity federated-credential delete --name',
            v('FEDERATED_CREDENTIAL_NAME'),
            '--identity-name',
            v('IDENTITY_NAME'),
            ...RG,
            '--yes',
          ),
        ]),
      ]),
    ],
  };
}

/** The pod template fields the setup asked the user to merge, as JSON Patch paths (RFC 6901: '/' is ~1). */
function podTemplateRevertNote(plan: DeploymentPlan): string {
  const workload = plan.kubernetes?.workloadIdentity !== undefined;
  const paths = [
    '/spec/template/metadata/annotations/dapr.io~1enabled',
    '/spec/template/metadata/annotations/dapr.io~1app-id',
    ...(workload
      ? [
          '/spec/template/metadata/labels/azure.workload.identity~1use',
          '/spec/template/spec/serviceAccountName',
        ]
      : []),
  ];
  const patch = JSON.stringify(paths.map((path) => ({ op: 'remove', path })));
  return (
    `The setup did not change your Deployment: you merged ${FILES_DIR}/${POD_TEMPLATE_PATCH_FILE} into it. To take that back\n` +
    '(its pods restart; a path that is not there makes kubectl stop, so drop those first):\n' +
    `  kubectl patch deployment <your-deployment> --namespace "$NAMESPACE" --type json -p '${patch}'`
  );
}

/**
 * Components of the setup's names go (the setup's apply replaced any of that name). The ServiceAccount goes
 * only while it is annotated with this identity's client id, as the setup wrote it. The namespace, the OIDC
 * issuer and Workload ID on the cluster stay: other workloads may use them.
 */
function clusterTeardownSteps(plan: DeploymentPlan): ScriptStep[] {
  const workload = plan.kubernetes?.workloadIdentity !== undefined;
  const saClientId = 'SERVICE_ACCOUNT_CLIENT_ID';
  return [
    {
      comment: `Delete ${plan.components.length === 1 ? 'the component' : 'the components'} the setup applied${workload ? ', and the ServiceAccount if it still names this identity' : ''}.`,
      lines: [
        ...plan.components.map((component) =>
          cmd(
            'kubectl delete components.dapr.io',
            component.name,
            '--namespace',
            v('NAMESPACE'),
            '--ignore-not-found',
          ),
        ),
        ...(workload
          ? [
              command(
                [
                  'kubectl',
                  'get',
                  'serviceaccount',
                  v('SERVICE_ACCOUNT'),
                  '--namespace',
                  v('NAMESPACE'),
                  '--ignore-not-found',
                  '-o',
                  'jsonpath={.metadata.annotations.azure\\.workload\\.identity/client-id}',
                ],
                { captureTo: saClientId },
              ),
              when(saClientId, '!=', '', [
                when(saClientId, '=', v('CLIENT_ID'), [
                  cmd(
                    'kubectl delete serviceaccount',
                    v('SERVICE_ACCOUNT'),
                    '--namespace',
                    v('NAMESPACE'),
                    '--ignore-not-found',
                  ),
                ]),
              ]),
            ]
          : []),
        note(podTemplateRevertNote(plan)),
        note(
          `Kept: the namespace${workload ? ', the OIDC issuer and Workload ID on the cluster' : ''} (other workloads may use ${workload ? 'them' : 'it'}).`,
        ),
      ],
    },
  ];
}

function aksTeardownSteps(plan: DeploymentPlan, grantSteps: readonly ScriptStep[]): ScriptStep[] {
  const workload = plan.kubernetes?.workloadIdentity !== undefined;
  return [
    {
      comment: 'Point kubectl at the cluster.',
      lines: [cmd('az aks get-credentials --name', v('CLUSTER_NAME'), ...RG, '--overwrite-existing')],
    },
    ...(workload
      ? []
      : [
          {
            comment:
              "Read the node pool's kubelet identity (AKS made it, and it stays): the grants below are looked up by it.",
            lines: [
              capture(
                'PRINCIPAL_ID',
                'az aks show',
                ...CLUSTER,
                '--query identityProfile.kubeletidentity.objectId -o tsv',
              ),
              // An Azure SQL user is proven this identity's by its client id.
              ...(plan.grants.some(({ grant }) => grant.kind === 'sql-contained-user')
                ? [
                    capture(
                      'CLIENT_ID',
                      'az aks show',
                      ...CLUSTER,
                      '--query identityProfile.kubeletidentity.clientId -o tsv',
                    ),
                  ]
                : []),
            ],
          },
        ]),
    ...grantSteps,
    ...(workload ? [federatedCredentialTeardownStep()] : []),
    ...clusterTeardownSteps(plan),
  ];
}

export const aksHost: HostModule = {
  teardownSteps: aksTeardownSteps,
  preflightSteps: clusterChecks,
  setupSteps: (plan, grantSteps) =>
    identityGrantsApply(
      plan.identity.kind === 'kubelet' ? kubeletIdentitySteps(plan) : workloadIdentitySteps(),
      grantSteps,
      applySteps(plan),
    ),
  verifyLines: (plan) =>
    plan.components.map((component) =>
      cmd('kubectl get components.dapr.io', component.name, '--namespace', v('NAMESPACE')),
    ),
  restartHint: RESTART_THE_APP,
  cliRequirement: (plan) =>
    plan.identity.kind === 'workload'
      ? 'Needs Azure CLI 2.47 or later (--enable-workload-identity).'
      : undefined,
};
