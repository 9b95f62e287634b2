/**
 * The Azure CLI runbook: give the host its identity, grant the least role on the one resource, apply the
 * component, verify. Commands and flags: ../shared/domain/azure-cli.md (per host, section 1; grants, section 2).
 */
import { componentSpec, type ComponentSpec } from '../catalog/components';
import { hostSpec, type HostSpec } from '../catalog/hosts';
import { AKS_IDENTITY_OPTIONS, IDENTITY_OPTIONS } from '../catalog/identities';
import { createsUserIdentity, effectiveIdentity, type WizardConfig } from '../model/config';
import { ACI_GROUP_FILE, buildAciGroup } from './aci-group';
import { buildComponent, componentClientId } from './component';
import { buildServiceAccount, POD_TEMPLATE_PATCH_FILE, SERVICE_ACCOUNT_FILE } from './k8s-manifests';
import { CLIENT_ID_MARKER, COMPONENT_BASE64_MARKER, IDENTITY_ID_MARKER } from './markers';
import {
  command,
  join,
  note,
  v,
  type Script,
  type ScriptLine,
  type ScriptStep,
  type Word,
} from './script-model';
import { toYaml } from './to-yaml';

/** Folder the script writes its files into. */
export const FILES_DIR = 'components';

// Every identity it grants to is a managed identity, i.e. a service principal; naming the type skips the
// Graph lookup that fails for just-created identities (azure-cli.md 2, role/_params.py help).
const PRINCIPAL_TYPE = 'ServicePrincipal';
// The audience Entra expects for workload identity tokens (identity/aaz federated_credential/_create.py).
const WORKLOAD_ID_AUDIENCE = 'api://AzureADTokenExchange';

export function componentFilePath(config: WizardConfig): string {
  return `${FILES_DIR}/${config.name}.yaml`;
}

/** The federated credential's name: 3-120 of [A-Za-z0-9-_], so the dots a ServiceAccount may have become '-'. */
export function federatedCredentialName(config: WizardConfig): string {
  return `dapr-${config.namespace}-${config.serviceAccount}`.replace(/\./g, '-').slice(0, 120);
}

function identityTitle(config: WizardConfig): string {
  const identity = effectiveIdentity(config);
  const options = config.host === 'aks' ? AKS_IDENTITY_OPTIONS : IDENTITY_OPTIONS;
  return options.find((option) => option.id === identity)?.title ?? identity;
}

function scriptVariables(
  config: WizardConfig,
  host: HostSpec,
  component: ComponentSpec,
): Script['variables'] {
  const variables: { name: string; value: string }[] = [];
  const add = (name: string, value: string): void => {
    if (value !== '') variables.push({ name, value });
  };
  add('SUBSCRIPTION', config.subscription);
  add('RESOURCE_GROUP', config.resourceGroup);
  add(host.hostNameVariable, config.hostName);
  if (host.id === 'aca') add('ENVIRONMENT_NAME', config.environment);
  if (createsUserIdentity(config) || host.id === 'aci') add('LOCATION', config.location);
  if (createsUserIdentity(config)) add('IDENTITY_NAME', config.identityName);
  if (host.id === 'aks') add('NAMESPACE', config.namespace);
  if (effectiveIdentity(config) === 'workload') {
    add('SERVICE_ACCOUNT', config.serviceAccount);
    add('FEDERATED_CREDENTIAL_NAME', federatedCredentialName(config));
  }
  add('COMPONENT_NAME', config.name);
  add(`${component.resource.variable}_NAME`, config.metadata[component.resource.field] ?? '');
  return variables;
}

/** Whether the script must look the client id up (the user did not give it, and a file needs it). */
function needsClientIdLookup(config: WizardConfig): boolean {
  if (config.clientId !== '') return false;
  return componentClientId(config) === CLIENT_ID_MARKER || effectiveIdentity(config) === 'workload';
}

/** Hosts that take the user-assigned identity by resource id (webapp/functionapp/ACI need it; it suits all). */
function attachesIdentityById(host: HostSpec): boolean {
  return host.id !== 'aks';
}

const RG = ['--resource-group', v('RESOURCE_GROUP')] as const;

function userIdentitySteps(config: WizardConfig, host: HostSpec): ScriptStep[] {
  const location: Word[] = config.location === '' ? [] : ['--location', v('LOCATION')];
  const reads: ScriptLine[] = [];
  const show = (query: string, captureTo: string): ScriptLine =>
    command(['az', 'identity', 'show', '--name', v('IDENTITY_NAME'), ...RG, '--query', query, '-o', 'tsv'], {
      captureTo,
    });
  if (attachesIdentityById(host)) reads.push(show('id', 'IDENTITY_ID'));
  reads.push(show('principalId', 'PRINCIPAL_ID'));
  if (needsClientIdLookup(config)) reads.push(show('clientId', 'CLIENT_ID'));
  return [
    {
      comment:
        'Create the user-assigned identity the app signs in with (an existing one is updated, not replaced).',
      lines: [
        command(['az', 'identity', 'create', '--name', v('IDENTITY_NAME'), ...RG, ...location, '-o', 'none']),
      ],
    },
    {
      comment:
        'Read its ids: the principal id receives the grant' +
        (attachesIdentityById(host) ? ', the resource id attaches it to the host' : '') +
        (needsClientIdLookup(config) ? ', the client id tells the app which identity to use.' : '.'),
      lines: reads,
    },
  ];
}

function hostIdentitySteps(config: WizardConfig, host: HostSpec): ScriptStep[] {
  const name = ['--name', v(host.hostNameVariable), ...RG] as const;
  const identity = effectiveIdentity(config);
  switch (host.id) {
    case 'aks':
      if (identity === 'kubelet') {
        const reads: ScriptLine[] = [
          command(
            [
              'az',
              'aks',
              'show',
              ...name,
              '--query',
              'identityProfile.kubeletidentity.objectId',
              '-o',
              'tsv',
            ],
            {
              captureTo: 'PRINCIPAL_ID',
            },
          ),
        ];
        if (needsClientIdLookup(config)) {
          reads.push(
            command(
              [
                'az',
                'aks',
                'show',
                ...name,
                '--query',
                'identityProfile.kubeletidentity.clientId',
                '-o',
                'tsv',
              ],
              {
                captureTo: 'CLIENT_ID',
              },
            ),
          );
        }
        return [
          {
            comment:
              "Read the node pool's kubelet identity (AKS manages it): its principal id gets the grant.",
            lines: reads,
          },
        ];
      }
      return [
        {
          comment:
            'Turn on the OIDC issuer and Workload ID, so pods can trade ServiceAccount tokens for Entra tokens.',
          lines: [
            command([
              'az',
              'aks',
              'update',
              ...name,
              '--enable-oidc-issuer',
              '--enable-workload-identity',
              '-o',
              'none',
            ]),
          ],
        },
        {
          comment: "Read the cluster's OIDC issuer URL: the federated credential trusts the tokens it signs.",
          lines: [
            command(['az', 'aks', 'show', ...name, '--query', 'oidcIssuerProfile.issuerUrl', '-o', 'tsv'], {
              captureTo: 'OIDC_ISSUER',
            }),
          ],
        },
        {
          comment: 'Let exactly this ServiceAccount sign in as the identity (a federated credential).',
          lines: [
            command([
              'az',
              'identity',
              'federated-credential',
              'create',
              '--name',
              v('FEDERATED_CREDENTIAL_NAME'),
              '--identity-name',
              v('IDENTITY_NAME'),
              ...RG,
              '--issuer',
              v('OIDC_ISSUER'),
              '--subject',
              join('system:serviceaccount:', v('NAMESPACE'), ':', v('SERVICE_ACCOUNT')),
              '--audiences',
              WORKLOAD_ID_AUDIENCE,
              '-o',
              'none',
            ]),
          ],
        },
      ];
    case 'aca':
      return identity === 'system'
        ? [
            {
              comment: "Turn on the container app's system-assigned identity and read its principal id.",
              lines: [
                command(
                  [
                    'az',
                    'containerapp',
                    'identity',
                    'assign',
                    ...name,
                    '--system-assigned',
                    '--query',
                    'principalId',
                    '-o',
                    'tsv',
                  ],
                  {
                    captureTo: 'PRINCIPAL_ID',
                  },
                ),
              ],
            },
          ]
        : [
            {
              comment: 'Attach the identity to the container app.',
              lines: [
                command([
                  'az',
                  'containerapp',
                  'identity',
                  'assign',
                  ...name,
                  '--user-assigned',
                  v('IDENTITY_ID'),
                  '-o',
                  'none',
                ]),
              ],
            },
          ];
    case 'webapp':
    case 'functionapp':
      // `--identities` defaults to [system]; the command returns the identity object (appservice/custom.py).
      return identity === 'system'
        ? [
            {
              comment: `Turn on the ${host.id === 'webapp' ? 'web' : 'function'} app's system-assigned identity and read its principal id.`,
              lines: [
                command(
                  ['az', host.id, 'identity', 'assign', ...name, '--query', 'principalId', '-o', 'tsv'],
                  {
                    captureTo: 'PRINCIPAL_ID',
                  },
                ),
              ],
            },
          ]
        : [
            {
              comment: `Attach the identity to the ${host.id === 'webapp' ? 'web' : 'function'} app (App Service takes its full resource id).`,
              lines: [
                command([
                  'az',
                  host.id,
                  'identity',
                  'assign',
                  ...name,
                  '--identities',
                  v('IDENTITY_ID'),
                  '-o',
                  'none',
                ]),
              ],
            },
          ];
    case 'vm':
    case 'vmss':
      // The command reports the new principal id as systemAssignedIdentity (vm/custom.py _construct_identity_info).
      return identity === 'system'
        ? [
            {
              comment: `Turn on the ${host.id === 'vm' ? 'VM' : 'scale set'}'s system-assigned identity; its principal id comes back as systemAssignedIdentity.`,
              lines: [
                command(
                  [
                    'az',
                    host.id,
                    'identity',
                    'assign',
                    ...name,
                    '--query',
                    'systemAssignedIdentity',
                    '-o',
                    'tsv',
                  ],
                  {
                    captureTo: 'PRINCIPAL_ID',
                  },
                ),
              ],
            },
          ]
        : [
            {
              comment: `Attach the identity to the ${host.id === 'vm' ? 'VM' : 'scale set'}.`,
              lines: [
                command([
                  'az',
                  host.id,
                  'identity',
                  'assign',
                  ...name,
                  '--identities',
                  v('IDENTITY_ID'),
                  '-o',
                  'none',
                ]),
              ],
            },
          ];
    case 'aci':
      // ACI gets its identity when the group is created: see aciSteps.
      return [];
    default:
      return assertNever(host.id);
  }
}

function grantSteps(config: WizardConfig, component: ComponentSpec): ScriptStep[] {
  const resource = component.resource;
  const nameVar = `${resource.variable}_NAME`;
  const idVar = `${resource.variable}_ID`;
  const grant = component.grant;
  const lookup: ScriptLine[] = [
    command(['az', ...resource.showCommand, '--name', v(nameVar), '--query', 'id', '-o', 'tsv'], {
      captureTo: idVar,
    }),
  ];
  if (grant.kind === 'rbac') {
    return [
      {
        comment: `Look up the ${resource.title}'s resource id: the grant is scoped to it alone.`,
        lines: lookup,
      },
      {
        comment: `Grant ${grant.role.name} (built-in role ${grant.role.guid}) on the ${resource.title} only.`,
        lines: [roleAssignment(grant.role.guid, idVar)],
      },
    ];
  }
  // Key Vault: RBAC roles are ignored by access-policy vaults, and set-policy fails on RBAC vaults
  // (azure-cli.md 2.3; keyvault set-policy help), so check the vault's model before granting.
  lookup.push(
    command(
      [
        'az',
        'keyvault',
        'show',
        '--name',
        v(nameVar),
        '--query',
        'properties.enableRbacAuthorization',
        '-o',
        'tsv',
      ],
      {
        captureTo: 'RBAC_ENABLED',
      },
    ),
  );
  if (config.kvModel === 'rbac') {
    return [
      {
        comment: "Look up the vault's resource id (the grant's scope) and check that it uses Azure RBAC.",
        lines: [
          ...lookup,
          {
            kind: 'guard',
            variable: 'RBAC_ENABLED',
            operator: '!=',
            value: 'true',
            message: `The vault uses access policies, which ignore RBAC roles: choose "Access policies" in the wizard.`,
          },
        ],
      },
      {
        comment: `Grant ${grant.rbacRole.name} (built-in role ${grant.rbacRole.guid}): read secrets, on this vault only.`,
        lines: [roleAssignment(grant.rbacRole.guid, idVar)],
      },
    ];
  }
  return [
    {
      comment: 'Check that the vault uses access policies (an RBAC vault rejects them).',
      lines: [
        ...lookup,
        {
          kind: 'guard',
          variable: 'RBAC_ENABLED',
          operator: '=',
          value: 'true',
          message: `The vault uses Azure RBAC: choose "Azure RBAC" in the wizard.`,
        },
      ],
    },
    {
      comment: `Add an access policy: ${grant.accessPolicy.flag.replace(/^--/, '').replace(/-/g, ' ')} ${grant.accessPolicy.permissions.join(' and ')}, nothing else.`,
      lines: [
        command([
          'az',
          'keyvault',
          'set-policy',
          '--name',
          v(nameVar),
          '--object-id',
          v('PRINCIPAL_ID'),
          grant.accessPolicy.flag,
          ...grant.accessPolicy.permissions,
          '-o',
          'none',
        ]),
      ],
    },
  ];
}

function roleAssignment(roleGuid: string, scopeVar: string): ScriptLine {
  return command([
    'az',
    'role',
    'assignment',
    'create',
    '--assignee-object-id',
    v('PRINCIPAL_ID'),
    '--assignee-principal-type',
    PRINCIPAL_TYPE,
    '--role',
    roleGuid,
    '--scope',
    v(scopeVar),
    '-o',
    'none',
  ]);
}

/** The component file as the script writes it, with looked-up values filled in when it runs. */
function writeComponentFile(config: WizardConfig): ScriptLine {
  return {
    kind: 'write-file',
    path: componentFilePath(config),
    content: toYaml(buildComponent(config)),
    substitutions: { [CLIENT_ID_MARKER]: 'CLIENT_ID' },
  };
}

function applySteps(config: WizardConfig, host: HostSpec): ScriptStep[] {
  const file = componentFilePath(config);
  const write: ScriptStep = {
    comment: `Write the component file${effectiveIdentity(config) === 'workload' ? ' and the ServiceAccount' : ''} into ./${FILES_DIR}.`,
    lines: [
      command(['mkdir', '-p', FILES_DIR]),
      writeComponentFile(config),
      ...(effectiveIdentity(config) === 'workload'
        ? [
            {
              kind: 'write-file' as const,
              path: `${FILES_DIR}/${SERVICE_ACCOUNT_FILE}`,
              content: toYaml(buildServiceAccount(config)),
              substitutions: { [CLIENT_ID_MARKER]: 'CLIENT_ID' },
            },
          ]
        : []),
    ],
  };
  switch (host.format) {
    case 'kubernetes': {
      const steps: ScriptStep[] = [
        write,
        {
          comment: 'Point kubectl at the cluster.',
          lines: [command(['az', 'aks', 'get-credentials', '--name', v(host.hostNameVariable), ...RG])],
        },
      ];
      if (config.namespace !== 'default') {
        steps.push({
          comment: 'Create the namespace if it does not exist yet.',
          lines: [
            command(['kubectl', 'create', 'namespace', v('NAMESPACE'), '--dry-run=client', '-o', 'yaml'], {
              pipeTo: ['kubectl', 'apply', '-f', '-'],
            }),
          ],
        });
      }
      const applies: ScriptLine[] = [];
      if (effectiveIdentity(config) === 'workload') {
        applies.push(command(['kubectl', 'apply', '-f', `${FILES_DIR}/${SERVICE_ACCOUNT_FILE}`]));
      }
      applies.push(command(['kubectl', 'apply', '-f', file]));
      applies.push(
        note(
          `Then add to your Deployment's pod template what ${POD_TEMPLATE_PATCH_FILE} in the Kubernetes tab shows:\n` +
            (effectiveIdentity(config) === 'workload'
              ? 'the label azure.workload.identity/use: "true", serviceAccountName, and the Dapr annotations.'
              : 'the Dapr annotations.'),
        ),
      );
      steps.push({
        comment: `Apply ${effectiveIdentity(config) === 'workload' ? 'the ServiceAccount and ' : ''}the component in the namespace.`,
        lines: applies,
      });
      return steps;
    }
    case 'container-apps':
      return [
        write,
        {
          comment: "Add the component to the Container Apps environment (ACA's own component schema).",
          lines: [
            command([
              'az',
              'containerapp',
              'env',
              'dapr-component',
              'set',
              '--name',
              v('ENVIRONMENT_NAME'),
              ...RG,
              '--dapr-component-name',
              v('COMPONENT_NAME'),
              '--yaml',
              file,
              '-o',
              'none',
            ]),
          ],
        },
      ];
    case 'self-hosted':
      return [
        write,
        {
          comment: `Put the component where Dapr on the ${hostNoun(host)} reads it.`,
          lines: [note(selfHostedPlacement(config, host))],
        },
      ];
    default:
      return assertNever(host.format);
  }
}

function hostNoun(host: HostSpec): string {
  return {
    aks: 'cluster',
    aca: 'container app',
    webapp: 'web app',
    functionapp: 'function app',
    vm: 'VM',
    vmss: 'scale set',
    aci: 'container group',
  }[host.id];
}

/** Where the file goes on self-hosted Dapr (dapr/docs reference/cli/dapr-run.md: --resources-path). */
function selfHostedPlacement(config: WizardConfig, host: HostSpec): string {
  const file = componentFilePath(config);
  const appId = config.appId === '' ? '<your-app-id>' : config.appId;
  const run = `dapr run --app-id ${appId} --resources-path ./${FILES_DIR} -- <your app command>`;
  switch (host.id) {
    case 'vm':
      return `Copy ${file} to the VM into the folder Dapr reads, and start the app with it:\n  ${run}\nDapr reaches the VM's identity through the instance metadata service; nothing else to configure.`;
    case 'vmss':
      return `Ship ${file} to every instance (in the image or with your deployment), and start the app with it:\n  ${run}\nEach instance reaches the scale set's identity through the instance metadata service.`;
    case 'webapp':
    case 'functionapp':
      return `App Service has no built-in Dapr: run daprd as a sidecar container of the app with\n  daprd --app-id ${appId} --resources-path /components\nand ${file} in that folder (baked into the sidecar image or mounted from Azure Files).`;
    default:
      return `Start daprd with --resources-path pointing at the folder that holds ${file}.`;
  }
}

/** ACI: write the group file, create the group with its identity and the daprd sidecar. */
function aciSteps(
  config: WizardConfig,
  component: ComponentSpec,
): { create: ScriptStep[]; readPrincipal: ScriptStep[] } {
  const file = componentFilePath(config);
  const groupFile = `${FILES_DIR}/${ACI_GROUP_FILE}`;
  const substitutions: Record<string, string> = { [COMPONENT_BASE64_MARKER]: 'COMPONENT_BASE64' };
  if (config.identity === 'user') substitutions[IDENTITY_ID_MARKER] = 'IDENTITY_ID';
  const create: ScriptStep[] = [
    {
      comment: `Write the component file into ./${FILES_DIR}.`,
      lines: [command(['mkdir', '-p', FILES_DIR]), writeComponentFile(config)],
    },
    {
      comment: "Encode it for the group's secret volume, which daprd reads as a folder of component files.",
      lines: [
        command(['base64'], { stdinFrom: file, pipeTo: ['tr', '-d', '\\n'], captureTo: 'COMPONENT_BASE64' }),
      ],
    },
    {
      comment:
        'Write the container group: the app, the daprd sidecar, the component volume and the identity.',
      lines: [
        {
          kind: 'write-file',
          path: groupFile,
          content: toYaml(buildAciGroup(config, `${config.name}.yaml`)),
          substitutions,
        },
      ],
    },
    {
      comment:
        'Create the group with its identity (identities are only set at creation: an existing group of this name is recreated and restarts).',
      lines: [command(['az', 'container', 'create', ...RG, '--file', groupFile, '-o', 'none'])],
    },
  ];
  const readPrincipal: ScriptStep[] =
    config.identity === 'system'
      ? [
          {
            comment: `Read the group's system-assigned principal id, to grant it access to the ${component.resource.title}.`,
            lines: [
              command(
                [
                  'az',
                  'container',
                  'show',
                  '--name',
                  v('CONTAINER_GROUP_NAME'),
                  ...RG,
                  '--query',
                  'identity.principalId',
                  '-o',
                  'tsv',
                ],
                {
                  captureTo: 'PRINCIPAL_ID',
                },
              ),
            ],
          },
        ]
      : [];
  return { create, readPrincipal };
}

function verifySteps(config: WizardConfig, host: HostSpec, component: ComponentSpec): ScriptStep[] {
  const lines: ScriptLine[] = [];
  const idVar = `${component.resource.variable}_ID`;
  if (component.grant.kind === 'key-vault' && config.kvModel === 'accesspolicy') {
    lines.push(
      command([
        'az',
        'keyvault',
        'show',
        '--name',
        v(`${component.resource.variable}_NAME`),
        '--query',
        'properties.accessPolicies[].{objectId:objectId, secrets:permissions.secrets}',
        '-o',
        'table',
      ]),
    );
  } else {
    lines.push(
      command([
        'az',
        'role',
        'assignment',
        'list',
        '--assignee',
        v('PRINCIPAL_ID'),
        '--scope',
        v(idVar),
        '--query',
        '[].roleDefinitionName',
        '-o',
        'tsv',
      ]),
    );
  }
  if (host.format === 'kubernetes') {
    lines.push(
      command(['kubectl', 'get', 'components.dapr.io', v('COMPONENT_NAME'), '--namespace', v('NAMESPACE')]),
    );
  } else if (host.format === 'container-apps') {
    lines.push(
      command([
        'az',
        'containerapp',
        'env',
        'dapr-component',
        'show',
        '--name',
        v('ENVIRONMENT_NAME'),
        ...RG,
        '--dapr-component-name',
        v('COMPONENT_NAME'),
        '--query',
        'properties.metadata',
        '-o',
        'table',
      ]),
    );
  } else if (host.id === 'aci') {
    lines.push(
      command([
        'az',
        'container',
        'logs',
        '--name',
        v('CONTAINER_GROUP_NAME'),
        ...RG,
        '--container-name',
        'daprd',
      ]),
    );
  }
  return [
    {
      comment: `Verify: the grant on the ${component.resource.title}${host.format === 'self-hosted' && host.id !== 'aci' ? '' : ' and the component Dapr loads'}.`,
      lines,
    },
    {
      comment: 'Done. Role assignments take a few minutes (up to about 10) to take effect;',
      lines: [note('until then Dapr may get 403 Forbidden. Restart the app once if it started before that.')],
    },
  ];
}

function assertNever(value: never): never {
  throw new Error(`Unhandled case ${String(value)}`);
}

/** The whole runbook for a valid configuration. */
export function buildAzScript(config: WizardConfig): Script {
  const host = hostSpec(config.host);
  const component = componentSpec(config.component);
  const steps: ScriptStep[] = [];
  if (config.subscription !== '') {
    steps.push({
      comment: 'Work in the chosen subscription, so every name below is looked up there.',
      lines: [command(['az', 'account', 'set', '--subscription', v('SUBSCRIPTION')])],
    });
  }
  if (createsUserIdentity(config)) steps.push(...userIdentitySteps(config, host));
  if (host.id === 'aci') {
    const aci = aciSteps(config, component);
    // A user-assigned identity can be granted before the group exists; a system-assigned one only after.
    if (config.identity === 'user') steps.push(...grantSteps(config, component), ...aci.create);
    else steps.push(...aci.create, ...aci.readPrincipal, ...grantSteps(config, component));
  } else {
    steps.push(
      ...hostIdentitySteps(config, host),
      ...grantSteps(config, component),
      ...applySteps(config, host),
    );
  }
  steps.push(...verifySteps(config, host, component));
  return {
    header: [
      `Dapr Managed Identity Wizard: ${component.title} on ${host.title}, ${identityTitle(config)}.`,
      'Run it with Bash after `az login`. The values you entered are below; the files it writes were made from them.',
    ],
    variables: scriptVariables(config, host, component),
    steps,
  };
}
