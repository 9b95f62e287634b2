import { describe, expect, it } from 'vitest';
import { matchTroubleshooting, troubleshootingEntry } from '../catalog/troubleshooting';
import { loadGoldenScenarios } from '../test-support/golden';
import { failureMessage, troubleshootingAdvice, withEntry } from './troubleshoot-advice';

/**
 * What an `echo ... >&2` line prints, as a user would paste it: a single-quoted word as it stands, a
 * double-quoted one with each variable given a sample value (a Dapr release the script read). Undefined for
 * any other line.
 */
function echoedText(line: string): string | undefined {
  const single = /^\s*echo '(.*)' >&2$/.exec(line);
  if (single?.[1] !== undefined) return single[1].replace(/'\\''/g, "'");
  const double = /^\s*echo "(.*)" >&2$/.exec(line);
  if (double?.[1] !== undefined) {
    return double[1].replace(/\$\{\w+\}/g, '1.16.0').replace(/\\([\\"$`])/g, '$1');
  }
  return undefined;
}

/** The entry a failure message names: the id in its "More: troubleshoot.html#<id>," address. */
function namedEntry(message: string): string | undefined {
  return /More: troubleshoot\.html#([a-z0-9-]+),/.exec(message)?.[1];
}

/** The text of every `echo ... >&2` line of a script that names a troubleshooting entry, with its id. */
function namedFailures(script: string): { id: string; message: string }[] {
  const failures: { id: string; message: string }[] = [];
  for (const line of script.split('\n')) {
    const message = echoedText(line);
    const id = message === undefined ? undefined : namedEntry(message);
    if (message !== undefined && id !== undefined) failures.push({ id, message });
  }
  return failures;
}

/** Every line a script prints to stderr right before it exits with status 1: its stop messages. */
function stopMessages(script: string): string[] {
  const lines = script.split('\n');
  return lines.flatMap((line, index) =>
    /^\s*exit 1$/.test(line)
      ? [echoedText(lines[index - 1] ?? '') ?? `(no echo) ${lines[index - 1] ?? ''}`]
      : [],
  );
}

describe('failure messages', () => {
  it('end with the entry’s cause, fix and link, in plain quotes', () => {
    const advice = troubleshootingAdvice('workload-id-not-configured');
    const entry = troubleshootingEntry('workload-id-not-configured');
    expect(advice).toContain('More: troubleshoot.html#workload-id-not-configured');
    expect(advice).toContain(`Fix: ${(entry?.fix ?? 'x').replace(/’/g, "'")}`);
    expect(advice).not.toMatch(/[‘’“”]/);
    expect(failureMessage('It failed.', 'aks-rollout-not-ready')).toMatch(/^It failed\. Likely cause: /);
  });

  it('refuse an entry that does not exist', () => {
    expect(() => troubleshootingAdvice('no-such-entry')).toThrow('No troubleshooting entry no-such-entry');
  });

  it('in every golden setup and teardown script name an entry that a paste of the message finds first', () => {
    let count = 0;
    for (const scenario of loadGoldenScenarios()) {
      const scripts = `${scenario.outputs['setup.sh'] ?? ''}\n${scenario.outputs['teardown.sh'] ?? ''}`;
      for (const { id, message } of namedFailures(scripts)) {
        count += 1;
        expect(troubleshootingEntry(id), `${scenario.name}: ${id}`).toBeDefined();
        expect(matchTroubleshooting(message)[0]?.id, `${scenario.name}: ${message}`).toBe(id);
      }
    }
    // AKS, Container Apps, VM and ACI scripts each stop on such checks.
    expect(count).toBeGreaterThan(40);
  });

  it('name an entry in every stop of every golden setup and teardown script', () => {
    const unnamed = new Set<string>();
    let stops = 0;
    for (const scenario of loadGoldenScenarios()) {
      for (const file of ['setup.sh', 'teardown.sh']) {
        for (const message of stopMessages(scenario.outputs[file] ?? '')) {
          stops += 1;
          if (namedEntry(message) === undefined) unnamed.add(`${scenario.name}/${file}: ${message}`);
        }
      }
    }
    expect([...unnamed]).toEqual([]);
    // Every host's scripts stop on their checks: far more than one per scenario.
    expect(stops).toBeGreaterThan(300);
  });

  it('add only the address to a message that says its own cause and fix', () => {
    expect(withEntry('The vault kv uses Azure RBAC.', 'kv-vault-uses-rbac')).toBe(
      "The vault kv uses Azure RBAC. More: troubleshoot.html#kv-vault-uses-rbac, beside the wizard's page.",
    );
    expect(() => withEntry('x', 'no-such-entry')).toThrow('No troubleshooting entry no-such-entry');
  });
});
