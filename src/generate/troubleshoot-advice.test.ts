import { describe, expect, it } from 'vitest';
import { matchTroubleshooting, troubleshootingEntry } from '../catalog/troubleshooting';
import { loadGoldenScenarios } from '../test-support/golden';
import { failureMessage, troubleshootingAdvice } from './troubleshoot-advice';

/** The text of every `echo '...' >&2` line of a script that names a troubleshooting entry, with its id. */
function namedFailures(script: string): { id: string; message: string }[] {
  const failures: { id: string; message: string }[] = [];
  for (const line of script.split('\n')) {
    const echo = /^\s*echo '(.*)' >&2$/.exec(line);
    if (!echo?.[1]) continue;
    const message = echo[1].replace(/'\\''/g, "'");
    const named = /More: troubleshoot\.html#([a-z0-9-]+),/.exec(message);
    if (named?.[1]) failures.push({ id: named[1], message });
  }
  return failures;
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
});
