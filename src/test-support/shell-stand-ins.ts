/**
 * The recording stand-ins of the shell-safety test (src/generate/shell-safety.test.ts): `az`, `kubectl`, `psql` and
 * `sqlcmd` that record each call and answer the queries the script captures, recorded pass-throughs to the few
 * real programs a script runs, and runScript(), which runs a script with them in a directory of its own.
 */
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join as joinPath } from 'node:path';
import { type WizardConfig } from '../model/config';

// ---------------------------------------------------------------------------------------------------------
// What the stand-ins answer. The same table drives the Bash stand-in and the expectation (shell-harness.ts).

const PRINCIPAL_ID = '8d1e4c2a-5b3f-4e6d-9a7c-0b1e2f3a4b5c';
const LOOKED_UP_CLIENT_ID = '6f0c9e21-3d4b-4a5c-8e7f-1a2b3c4d5e6f';
const RESOURCE_ID =
  '/subscriptions/3f2504e0-4f89-41d3-9a0c-0305e82c3301/resourceGroups/rg-stub/providers/Microsoft.Stub/resources/stub';
const OIDC_ISSUER = 'https://westeurope.oic.prod-aks.azure.com/72f988bf-86f1-41af-91ab-2d7cd011db47/issuer/';
const PG_ADMIN = 'admin@contoso.com';
const ACCESS_TOKEN = 'stub-access-token';

/** Answers the script compares with what it expects (a precondition): the same in every run. */
const FIXED_ANSWERS: Readonly<Record<string, string>> = {
  'authConfig.activeDirectoryAuth': 'Enabled',
  // Mixed case on purpose: the script compares these in lower case.
  'redisConfiguration.aadEnabled': 'True',
  // A scale set with the Manual upgrade policy, so the script's rollout to the instances runs too.
  'upgradePolicy.mode': 'Manual',
  // A Linux VM: the script stops before any change on another OS.
  'storageProfile.osDisk.osType': 'Linux',
  "virtualMachineProfile.storageProfile.osDisk.osType || 'Linux'": 'Linux',
  // A Uniform scale set with one instance, so the verify step runs its checks on it (hosts/vmss-verify.ts).
  orchestrationMode: 'Uniform',
  '[].instanceId': '0',
  // Web App: a Linux site; function app: in a Container Apps environment with Dapr on.
  "contains(kind, 'linux')": 'true',
  'daprConfig.enabled': 'true',
  // Function app: the resource group of its environment (containerapp env show --ids), another than the app's.
  resourceGroup: 'rg-platform',
  // Container Apps: the newest revision is the newest ready one.
  'properties.latestReadyRevisionName == properties.latestRevisionName': 'true',
};

/**
 * Answers the script only captures and passes on: ids, the issuer, the token. The harness tests use these
 * realistic ones; the property tests answer with hostile text instead, so a captured variable that is used
 * unquoted anywhere (word splitting, globbing) changes a recorded word or a written file.
 */
export const REALISTIC_CAPTURED: Readonly<Record<CapturedQuery, string>> = {
  id: RESOURCE_ID,
  principalId: PRINCIPAL_ID,
  systemAssignedIdentity: PRINCIPAL_ID,
  'identity.principalId': PRINCIPAL_ID,
  'identityProfile.kubeletidentity.objectId': PRINCIPAL_ID,
  'oidcIssuerProfile.issuerUrl': OIDC_ISSUER,
  'user.name': PG_ADMIN,
  accessToken: ACCESS_TOKEN,
  // The client id lookups, when no client id was typed (a typed one is answered so the script's check passes).
  clientId: LOOKED_UP_CLIENT_ID,
};
const CAPTURED_QUERIES = [
  'id',
  'principalId',
  'systemAssignedIdentity',
  'identity.principalId',
  'identityProfile.kubeletidentity.objectId',
  'oidcIssuerProfile.issuerUrl',
  'user.name',
  'accessToken',
  'clientId',
] as const;
export type CapturedQuery = (typeof CAPTURED_QUERIES)[number];
const CLIENT_ID_QUERIES = ['clientId', 'identityProfile.kubeletidentity.clientId'];
const RBAC_QUERY = 'properties.enableRbacAuthorization';
/** The function app's Dapr app id: the stand-in reports the one the wizard was given, so the check passes. */
const APP_ID_QUERY = 'daprConfig.appId';
/** Container Apps after the apply: the app id Dapr runs with (Dapr is on). */
const RUNNING_APP_ID_QUERY = 'properties.configuration.dapr.enabled && properties.configuration.dapr.appId';
/** Run Command's output: the VM's identity endpoint answers a token request with 200. */
const RUN_COMMAND_QUERY = 'value[0].message';
const IMDS_URL = 'http://169.254.169.254/metadata/identity/oauth2/token';
const IMDS_OUTPUT = '[stdout]\n200\n\n[stderr]\n';
/** A scale set's instance: its script's token line (hosts/vmss-verify.ts), and no Dapr answering yet. */
const INSTANCE_MARKER = 'imds-token-status:';
const INSTANCE_OUTPUT = '[stdout]\nimds-token-status: 200\ndapr-metadata-api: no answer\n\n[stderr]\n';
/** AKS: the newest pod of the app, and the token file the Workload ID webhook names in daprd's environment. */
const POD_NAME = 'orders-api-5d8f7c9b4-x2k7q';
const TOKEN_FILE = '/var/run/secrets/azure/tokens/azure-identity-token';
/** The function app's and the container app's environment (Microsoft.Web sites and Microsoft.App containerApps). */
const ENVIRONMENT_ID_QUERIES = ['managedEnvironmentId', 'properties.managedEnvironmentId'];
/** Cosmos DB: each container reports the partition key path its component needs (plan entityChecks, in order). */
const PARTITION_KEY_QUERY = 'resource.partitionKey.paths';
/**
 * Container Apps: a component of the environment read by name (hosts/environment-components.ts), after the
 * name's literal (a raw string, or a JSON literal for a name with a quote: generate/jmespath.ts): none there,
 * every part of its signature empty.
 */
const COMPONENT_SIGNATURE_TAIL =
  "] | [0] || `{}` | join('|', [properties.componentType || '', join(',', properties.scopes || `[]`), " +
  "properties.metadata[?name=='azureClientId'].value | [0] || ''])";
const NO_COMPONENT_SIGNATURE = '||';

/** What a run of the stand-ins depends on. */
export interface StubInputs {
  /** The client id typed in the wizard, which the identity lookup returns so the script's check passes. */
  readonly clientId: string;
  /** One answer per Key Vault permission-model lookup, in order: "true" for an RBAC vault. */
  readonly rbac: readonly string[];
  /** What each captured query prints (clientId: when none was typed). */
  readonly captured: Readonly<Record<CapturedQuery, string>>;
  /** The Dapr app id typed in the wizard, which the function app lookup returns. */
  readonly appId: string;
  /** daprd's log, as kubectl logs and az container logs print it. */
  readonly daprdLog: string;
  /** The principal id the script holds by its database steps, which psql reports a role mapped to. */
  readonly principalId?: string;
  /** One answer per Cosmos DB container lookup, in order: the path its check expects. */
  readonly partitionKeys?: readonly string[];
}

/** The environment variable that carries a captured query's answer to the az stand-in. */
const answerVariable = (query: CapturedQuery): string => `STUB_ANSWER_${CAPTURED_QUERIES.indexOf(query)}`;

/** The query the stand-in answers: the word after the last --query. */
function queryOf(argv: readonly string[]): string | undefined {
  let query: string | undefined;
  for (let i = 0; i < argv.length - 1; i += 1) if (argv[i] === '--query') query = argv[i + 1];
  return query;
}

/** What the az stand-in prints for these arguments (the n-th RBAC lookup gets rbac[n]). */
export function azAnswer(
  args: readonly string[],
  inputs: StubInputs,
  rbacCount: { n: number; pk?: number },
): string {
  // A container app replica's daprd log (az containerapp logs show), as the stub prints it.
  if (args[0] === 'containerapp' && args[1] === 'logs') return inputs.daprdLog;
  const query = queryOf(args);
  if (query === undefined) return '';
  if (query in FIXED_ANSWERS) return `${FIXED_ANSWERS[query]}\n`;
  if (CLIENT_ID_QUERIES.includes(query)) return `${inputs.clientId || inputs.captured.clientId}\n`;
  // The lookup of a typed client id's identity by name (az identity list): it is there, with that client id.
  if (/^\[\?name=='.*'\]\.clientId \| \[0\]$/s.test(query))
    return `${inputs.clientId || inputs.captured.clientId}\n`;
  const captured = CAPTURED_QUERIES.find((candidate) => candidate === query);
  if (captured !== undefined) return `${inputs.captured[captured]}\n`;
  if (query === RBAC_QUERY) return `${inputs.rbac[rbacCount.n++] ?? ''}\n`;
  if (query === PARTITION_KEY_QUERY) {
    const n = rbacCount.pk ?? 0;
    rbacCount.pk = n + 1;
    return `${inputs.partitionKeys?.[n] ?? ''}\n`;
  }
  if (query === APP_ID_QUERY || query === RUNNING_APP_ID_QUERY) return `${inputs.appId}\n`;
  if (query === RUN_COMMAND_QUERY && args.some((arg) => arg.includes(INSTANCE_MARKER)))
    return `${INSTANCE_OUTPUT}\n`;
  if (query === RUN_COMMAND_QUERY && args.some((arg) => arg.includes(IMDS_URL))) return `${IMDS_OUTPUT}\n`;
  // The app's environment is the one the script looks up: its id, as the id lookup answers.
  if (ENVIRONMENT_ID_QUERIES.includes(query)) return `${inputs.captured.id}\n`;
  if (query.startsWith('[?name==') && query.endsWith(COMPONENT_SIGNATURE_TAIL))
    return `${NO_COMPONENT_SIGNATURE}\n`;
  return '';
}

const sh = (text: string): string => `'${text.replace(/'/g, `'\\''`)}'`;

/** Records "<program>\0<arg>\0..." into a file of its own, named so that sorting gives the call order. */
const RECORD = `printf '%s\\0' "\${0##*/}" "$@" > "$STUB_LOG/$EPOCHREALTIME-$$"`;

const AZ_STUB = [
  '#!/bin/bash',
  RECORD,
  // The daprd container's log of a container group: every component loaded.
  'if [[ $1 == container && $2 == logs ]]; then printf \'%s\' "$STUB_DAPRD_LOG"; exit 0; fi',
  // The daprd container's log of a container app's replica (az containerapp logs show): the same.
  'if [[ $1 == containerapp && $2 == logs ]]; then printf \'%s\' "$STUB_DAPRD_LOG"; exit 0; fi',
  'all="$*"',
  'query=',
  'while (( $# > 1 )); do',
  '  if [[ $1 == --query ]]; then query=$2; fi',
  '  shift',
  'done',
  'case $query in',
  ...Object.entries(FIXED_ANSWERS).map(
    ([query, answer]) => `  ${sh(query)}) printf '%s\\n' ${sh(answer)} ;;`,
  ),
  ...CAPTURED_QUERIES.filter((query) => query !== 'clientId').map(
    (query) => `  ${sh(query)}) printf '%s\\n' "$${answerVariable(query)}" ;;`,
  ),
  `  ${CLIENT_ID_QUERIES.map(sh).join('|')}) printf '%s\\n' "\${STUB_CLIENT_ID:-$${answerVariable('clientId')}}" ;;`,
  `  "[?name=='"*"'].clientId | [0]") printf '%s\\n' "\${STUB_CLIENT_ID:-$${answerVariable('clientId')}}" ;;`,
  `  ${sh(APP_ID_QUERY)}|${sh(RUNNING_APP_ID_QUERY)}) printf '%s\\n' "$STUB_APP_ID" ;;`,
  `  ${sh(RUN_COMMAND_QUERY)}) if [[ $all == *${sh(INSTANCE_MARKER)}* ]]; then printf '%s\\n' ${sh(INSTANCE_OUTPUT)}; elif [[ $all == *${sh(IMDS_URL)}* ]]; then printf '%s\\n' ${sh(IMDS_OUTPUT)}; fi ;;`,
  `  ${ENVIRONMENT_ID_QUERIES.map(sh).join('|')}) printf '%s\\n' "$${answerVariable('id')}" ;;`,
  `  "[?name=="*${sh(COMPONENT_SIGNATURE_TAIL)}) printf '%s\\n' ${sh(NO_COMPONENT_SIGNATURE)} ;;`,
  `  ${sh(RBAC_QUERY)})`,
  '    n=0',
  '    if [[ -f $STUB_STATE/rbac ]]; then n=$(< "$STUB_STATE/rbac"); fi',
  '    printf "%s\\n" $((n + 1)) > "$STUB_STATE/rbac"',
  '    read -r -a answers <<< "$STUB_RBAC"',
  '    printf \'%s\\n\' "${answers[n]:-}" ;;',
  `  ${sh(PARTITION_KEY_QUERY)})`,
  '    n=0',
  '    if [[ -f $STUB_STATE/pk ]]; then n=$(< "$STUB_STATE/pk"); fi',
  '    printf "%s\\n" $((n + 1)) > "$STUB_STATE/pk"',
  '    answer="STUB_PK_$n"',
  '    printf \'%s\\n\' "${!answer:-}" ;;',
  'esac',
  '',
].join('\n');

/** AKS: Dapr is installed (its Component CRD is there), as the setup and the teardown check first. */
const DAPR_CRD_LOOKUP = 'get crd components.dapr.io';
const DAPR_CRD_NAME = 'customresourcedefinition.apiextensions.k8s.io/components.dapr.io';
/**
 * kubectl answers the AKS checks after the rollout: the newest pod's name, daprd's Workload ID variables
 * (the client id the script holds, and a token file), and daprd's log with every component loaded.
 */
const KUBECTL_STUB = [
  '#!/bin/bash',
  RECORD,
  'case "$*" in',
  `  'logs '*) printf '%s' "$STUB_DAPRD_LOG" ;;`,
  `  ${sh(DAPR_CRD_LOOKUP)}*) printf '%s\\n' ${sh(DAPR_CRD_NAME)} ;;`,
  `  *'{.items[-1:].metadata.name}'*) printf '%s\\n' ${sh(POD_NAME)} ;;`,
  `  *'"AZURE_CLIENT_ID")]'*) printf '%s\\n' "\${STUB_CLIENT_ID:-$${answerVariable('clientId')}}" ;;`,
  `  *'"AZURE_FEDERATED_TOKEN_FILE")]'*) printf '%s\\n' ${sh(TOKEN_FILE)} ;;`,
  'esac',
  '',
].join('\n');

/** What the kubectl stand-in prints for these arguments (its captured answers). */
export function kubectlAnswer(args: readonly string[], inputs: StubInputs): string {
  const all = args.join(' ');
  if (all.startsWith(DAPR_CRD_LOOKUP)) return `${DAPR_CRD_NAME}\n`;
  if (all.includes('{.items[-1:].metadata.name}')) return `${POD_NAME}\n`;
  if (all.includes('"AZURE_CLIENT_ID")]')) return `${inputs.clientId || inputs.captured.clientId}\n`;
  if (all.includes('"AZURE_FEDERATED_TOKEN_FILE")]')) return `${TOKEN_FILE}\n`;
  return '';
}

/**
 * daprd's log: one load line per component, as dapr/dapr pkg/runtime/processor/components.go writes it, then
 * the line pkg/runtime/runtime.go writes once every component is processed.
 */
export function daprdLog(config: WizardConfig): string {
  return [
    ...config.components.map(
      (component) =>
        `time="2026-12-01T10:00:00Z" level=info msg="Component loaded: ${component.name} (${component.type}/${component.version})" app_id=${config.appId}\n`,
    ),
    `time="2026-12-01T10:00:00Z" level=info msg="dapr initialized. Status: Running. Init Elapsed 42ms" app_id=${config.appId}\n`,
  ].join('');
}
/** psql answers the script's read-backs: the role's mapped object id, and "t" for a privilege check. */
const PSQL_STUB = [
  '#!/bin/bash',
  RECORD,
  'case "$*" in',
  // The object id the role is mapped to: this run's principal id, in upper case (the script lower-cases it).
  // ASCII only, as the script's tr is (a stand-in's own tr call, by path, leaves no record).
  `  *pgaadauth_list_principals*) printf '%s\\n' "$STUB_PRINCIPAL_ID" | ${sh(which('tr'))} '[:lower:]' '[:upper:]' ;;`,
  "  *has_*_privilege*) printf 't\\n' ;;",
  // The configuration table is there.
  "  *to_regclass*) printf 't\\n' ;;",
  'esac',
  '',
].join('\n');
/** sqlcmd answers the teardown's lookup of the database in master: it is there (a count of 1). */
const SQLCMD_DATABASE_LOOKUP = 'sys.databases';
export function sqlcmdAnswer(args: readonly string[]): string {
  return args.join(' ').includes(SQLCMD_DATABASE_LOOKUP) ? '1\n' : '';
}
const SQLCMD_STUB = [
  '#!/bin/bash',
  RECORD,
  'case "$*" in',
  `  *${SQLCMD_DATABASE_LOOKUP}*) printf '1\\n' ;;`,
  'esac',
  '',
].join('\n');
const passThrough = (real: string): string => ['#!/bin/bash', RECORD, `exec ${sh(real)} "$@"`, ''].join('\n');
/** Sourced by every non-interactive Bash: a command name that is not found is recorded as NOT-FOUND. */
const BASH_ENV = `command_not_found_handle() { printf '%s\\0' NOT-FOUND "$@" > "$STUB_LOG/$EPOCHREALTIME-$$-nf"; return 127; }\n`;

/** Programs the script runs; `export` and `printf` are builtins and leave no record. */
const STUBBED = ['az', 'kubectl', 'psql', 'sqlcmd'];
// sed reads a version out of a captured answer; sort and head compare versions (a version-at-least line).
// grep finds daprd's load lines and a ready revision in what the stand-ins print; rm: the teardown removes
// the files the setup wrote.
const REAL = ['mkdir', 'base64', 'tr', 'sed', 'sort', 'head', 'grep', 'rm'];
export const BUILTINS = new Set(['export', 'printf']);

function which(program: string): string {
  const found = spawnSync('bash', ['-c', `command -v ${program}`], { encoding: 'utf8' }).stdout.trim();
  if (!found.startsWith('/')) throw new Error(`${program} is not on PATH`);
  return found;
}

let root = '';
let bin = '';
let bashEnv = '';

/** Writes the stand-ins into a temporary directory (call from beforeAll). */
export function installStandIns(): void {
  root = mkdtempSync(joinPath(tmpdir(), 'shell-safety-'));
  bin = joinPath(root, 'bin');
  mkdirSync(bin);
  for (const program of STUBBED)
    writeFileSync(
      joinPath(bin, program),
      program === 'az'
        ? AZ_STUB
        : program === 'psql'
          ? PSQL_STUB
          : program === 'kubectl'
            ? KUBECTL_STUB
            : SQLCMD_STUB,
    );
  for (const program of REAL) writeFileSync(joinPath(bin, program), passThrough(which(program)));
  for (const program of [...STUBBED, ...REAL]) chmodSync(joinPath(bin, program), 0o755);
  bashEnv = joinPath(root, 'bash-env.sh');
  writeFileSync(bashEnv, BASH_ENV);
}

/** Removes that directory (call from afterAll). */
export function removeStandIns(): void {
  if (root !== '') rmSync(root, { recursive: true, force: true });
}

// ---------------------------------------------------------------------------------------------------------
// Running a script.

export interface Run {
  readonly status: number | null;
  readonly stderr: string;
  /** Each recorded call: program name, then its arguments. */
  readonly calls: string[][];
  /** Files below the working directory, by relative path, with their bytes. */
  readonly files: Map<string, Buffer>;
  /** Anything besides the working directory's files: the home directory's entries, stray files. */
  readonly strays: string[];
}

function listFiles(dir: string, prefix = ''): [string, Buffer][] {
  return readdirSync(dir).flatMap((entry): [string, Buffer][] => {
    const path = joinPath(dir, entry);
    const relative = prefix === '' ? entry : `${prefix}/${entry}`;
    return statSync(path).isDirectory() ? listFiles(path, relative) : [[relative, readFileSync(path)]];
  });
}

export function runScript(text: string, inputs: StubInputs): Run {
  const runDir = mkdtempSync(joinPath(root, 'run-'));
  try {
    const [log, state, work, home] = ['log', 'state', 'work', 'home'].map((name) => {
      const dir = joinPath(runDir, name);
      mkdirSync(dir);
      return dir;
    }) as [string, string, string, string];
    const scriptPath = joinPath(runDir, 'setup.sh');
    writeFileSync(scriptPath, text);
    const result = spawnSync('bash', [scriptPath], {
      cwd: work,
      encoding: 'utf8',
      timeout: 30_000,
      env: {
        PATH: `${bin}:/usr/local/bin:/usr/bin:/bin`,
        HOME: home,
        LC_ALL: 'C.UTF-8',
        BASH_ENV: bashEnv,
        STUB_LOG: log,
        STUB_STATE: state,
        STUB_CLIENT_ID: inputs.clientId,
        STUB_APP_ID: inputs.appId,
        STUB_DAPRD_LOG: inputs.daprdLog,
        STUB_PRINCIPAL_ID: inputs.principalId ?? '',
        STUB_RBAC: inputs.rbac.join(' '),
        ...Object.fromEntries((inputs.partitionKeys ?? []).map((path, n) => [`STUB_PK_${n}`, path])),
        ...Object.fromEntries(
          CAPTURED_QUERIES.map((query) => [answerVariable(query), inputs.captured[query]]),
        ),
      },
    });
    const calls = readdirSync(log)
      .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }))
      .map((name) => readFileSync(joinPath(log, name), 'utf8').split('\0').slice(0, -1));
    const strays = [
      ...readdirSync(runDir)
        .filter((entry) => !['log', 'state', 'work', 'home', 'setup.sh'].includes(entry))
        .map((entry) => `run dir: ${entry}`),
      ...readdirSync(home).map((entry) => `home: ${entry}`),
    ];
    return {
      status: result.status,
      stderr: `${result.stderr}${result.error ? String(result.error) : ''}`,
      calls,
      files: new Map(listFiles(work)),
      strays,
    };
  } finally {
    rmSync(runDir, { recursive: true, force: true });
  }
}
