/**
 * What a run of the shell-safety test (src/generate/shell-safety.test.ts) must look like, from the structured
 * script and the generator's objects: the calls, each with exactly its words, and the files, whose YAML reads
 * back as the generator's objects. checkScript() and checkTeardown() run a configuration and check both.
 */
import { load } from 'js-yaml';
import { expect } from 'vitest';
import { hostSpec } from '../catalog/hosts';
import { effectiveIdentity, type WizardConfig } from '../model/config';
import { ACI_GROUP_FILE, buildAciGroup } from '../generate/aci-group';
import { buildAzScript, componentFilePath, FILES_DIR, type ScriptMeta } from '../generate/az-script';
import { buildComponent } from '../generate/component';
import {
  buildPodTemplatePatch,
  buildServiceAccount,
  POD_TEMPLATE_PATCH_FILE,
  SERVICE_ACCOUNT_FILE,
} from '../generate/k8s-manifests';
import { CLIENT_ID_MARKER, IDENTITY_ID_MARKER } from '../generate/markers';
import { planResources } from '../generate/resources';
import {
  type Command,
  type Script,
  type ScriptLine,
  type Word,
  type WriteFile,
} from '../generate/script-model';
import { conditionHolds } from '../generate/script-queries';
import { buildPlan } from '../generate/plan/build-plan';
import { buildTeardownScript } from '../generate/teardown/teardown-script';
import { toBash } from '../generate/to-bash';
import {
  BUILTINS,
  type CapturedQuery,
  REALISTIC_CAPTURED,
  type Run,
  type StubInputs,
  azAnswer,
  daprdLog,
  kubectlAnswer,
  sqlcmdAnswer,
  runScript,
} from './shell-stand-ins';

// ---------------------------------------------------------------------------------------------------------
// What the run must look like, from the structured script and the generator's objects.

/** A value as it reaches a process: UTF-8 bytes, read back. */
export const asBytes = (text: string): string => Buffer.from(text, 'utf8').toString('utf8');

function resolveWord(word: Word, values: ReadonlyMap<string, string>): string {
  if (typeof word === 'string') return word;
  if ('join' in word) return word.join.map((part) => resolveWord(part, values)).join('');
  const value = values.get(word.variable);
  if (value === undefined) throw new Error(`test setup: $${word.variable} has no value`);
  return value;
}

/**
 * printf '%s\n' <values> | grep -c (-x|-F) -- <text>: the lines printf writes (each value's own lines) that are
 * the text (-x) or hold it (-F), counted as grep -c prints them.
 */
function countedLines(values: readonly string[], grep: readonly string[]): string {
  const [, , match, , text = ''] = grep;
  const lines = values.flatMap((value) => value.split('\n'));
  // grep -c . counts the lines that are not empty (a scale set's instance list, hosts/vmss-verify.ts); grep
  // takes a pattern with line breaks as one pattern per line (GNU grep, "PATTERNS"): any may match.
  const patterns = text.split('\n');
  const counted = (line: string): boolean =>
    match === '.'
      ? line !== ''
      : patterns.some((pattern) => (match === '-x' ? line === pattern : line.includes(pattern)));
  return `${lines.filter(counted).length}\n`;
}

/** printf '%s\n' <values> | sed -n <N>p: the N-th line printf writes, or nothing. */
function nthLine(values: readonly string[], sed: readonly string[]): string | undefined {
  const n = /^(\d+)p$/.exec(sed[2] ?? '')?.[1];
  if (sed[1] !== '-n' || n === undefined) return undefined;
  const line = values.flatMap((value) => value.split('\n'))[Number(n) - 1];
  return line === undefined ? '' : `${line}\n`;
}

interface Expected {
  /** Each command with its pipe partner: the calls of one pipeline may be recorded in either order. */
  readonly groups: string[][][];
  /** The values the script held at the end, for the marker substitutions. */
  readonly values: ReadonlyMap<string, string>;
  /** The message of the stop line the script ends at (example values left), if it has one. */
  readonly stoppedWith?: string;
}

export function expectedCalls(script: Script, inputs: StubInputs): Expected {
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
        argv[0] === 'printf' && pipe?.[0] === 'grep' && pipe[1] === '-c'
          ? countedLines(argv.slice(2), pipe)
          : argv[0] === 'printf' && pipe?.[0] === 'sed'
            ? (nthLine(argv.slice(2), pipe) ?? '')
            : argv[0] === 'az'
              ? azAnswer(argv.slice(1), inputs, rbacCount)
              : argv[0] === 'kubectl'
                ? kubectlAnswer(argv.slice(1), inputs)
                : argv[0] === 'sqlcmd'
                  ? sqlcmdAnswer(argv.slice(1))
                  : '';
      // A lookup piped through tr '[:upper:]' '[:lower:]' (resource ids compared in lower case): GNU tr maps
      // single bytes, so only ASCII letters change, whatever the locale.
      const lowered =
        pipe?.[0] === 'tr' && pipe[1] === '[:upper:]' && pipe[2] === '[:lower:]'
          ? output.replace(/[A-Z]/g, (letter) => letter.toLowerCase())
          : output;
      values.set(command.captureTo, lowered.replace(/\n+$/, ''));
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
      // As the rendered `while read` loop: once for each non-empty line of the list.
      else if (line.kind === 'each-line') {
        for (const item of (values.get(line.list) ?? '').split('\n').filter((text) => text !== '')) {
          values.set(line.item, item);
          runLines(line.lines);
        }
      }
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
export function grouped(calls: readonly string[][], sizes: readonly number[]): string[][][] {
  const groups: string[][][] = [];
  let next = 0;
  for (const size of sizes) {
    groups.push(calls.slice(next, next + size));
    next += size;
  }
  if (next < calls.length) groups.push(calls.slice(next));
  return groups.map(sortGroup);
}

export const sortGroup = (group: string[][]): string[][] =>
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

export function writtenFiles(script: Script): WriteFile[] {
  return script.steps.flatMap((step) =>
    step.lines.filter((line): line is WriteFile => line.kind === 'write-file'),
  );
}

/** The answers that let every check of the script pass: each vault reports the model the user chose. */
export function stubInputs(
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
    // az prints a client id in lower case (as Microsoft.ManagedIdentity returns it); the script compares the
    // typed one lower-cased (setup/user-identity.ts).
    clientId: config.clientId.toLowerCase(),
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
export function checkScript(config: WizardConfig, captured?: Readonly<Record<CapturedQuery, string>>): void {
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
export function checkTeardown(
  config: WizardConfig,
  captured?: Readonly<Record<CapturedQuery, string>>,
): void {
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
