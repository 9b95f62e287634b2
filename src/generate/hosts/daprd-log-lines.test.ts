/**
 * The printed grep keeps exactly the load and failure lines of the named components, as daprd writes them
 * (dapr/dapr pkg/runtime/processor/components.go), and not those of a component whose name only starts the
 * same; checked with the real grep through Bash.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { componentLogGrep } from './daprd-log-lines';

const DAPRD_LOG = [
  'time="2026-01-01T00:00:00Z" level=info msg="Component loaded: statestore (state.azure.blobstorage/v2)" app_id=orders',
  'time="2026-01-01T00:00:01Z" level=info msg="Component loaded: statestore2 (state.azure.tablestorage/v1)" app_id=orders',
  'time="2026-01-01T00:00:02Z" level=error msg="Failed to init component pubsub (pubsub.azure.servicebus.topics/v1): 403 Forbidden" app_id=orders',
  'time="2026-01-01T00:00:03Z" level=info msg="Loading component statestore (state.azure.blobstorage/v2)" app_id=orders',
].join('\n');

function grepped(names: readonly string[]): string[] {
  const result = spawnSync('bash', ['-c', componentLogGrep(names)], { input: DAPRD_LOG, encoding: 'utf8' });
  return result.stdout.split('\n').filter((line) => line !== '');
}

describe('componentLogGrep', () => {
  it("keeps a component's load line and another's failure line, with its cause", () => {
    expect(grepped(['statestore', 'pubsub'])).toEqual([
      expect.stringContaining('Component loaded: statestore (state.azure.blobstorage/v2)'),
      expect.stringContaining(
        'Failed to init component pubsub (pubsub.azure.servicebus.topics/v1): 403 Forbidden',
      ),
    ]);
  });

  it('does not keep the line of a component whose name only starts with the one asked for', () => {
    expect(grepped(['statestore']).join('\n')).not.toContain('statestore2');
  });
});
