/**
 * The Web App teardown removes the daprd sidecar only while it is the setup's (name, image and start-up
 * command as written) and restarts the app only then; a sidecar of that name with another command is kept
 * and named. Runs the setup and teardown in the fake cloud.
 */
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { DAPRD_IMAGE } from '../../catalog/dapr';
import { parseShareLink } from '../../model/url-state';
import { removeFakeCloudRuns, runWithFakeCloud } from '../../test-support/fake-cloud/run';
import type { FakeCloudState } from '../../test-support/fake-cloud/seed';
import { seedFromPlan } from '../../test-support/fake-cloud/seed-from-plan';
import { buildSetupScript } from '../az-script';
import { buildPlan } from '../plan/build-plan';
import { buildTeardownScript } from '../teardown/teardown-script';
import { toBash } from '../to-bash';

afterAll(removeFakeCloudRuns);

const FAKE_AZ = fileURLToPath(new URL('../../test-support/fake-cloud/bin/az', import.meta.url));
const wrapperDirs: string[] = [];
afterAll(() => {
  for (const dir of wrapperDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/**
 * A PATH entry whose az fails the `which`-th `az webapp sitecontainers list` (1 or 2) and hands every other
 * call to the fake cloud's az: one of the teardown's two lists failing alone, as a passing network or
 * throttling fault can make it.
 */
function sidecarListFails(which: 1 | 2): string {
  const dir = mkdtempSync(join(tmpdir(), 'az-first-list-fails-'));
  wrapperDirs.push(dir);
  const az = join(dir, 'az');
  writeFileSync(
    az,
    [
      '#!/bin/bash',
      'if [ "$1 $2 $3" = "webapp sitecontainers list" ]; then',
      '  echo >> "$0.lists"',
      '  if [ "$(wc -l < "$0.lists")" = ' + String(which) + ' ]; then',
      '    echo "ERROR: The command failed with an unexpected error." >&2',
      '    exit 1',
      '  fi',
      'fi',
      `exec ${JSON.stringify(FAKE_AZ)} "$@"`,
      '',
    ].join('\n'),
  );
  chmodSync(az, 0o755);
  return dir;
}

const WEBAPP =
  'host=webapp&resourceGroup=rg-orders&hostName=orders-web&appId=orders-web&m.vaultName=kv-orders&appPort=8080';

type Sidecars = Record<string, { startUpCommand?: string }>;

const sidecarsOf = (state: FakeCloudState): Sidecars =>
  (state.resources.find((resource) => resource.name === 'orders-web')?.['sitecontainers'] ?? {}) as Sidecars;

const ran = (calls: readonly { program: string; argv: readonly string[] }[], words: string) =>
  calls.filter((call) => call.program === 'az' && call.argv.join(' ').startsWith(words)).length;

function setUp(): { teardown: string; after: FakeCloudState } {
  const plan = buildPlan(parseShareLink('', WEBAPP).config);
  const setup = runWithFakeCloud(toBash(buildSetupScript(plan)), seedFromPlan(plan));
  expect(setup.status, setup.stderr).toBe(0);
  return { teardown: toBash(buildTeardownScript(plan)), after: setup.stateAfter };
}

describe('Web App teardown: the daprd sidecar', { timeout: 180_000 }, () => {
  it("removes the setup's sidecar and restarts the app once; a second run finds none and restarts nothing", () => {
    const { teardown, after } = setUp();
    expect(Object.keys(sidecarsOf(after))).toEqual(['daprd']);
    const down = runWithFakeCloud(teardown, after);
    expect(down.status, down.stderr).toBe(0);
    expect(sidecarsOf(down.stateAfter)).toEqual({});
    expect(ran(down.calls, 'webapp sitecontainers delete')).toBe(1);
    expect(ran(down.calls, 'webapp restart')).toBe(1);
    const again = runWithFakeCloud(teardown, down.stateAfter);
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout).toContain('No daprd sidecar on the web app orders-web: none is removed.');
    expect(ran(again.calls, 'webapp sitecontainers delete')).toBe(0);
    expect(ran(again.calls, 'webapp restart')).toBe(0);
  });

  it('keeps a daprd sidecar whose start-up command is not the one the setup wrote, and says so', () => {
    const { teardown, after } = setUp();
    const changed = JSON.parse(
      JSON.stringify(after).replace('--app-port 8080', '--app-port 9090'),
    ) as FakeCloudState;
    expect(sidecarsOf(changed)['daprd']?.startUpCommand).toContain('--app-port 9090');
    const down = runWithFakeCloud(teardown, changed);
    expect(down.status, down.stderr).toBe(0);
    expect(sidecarsOf(down.stateAfter)).toEqual(sidecarsOf(changed));
    expect(down.stdout).toContain('Kept: the sidecar container daprd of the web app orders-web');
    expect(ran(down.calls, 'webapp sitecontainers delete')).toBe(0);
    expect(ran(down.calls, 'webapp restart')).toBe(0);
  });
});

describe('Web App teardown: a sidecar of another daprd version', { timeout: 180_000 }, () => {
  const withImage = (state: FakeCloudState, image: string): FakeCloudState =>
    JSON.parse(JSON.stringify(state).replace(DAPRD_IMAGE, image)) as FakeCloudState;

  it('removes the sidecar a setup of an earlier release wrote with an older daprd image', () => {
    const { teardown, after } = setUp();
    const older = withImage(after, 'ghcr.io/dapr/daprd:1.14.0');
    expect(JSON.stringify(older)).toContain('ghcr.io/dapr/daprd:1.14.0');
    const down = runWithFakeCloud(teardown, older);
    expect(down.status, down.stderr).toBe(0);
    expect(sidecarsOf(down.stateAfter)).toEqual({});
    expect(ran(down.calls, 'webapp sitecontainers delete')).toBe(1);
  });

  it('keeps a daprd sidecar of another image, and says so', () => {
    const { teardown, after } = setUp();
    const other = withImage(after, 'registry.example.com/dapr/daprd:1.18.3');
    const down = runWithFakeCloud(teardown, other);
    expect(down.status, down.stderr).toBe(0);
    expect(Object.keys(sidecarsOf(down.stateAfter))).toEqual(['daprd']);
    expect(down.stdout).toContain('Kept: the sidecar container daprd of the web app orders-web');
    expect(ran(down.calls, 'webapp sitecontainers delete')).toBe(0);
  });
});

describe('Web App teardown: when only one of the two sidecar lists fails', { timeout: 180_000 }, () => {
  it("removes the setup's sidecar found by the other list and does not also say it was not removed", () => {
    const { teardown, after } = setUp();
    const down = runWithFakeCloud(teardown, after, {
      env: { PATH: `${sidecarListFails(1)}:/usr/local/bin:/usr/bin:/bin` },
    });
    expect(down.status, down.stderr).toBe(0);
    expect(sidecarsOf(down.stateAfter)).toEqual({});
    expect(ran(down.calls, 'webapp sitecontainers delete')).toBe(1);
    expect(down.stdout).not.toContain('Not removed: the daprd sidecar');
  });

  it("keeps the sidecar and says it was not removed when the list of the setup's sidecars fails", () => {
    const { teardown, after } = setUp();
    const down = runWithFakeCloud(teardown, after, {
      env: { PATH: `${sidecarListFails(2)}:/usr/local/bin:/usr/bin:/bin` },
    });
    expect(down.status, down.stderr).toBe(0);
    expect(Object.keys(sidecarsOf(down.stateAfter))).toEqual(['daprd']);
    expect(ran(down.calls, 'webapp sitecontainers delete')).toBe(0);
    expect(down.stdout).toContain(
      'Not removed: the daprd sidecar of the web app orders-web, because its sidecars could not be listed',
    );
  });
});

describe('Web App teardown: when the sidecars cannot be listed', () => {
  const plan = buildPlan(parseShareLink('', WEBAPP).config);
  const teardown = toBash(buildTeardownScript(plan));

  it('states the Azure CLI 2.70 minimum in the header, as the setup does', () => {
    expect(teardown).toContain('Needs Azure CLI 2.70 or later (the first with `az webapp sitecontainers`).');
  });

  it('says the sidecar is not removed, with the delete and the restart, on an empty count', () => {
    const branch = teardown.slice(teardown.indexOf(`if [ "$SIDECARS_NAMED" = '' ]; then`));
    expect(branch.split('\nfi\n')[0]).toContain(
      'Not removed: the daprd sidecar of the web app orders-web, because its sidecars could not be listed',
    );
    expect(branch.split('\nfi\n')[0]).toContain(
      'az webapp sitecontainers delete --name orders-web --resource-group rg-orders --container-name daprd && az webapp restart --name orders-web --resource-group rg-orders',
    );
  });
});
