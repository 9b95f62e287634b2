/**
 * The Azure CLI runbook: check the target resource, give the host its identity, grant the least role on the
 * one resource, apply the component, verify. Commands and flags: ../shared/domain/azure-cli.md (hosts in
 * section 1, grants in section 2); each choice below names its source.
 */
import { componentSpec } from '../catalog/components';
import { hostSpec, type HostSpec } from '../catalog/hosts';
import { AKS_IDENTITY_OPTIONS, IDENTITY_OPTIONS } from '../catalog/identities';
import {
  createsUserIdentity,
  effectiveIdentity,
  identityDisplayName,
  type ComponentConfig,
  type WizardConfig,
} from '../model/config';
import { ACI_GROUP_FILE, buildAciGroup } from './aci-group';
import { componentYaml } from './component';
import {
  buildPodTemplatePatch,
  buildServiceAccount,
  POD_TEMPLATE_PATCH_FILE,
  SERVICE_ACCOUNT_FILE,
} from './k8s-manifests';
import { CLIENT_ID_MARKER, componentBase64Marker, IDENTITY_ID_MARKER } from './markers';
import {
  fillFields,
  planResources,
  type ResolvedGrant,
  type ResolvedResource,
  type ResourcePlan,
} from './resources';
import {
  capture,
  cmd,
  command,
  join,
  lit,
  note,
  v,
  type Guard,
  type Script,
  type Word,
  type ScriptLine,
  type ScriptStep,
  type WriteFile,
} from './script-model';
import { toYaml } from './to-yaml';

/** Folder the script writes its files into. */
export const FILES_DIR = 'components';

const RG = ['--resource-group', v('RESOURCE_GROUP')] as const;

// Every identity granted here is a managed identity, i.e. a service principal; naming the type skips the
// Graph lookup that fails for just-created identities (azure-cli.md 2; role/_params.py help).
const PRINCIPAL_TYPE = 'ServicePrincipal';
// The token audience Entra expects for workload identity (identity/aaz federated_credential/_create.py).
const WORKLOAD_ID_AUDIENCE = 'api://AzureADTokenExchange';

export function componentFilePath(component: ComponentConfig): string {
  return `${FILES_DIR}/${component.name}.yaml`;
}

/** `--resource-group "$X"` for a resource: the host's group, or its own. */
function resourceGroupArgs(resource: ResolvedResource): Word[] {
  return ['--resource-group', v(resource.groupVariable)];
}

/**
 * The federated credential's name must match ^[a-zA-Z0-9][a-zA-Z0-9-_]{2,119}$ (federated_credential/_create.py);
 * namespace and ServiceAccount names are lowercase DNS names whose dots become '-'.
 */
export function federatedCredentialName(config: WizardConfig): string {
  return `dapr-${config.namespace}-${config.serviceAccount}`.replace(/\./g, '-').slice(0, 120);
}

function identityTitle(config: WizardConfig): string {
  const identity = effectiveIdentity(config);
  const options = config.host === 'aks' ? AKS_IDENTITY_OPTIONS : IDENTITY_OPTIONS;
  return options.find((option) => option.id === identity)?.title ?? identity;
}

function guard(variable: string, operator: Guard['operator'], value: string, message: string): Guard {
  return { kind: 'guard', variable, operator, value, message };
}

function scriptVariables(config: WizardConfig, host: HostSpec, plan: ResourcePlan): Script['variables'] {
  const variables: { name: string; value: string }[] = [];
  const add = (name: string, value: string): void => {
    if (value !== '') variables.push({ name, value });
  };
  add('SUBSCRIPTION', config.subscription);
  add('RESOURCE_GROUP', config.resourceGroup);
  add(host.hostNameVariable, config.hostName);
  if (host.id === 'aca') add('ENVIRONMENT_NAME', config.environment);
  if (createsUserIdentity(config)) {
    add('IDENTITY_NAME', config.identityName);
    add('LOCATION', config.location);
  }
  if (host.id === 'aks') add('NAMESPACE', config.namespace);
  if (effectiveIdentity(config) === 'workload') {
    add('SERVICE_ACCOUNT', config.serviceAccount);
    add('FEDERATED_CREDENTIAL_NAME', federatedCredentialName(config));
  }
  for (const resource of plan.resources) {
    add(`${resource.variable}_NAME`, resource.name);
    if (resource.groupVariable !== 'RESOURCE_GROUP') add(resource.groupVariable, resource.resourceGroup);
  }
  return variables;
}

/**
 * Reads the client id into CLIENT_ID. A client id typed in the wizard is written into the files as typed,
 * so the script stops if it is not this identity's.
 */
function clientIdLines(config: WizardConfig, read: ScriptLine): ScriptLine[] {
  if (config.clientId === '') return [read];
  return [
    read,
    guard(
      'CLIENT_ID',
      '!=',
      config.clientId,
      "The client id entered in the wizard is not this identity's: correct it there, or leave it empty.",
    ),
  ];
}

/**
 * Looks every resource up before changing anything: its id is the grant's scope, and a missing one stops
 * the script early. Key Vault: also checks the permission model the user chose (azure-cli.md 2.3).
 */
function preflightSteps(plan: ResourcePlan): ScriptStep[] {
  if (plan.resources.length === 0) return [];
  const lines: ScriptLine[] = [];
  for (const resource of plan.resources) {
    const { ref } = resource;
    lines.push(
      capture(
        `${resource.variable}_ID`,
        'az',
        ...ref.showCommand,
        '--name',
        v(`${resource.variable}_NAME`),
        ...(ref.needsResourceGroup ? resourceGroupArgs(resource) : []),
        '--query id -o tsv',
      ),
    );
    if (ref.precondition) {
      const check = `${resource.variable}_CHECK`;
      lines.push(
        capture(
          check,
          'az',
          ...ref.showCommand,
          '--name',
          v(`${resource.variable}_NAME`),
          ...(ref.needsResourceGroup ? resourceGroupArgs(resource) : []),
          `--query ${ref.precondition.query} -o tsv`,
        ),
        guard(check, '!=', ref.precondition.expected, ref.precondition.message),
      );
    }
    if (ref.keyVaultModelChoice === undefined) continue;
    // RBAC roles are ignored by access-policy vaults, and set-policy fails on RBAC vaults (keyvault set-policy help).
    const flag = `${resource.variable}_RBAC`;
    lines.push(
      capture(
        flag,
        'az keyvault show --name',
        v(`${resource.variable}_NAME`),
        '--query properties.enableRbacAuthorization -o tsv',
      ),
      resource.choices[ref.keyVaultModelChoice] === 'accesspolicy'
        ? guard(
            flag,
            '=',
            'true',
            `The vault ${resource.name} uses Azure RBAC: choose "Azure RBAC" in the wizard.`,
          )
        : guard(
            flag,
            '!=',
            'true',
            `The vault ${resource.name} uses access policies, which ignore RBAC roles: choose "Vault access policies" in the wizard.`,
          ),
    );
  }
  const titles = [...new Set(plan.resources.map((resource) => resource.ref.title))].join(', ');
  return [
    {
      comment: `Look up the resources before changing anything (${titles}): each grant is scoped to one of them.`,
      lines,
    },
  ];
}

/** Hosts that take the user-assigned identity by resource id: App Service and ACI need it, the rest accept it. */
function attachesIdentityById(host: HostSpec): boolean {
  return host.id !== 'aks';
}

function userIdentitySteps(config: WizardConfig, host: HostSpec): ScriptStep[] {
  const location = config.location === '' ? [] : ['--location', v('LOCATION')];
  const show = (query: string, variable: string): ScriptLine =>
    capture(variable, 'az identity show --name', v('IDENTITY_NAME'), ...RG, `--query ${query} -o tsv`);
  const reads: ScriptLine[] = [];
  if (attachesIdentityById(host)) reads.push(show('id', 'IDENTITY_ID'));
  reads.push(show('principalId', 'PRINCIPAL_ID'), ...clientIdLines(config, show('clientId', 'CLIENT_ID')));
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
        ', the client id tells Azure which identity the app means.',
      lines: reads,
    },
  ];
}

function aksIdentitySteps(config: WizardConfig): ScriptStep[] {
  const cluster = ['--name', v('CLUSTER_NAME'), ...RG] as const;
  if (effectiveIdentity(config) === 'kubelet') {
    return [
      {
        comment: "Read the node pool's kubelet identity (AKS created it): its principal id gets the grant.",
        lines: [
          capture(
            'PRINCIPAL_ID',
            'az aks show',
            ...cluster,
            '--query identityProfile.kubeletidentity.objectId -o tsv',
          ),
          ...clientIdLines(
            config,
            capture(
              'CLIENT_ID',
              'az aks show',
              ...cluster,
              '--query identityProfile.kubeletidentity.clientId -o tsv',
            ),
          ),
        ],
      },
    ];
  }
  return [
    {
      comment:
        'Turn on the OIDC issuer and Workload ID, so pods can trade ServiceAccount tokens for Entra tokens.',
      lines: [cmd('az aks update', ...cluster, '--enable-oidc-issuer --enable-workload-identity -o none')],
    },
    {
      comment: "Read the cluster's OIDC issuer URL: the federated credential trusts the tokens it signs.",
      lines: [
        capture('OIDC_ISSUER', 'az aks show', ...cluster, '--query oidcIssuerProfile.issuerUrl -o tsv'),
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

/** Gives the host its identity and leaves the principal to grant in PRINCIPAL_ID. */
function hostIdentitySteps(config: WizardConfig, host: HostSpec): ScriptStep[] {
  const name = ['--name', v(host.hostNameVariable), ...RG] as const;
  const system = effectiveIdentity(config) === 'system';
  const attach = (group: string, flag: string): ScriptStep => ({
    comment: `Attach the identity to the ${host.noun}.`,
    lines: [cmd(`az ${group} identity assign`, ...name, flag, v('IDENTITY_ID'), '-o none')],
  });
  switch (host.id) {
    case 'aks':
      return aksIdentitySteps(config);
    case 'aca':
      // Returns the app's identity object, so principalId is top level (containerapp custom.py).
      return system
        ? [
            {
              comment: "Turn on the container app's system-assigned identity and read its principal id.",
              lines: [
                capture(
                  'PRINCIPAL_ID',
                  'az containerapp identity assign',
                  ...name,
                  '--system-assigned --query principalId -o tsv',
                ),
              ],
            },
          ]
        : [attach('containerapp', '--user-assigned')];
    case 'webapp':
    case 'functionapp':
      // --identities defaults to [system]; the command returns the identity object (appservice custom.py).
      return system
        ? [
            {
              comment: `Turn on the ${host.noun}'s system-assigned identity and read its principal id.`,
              lines: [
                capture(
                  'PRINCIPAL_ID',
                  `az ${host.id} identity assign`,
                  ...name,
                  '--query principalId -o tsv',
                ),
              ],
            },
          ]
        : [attach(host.id, '--identities')];
    case 'vm':
    case 'vmss':
      // The command reports the new principal as systemAssignedIdentity (vm custom.py _construct_identity_info).
      return system
        ? [
            {
              comment: `Turn on the ${host.noun}'s system-assigned identity; its principal id comes back as systemAssignedIdentity.`,
              lines: [
                capture(
                  'PRINCIPAL_ID',
                  `az ${host.id} identity assign`,
                  ...name,
                  '--query systemAssignedIdentity -o tsv',
                ),
              ],
            },
          ]
        : [attach(host.id, '--identities')];
    case 'aci':
      // ACI takes its identity in the container group file: see aciSteps.
      return [];
    default:
      return assertNever(host.id);
  }
}

function grantStep(config: WizardConfig, resolved: ResolvedGrant, firstOfKind: boolean): ScriptStep {
  const { grant, resource } = resolved;
  const forWhom = `for ${resolved.components.join(', ')}`;
  const where = `${resource.ref.title} ${resource.name}`;
  switch (grant.kind) {
    case 'rbac':
      return {
        comment: `Grant ${grant.role.name} (built-in role ${grant.role.guid}) on the ${where} only, ${forWhom}.`,
        lines: [
          cmd(
            'az role assignment create --assignee-object-id',
            v('PRINCIPAL_ID'),
            `--assignee-principal-type ${PRINCIPAL_TYPE} --role ${grant.role.guid} --scope`,
            v(`${resource.variable}_ID`),
            '-o none',
          ),
        ],
      };
    case 'keyvault-policy':
      return {
        comment: `Add an access policy on the ${where} with ${grant.flag} ${grant.permissions.join(' ')}, nothing more, ${forWhom}.`,
        lines: [
          cmd(
            'az keyvault set-policy --name',
            v(`${resource.variable}_NAME`),
            '--object-id',
            v('PRINCIPAL_ID'),
            grant.flag,
            ...grant.permissions,
            '-o none',
          ),
        ],
      };
    case 'cosmos-sql-role':
      // Cosmos DB's data plane has its own role system; scope "/" is the whole account (azure-cli.md 2.4).
      return {
        comment: `Assign the Cosmos DB data-plane role ${grant.roleName} (${grant.roleDefinitionId}) on the ${where}, ${forWhom}.`,
        lines: [
          cmd(
            'az cosmosdb sql role assignment create --account-name',
            v(`${resource.variable}_NAME`),
            ...resourceGroupArgs(resource),
            '--scope / --principal-id',
            v('PRINCIPAL_ID'),
            `--role-definition-id ${grant.roleDefinitionId} -o none`,
          ),
        ],
      };
    case 'redis-access-policy':
      return redisGrantStep(config, resolved, grant.policy);
    case 'postgres-role':
      return postgresGrantStep(config, resolved, grant.privileges, firstOfKind);
    case 'sql-contained-user':
      return sqlGrantStep(config, resolved, grant.roles, grant.permissions);
    default:
      return assertNever(grant);
  }
}

/**
 * Redis data access policy (az redis access-policy-assignment create: all six flags required, Azure/azure-cli
 * redis/_params.py and custom.py; in the CLI since the 2023-08-01 Redis API, after 2.45). The alias is the
 * user name Redis shows for the identity.
 */
function redisGrantStep(config: WizardConfig, resolved: ResolvedGrant, policy: string): ScriptStep {
  const { resource } = resolved;
  const alias = identityDisplayName(config);
  return {
    comment: `Give the identity the ${policy} data access policy on the Redis cache ${resource.name}, for ${resolved.components.join(', ')}.`,
    lines: [
      note(
        'Needs Microsoft Entra authentication on the cache (turning it on restarts the cache), and an Azure CLI\nthat has az redis access-policy-assignment (added with the 2023-08-01 Redis API, after 2.45).',
      ),
      cmd(
        'az redis access-policy-assignment create --name',
        v(`${resource.variable}_NAME`),
        ...resourceGroupArgs(resource),
        '--policy-assignment-name',
        alias.replace(/[^A-Za-z0-9-]/g, '-'),
        '--access-policy-name',
        lit(policy),
        '--object-id',
        v('PRINCIPAL_ID'),
        '--object-id-alias',
        alias,
        '-o none',
      ),
    ],
  };
}

/** Quotes a PostgreSQL identifier: "name" with inner quotes doubled (PostgreSQL docs, identifiers). */
function pgIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/**
 * PostgreSQL: the identity becomes a role via pgaadauth_create_principal_with_oid, run in the postgres
 * database by a Microsoft Entra admin of the server with an Entra token as password (MicrosoftDocs
 * azure-databases-docs postgresql/security/security-manage-entra-users.md), then the grants run in the app
 * database. The DO block skips the role when it exists, so the script can run again.
 */
function postgresGrantStep(
  config: WizardConfig,
  resolved: ResolvedGrant,
  privileges: readonly string[],
  signIn: boolean,
): ScriptStep {
  const { resource, component } = resolved;
  const role = identityDisplayName(config);
  const host = component.metadata.host ?? '';
  const database = component.metadata.database ?? '';
  const connect = (dbname: string): Word =>
    join(`host=${host} port=5432 dbname=${dbname} user=`, v('PG_ADMIN'), ' sslmode=require');
  const roleLiteral = `'${role.replace(/'/g, "''")}'`;
  // The function runs only when no role of that name exists yet, so the script can run again.
  const createRole = join(
    `SELECT pgaadauth_create_principal_with_oid(${roleLiteral}, '`,
    v('PRINCIPAL_ID'),
    `', 'service', false, false) WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = ${roleLiteral});`,
  );
  const grants = privileges.map(
    (privilege) => `GRANT ${fillFields(privilege, component.metadata)} TO ${pgIdentifier(role)};`,
  );
  const signInLines: ScriptLine[] = [
    note(
      'Needs psql, and you signed in to az as a Microsoft Entra admin of the server: your token is the password.',
    ),
    capture('PG_ADMIN', 'az account show --query user.name -o tsv'),
    capture('PGPASSWORD', 'az account get-access-token --resource-type oss-rdbms --query accessToken -o tsv'),
    cmd('export PGPASSWORD'),
  ];
  return {
    comment: `Map the identity to the PostgreSQL role ${role} on ${resource.name} and grant it what ${resolved.components.join(', ')} needs.`,
    lines: [
      ...(signIn ? signInLines : []),
      cmd('psql', connect('postgres'), '-v ON_ERROR_STOP=1 -c', createRole),
      cmd('psql', connect(database), '-v ON_ERROR_STOP=1 -c', lit(grants.join(' '))),
    ],
  };
}

/** Quotes a T-SQL name: [name] with inner ] doubled. */
function sqlName(name: string): string {
  return `[${name.replace(/]/g, ']]')}]`;
}

/**
 * Azure SQL: a contained user for the identity, created by a Microsoft Entra admin of the server with
 * go-sqlcmd signed in through az (microsoft/go-sqlcmd README: --authentication-method ActiveDirectoryAzCli).
 */
function sqlGrantStep(
  config: WizardConfig,
  resolved: ResolvedGrant,
  roles: readonly string[],
  permissions: readonly string[],
): ScriptStep {
  const { resource, component } = resolved;
  const user = identityDisplayName(config);
  const name = sqlName(user);
  const userLiteral = `N'${user.replace(/'/g, "''")}'`;
  // The name must be the identity's display name: the server looks it up in Microsoft Entra ID, which works
  // when a user runs it (sql-docs authentication-aad-directory-readers-role: applications need Directory Readers).
  const statements = [
    `IF DATABASE_PRINCIPAL_ID(${userLiteral}) IS NULL CREATE USER ${name} FROM EXTERNAL PROVIDER;`,
    ...roles.map((role) => `ALTER ROLE ${role} ADD MEMBER ${name};`),
    ...permissions.map((permission) => `GRANT ${permission} TO ${name};`),
  ].join(' ');
  return {
    comment: `Add the identity to the database ${component.metadata.database ?? ''} on ${resource.name} as ${user} (${[...roles, ...permissions].join(', ')}).`,
    lines: [
      note(
        'Needs go-sqlcmd, and you signed in to az as a user who is a Microsoft Entra admin of the server.',
      ),
      cmd(
        'sqlcmd --server',
        lit(component.metadata.host ?? ''),
        '--database-name',
        lit(component.metadata.database ?? ''),
        // Without --exit-on-error go-sqlcmd exits 0 after a failed statement (go-sqlcmd cmd/sqlcmd/sqlcmd.go).
        '--authentication-method ActiveDirectoryAzCli --exit-on-error --query',
        lit(statements),
      ),
    ],
  };
}

function grantSteps(config: WizardConfig, plan: ResourcePlan): ScriptStep[] {
  return plan.grants.map((resolved, index) =>
    grantStep(
      config,
      resolved,
      plan.grants.findIndex((other) => other.grant.kind === resolved.grant.kind) === index,
    ),
  );
}

function writeFile(path: string, value: unknown, substitutions: Record<string, string> = {}): WriteFile {
  return { kind: 'write-file', path, content: toYaml(value), substitutions };
}

/** The component files as the script writes them, with looked-up values filled in when it runs. */
function writeComponentFiles(config: WizardConfig): WriteFile[] {
  return config.components.map((component) => ({
    kind: 'write-file',
    path: componentFilePath(component),
    content: componentYaml(config, component),
    substitutions: { [CLIENT_ID_MARKER]: 'CLIENT_ID' },
  }));
}

function fileList(config: WizardConfig): string {
  return config.components.map(componentFilePath).join(', ');
}

function componentFilesNoun(config: WizardConfig): string {
  return config.components.length === 1 ? 'the component file' : 'the component files';
}

function kubernetesApplySteps(config: WizardConfig): ScriptStep[] {
  const workload = effectiveIdentity(config) === 'workload';
  const steps: ScriptStep[] = [
    {
      comment: `Write ${componentFilesNoun(config)}${workload ? ', the ServiceAccount' : ''} and the Deployment patch into ./${FILES_DIR}.`,
      lines: [
        cmd('mkdir -p', FILES_DIR),
        ...writeComponentFiles(config),
        ...(workload
          ? [
              writeFile(`${FILES_DIR}/${SERVICE_ACCOUNT_FILE}`, buildServiceAccount(config), {
                [CLIENT_ID_MARKER]: 'CLIENT_ID',
              }),
            ]
          : []),
        writeFile(`${FILES_DIR}/${POD_TEMPLATE_PATCH_FILE}`, buildPodTemplatePatch(config)),
      ],
    },
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
  steps.push({
    comment: `Apply ${workload ? 'the ServiceAccount and ' : ''}${config.components.length === 1 ? 'the component' : 'the components'} in the namespace.`,
    lines: [
      ...(workload ? [cmd('kubectl apply -f', `${FILES_DIR}/${SERVICE_ACCOUNT_FILE}`)] : []),
      ...config.components.map((component) => cmd('kubectl apply -f', componentFilePath(component))),
      note(
        `Then merge ${FILES_DIR}/${POD_TEMPLATE_PATCH_FILE} into your app's Deployment (its pods restart with it):\n` +
          `  kubectl patch deployment <your-deployment> --namespace "$NAMESPACE" --patch-file ${FILES_DIR}/${POD_TEMPLATE_PATCH_FILE}`,
      ),
    ],
  });
  return steps;
}

function applySteps(config: WizardConfig, host: HostSpec): ScriptStep[] {
  const write: ScriptStep = {
    comment: `Write ${componentFilesNoun(config)} into ./${FILES_DIR}.`,
    lines: [cmd('mkdir -p', FILES_DIR), ...writeComponentFiles(config)],
  };
  switch (host.format) {
    case 'kubernetes':
      return kubernetesApplySteps(config);
    case 'container-apps':
      return [
        write,
        {
          comment: `Add ${config.components.length === 1 ? 'the component' : 'each component'} to the Container Apps environment (in ACA's own component schema).`,
          lines: [
            ...config.components.map((component) =>
              cmd(
                'az containerapp env dapr-component set --name',
                v('ENVIRONMENT_NAME'),
                ...RG,
                '--dapr-component-name',
                component.name,
                '--yaml',
                componentFilePath(component),
                '-o none',
              ),
            ),
            note(
              `The app loads them when it runs with Dapr on${config.appId === '' ? '' : ` and app id ${config.appId}`}` +
                ' (az containerapp dapr enable).',
            ),
          ],
        },
      ];
    case 'self-hosted':
      return [
        write,
        {
          comment: `Put ${componentFilesNoun(config)} where Dapr on the ${host.noun} reads ${config.components.length === 1 ? 'it' : 'them'}.`,
          lines: [note(selfHostedPlacement(config, host))],
        },
      ];
    default:
      return assertNever(host.format);
  }
}

/** Where the files go for self-hosted Dapr (dapr/docs reference/cli/dapr-run.md: --resources-path). */
function selfHostedPlacement(config: WizardConfig, host: HostSpec): string {
  const files = fileList(config);
  const appId = config.appId === '' ? '<your-app-id>' : config.appId;
  const run = `  dapr run --app-id ${appId} --resources-path ./${FILES_DIR} -- <your app command>`;
  const daprd = `  daprd --app-id ${appId} --resources-path /components`;
  switch (host.id) {
    case 'vm':
      return `Copy ${files} to the VM, into a ${FILES_DIR} folder beside the app, and start the app with Dapr:\n${run}\nDapr finds the VM's identity through the instance metadata service; nothing else to set.`;
    case 'vmss':
      return `Ship ${files} to every instance (in the image or with your deployment), and start the app with Dapr:\n${run}\nEach instance finds the scale set's identity through the instance metadata service.`;
    case 'webapp':
      return `App Service has no built-in Dapr: run daprd as a sidecar container of the app (Linux) with\n${daprd}\nand ${files} in that folder (baked into the sidecar image or mounted from Azure Files).`;
    case 'functionapp':
      return `Azure Functions on App Service has no built-in Dapr (Microsoft documents Dapr for Functions on Container Apps):\nrun daprd beside the function host with\n${daprd}\nand ${files} in that folder.`;
    default:
      return `Start daprd with --resources-path pointing at the folder that holds ${files}.`;
  }
}

/** ACI: write the components and the group file, create the group with its identity and the daprd sidecar. */
function aciCreateSteps(config: WizardConfig): ScriptStep[] {
  const groupFile = `${FILES_DIR}/${ACI_GROUP_FILE}`;
  const substitutions: Record<string, string> = {};
  const secretFiles: Record<string, string> = {};
  const encode: ScriptLine[] = config.components.map((component, index) => {
    const variable = `COMPONENT_BASE64_${index + 1}`;
    substitutions[componentBase64Marker(index + 1)] = variable;
    secretFiles[`${component.name}.yaml`] = componentBase64Marker(index + 1);
    return command(['base64'], {
      stdinFrom: componentFilePath(component),
      pipeTo: ['tr', '-d', '\\n'],
      captureTo: variable,
    });
  });
  if (config.identity === 'user') substitutions[IDENTITY_ID_MARKER] = 'IDENTITY_ID';
  return [
    {
      comment: `Write ${componentFilesNoun(config)} into ./${FILES_DIR}.`,
      lines: [cmd('mkdir -p', FILES_DIR), ...writeComponentFiles(config)],
    },
    {
      comment:
        "Encode them for the group's secret volume, which daprd reads as its folder of component files.",
      lines: encode,
    },
    {
      comment:
        'Write the container group: the app, the daprd sidecar, the component volume and the identity.',
      lines: [writeFile(groupFile, buildAciGroup(config, secretFiles), substitutions)],
    },
    {
      // With --file the CLI ignores other create options, identity included (container custom.py).
      comment:
        'Create the group with its identity; a group of this name is updated to this definition and restarts.',
      lines: [cmd('az container create', ...RG, '--file', groupFile, '-o none')],
    },
  ];
}

function aciReadPrincipalStep(): ScriptStep {
  return {
    comment: "Read the group's system-assigned principal id, which gets the grants.",
    lines: [
      capture(
        'PRINCIPAL_ID',
        'az container show --name',
        v('CONTAINER_GROUP_NAME'),
        ...RG,
        '--query identity.principalId -o tsv',
      ),
    ],
  };
}

/** One read-back per kind of grant, then the component Dapr loads. */
function verifySteps(config: WizardConfig, host: HostSpec, plan: ResourcePlan): ScriptStep[] {
  const lines: ScriptLine[] = [];
  const seen = new Set<string>();
  for (const { grant, resource } of plan.grants) {
    const key = `${grant.kind}|${resource.variable}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (grant.kind === 'rbac') {
      // Filtering on principalId avoids --assignee's Graph lookup, which fails for just-created identities.
      lines.push(
        cmd(
          'az role assignment list --scope',
          v(`${resource.variable}_ID`),
          '--query',
          join('[?principalId==', "'", v('PRINCIPAL_ID'), "'", '].roleDefinitionName'),
          '-o tsv',
        ),
      );
    } else if (grant.kind === 'keyvault-policy') {
      const permissions = grant.flag === '--key-permissions' ? 'keys' : 'secrets';
      lines.push(
        cmd(
          'az keyvault show --name',
          v(`${resource.variable}_NAME`),
          '--query',
          join(
            'properties.accessPolicies[?objectId==',
            "'",
            v('PRINCIPAL_ID'),
            "'",
            `].permissions.${permissions}[]`,
          ),
          '-o tsv',
        ),
      );
    } else if (grant.kind === 'cosmos-sql-role') {
      lines.push(
        cmd(
          'az cosmosdb sql role assignment list --account-name',
          v(`${resource.variable}_NAME`),
          ...resourceGroupArgs(resource),
          '--query',
          join('[?principalId==', "'", v('PRINCIPAL_ID'), "'", '].roleDefinitionId'),
          '-o tsv',
        ),
      );
    }
  }
  for (const component of config.components) {
    if (host.format === 'kubernetes') {
      lines.push(cmd('kubectl get components.dapr.io', component.name, '--namespace', v('NAMESPACE')));
    } else if (host.format === 'container-apps') {
      lines.push(
        cmd(
          'az containerapp env dapr-component show --name',
          v('ENVIRONMENT_NAME'),
          ...RG,
          '--dapr-component-name',
          component.name,
          '--query properties.componentType -o tsv',
        ),
      );
    }
  }
  if (host.id === 'aci') {
    lines.push(
      note(
        'Once the containers run, daprd logs the components it loaded:\n' +
          '  az container logs --name "$CONTAINER_GROUP_NAME" --resource-group "$RESOURCE_GROUP" --container-name daprd',
      ),
    );
  }
  if (lines.length === 0) return [];
  return [
    {
      comment: `Verify: the grants${host.format === 'self-hosted' ? '' : ' and the components Dapr loads'}.`,
      lines,
    },
  ];
}

function closingStep(host: HostSpec, plan: ResourcePlan): ScriptStep {
  const onlyPolicies = plan.grants.every(({ grant }) => grant.kind === 'keyvault-policy');
  const restart =
    host.id === 'aci'
      ? 'restart the group:\n  az container restart --name "$CONTAINER_GROUP_NAME" --resource-group "$RESOURCE_GROUP"'
      : 'restart the app.';
  return {
    // Propagation: up to ~10 minutes for role assignments (azure-cli.md 5, gotcha 1).
    comment: onlyPolicies
      ? 'Done. A new access policy can take a minute or two to apply;'
      : 'Done. New grants take a few minutes (role assignments up to about 10) to take effect;',
    lines: [note(`until then Dapr may get 403 Forbidden: if the app started before that, ${restart}`)],
  };
}

function assertNever(value: never): never {
  throw new Error(`Unhandled case ${String(value)}`);
}

/** CLI releases the commands need, stated up front (azure-cli.md 1.1 and 1.2). */
function cliRequirement(config: WizardConfig): string | undefined {
  if (config.host === 'aca') return 'Needs Azure CLI 2.53 or later (containerapp commands in the core CLI).';
  if (effectiveIdentity(config) === 'workload')
    return 'Needs Azure CLI 2.47 or later (--enable-workload-identity).';
  return undefined;
}

function scriptTitle(config: WizardConfig): string {
  const titles = config.components.map((component) => componentSpec(component.type, component.version).title);
  return titles.length <= 2 ? titles.join(' and ') : `${titles.length} Dapr components`;
}

/** The whole runbook for a valid configuration. */
export function buildAzScript(config: WizardConfig): Script {
  const host = hostSpec(config.host);
  const plan = planResources(config);
  const steps: ScriptStep[] = [];
  if (config.subscription !== '') {
    steps.push({
      comment: 'Work in the chosen subscription, so every name below is looked up there.',
      lines: [cmd('az account set --subscription', v('SUBSCRIPTION'))],
    });
  }
  steps.push(...preflightSteps(plan));
  if (createsUserIdentity(config)) steps.push(...userIdentitySteps(config, host));
  if (host.id === 'aci') {
    // A user-assigned identity can be granted before the group exists; a system-assigned one only after.
    if (config.identity === 'user') steps.push(...grantSteps(config, plan), ...aciCreateSteps(config));
    else steps.push(...aciCreateSteps(config), aciReadPrincipalStep(), ...grantSteps(config, plan));
  } else {
    steps.push(...hostIdentitySteps(config, host), ...grantSteps(config, plan), ...applySteps(config, host));
  }
  steps.push(...verifySteps(config, host, plan), closingStep(host, plan));
  const requirement = cliRequirement(config);
  return {
    header: [
      `Dapr Managed Identity Wizard: ${scriptTitle(config)} on ${host.title}, ${identityTitle(config)}.`,
      'Run it with Bash after `az login`.' + (requirement ? ` ${requirement}` : ''),
      'Change values in the wizard, not here: the files this script writes were generated from them.',
    ],
    variables: scriptVariables(config, host, plan),
    steps,
  };
}
