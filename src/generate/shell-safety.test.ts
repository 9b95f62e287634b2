/**
 * Shell safety, checked by running the generated script: whatever a user types (validation bypassed), the
 * script runs exactly the commands of the structured script, each with exactly its words, and writes
 * component files whose YAML reads back as the objects the generator built.
 *
 * Each run executes the script with real Bash in a temporary directory. `az`, `kubectl`, `psql` and `sqlcmd`
 * are recording stand-ins that answer the queries the script captures (ids, GUIDs, the Key Vault permission
 * model, ...); `mkdir`, `base64` and `tr` are recorded and then run for real; any other command name that
 * is not found is recorded too (command_not_found_handle via BASH_ENV). A value that breaks out of its
 * quoting shows up as an extra or different recorded command, as a file it creates (`touch pwned`), or as
 * a component file that differs from the generator's object.
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
import fc from 'fast-check';
import { load } from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMPONENTS, type ComponentType } from '../catalog/components';
import type { ComponentSpec } from '../catalog/component-spec';
import { HOST_IDS, hostSpec, type HostId } from '../catalog/hosts';
import { AKS_IDENTITY_KINDS, IDENTITY_KINDS } from '../catalog/identities';
import {
  defaultComponent,
  defaultConfig,
  effectiveIdentity,
  type ComponentConfig,
  type WizardConfig,
} from '../model/config';
import { heldExamples } from '../model/examples';
import { parseShareLink } from '../model/url-state';
import { validateConfig } from '../model/validate';
import { loadGoldenScenarios } from '../test-support/golden';
import { ACI_GROUP_FILE, buildAciGroup } from './aci-group';
import { buildAzScript, componentFilePath, FILES_DIR, type ScriptMeta } from './az-script';
import { buildComponent } from './component';
import {
  buildPodTemplatePatch,
  buildServiceAccount,
  POD_TEMPLATE_PATCH_FILE,
  SERVICE_ACCOUNT_FILE,
} from './k8s-manifests';
import { CLIENT_ID_MARKER, IDENTITY_ID_MARKER } from './markers';
import { planResources } from './resources';
import {
  conditionHolds,
  type Command,
  type Script,
  type ScriptLine,
  type Word,
  type WriteFile,
} from './script-model';
import { buildPlan } from './plan/build-plan';
import { buildTeardownScript } from './teardown/teardown-script';
import { toBash } from './to-bash';

// ---------------------------------------------------------------------------------------------------------
// What the stand-ins answer. The same table drives the Bash stand-in and the expectation below.

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
  // Web App: a Linux site; function app: in a Container Apps environment with Dapr on.
  "contains(kind, 'linux')": 'true',
  'daprConfig.enabled': 'true',
  // Container Apps: the newest revision is the newest ready one.
  'properties.latestReadyRevisionName == properties.latestRevisionName': 'true',
};

/**
 * Answers the script only captures and passes on: ids, the issuer, the token. The harness tests use these
 * realistic ones; the property tests answer with hostile text instead, so a captured variable that is used
 * unquoted anywhere (word splitting, globbing) changes a recorded word or a written file.
 */
const REALISTIC_CAPTURED: Readonly<Record<CapturedQuery, string>> = {
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
type CapturedQuery = (typeof CAPTURED_QUERIES)[number];
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
/** AKS: the newest pod of the app, and the token file the Workload ID webhook names in daprd's environment. */
const POD_NAME = 'orders-api-5d8f7c9b4-x2k7q';
const TOKEN_FILE = '/var/run/secrets/azure/tokens/azure-identity-token';
/** The function app's and the container app's environment (Microsoft.Web sites and Microsoft.App containerApps). */
const ENVIRONMENT_ID_QUERIES = ['managedEnvironmentId', 'properties.managedEnvironmentId'];
/** Cosmos DB: each container reports the partition key path its component needs (plan entityChecks, in order). */
const PARTITION_KEY_QUERY = 'resource.partitionKey.paths';

/** What a run of the stand-ins depends on. */
interface StubInputs {
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
function azAnswer(
  args: readonly string[],
  inputs: StubInputs,
  rbacCount: { n: number; pk?: number },
): string {
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
  if (query === RUN_COMMAND_QUERY && args.some((arg) => arg.includes(IMDS_URL))) return `${IMDS_OUTPUT}\n`;
  // The app's environment is the one the script looks up: its id, as the id lookup answers.
  if (ENVIRONMENT_ID_QUERIES.includes(query)) return `${inputs.captured.id}\n`;
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
  `  ${sh(RUN_COMMAND_QUERY)}) if [[ $all == *${sh(IMDS_URL)}* ]]; then printf '%s\\n' ${sh(IMDS_OUTPUT)}; fi ;;`,
  `  ${ENVIRONMENT_ID_QUERIES.map(sh).join('|')}) printf '%s\\n' "$${answerVariable('id')}" ;;`,
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

const SILENT_STUB = ['#!/bin/bash', RECORD, ''].join('\n');
/**
 * kubectl answers the AKS checks after the rollout: the newest pod's name, daprd's Workload ID variables
 * (the client id the script holds, and a token file), and daprd's log with every component loaded.
 */
const KUBECTL_STUB = [
  '#!/bin/bash',
  RECORD,
  'case "$*" in',
  `  'logs '*) printf '%s' "$STUB_DAPRD_LOG" ;;`,
  `  *'{.items[-1:].metadata.name}'*) printf '%s\\n' ${sh(POD_NAME)} ;;`,
  `  *'"AZURE_CLIENT_ID")]'*) printf '%s\\n' "\${STUB_CLIENT_ID:-$${answerVariable('clientId')}}" ;;`,
  `  *'"AZURE_FEDERATED_TOKEN_FILE")]'*) printf '%s\\n' ${sh(TOKEN_FILE)} ;;`,
  'esac',
  '',
].join('\n');

/** What the kubectl stand-in prints for these arguments (its captured answers). */
function kubectlAnswer(args: readonly string[], inputs: StubInputs): string {
  const all = args.join(' ');
  if (all.includes('{.items[-1:].metadata.name}')) return `${POD_NAME}\n`;
  if (all.includes('"AZURE_CLIENT_ID")]')) return `${inputs.clientId || inputs.captured.clientId}\n`;
  if (all.includes('"AZURE_FEDERATED_TOKEN_FILE")]')) return `${TOKEN_FILE}\n`;
  return '';
}

/** daprd's log: one load line per component, as dapr/dapr pkg/runtime/processor/components.go writes it. */
function daprdLog(config: WizardConfig): string {
  return config.components
    .map(
      (component) =>
        `time="2026-12-01T10:00:00Z" level=info msg="Component loaded: ${component.name} (${component.type}/${component.version})" app_id=${config.appId}\n`,
    )
    .join('');
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
const passThrough = (real: string): string => ['#!/bin/bash', RECORD, `exec ${sh(real)} "$@"`, ''].join('\n');
/** Sourced by every non-interactive Bash: a command name that is not found is recorded as NOT-FOUND. */
const BASH_ENV = `command_not_found_handle() { printf '%s\\0' NOT-FOUND "$@" > "$STUB_LOG/$EPOCHREALTIME-$$-nf"; return 127; }\n`;

/** Programs the script runs; `export` and `printf` are builtins and leave no record. */
const STUBBED = ['az', 'kubectl', 'psql', 'sqlcmd'];
// sed reads a version out of a captured answer; sort and head compare versions (a version-at-least line).
// grep finds daprd's load lines and a ready revision in what the stand-ins print; rm: the teardown removes
// the files the setup wrote.
const REAL = ['mkdir', 'base64', 'tr', 'sed', 'sort', 'head', 'grep', 'rm'];
const BUILTINS = new Set(['export', 'printf']);

function which(program: string): string {
  const found = spawnSync('bash', ['-c', `command -v ${program}`], { encoding: 'utf8' }).stdout.trim();
  if (!found.startsWith('/')) throw new Error(`${program} is not on PATH`);
  return found;
}

let root = '';
let bin = '';
let bashEnv = '';

beforeAll(() => {
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
            : SILENT_STUB,
    );
  for (const program of REAL) writeFileSync(joinPath(bin, program), passThrough(which(program)));
  for (const program of [...STUBBED, ...REAL]) chmodSync(joinPath(bin, program), 0o755);
  bashEnv = joinPath(root, 'bash-env.sh');
  writeFileSync(bashEnv, BASH_ENV);
});

afterAll(() => {
  if (root !== '') rmSync(root, { recursive: true, force: true });
});

// ---------------------------------------------------------------------------------------------------------
// Running a script.

interface Run {
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

function runScript(text: string, inputs: StubInputs): Run {
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

// ---------------------------------------------------------------------------------------------------------
// What the run must look like, from the structured script and the generator's objects.

/** A value as it reaches a process: UTF-8 bytes, read back. */
const asBytes = (text: string): string => Buffer.from(text, 'utf8').toString('utf8');

function resolveWord(word: Word, values: ReadonlyMap<string, string>): string {
  if (typeof word === 'string') return word;
  if ('join' in word) return word.join.map((part) => resolveWord(part, values)).join('');
  const value = values.get(word.variable);
  if (value === undefined) throw new Error(`test setup: $${word.variable} has no value`);
  return value;
}

interface Expected {
  /** Each command with its pipe partner: the calls of one pipeline may be recorded in either order. */
  readonly groups: string[][][];
  /** The values the script held at the end, for the marker substitutions. */
  readonly values: ReadonlyMap<string, string>;
  /** The message of the stop line the script ends at (example values left), if it has one. */
  readonly stoppedWith?: string;
}

function expectedCalls(script: Script, inputs: StubInputs): Expected {
  // Options read from the environment keep their defaults: the harness sets none of them.
  const values = new Map([
    ...script.variables.map(({ name, value }) => [name, value] as const),
    ...(script.options ?? []).map(({ name, defaultValue }) => [name, defaultValue] as const),
  ]);
  const rbacCount: { n: number; pk?: number } = { n: 0 };
  const groups: string[][][] = [];
  let stoppedWith: string | undefined;
  const runCommand = (command: Command): void => {
    const argv = command.argv.map((word) => resolveWord(word, values));
    const pipe = command.pipeTo?.map((word) => resolveWord(word, values));
    if (command.captureTo !== undefined) {
      // $(...) drops trailing newlines; base64 values are read from the files after the run.
      const output =
        argv[0] === 'az'
          ? azAnswer(argv.slice(1), inputs, rbacCount)
          : argv[0] === 'kubectl'
            ? kubectlAnswer(argv.slice(1), inputs)
            : '';
      values.set(command.captureTo, output.replace(/\n+$/, ''));
    }
    const group = [argv, ...(pipe ? [pipe] : [])].filter((call) => !BUILTINS.has(call[0] ?? ''));
    if (group.length > 0) groups.push(group.map((call) => call.map(asBytes)));
  };
  // In order, as Bash runs them: a conditional's lines run when it holds for the values captured so far.
  const runLines = (lines: readonly ScriptLine[]): void => {
    for (const line of lines) {
      if (stoppedWith !== undefined) return;
      if (line.kind === 'stop') stoppedWith = line.message;
      else if (line.kind === 'command') runCommand(line);
      // The stand-ins succeed, so a retried command runs once.
      else if (line.kind === 'retry') runCommand(line.command);
      else if (
        line.kind === 'if' &&
        conditionHolds(line, values.get(line.variable) ?? '', resolveWord(line.value, values))
      )
        runLines(line.lines);
      // The comparison pipeline runs only for a value that is a version (printf is a builtin).
      else if (
        line.kind === 'version-at-least' &&
        /^\d+(\.\d+)*(-[0-9A-Za-z.]+)?$/.test(values.get(line.variable) ?? '')
      )
        groups.push(
          [
            ['sort', '-V'],
            ['head', '-n', '1'],
          ].map((call) => call.map(asBytes)),
        );
    }
  };
  for (const step of script.steps) runLines(step.lines);
  return { groups, values, ...(stoppedWith === undefined ? {} : { stoppedWith }) };
}

/** The recorded calls cut into the expected pipelines, each sorted, so a pipeline's order does not matter. */
function grouped(calls: readonly string[][], sizes: readonly number[]): string[][][] {
  const groups: string[][][] = [];
  let next = 0;
  for (const size of sizes) {
    groups.push(calls.slice(next, next + size));
    next += size;
  }
  if (next < calls.length) groups.push(calls.slice(next));
  return groups.map(sortGroup);
}

const sortGroup = (group: string[][]): string[][] =>
  [...group].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

/** Replaces marker text in every string and key, as the script's printf lines do. */
function substitute(value: unknown, replacements: ReadonlyMap<string, string>): unknown {
  const inText = (text: string): string => {
    let out = text;
    for (const [marker, replacement] of replacements) out = out.split(marker).join(replacement);
    return out;
  };
  if (typeof value === 'string') return inText(value);
  if (Array.isArray(value)) return value.map((item) => substitute(item, replacements));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [inText(key), substitute(item, replacements)]),
    );
  }
  return value;
}

/** Every file the script writes, by path, with the object its YAML must read back as. */
function expectedFiles(
  config: WizardConfig,
  values: ReadonlyMap<string, string>,
  run: Run,
): Map<string, unknown> {
  const clientId = new Map([[CLIENT_ID_MARKER, values.get('CLIENT_ID') ?? '']]);
  const files = new Map<string, unknown>();
  const add = (path: string, object: unknown): void => {
    if (files.has(path)) throw new Error(`two files written to ${path}`);
    files.set(path, object);
  };
  for (const component of config.components)
    add(componentFilePath(component), substitute(buildComponent(config, component), clientId));
  const host = hostSpec(config.host);
  if (host.format === 'kubernetes') {
    if (effectiveIdentity(config) === 'workload')
      add(`${FILES_DIR}/${SERVICE_ACCOUNT_FILE}`, substitute(buildServiceAccount(config), clientId));
    add(`${FILES_DIR}/${POD_TEMPLATE_PATCH_FILE}`, substitute(buildPodTemplatePatch(config), clientId));
  }
  if (host.id === 'aci') {
    // The secret volume carries each component file as base64, exactly as the script wrote it.
    const secretFiles = Object.fromEntries(
      config.components.map((component) => [
        `${component.name}.yaml`,
        (run.files.get(componentFilePath(component)) ?? Buffer.alloc(0)).toString('base64'),
      ]),
    );
    add(
      `${FILES_DIR}/${ACI_GROUP_FILE}`,
      substitute(
        buildAciGroup(config, secretFiles),
        new Map([[IDENTITY_ID_MARKER, values.get('IDENTITY_ID') ?? '']]),
      ),
    );
  }
  return files;
}

function writtenFiles(script: Script): WriteFile[] {
  return script.steps.flatMap((step) =>
    step.lines.filter((line): line is WriteFile => line.kind === 'write-file'),
  );
}

/** The answers that let every check of the script pass: each vault reports the model the user chose. */
function stubInputs(
  config: WizardConfig,
  captured: Readonly<Record<CapturedQuery, string>> = REALISTIC_CAPTURED,
): StubInputs {
  const rbac = planResources(config)
    .resources.filter((resource) => resource.ref.keyVaultModelChoice !== undefined)
    .map((resource) =>
      resource.choices[resource.ref.keyVaultModelChoice ?? ''] === 'accesspolicy' ? 'false' : 'true',
    );
  const partitionKeys = buildPlan(config).entityChecks.flatMap((check) =>
    check.kind === 'cosmos-container' ? [check.partitionKeyPath] : [],
  );
  return {
    clientId: config.clientId,
    rbac,
    captured,
    appId: config.appId,
    daprdLog: daprdLog(config),
    partitionKeys,
  };
}

/**
 * The header's share link, date and version, made of the configuration's raw text values (not percent-encoded
 * as a real share link is), so any text a value holds is also tried in the comment lines at the top.
 */
function hostileMeta(config: WizardConfig): ScriptMeta {
  const values = Object.values(config).filter((value): value is string => typeof value === 'string');
  return {
    shareLink: `https://wizard.example/#${values.join('&')}`,
    generatedOn: config.hostName,
    version: config.resourceGroup,
  };
}

/** Runs the configuration's script and checks the calls, the files, and that nothing else happened. */
function checkScript(config: WizardConfig, captured?: Readonly<Record<CapturedQuery, string>>): void {
  const script = buildAzScript(config, hostileMeta(config));
  const text = toBash(script);
  const inputs = stubInputs(config, captured);
  const paths = writtenFiles(script).map((file) => file.path);
  expect(paths, 'the script writes each file once').toEqual([...new Set(paths)]);
  const expected = expectedCalls(script, inputs);
  const run = runScript(text, { ...inputs, principalId: expected.values.get('PRINCIPAL_ID') ?? '' });
  if (expected.stoppedWith !== undefined) {
    // Example values left: the script stops at once, saying so, having run and written nothing.
    expect(run.status, text).toBe(1);
    expect(run.stderr).toContain(expected.stoppedWith);
    expect(run.calls).toEqual([]);
    expect([...run.files.keys()]).toEqual([]);
    return;
  }
  expect(
    run.status,
    `the script failed (status ${run.status}):\n${run.stderr}\n--- calls ---\n${JSON.stringify(run.calls)}\n--- script ---\n${text}`,
  ).toBe(0);
  expect(
    grouped(
      run.calls,
      expected.groups.map((group) => group.length),
    ),
  ).toEqual(expected.groups.map(sortGroup));
  expect(run.strays).toEqual([]);
  const files = expectedFiles(config, expected.values, run);
  expect([...run.files.keys()].sort()).toEqual([...files.keys()].map(asBytes).sort());
  for (const [path, object] of files) {
    const written = run.files.get(asBytes(path))?.toString('utf8') ?? '';
    expect(load(written), `${path} as written:\n${written}`).toEqual(object);
  }
}

/**
 * Runs the configuration's teardown (built from the same plan) and checks the calls: exactly the structured
 * commands with exactly their words, no stray file, and none written (it only removes).
 */
function checkTeardown(config: WizardConfig, captured?: Readonly<Record<CapturedQuery, string>>): void {
  const script = buildTeardownScript(buildPlan(config));
  const text = toBash(script);
  const inputs = stubInputs(config, captured);
  const expected = expectedCalls(script, inputs);
  const run = runScript(text, { ...inputs, principalId: expected.values.get('PRINCIPAL_ID') ?? '' });
  if (expected.stoppedWith !== undefined) {
    // Example values left: the teardown stops at once too, having called nothing.
    expect(run.status, text).toBe(1);
    expect(run.stderr).toContain(expected.stoppedWith);
    expect(run.calls).toEqual([]);
    return;
  }
  expect(
    run.status,
    `the teardown failed (status ${run.status}):\n${run.stderr}\n--- calls ---\n${JSON.stringify(run.calls)}\n--- script ---\n${text}`,
  ).toBe(0);
  expect(
    grouped(
      run.calls,
      expected.groups.map((group) => group.length),
    ),
  ).toEqual(expected.groups.map(sortGroup));
  expect(run.strays).toEqual([]);
  expect([...run.files.keys()]).toEqual([]);
}

// ---------------------------------------------------------------------------------------------------------
// Arbitrary values.

/** Pieces that mean something to Bash, printf, here-documents, YAML or the reader's terminal. */
const FRAGMENTS = [
  "'",
  '"',
  '`',
  '\\',
  '$',
  '$(touch pwned)',
  '`touch pwned`',
  '${HOME}',
  '$((6*7))',
  '$PATH',
  "'; touch pwned; '",
  '"; touch pwned; "',
  '; touch pwned',
  '&& az pwned',
  '| touch pwned',
  '\ntouch pwned\n',
  '\r\ntouch pwned\r\n',
  '\n',
  '\r',
  '\t',
  ' ',
  '%s',
  '%d',
  '%n',
  '%%',
  '%b',
  '\\n',
  '\\c',
  '\\x41',
  '\\0101',
  '!',
  '!!',
  '*',
  '?',
  '[',
  '~',
  '#',
  '-',
  '--',
  '--query',
  '-o',
  'YAML',
  '\nYAML\n',
  'EOF',
  '<<',
  '>',
  '{a,b}',
  ': ',
  '- ',
  '&a',
  '*a',
  'null',
  'true',
  '0x1F',
  '1e3',
  '=',
  '👩‍💻',
  '🐉',
  'שלום',
  'مرحبا',
  '\u202e',
  '\u200f',
  '\u2028',
  '\u2029',
  '\u0085',
  '\ufeff',
  '\x7f',
  '\x1b[31m',
  '\x01',
];

const withoutNul = (text: string): string => text.replace(/\0/g, '');

const shortHostile = fc
  .oneof(
    {
      weight: 4,
      arbitrary: fc
        .array(
          fc.oneof(
            { weight: 3, arbitrary: fc.constantFrom(...FRAGMENTS) },
            { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 6 }) },
            { weight: 1, arbitrary: fc.string({ maxLength: 6 }) },
          ),
          { minLength: 1, maxLength: 8 },
        )
        .map((parts) => parts.join('')),
    },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 40 }) },
  )
  .map(withoutNul)
  .filter((text) => text !== '');

/** At most this many UTF-8 bytes, cut at a code point. */
function cutToBytes(text: string, bytes: number): string {
  const points = [...text];
  while (Buffer.byteLength(points.join('')) > bytes)
    points.splice(-Math.max(1, Math.floor(points.length / 8)));
  return points.join('');
}

/**
 * A long value: up to 6000 bytes. The Azure SQL statement repeats the identity name six times, doubling its
 * quotes, and Linux refuses any single argument over 128 kB (E2BIG), which is no quoting question.
 */
const longHostile = fc
  .tuple(fc.constantFrom(...FRAGMENTS, 'x'), fc.integer({ min: 200, max: 1500 }))
  .map(([fragment, count]) => cutToBytes(fragment.repeat(count), 6000));

/** Any value: mostly short hostile text, sometimes a long one. */
const hostile = fc.oneof({ weight: 8, arbitrary: shortHostile }, { weight: 1, arbitrary: longHostile });

/**
 * Whether a value the script writes into a YAML line with printf ('  value: %s', '    %s: {}') reads back as
 * itself. A captured id that Azure would never print (a '#', a ': ', a leading '*') breaks the YAML, which is
 * no quoting question; the answers that go into files are drawn from the values that survive.
 */
function survivesYamlLine(text: string): boolean {
  try {
    const asValue = JSON.stringify(load(`value: ${text}`));
    const asKey = JSON.stringify(load(`${text}: {}`));
    return asValue === JSON.stringify({ value: text }) && asKey === JSON.stringify({ [text]: {} });
  } catch {
    return false;
  }
}

/**
 * Text Bash changes when a variable holding it is left unquoted: word splitting on blanks, globbing (the
 * working directory holds "components"), yet each is a plain YAML scalar.
 */
const UNQUOTED_TRAPS = ['c*', 'compo?ents', 'comp[o]nents', 'x y', 'x  y', 'x\ty', 'x * y', 'a b c'];

/** A captured value the script also writes into a file: hostile, but a plain YAML scalar. */
const capturedForFile = fc.oneof(
  { weight: 1, arbitrary: fc.constantFrom(...UNQUOTED_TRAPS) },
  { weight: 2, arbitrary: hostile.map(asBytes).filter(survivesYamlLine) },
);
/** A captured value that only goes into command words: anything. */
const capturedForWords = fc.oneof(
  { weight: 1, arbitrary: fc.constantFrom(...UNQUOTED_TRAPS) },
  { weight: 2, arbitrary: hostile.map(asBytes) },
);

/**
 * Principal ids are lower-case GUIDs, and the script compares PostgreSQL's upper-case report of one in lower
 * case (ASCII only, as tr does): hostile ones stay hostile, in lower case.
 */
const principalForWords = capturedForWords.map((text) => text.replace(/[A-Z]/g, (c) => c.toLowerCase()));

/** What the stand-ins answer to the captured queries: resource ids and client ids end up in files. */
const capturedAnswers: fc.Arbitrary<Record<CapturedQuery, string>> = fc.record({
  // A resource id is never empty (the function app's check stops on an empty environment id).
  id: capturedForFile.filter((text) => text.replace(/\n+$/, '') !== ''),
  principalId: principalForWords,
  systemAssignedIdentity: principalForWords,
  'identity.principalId': principalForWords,
  'identityProfile.kubeletidentity.objectId': principalForWords,
  'oidcIssuerProfile.issuerUrl': capturedForWords,
  'user.name': capturedForWords,
  accessToken: capturedForWords,
  clientId: capturedForFile,
});

const optional = (value: fc.Arbitrary<string>): fc.Arbitrary<string> =>
  fc.oneof({ weight: 1, arbitrary: fc.constant('') }, { weight: 3, arbitrary: value });

/** Names become file names (components/<name>.yaml): no '/', and short enough for the file system. */
const componentName = shortHostile
  .map((text) => {
    return cutToBytes(text.replace(/\//g, '|'), 200);
  })
  .filter((name) => name !== '');

/**
 * A resource's name is its field's first DNS label: a value starting with '.', ':' or '/' names nothing,
 * and the script (valid input never does this) would stop at the unset variable. Such fields get a letter first.
 */
function resourceFields(spec: ComponentSpec): Map<string, 'value' | 'first-label'> {
  return new Map(spec.resources.map((resource) => [resource.field, resource.nameFrom]));
}

function componentArbitrary(spec: ComponentSpec): fc.Arbitrary<ComponentConfig> {
  const named = resourceFields(spec);
  const metadata = Object.fromEntries(
    spec.fields.map((field) => {
      const nameFrom = named.get(field.key);
      const value =
        nameFrom === 'first-label'
          ? hostile.map((text) => `a${text}`)
          : nameFrom === 'value' || field.required
            ? hostile
            : optional(hostile);
      return [field.key, value];
    }),
  );
  const choices = Object.fromEntries(
    (spec.choices ?? []).map((choice) => [
      choice.key,
      fc.constantFrom(...choice.options.map((option) => option.id)),
    ]),
  );
  return fc
    .record({
      name: componentName,
      resourceGroup: optional(hostile),
      metadata: fc.record(metadata),
      choices: fc.record(choices),
    })
    .map((parts) => ({ type: spec.type as ComponentType, version: spec.version, ...parts }));
}

const specOf = (type: string, version?: string): ComponentSpec => {
  const spec = COMPONENTS.find(
    (candidate) => candidate.type === type && (version === undefined || candidate.version === version),
  );
  if (!spec) throw new Error(`no catalog entry ${type} ${version ?? ''}`);
  return spec;
};

const KEY_VAULT = specOf('secretstores.azure.keyvault');
const SERVICE_BUS = specOf('pubsub.azure.servicebus.topics');
const POSTGRES = specOf('state.postgresql', 'v2');
const AZURE_SQL = specOf('state.sqlserver', 'v2');
const REDIS = specOf('state.redis');

const mixOf = (...specs: ComponentSpec[]): fc.Arbitrary<ComponentConfig[]> =>
  fc.tuple(...specs.map(componentArbitrary));

/** The named mixes, and any one to four components of the catalog. */
const components: fc.Arbitrary<ComponentConfig[]> = fc
  .oneof(
    mixOf(KEY_VAULT),
    mixOf(SERVICE_BUS),
    mixOf(POSTGRES),
    mixOf(AZURE_SQL),
    mixOf(REDIS),
    mixOf(KEY_VAULT, SERVICE_BUS, POSTGRES, AZURE_SQL, REDIS),
    fc.array(
      fc.constantFrom(...COMPONENTS).chain((spec) => componentArbitrary(spec)),
      { minLength: 1, maxLength: 4 },
    ),
  )
  // One file per component: two components of one name are a validation error, not a quoting question.
  .filter((list) => new Set(list.map((component) => component.name)).size === list.length);

/** A configuration with every free-text field hostile, built directly: validation is bypassed. */
function configArbitrary(host: HostId): fc.Arbitrary<WizardConfig> {
  return fc
    .record({
      identity: fc.constantFrom(...IDENTITY_KINDS),
      aksIdentity: fc.constantFrom(...AKS_IDENTITY_KINDS),
      resourceGroup: hostile,
      subscription: optional(hostile),
      location: host === 'aci' ? hostile : optional(hostile),
      hostName: hostile,
      environment: hostile,
      namespace: hostile,
      serviceAccount: hostile,
      deployment: hostile,
      // A function app's Dapr app id is compared with the one the stand-in prints: as for the client id,
      // $(...) drops trailing newlines.
      appId:
        host === 'functionapp' || host === 'aca'
          ? hostile.map((text) => text.replace(/\n+$/, ''))
          : host === 'aks' || host === 'aci' || host === 'webapp'
            ? hostile
            : optional(hostile),
      identityName: hostile,
      // The stand-in prints the typed id; $(...) would drop trailing newlines from any real output too.
      clientId: optional(hostile.map((text) => text.replace(/\n+$/, '')).filter((text) => text !== '')),
      image: hostile,
      appPort: optional(hostile),
      dnsNameLabel: optional(hostile),
      envVars: optional(hostile),
      components,
    })
    .map((fields) => ({ ...defaultConfig(), host, ...fields }));
}

// ---------------------------------------------------------------------------------------------------------

/** SHELL_SAFETY_RUNS=200 explores further (about 25 s per host on 2 cores). */
const RUNS_PER_HOST = Number(process.env.SHELL_SAFETY_RUNS ?? 24);
/**
 * Each run starts Bash and a dozen stand-ins, and shrinking a long failing value can take thousands of runs:
 * the search stops after this long. A failure found by then is reported with the smallest counterexample so
 * far; without one, the runs made so far count (a loaded machine makes fewer, it does not fail).
 */
const TIME_LIMIT = Math.max(40_000, RUNS_PER_HOST * 1_000);
const LIMITS = { interruptAfterTimeLimit: TIME_LIMIT, markInterruptAsFailure: false } as const;

describe('the generated script, run by Bash with recording stand-ins', () => {
  it('runs exactly the structured commands for plain values (the harness itself)', () => {
    const config: WizardConfig = {
      ...defaultConfig(),
      host: 'aci',
      identity: 'user',
      resourceGroup: 'rg-orders',
      location: 'westeurope',
      hostName: 'orders',
      identityName: 'id-orders',
      appId: 'orders',
      image: 'nginx',
      components: [
        { ...defaultComponent('secretstores.azure.keyvault'), metadata: { vaultName: 'kv-orders' } },
      ],
    };
    expect(heldExamples(config)).toEqual([]);
    checkScript(config);
  });

  it.each(HOST_IDS)('on %s: stops before any command while example values are left', (host) => {
    const config: WizardConfig = { ...defaultConfig(), host, location: 'westeurope' };
    expect(heldExamples(config).length).toBeGreaterThan(0);
    expect(buildAzScript(config).steps[0]?.lines[0]?.kind).toBe('stop');
    checkScript(config);
  });

  it('notices an injected command (negative control)', () => {
    const config: WizardConfig = {
      ...defaultConfig(),
      host: 'vm',
      resourceGroup: 'rg',
      hostName: 'vm1',
      appId: '',
      components: [{ ...defaultComponent('secretstores.azure.keyvault'), metadata: { vaultName: 'kv1' } }],
    };
    const script = buildAzScript(config);
    const injected = toBash(script).replace('set -euo pipefail', 'set -euo pipefail\naz pwned\ntouch pwned');
    const run = runScript(injected, stubInputs(config));
    const expected = expectedCalls(script, stubInputs(config));
    expect(
      grouped(
        run.calls,
        expected.groups.map((group) => group.length),
      ),
    ).not.toEqual(expected.groups.map(sortGroup));
    expect([...run.files.keys()]).toContain('pwned');
  });

  it.each(HOST_IDS)(
    'on %s: any text in any field or captured answer changes no command, word or file',
    (host) => {
      fc.assert(
        fc.property(configArbitrary(host), capturedAnswers, (config, captured) =>
          checkScript(config, captured),
        ),
        { numRuns: RUNS_PER_HOST, ...LIMITS },
      );
    },
    TIME_LIMIT + 20_000,
  );
});

describe('the teardown script, run by Bash with recording stand-ins', () => {
  it('runs exactly the structured commands for plain values (the harness itself)', () => {
    const config = defaultConfig();
    const [vault] = config.components;
    if (!vault) throw new Error('The default configuration has a component');
    // The user's own values: with the wizard's examples the script would stop before any call.
    checkTeardown({
      ...config,
      host: 'vm',
      resourceGroup: 'rg-orders',
      hostName: 'vm-orders',
      appId: 'orders-api',
      components: [{ ...vault, metadata: { ...vault.metadata, vaultName: 'kv-orders' } }],
    });
  });

  it.each(HOST_IDS)(
    'on %s: any text in any field or captured answer changes no command or word',
    (host) => {
      fc.assert(
        fc.property(configArbitrary(host), capturedAnswers, (config, captured) =>
          checkTeardown(config, captured),
        ),
        { numRuns: RUNS_PER_HOST, ...LIMITS },
      );
    },
    TIME_LIMIT + 20_000,
  );
});

describe('valid configurations (the golden scenarios) under any valid component names', () => {
  const bases = loadGoldenScenarios()
    .map((scenario) => parseShareLink('', `#${scenario.link}`).config)
    .filter((config) => Object.keys(validateConfig(config)).length === 0);
  /** The script's other files beside the component files, e.g. serviceaccount on AKS: read from the generator. */
  const otherFiles = [
    ...new Set(
      bases.flatMap((config) => {
        const components = new Set(config.components.map(componentFilePath));
        return writtenFiles(buildAzScript(config))
          .map((file) => file.path)
          .filter((path) => !components.has(path))
          .map((path) => path.slice(`${FILES_DIR}/`.length).replace(/\.yaml$/, ''));
      }),
    ),
  ];
  const validName = fc.oneof(
    fc.constantFrom(...otherFiles),
    fc.stringMatching(/^[a-z][a-z0-9-]{0,10}[a-z0-9]$/),
  );
  const renamed = fc.constantFrom(...bases).chain((base) =>
    fc
      .array(validName, { minLength: base.components.length, maxLength: base.components.length })
      .map((names) => ({
        ...base,
        components: base.components.map((component, index) => ({
          ...component,
          name: names[index] ?? component.name,
        })),
      })),
  );

  it('has scenarios on every host and files to collide with', () => {
    expect(new Set(bases.map((config) => config.host))).toEqual(new Set(HOST_IDS));
    expect(otherFiles.length).toBeGreaterThan(0);
  });

  it("rejects exactly the component names of the script's other files, on every scenario", () => {
    for (const base of bases) {
      const components = new Set(base.components.map(componentFilePath));
      const own = writtenFiles(buildAzScript(base))
        .map((file) => file.path)
        .filter((path) => !components.has(path))
        .map((path) => path.slice(`${FILES_DIR}/`.length).replace(/\.yaml$/, ''));
      const rejected = otherFiles.filter((name) => {
        const config = { ...base, components: [{ ...base.components[0]!, name }] };
        return validateConfig(config)['components.0.name'] !== undefined;
      });
      expect(rejected.sort(), `${base.host} ${effectiveIdentity(base)}`).toEqual(own.sort());
    }
  });

  it(
    'write every file once, each reading back as the generator built it',
    () => {
      const workload = bases.find((config) => effectiveIdentity(config) === 'workload');
      if (!workload) throw new Error('no Workload ID scenario');
      const namedLike = (name: string): WizardConfig => ({
        ...workload,
        components: workload.components.map((component) => ({ ...component, name })),
      });
      fc.assert(
        fc.property(renamed, capturedAnswers, (config, captured) => {
          fc.pre(Object.keys(validateConfig(config)).length === 0);
          checkScript(config, captured);
        }),
        {
          numRuns: 40,
          ...LIMITS,
          examples: [
            [namedLike('serviceaccount'), REALISTIC_CAPTURED],
            [namedLike('deployment-patch'), REALISTIC_CAPTURED],
          ],
        },
      );
    },
    TIME_LIMIT + 20_000,
  );
});
