/**
 * The Web App teardown removes the daprd sidecar only while it is the setup's (name, image and start-up
 * command as written) and restarts the app only then; a sidecar of that name with another command is kept
 * and named. Runs the setup and teardown in the fake cloud.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseShareLink } from '../../model/url-state';
import { removeFakeCloudRuns, runWithFakeCloud } from '../../test-support/fake-cloud/run';
import type { FakeCloudState } from '../../test-support/fake-cloud/seed';
import { seedFromPlan } from '../../test-support/fake-cloud/seed-from-plan';
import { buildSetupScript } from '../az-script';
import { buildPlan } from '../plan/build-plan';
import { buildTeardownScript } from '../teardown/teardown-script';
import { toBash } from '../to-bash';

afterAll(removeFakeCloudRuns);

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
