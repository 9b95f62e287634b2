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
 *
 * The stand-ins and runScript() are in src/test-support/shell-stand-ins.ts, the expected calls and files in
 * shell-harness.ts, the hostile values in hostile-values.ts.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOST_IDS } from '../catalog/hosts';
import { defaultComponent, defaultConfig, effectiveIdentity, type WizardConfig } from '../model/config';
import { heldExamples } from '../model/examples';
import { parseShareLink } from '../model/url-state';
import { validateConfig } from '../model/validate';
import { loadGoldenScenarios } from '../test-support/golden';
import { buildAzScript, componentFilePath, FILES_DIR } from './az-script';
import { toBash } from './to-bash';
import {
  installStandIns,
  REALISTIC_CAPTURED,
  removeStandIns,
  runScript,
} from '../test-support/shell-stand-ins';
import {
  checkScript,
  checkTeardown,
  expectedCalls,
  grouped,
  sortGroup,
  stubInputs,
  writtenFiles,
} from '../test-support/shell-harness';
import { capturedAnswers, configArbitrary } from '../test-support/hostile-values';

// Writing the stand-ins looks up each real program with Bash: slow on a loaded machine.
beforeAll(installStandIns, 60_000);
afterAll(removeStandIns);

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
