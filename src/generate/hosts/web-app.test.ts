import { afterAll, describe, expect, it } from 'vitest';
import { defaultComponent, defaultConfig, type WizardConfig } from '../../model/config';
import { parseShareLink } from '../../model/url-state';
import { removeFakeCloudRuns, runWithFakeCloud } from '../../test-support/fake-cloud/run';
import { seedFromPlan } from '../../test-support/fake-cloud/seed-from-plan';
import { toBash } from '../to-bash';
import { buildPlan } from '../plan/build-plan';
import { type Command, type Word } from '../script-model';
import { commandsOf } from '../script-queries';
import { buildSetupScript } from '../az-script';
import { pinnedDaprNote } from './web-app';
import { daprdStartupCommand, WEBAPP_RESOURCES_PATH } from './web-app-sidecar';

function config(overrides: Partial<WizardConfig>): WizardConfig {
  return {
    ...defaultConfig(),
    resourceGroup: 'rg-orders',
    hostName: 'orders',
    appId: 'orders',
    components: [
      { ...defaultComponent('secretstores.azure.keyvault'), name: 'secrets' },
      { ...defaultComponent('secretstores.azure.keyvault'), name: 'more-secrets' },
    ],
    ...overrides,
  };
}

const text = (word: Word): string =>
  typeof word === 'string' ? word : 'variable' in word ? `$${word.variable}` : word.join.map(text).join('');

function commands(overrides: Partial<WizardConfig>): string[][] {
  return commandsOf(buildSetupScript(buildPlan(config(overrides)))).map((line: Command) =>
    line.argv.map(text),
  );
}

const named = (all: string[][], prefix: string): string[][] =>
  all.filter((argv) => argv.slice(0, prefix.split(' ').length).join(' ') === prefix);

const flag = (argv: readonly string[], name: string): string | undefined => argv[argv.indexOf(name) + 1];

describe('Web App: daprd as a sidecar', () => {
  it('starts /daprd itself (the image has no entrypoint), reading the folder the files are copied to', () => {
    const command = daprdStartupCommand(buildPlan(config({ host: 'webapp' })));
    expect(command.split(' ')).toEqual([
      '/daprd',
      '--app-id',
      'orders',
      '--resources-path',
      WEBAPP_RESOURCES_PATH,
      '--dapr-http-port',
      '3500',
    ]);
    expect(daprdStartupCommand(buildPlan(config({ host: 'webapp', appPort: '8080' })))).toMatch(
      / --app-port 8080$/,
    );
  });

  it('copies every component under /home, outside the served wwwroot, before adding the sidecar and restarting', () => {
    const all = commands({ host: 'webapp' });
    const deploys = named(all, 'az webapp deploy');
    expect(deploys.map((argv) => flag(argv, '--target-path'))).toEqual([
      `${WEBAPP_RESOURCES_PATH}/secrets.yaml`,
      `${WEBAPP_RESOURCES_PATH}/more-secrets.yaml`,
    ]);
    // Kudu on Linux takes an absolute lib path only under /home/site/libs/ (a static one only under wwwroot).
    expect(deploys.map((argv) => flag(argv, '--type'))).toEqual(['lib', 'lib']);
    expect(WEBAPP_RESOURCES_PATH.startsWith('/home/site/libs/')).toBe(true);
    const sidecar = named(all, 'az webapp sitecontainers create');
    expect(sidecar).toHaveLength(1);
    expect(flag(sidecar[0] ?? [], '--is-main')).toBe('false');
    expect(flag(sidecar[0] ?? [], '--startup-cmd')).toMatch(/^\/daprd /);
    const order = ['az webapp deploy', 'az webapp sitecontainers create', 'az webapp restart'].map((prefix) =>
      all.findIndex((argv) => argv.join(' ').startsWith(prefix)),
    );
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(order.every((index) => index >= 0)).toBe(true);
  });
});

describe('pinnedDaprNote', () => {
  const sqlV2 = { host: 'webapp' as const, components: [defaultComponent('state.sqlserver', 'v2')] };

  it('says the pinned daprd meets what the components need', () => {
    const [line] = pinnedDaprNote(buildPlan(config(sqlV2)));
    expect(line).toMatchObject({ kind: 'note' });
    expect(line?.kind === 'note' ? line.text : '').toMatch(
      /^The sidecar runs Dapr 1\.18\.3 .*state\.sqlserver v2/,
    );
  });

  it('says nothing when every supported Dapr meets the need', () => {
    expect(pinnedDaprNote(buildPlan(config({ host: 'webapp' })))).toEqual([]);
  });

  it('refuses a pin older than the need', () => {
    const plan = {
      ...buildPlan(config(sqlV2)),
      daprNeed: { version: '99.0' as const, reason: 'x needs it' },
    };
    expect(() => pinnedDaprNote(plan)).toThrow(/older than Dapr 99\.0/);
  });
});

afterAll(removeFakeCloudRuns);

describe('Web App: an app that cannot take the sidecar stops the script before anything changes', () => {
  const link =
    'host=webapp&identity=user&resourceGroup=rg-orders&hostName=orders-web&identityName=id-orders&appId=orders-web&m.vaultName=kv-orders';
  const plan = buildPlan(parseShareLink('', link).config);
  const script = toBash(buildSetupScript(plan));
  const seed = seedFromPlan(plan);
  const withApp = (fields: Record<string, unknown>) => ({
    ...seed,
    resources: seed.resources.map((resource) =>
      resource.name === 'orders-web' ? { ...resource, ...fields } : resource,
    ),
  });

  it.each([
    ['a Windows app', { kind: 'app' }, 'is not a Linux app'],
    [
      'a single custom container',
      { siteConfig: { linuxFxVersion: 'DOCKER|example.azurecr.io/app:1' } },
      'runs a single custom container',
    ],
  ])(
    '%s: no user-assigned identity is created',
    (_name, fields, message) => {
      const run = runWithFakeCloud(script, withApp(fields));
      expect(run.status).toBe(1);
      expect(run.stderr).toContain(message);
      expect(run.calls.map((call) => call.argv.slice(0, 2).join(' '))).not.toContain('identity create');
      expect(run.stateAfter.resources).toEqual(run.stateBefore.resources);
    },
    60_000,
  );
});
