/**
 * Feeds every `az` command of the golden scenarios to the real Azure CLI's argument parser (no login, no
 * network), so a misspelled flag, a missing required flag or a bad choice value fails here instead of in
 * a user's shell. Commands or flags newer than the installed CLI are checked against flags recorded from
 * the newest CLI source (src/test-support/az-flags-from-source.ts). Without az the test says so and checks
 * the recorded flags only, except under CI, where it fails.
 */
import { execFile } from 'node:child_process';
import { accessSync, constants, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parseShareLink } from '../model/url-state';
import {
  AZ_FLAGS_FROM_SOURCE,
  type RecordedCommand,
  type RecordedFlag,
} from '../test-support/az-flags-from-source';
import { loadGoldenScenarios } from '../test-support/golden';
import { buildPlan } from './plan/build-plan';
import { buildTeardownScript } from './teardown/teardown-script';
import { buildAzScript } from './az-script';
import { type Word } from './script-model';
import { commandsOf } from './script-queries';
import { quoteLiteral } from './bash/quoting';

const execFileAsync = promisify(execFile);
/**
 * The in-process parse needs about 25 s of CPU; on a machine shared by several test runs (load 20 on 2 cores)
 * that is minutes of wall time, so the limits leave room for it rather than fail on load.
 */
const HELPER_TIMEOUT = 900_000;
const TEST_TIMEOUT = HELPER_TIMEOUT + 60_000;
const HELPER = fileURLToPath(new URL('../test-support/az-parse.py', import.meta.url));

/** Values the scripts capture at run time, shaped like the real ones so format validators pass. */
const SUBSCRIPTION_ID = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';
const GROUP_ID = `/subscriptions/${SUBSCRIPTION_ID}/resourceGroups/rg-orders`;
const RUNTIME_SAMPLES: Readonly<Record<string, string>> = {
  PRINCIPAL_ID: '8d1e4c2a-5b3f-4e6d-9a7c-0b1e2f3a4b5c',
  CLIENT_ID: '6f0c9e21-3d4b-4a5c-8e7f-1a2b3c4d5e6f',
  // The setup's components still in a Container Apps environment, as the teardown's list prints them.
  ENV_COMPONENTS_KEPT: 'azurekeyvault, statestore',
  IDENTITY_ID: `${GROUP_ID}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-orders`,
  VAULT_ID: `${GROUP_ID}/providers/Microsoft.KeyVault/vaults/kv-orders`,
  // A function app's Container Apps environment, read from its managedEnvironmentId (hosts/function-app.ts).
  FUNCTION_APP_ENVIRONMENT_ID: `${GROUP_ID}/providers/Microsoft.App/managedEnvironments/cae-orders`,
  ENVIRONMENT_RESOURCE_GROUP: 'rg-platform',
  // A federated credential that already trusts the ServiceAccount (hosts/aks-federated-credential.ts prints
  // its name).
  FEDERATED_CREDENTIAL_FOUND: 'dapr-orders-orders-api',
  OIDC_ISSUER:
    'https://westeurope.oic.prod-aks.azure.com/72f988bf-86f1-41af-91ab-2d7cd011db47/4c8e2a10-1b3d-4f5e-9a6b-7c8d9e0f1a2b/',
  COMPONENT_BASE64: 'YXBpVmVyc2lvbjogZGFwci5pby92MWFscGhhMQo=',
  RBAC_ENABLED: 'true',
  // AKS: the newest pod of the app, read by kubectl after the rollout.
  DAPR_POD: 'orders-api-5d8f7c9b4-x2k7q',
  // Container Apps: the revision whose daprd log the setup reads (hosts/aca-dapr-log.ts).
  DAPR_REVISION: 'orders-api--7d3k9q1',
  // Its log and what the report reads from it: printed and matched, never passed to az.
  DAPRD_LOG:
    'time="2026-12-01T10:00:00Z" level=info msg="Component loaded: azurekeyvault (secretstores.azure.keyvault/v1)"',
  DAPRD_FAILED_LINE:
    'time="2026-12-01T10:00:00Z" level=error msg="Failed to init component azurekeyvault (secretstores.azure.keyvault/v1): 403"',
  DAPRD_FAILED_COMPONENTS: 'azurekeyvault ',
  // The VM's Run Command answer to the metadata check (hosts/dapr-metadata-check.ts): read, never passed to az.
  DAPR_METADATA: 'Enable succeeded: \n[stdout]\ndapr-metadata-api: answered\n\n[stderr]\n',
  // A scale set's orchestration mode and an instance read from its list (hosts/vmss-verify.ts).
  VMSS_ORCHESTRATION_MODE: 'Uniform',
  VMSS_INSTANCE: '0',
  VMSS_INSTANCES: '0\n1',
  VMSS_INSTANCE_COUNT: '2',
  // A Flexible scale set's VM names (hosts/vmss-rollout.ts, vmss-verify.ts), one a line, and one of them.
  VMSS_VM_NAMES: 'vmss-orders_1a2b3c4d\nvmss-orders_5e6f7a8b',
  VMSS_VM_NAME: 'vmss-orders_1a2b3c4d',
  VMSS_VMS_NOT_LINUX: '',
  // The resource ids of a scale set's user-assigned identities, read back after the assign (hosts/vmss-assign.ts).
  VMSS_IDENTITY_IDS:
    '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-orders/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-orders',
  VMSS_IDENTITY_ATTACHED: '1',
  VMSS_INSTANCE_CHECK:
    'Enable succeeded: \n[stdout]\nimds-token-status: 200\ndapr-metadata-api: no answer\n\n[stderr]\n',
  // The components the metadata check found missing (hosts/dapr-metadata-check.ts): read, never passed to az.
  DAPR_COMPONENTS_MISSING: ' statestore',
};

/** Accepted by every az command. */
const GLOBAL_FLAGS: readonly RecordedFlag[] = [
  { name: '--query', arity: 'one' },
  { name: '--output', aliases: ['-o'], arity: 'one' },
  { name: '--only-show-errors', arity: 'switch' },
  { name: '--subscription', arity: 'one' },
];

/**
 * How the installed CLI says that it does not know a command or a flag (as opposed to misuse of one), or
 * cannot load a command at all: Debian's 2.45 package lacks some compute SDK modules (az vmss list-instances
 * fails with "No module named 'azure.mgmt.compute.v2022_11_01'" before parsing). Such a command is judged by
 * its record (az-flags-from-source.ts) only; one without a record still fails.
 */
const UNKNOWN_TO_CLI =
  /misspelled or not recognized|unrecognized arguments|No module named '?azure\.mgmt\.compute\.v\d/;
/** The error of a command that parsed fine and then needed an account (used by the one-process-per-command route). */
const LOGIN_ERROR = /az login|az account set|doesn't exist in cloud|No subscription found/i;

/** Deliberately wrong commands: the checker must reject them, or it proves nothing. */
const MISSPELLED_FLAG = [
  'role', 'assignment', 'create', '--assignee-object-idd', RUNTIME_SAMPLES.PRINCIPAL_ID ?? '',
  '--role', 'Reader', '--scope', RUNTIME_SAMPLES.VAULT_ID ?? '',
]; // prettier-ignore
const ABBREVIATED_FLAG = MISSPELLED_FLAG.map((word) =>
  word === '--assignee-object-idd' ? '--assignee-object' : word,
);

interface AzCall {
  /** The words after "az", with variables replaced by values. */
  readonly args: readonly string[];
  readonly scenarios: string[];
}

interface ParseResult {
  readonly ok: boolean;
  readonly error: string;
}

/** A sample for a captured variable: fixed ones above, or one shaped by the variable's name. */
function sampleFor(variable: string): string | undefined {
  if (variable in RUNTIME_SAMPLES) return RUNTIME_SAMPLES[variable];
  if (/^COMPONENT_BASE64_\d+$/.test(variable)) return RUNTIME_SAMPLES.COMPONENT_BASE64;
  // Resource ids looked up in the preflight step, e.g. SERVICEBUS_NAMESPACE_ID, STORAGE_ACCOUNT_2_ID.
  if (variable.endsWith('_ID'))
    return `${GROUP_ID}/providers/Microsoft.Sample/samples/${variable.toLowerCase()}`;
  // Key Vault permission model and other precondition read-backs.
  if (variable.endsWith('_RBAC')) return 'true';
  if (variable.endsWith('_CHECK')) return 'Enabled';
  // The teardown's finds: a Cosmos DB assignment's name (a GUID), an Azure role assignment's id.
  if (variable.endsWith('_DATA_ROLE_ASSIGNMENT')) return '3e7b9c1d-2a4f-4b6e-8d0c-5f1a2b3c4d5e';
  if (variable.endsWith('_ROLE_ASSIGNMENT'))
    return `${GROUP_ID}/providers/Microsoft.Authorization/roleAssignments/7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d`;
  if (variable === 'PG_ADMIN') return 'admin@contoso.com';
  if (variable === 'PGPASSWORD') return 'token';
  return undefined;
}

function resolveWord(word: Word, values: ReadonlyMap<string, string>): string {
  if (typeof word === 'string') return word;
  if ('join' in word) return word.join.map((part) => resolveWord(part, values)).join('');
  const value = values.get(word.variable) ?? sampleFor(word.variable);
  if (value === undefined)
    throw new Error(`No sample value for $${word.variable}; add one to RUNTIME_SAMPLES or sampleFor`);
  return value;
}

/** Every distinct az command of the golden scenarios, with the scenarios that produce it. */
function collectAzCalls(): AzCall[] {
  const calls = new Map<string, AzCall>();
  // Scenarios without a setup.sh golden (values still missing) show no script, so there is nothing to check.
  for (const scenario of loadGoldenScenarios().filter((candidate) => candidate.outputs['setup.sh'])) {
    const config = parseShareLink('', scenario.link).config;
    // The teardown is made from the same plan, so it has the same variables.
    for (const script of [buildAzScript(config), buildTeardownScript(buildPlan(config))]) {
      // The user's values win over the samples.
      const values = new Map([
        ...Object.entries(RUNTIME_SAMPLES),
        ...script.variables.map(({ name, value }) => [name, value] as const),
      ]);
      for (const command of commandsOf(script)) {
        for (const words of [command.argv, command.pipeTo ?? []]) {
          const argv = words.map((word) => resolveWord(word, values));
          if (argv[0] !== 'az') continue;
          const key = JSON.stringify(argv);
          const call = calls.get(key) ?? { args: argv.slice(1), scenarios: [] };
          call.scenarios.push(scenario.name);
          calls.set(key, call);
        }
      }
    }
  }
  return [...calls.values()];
}

const isOption = (word: string): boolean => /^--?[A-Za-z]/.test(word);

/** The command's name: its words before the first option, e.g. "aks update". */
const commandName = (args: readonly string[]): string => {
  const end = args.findIndex(isOption);
  return args.slice(0, end === -1 ? args.length : end).join(' ');
};

const display = (args: readonly string[]): string => ['az', ...args].map(quoteLiteral).join(' ');

/** Problems with a command's flags, judged by a list recorded from the CLI source; empty when fine. */
function checkRecordedFlags(args: readonly string[], recorded: RecordedCommand): string[] {
  const words = args.slice(recorded.command.split(' ').length);
  const known = [...recorded.flags, ...GLOBAL_FLAGS];
  const problems: string[] = [];
  const given = new Set<string>();
  for (let i = 0; i < words.length;) {
    const word = words[i++] ?? '';
    if (!isOption(word)) {
      problems.push(`unexpected word ${word}`);
      continue;
    }
    const [option = '', inline] = word.split(/=(.*)/s);
    const flag = known.find((candidate) => candidate.name === option || candidate.aliases?.includes(option));
    const arity = flag?.arity ?? 'many'; // an unknown flag's values are skipped, so they are not reported twice
    let values = inline === undefined ? 0 : 1;
    while (
      i < words.length &&
      !isOption(words[i] ?? '') &&
      (arity === 'many' || (arity === 'one' && values === 0))
    ) {
      values++;
      i++;
    }
    if (flag === undefined) problems.push(`unknown flag ${option}`);
    else if (flag.arity === 'switch' && values > 0) problems.push(`${option} takes no value`);
    else if (flag.arity !== 'switch' && values === 0) problems.push(`${option} needs a value`);
    if (flag) given.add(flag.name);
  }
  for (const flag of recorded.flags) {
    const satisfied = given.has(flag.name) || (flag.required === 'unlessIds' && given.has('--ids'));
    if (flag.required && !satisfied) problems.push(`missing required ${flag.name}`);
  }
  return problems;
}

function findOnPath(program: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir, program);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this directory
    }
  }
  return undefined;
}

/**
 * The Python that runs azure-cli: the shebang of Debian's az wrapper, or the interpreter that the wrapper
 * of Microsoft's packages runs with `-m azure.cli`.
 */
function azurePython(az: string): string | undefined {
  const text = readFileSync(az, 'latin1').slice(0, 4000);
  const shebang = /^#!\s*(?:\S*\/env\s+)?(\S*python[\d.]*)\s*$/m.exec(text.split('\n')[0] ?? '');
  const exec = /(\/[^\s"'$]*python[\d.]*)["']?\s+-[A-Za-z]*m\s+azure\.cli/.exec(text);
  return shebang?.[1] ?? exec?.[1];
}

/** Keeps az from prompting, installing extensions, sending telemetry or asking a service for advice. */
function azEnv(configDir: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    AZURE_CONFIG_DIR: configDir,
    AZURE_EXTENSION_USE_DYNAMIC_INSTALL: 'no',
    AZURE_CORE_COLLECT_TELEMETRY: '0',
    AZURE_CORE_NO_COLOR: '1',
    AZURE_CORE_ERROR_RECOMMENDATION: 'off',
    AZURE_CORE_SURVEY_MESSAGE: 'no',
  };
}

/** Runs a program with stdin closed; resolves with its failure instead of rejecting. */
async function run(
  program: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  timeout: number,
): Promise<{ code: number | string | null; stdout: string; stderr: string }> {
  const pending = execFileAsync(program, args, { env, timeout, maxBuffer: 16 * 1024 * 1024 });
  pending.child.stdin?.end();
  try {
    return { code: 0, ...(await pending) };
  } catch (error) {
    const failure = error as { code?: number | string; signal?: string; stdout?: string; stderr?: string };
    return {
      code: failure.code ?? failure.signal ?? null,
      stdout: failure.stdout ?? '',
      stderr: failure.stderr ?? '',
    };
  }
}

type Method = 'one python process' | 'one az process per command';

/**
 * Asks the installed CLI about each command. Preferred: one Python process that loads azure-cli once
 * (about 3 s in all, and it also rejects abbreviated flags, which argparse would accept). Fallback when
 * azure-cli's Python cannot be found: one az process per command, two at a time (about 1 s each).
 */
async function parseWithAzureCli(
  az: string,
  commands: readonly (readonly string[])[],
): Promise<{ method: Method; results: ParseResult[] }> {
  const configDir = mkdtempSync(join(tmpdir(), 'az-cli-test-'));
  try {
    const env = azEnv(configDir);
    const python = azurePython(az);
    if (python !== undefined) {
      const input = join(configDir, 'commands.json');
      writeFileSync(input, JSON.stringify(commands));
      const { code, stdout, stderr } = await run(python, [HELPER, input], env, HELPER_TIMEOUT);
      if (code === 0) return { method: 'one python process', results: JSON.parse(stdout) as ParseResult[] };
      if (code !== 3) throw new Error(`${HELPER} failed (${code}): ${stderr}`);
      // 3: azure-cli is not importable with that interpreter; use az itself.
    }
    const results: ParseResult[] = [];
    let next = 0;
    const worker = async (): Promise<void> => {
      for (let index = next++; index < commands.length; index = next++) {
        const { code, stderr } = await run(az, commands[index] ?? [], env, 60_000);
        const error = stderr.trim();
        // Without a login, a command that parses stops at the account; argparse errors exit with 2.
        results[index] = { ok: code === 0 || (code === 1 && LOGIN_ERROR.test(error)), error };
      }
    };
    await Promise.all([worker(), worker()]);
    return { method: 'one az process per command', results };
  } finally {
    rmSync(configDir, { recursive: true, force: true });
  }
}

const recordedFor = (args: readonly string[]): RecordedCommand | undefined =>
  AZ_FLAGS_FROM_SOURCE.find((recorded) => recorded.command === commandName(args));

const calls = collectAzCalls();
const az = findOnPath('az');
/**
 * Under CI (CI set, as .ci/run and the Pages workflow do) a missing Azure CLI is a failure, not a note: the
 * recorded flags cover only some commands, so without az an unknown flag elsewhere would pass unseen.
 */
const CLI_REQUIRED = !!process.env.CI;
const NO_CLI_UNDER_CI =
  'CI is set but no az is on PATH: install the Azure CLI (.ci/run does, apt-get install azure-cli) so every command meets its parser';
let pendingRun: ReturnType<typeof parseWithAzureCli> | undefined;
/** One batch for the goldens and the negative controls, started on first use: az startup is the slow part. */
const cliRun = (): ReturnType<typeof parseWithAzureCli> | undefined =>
  az === undefined
    ? undefined
    : (pendingRun ??= parseWithAzureCli(az, [
        ...calls.map((call) => call.args),
        MISSPELLED_FLAG,
        ABBREVIATED_FLAG,
      ]));

describe('az commands of the golden scenarios', () => {
  it(
    'are accepted by the Azure CLI, or by the flags recorded from its source when newer than it',
    async () => {
      expect(calls.length).toBeGreaterThan(0);
      const failures: string[] = [];
      const byRecord = new Set<string>();
      const run = cliRun();
      if (run === undefined) {
        if (CLI_REQUIRED) throw new Error(NO_CLI_UNDER_CI);
        const unchecked = calls.filter((call) => recordedFor(call.args) === undefined).length;
        console.log(
          `az-cli.test: real Azure CLI check skipped because az is not on PATH; ${unchecked} of ${calls.length} commands have no recorded flags and go unchecked`,
        );
      } else {
        const { method, results } = await run;
        calls.forEach((call, index) => {
          const result = results[index] ?? { ok: false, error: 'no result' };
          if (result.ok) return;
          if (recordedFor(call.args) !== undefined && UNKNOWN_TO_CLI.test(result.error)) {
            byRecord.add(display(call.args)); // newer than the installed CLI: judged by the record below
            return;
          }
          failures.push(
            `${display(call.args)}\n  (${call.scenarios.join(', ')})\n  rejected by az: ${result.error}`,
          );
        });
        console.log(
          `az-cli.test: ${calls.length - byRecord.size} of ${calls.length} commands accepted by the installed Azure CLI (${method}); ${byRecord.size} newer ones judged by the recorded flags`,
        );
      }
      // Commands with a record are always held to it, so the result does not depend on the installed CLI.
      for (const call of calls) {
        const recorded = recordedFor(call.args);
        const problems = recorded ? checkRecordedFlags(call.args, recorded) : [];
        if (problems.length > 0) {
          failures.push(
            `${display(call.args)}\n  (${call.scenarios.join(', ')})\n  recorded flags: ${problems.join('; ')}`,
          );
        }
      }
      expect(failures).toEqual([]);
    },
    TEST_TIMEOUT,
  );

  it(
    'are checked by a checker that can fail (negative controls)',
    async () => {
      const recorded = AZ_FLAGS_FROM_SOURCE.find((entry) => entry.command === 'containerapp identity assign');
      if (recorded === undefined) throw new Error('containerapp identity assign is not recorded');
      const wrong = [
        'containerapp',
        'identity',
        'assign',
        '--nam',
        'app',
        '-g',
        'rg',
        '--system-assigned',
        'true',
      ];
      expect(checkRecordedFlags(wrong, recorded)).toEqual([
        'unknown flag --nam',
        'unexpected word true',
        'missing required --name',
      ]);
      const run = cliRun();
      if (run === undefined && CLI_REQUIRED) throw new Error(NO_CLI_UNDER_CI);
      if (run !== undefined) {
        const { method, results } = await run;
        const [misspelled, abbreviated] = results.slice(calls.length);
        expect(misspelled?.ok).toBe(false);
        expect(misspelled?.error).toMatch(/unrecognized arguments: --assignee-object-idd/);
        // Only the in-process route sees the parser's option table; spawned az accepts unique prefixes.
        if (method === 'one python process') {
          expect(abbreviated).toEqual({ ok: false, error: 'not an exact option name: --assignee-object' });
        }
      }
    },
    TEST_TIMEOUT,
  );
});
