import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { defaultComponent, defaultConfig, type WizardConfig } from '../../model/config';
import { buildPlan } from '../plan/build-plan';
import { type Command } from '../script-model';
import { commandsOf } from '../script-queries';
import { buildSetupScript } from '../az-script';
import { renderWord } from '../bash/quoting';
import { toBash } from '../to-bash';

function config(host: WizardConfig['host']): WizardConfig {
  return {
    ...defaultConfig(),
    host,
    resourceGroup: 'rg-orders',
    hostName: 'orders',
    identityName: 'id-orders',
    components: [defaultComponent('state.sqlserver', 'v2')],
  };
}

/** The command whose output becomes DAPR_VERSION, if the script reads the host's Dapr. */
function versionRead(host: WizardConfig['host']): Command | undefined {
  return commandsOf(buildSetupScript(buildPlan(config(host)))).find(
    (line) => line.captureTo === 'DAPR_VERSION',
  );
}

/** Feeds `output` to the command's pipe (the sed that picks the release), under real Bash. */
function extract(line: Command, output: string): string {
  const pipe = (line.pipeTo ?? []).map(renderWord).join(' ');
  const result = spawnSync('bash', ['-c', `printf '%s' "$1" | ${pipe}`, 'bash', output], {
    encoding: 'utf8',
  });
  expect(result.status, result.stderr).toBe(0);
  return result.stdout.trim();
}

describe('reading the Dapr release the host runs', () => {
  it.each([
    ['ghcr.io/dapr/dapr:1.17.2', '1.17.2'],
    ['mcr.microsoft.com/daprio/dapr:1.16.4-msft.3', '1.16.4'],
    ['myregistry2.azurecr.io:5000/dapr:1.15.0', '1.15.0'],
    ['ghcr.io/dapr/dapr:latest', ''],
  ])('AKS takes the release from the injector image %s', (image, release) => {
    const line = versionRead('aks');
    expect(line?.argv.slice(0, 4)).toEqual(['kubectl', 'get', 'deployment', 'dapr-sidecar-injector']);
    expect(extract(line as Command, image)).toBe(release);
  });

  it.each([
    ['Enable succeeded: \n[stdout]\n1.17.2\n\n[stderr]\n', '1.17.2'],
    ['Enable succeeded: \n[stdout]\n\n[stderr]\n', ''],
  ])('the VM takes the release from the Run Command message %j', (message, release) => {
    const line = versionRead('vm');
    expect(line?.argv.slice(0, 4)).toEqual(['az', 'vm', 'run-command', 'invoke']);
    expect(extract(line as Command, message)).toBe(release);
  });

  it('reads nothing where the plan needs no newer Dapr', () => {
    const plan = buildPlan({ ...config('aks'), components: [defaultComponent('state.sqlserver', 'v1')] });
    expect(commandsOf(buildSetupScript(plan)).some((line) => line.captureTo === 'DAPR_VERSION')).toBe(false);
  });

  it.each([
    ['user', true],
    ['system', false],
  ] as const)(
    'the scale set prints the check to run on each instance, with its names, and with a %s identity %s for Flexible VMs',
    (identity, flexible) => {
      const text = toBash(buildSetupScript(buildPlan({ ...config('vmss'), identity })));
      expect(text).toContain('#   az vmss run-command invoke --name orders --resource-group rg-orders \\');
      // Flexible takes a user-assigned identity only, and its VMs answer az vm run-command, not az vmss's.
      expect(text.includes('#   az vm run-command invoke --resource-group rg-orders --name <vm-name>')).toBe(
        flexible,
      );
      expect(
        text.includes("az vm list --resource-group rg-orders --vmss orders --query '[].name' -o tsv"),
      ).toBe(flexible);
    },
  );
});
