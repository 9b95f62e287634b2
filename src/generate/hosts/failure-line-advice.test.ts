/**
 * The advice after Dapr's failed-init line: the entries likely for a component, and the script lines that pick
 * the matching one while the script runs (run with real Bash on lines as daprd writes them).
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { parseShareLink } from '../../model/url-state';
import { buildPlan } from '../plan/build-plan';
import { command, lit } from '../script-model';
import { toBash } from '../to-bash';
import { COMPONENT_FAILED_ENTRY, failureLineAdvice, fixedTexts, likelyEntries } from './failure-line-advice';

function plan(link: string): ReturnType<typeof buildPlan> {
  return buildPlan(parseShareLink('', link).config);
}

/** Runs the advice lines on one log line and returns what they print. */
function adviceFor(line: string, entries: readonly string[]): string {
  const script = toBash({
    header: [],
    variables: [],
    steps: [
      {
        comment: 'The line under test.',
        lines: [
          command(['printf', '%s', lit(line)], { captureTo: 'FAILED' }),
          ...failureLineAdvice('FAILED', entries),
        ],
      },
    ],
  });
  const result = spawnSync('bash', ['-c', script], { encoding: 'utf8' });
  expect(result.status, result.stderr).toBe(0);
  return result.stdout;
}

const KV_FAILED =
  'time="2026-12-01T10:00:00Z" level=error msg="Failed to init component azurekeyvault (secretstores.azure.keyvault/v1): ' +
  'GET https://kv-orders.vault.azure.net/secrets\\n RESPONSE 403: 403 Forbidden\\n ERROR CODE: Forbidden\\n' +
  ' {\\"error\\":{\\"code\\":\\"Forbidden\\",\\"innererror\\":{\\"code\\":\\"ForbiddenByRbac\\"}}}"';

describe('fixedTexts', () => {
  it('keeps strings and plain regular expressions, and drops ones with syntax', () => {
    expect(
      fixedTexts([
        'ForbiddenByRbac',
        { regex: 'authorization failed for specified action: manage' },
        { regex: 'a\\.b' },
      ]),
    ).toEqual(['ForbiddenByRbac', 'authorization failed for specified action: manage']);
  });
});

describe('likelyEntries', () => {
  it('names the identity kind first, then the service', () => {
    const system = plan('#host=aca&m.vaultName=kv-orders');
    const user = plan('#host=aca&identity=user&m.vaultName=kv-orders');
    expect(likelyEntries(system, system.components[0]!)).toEqual([
      'mi-no-default-identity',
      'kv-forbidden-by-rbac',
    ]);
    expect(likelyEntries(user, user.components[0]!)).toEqual([
      'mi-client-id-not-assigned',
      'kv-forbidden-by-rbac',
    ]);
  });

  it('leaves out entries without a fixed text to look for', () => {
    const eventHubs = plan('#host=aca&component=pubsub.azure.eventhubs');
    expect(likelyEntries(eventHubs, eventHubs.components[0]!)).toEqual(['mi-no-default-identity']);
  });
});

describe('the advice lines, run', () => {
  const entries = ['mi-no-default-identity', 'kv-forbidden-by-rbac'];

  it('print the entry whose text the line holds, and not the generic one', () => {
    const printed = adviceFor(KV_FAILED, entries);
    expect(printed).toContain('More: troubleshoot.html#kv-forbidden-by-rbac');
    expect(printed).not.toContain('#mi-no-default-identity');
    expect(printed).not.toContain(`#${COMPONENT_FAILED_ENTRY}`);
  });

  it('match without regard to case', () => {
    const printed = adviceFor(
      'Failed to init component kv (x/v1): NO DEFAULT IDENTITY IS ASSIGNED TO THIS RESOURCE',
      entries,
    );
    expect(printed).toContain('#mi-no-default-identity');
  });

  it('print the generic entry for an error no entry names', () => {
    const printed = adviceFor(
      'Failed to init component kv (x/v1): dial tcp: lookup kv-orders.vault.azure.net: no such host',
      entries,
    );
    expect(printed).toContain(`More: troubleshoot.html#${COMPONENT_FAILED_ENTRY}`);
    expect(printed).not.toContain('#kv-forbidden-by-rbac');
  });
});
