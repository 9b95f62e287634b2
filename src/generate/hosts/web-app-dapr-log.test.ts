/**
 * The printed read of daprd's log on the Web App, run through Bash against a stand-in `az` that prints as the
 * real one does: each streamed chunk through the CLI's warning logger, on stderr, as "WARNING: <chunk>"
 * (custom.py _get_log, knack log.py; web-app-dapr-log.ts). The real command never ends by itself; the
 * stand-in ends after its lines, which is all a pipe of them needs.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nameAndGroupToPaste } from '../setup/steps';
import { sidecarLogCommand, sidecarLogNote } from './web-app-dapr-log';

const APP_ARGS = nameAndGroupToPaste('orders-web', 'rg-orders');

const DAPRD_LOG = [
  'time="2026-01-01T00:00:00Z" level=info msg="Loading component statestore (state.azure.blobstorage/v2)"',
  'time="2026-01-01T00:00:01Z" level=info msg="Component loaded: statestore (state.azure.blobstorage/v2)"',
  'time="2026-01-01T00:00:02Z" level=error msg="Failed to init component pubsub (pubsub.azure.servicebus.topics/v1): 403 Forbidden"',
];

/**
 * A stand-in `az` (a Bash function) that records its words, one a line, and writes the log to stderr; with
 * AZ_ERROR set it writes that line to stderr instead, as the CLI writes its errors, and fails.
 */
const STAND_IN = [
  'az() {',
  '  printf "%s\\n" "$@" > "$ARGS_FILE"',
  '  if [ -n "${AZ_ERROR:-}" ]; then printf "%s\\n" "$AZ_ERROR" >&2; return 1; fi',
  '  while IFS= read -r line; do printf "WARNING: %s\\n" "$line" >&2; done <<< "$DAPRD_LOG"',
  '}',
].join('\n');

/** Runs a pasted command line in a shell that has none of the script's variables, as the user's has not. */
function run(commandLine: string, azError = '') {
  const dir = mkdtempSync(join(tmpdir(), 'web-app-dapr-log-'));
  const argsFile = join(dir, 'az-args');
  try {
    const result = spawnSync('bash', ['--norc', '--noprofile', '-c', `${STAND_IN}\n${commandLine}`], {
      encoding: 'utf8',
      env: {
        PATH: process.env['PATH'] ?? '',
        ARGS_FILE: argsFile,
        DAPRD_LOG: DAPRD_LOG.join('\n'),
        AZ_ERROR: azError,
      },
    });
    return {
      lines: result.stdout.split('\n').filter((line) => line !== ''),
      azWords: readFileSync(argsFile, 'utf8').split('\n').slice(0, -1),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('sidecarLogCommand', () => {
  it("finds a component's load line and another's failure line in the log the CLI writes to stderr", () => {
    expect(run(sidecarLogCommand(['statestore', 'pubsub'], APP_ARGS)).lines).toEqual([
      expect.stringContaining('Component loaded: statestore (state.azure.blobstorage/v2)'),
      expect.stringContaining(
        'Failed to init component pubsub (pubsub.azure.servicebus.topics/v1): 403 Forbidden',
      ),
    ]);
  });

  it.each([
    // _get_log's error on its thread when the SCM site does not answer 200 (custom.py).
    "knack.util.CLIError: Failed to connect to 'https://orders-web.scm.azurewebsites.net/api/sitecontainers/daprd/logs' with status code '404' and reason 'Not Found'",
    // An error of the command itself, as knack prints it.
    "ERROR: (ResourceNotFound) The Resource 'Microsoft.Web/sites/w' under resource group 'g' was not found.",
  ])("keeps the CLI's own error, which 2>&1 sends into the pipe: %s", (error) => {
    expect(run(sidecarLogCommand(['statestore'], APP_ARGS), error).lines).toEqual([error]);
  });

  it('would find nothing without 2>&1: the CLI prints the log on stderr, not stdout', () => {
    const withoutRedirect = sidecarLogCommand(['statestore'], APP_ARGS).replace(' 2>&1 |', ' |');
    expect(withoutRedirect).not.toContain('2>&1');
    expect(run(withoutRedirect).lines).toEqual([]);
  });

  it('names the daprd container, and passes the app and group as one word each, however they read', () => {
    const hostile = 'web $(touch /tmp/pwned) "; x';
    const { azWords } = run(sidecarLogCommand(['statestore'], nameAndGroupToPaste(hostile, "rg 'a'")));
    expect(azWords).toEqual([
      'webapp',
      'sitecontainers',
      'log',
      '--name',
      hostile,
      '--resource-group',
      "rg 'a'",
      '--container-name',
      'daprd',
    ]);
  });
});

describe('sidecarLogNote', () => {
  it('says the command does not end by itself, and what is not confirmed about it', () => {
    const text = sidecarLogNote(['statestore'], APP_ARGS);
    expect(text).toContain('does not end by');
    expect(text).toContain('Ctrl+C');
    expect(text).toContain('not even when the stream fails');
    expect(text).toContain('confirmed: that it shows lines logged before it started');
    expect(text).toContain(sidecarLogCommand(['statestore'], APP_ARGS));
  });
});
