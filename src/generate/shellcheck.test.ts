/**
 * Every golden script passes ShellCheck at warning level: unused or unquoted variables and the like are
 * mistakes a user pasting the script would inherit. ShellCheck is Debian's `shellcheck` (.ci/run installs it);
 * on a machine without it the test says so in one line, and under CI it fails instead.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GOLDEN_DIR, loadGoldenScenarios } from '../test-support/golden';

const shellcheckFound = spawnSync('shellcheck', ['--version']).status === 0;
const scripts = loadGoldenScenarios().flatMap((scenario) =>
  Object.keys(scenario.outputs)
    .filter((name) => name.endsWith('.sh'))
    .map((name) => join(scenario.name, name)),
);

describe('golden scripts under ShellCheck', () => {
  it('have no warnings', () => {
    expect(scripts.length).toBeGreaterThan(0);
    if (!shellcheckFound) {
      if (process.env.CI)
        throw new Error('CI is set but shellcheck is not on PATH (apt-get install shellcheck)');
      console.log(
        `shellcheck not found: ${scripts.length} golden scripts not checked (apt-get install shellcheck)`,
      );
      return;
    }
    const result = spawnSync(
      'shellcheck',
      ['--severity=warning', '--format=gcc', ...scripts.map((script) => join(GOLDEN_DIR, script))],
      { encoding: 'utf8' },
    );
    expect(result.stdout).toBe('');
    expect(result.status).toBe(0);
    // One ShellCheck run over every golden script: seconds on an idle machine, far more on a loaded one.
  }, 300_000);
});
