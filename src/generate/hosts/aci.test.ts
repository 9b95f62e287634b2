/**
 * The existing-group check of the Container Instances script, evaluated the way the Azure CLI evaluates it:
 * its own jmespath and its own tsv printer (knack), on group listings shaped like `az container list` output
 * (the SDK model's names, e.g. memoryInGb). Without azure-cli's Python this says so in one line, as the az
 * parser test does, and checks the query's shape only.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { defaultConfig, type WizardConfig } from '../../model/config';
import { buildAzScript } from '../az-script';
import { type Command } from '../script-model';
import { commandsOf } from '../script-queries';

const config: WizardConfig = {
  ...defaultConfig(),
  host: 'aci',
  resourceGroup: 'rg-orders',
  hostName: 'orders-group',
  location: 'westeurope',
  appId: 'orders',
  image: 'nginx',
};

const script = buildAzScript(config);

function listCommand(): Command {
  const found = commandsOf(script).find(
    (command) => command.argv[1] === 'container' && command.argv[2] === 'list',
  );
  if (!found) throw new Error('no az container list in the ACI script');
  return found;
}

function queryOf(command: Command): string {
  const at = command.argv.indexOf('--query');
  const word = command.argv[at + 1];
  if (word === undefined || typeof word === 'string' || !('join' in word))
    throw new Error('no literal query');
  const parts = word.join.filter((part): part is string => typeof part === 'string');
  if (parts.length !== word.join.length) throw new Error('the query names a variable');
  return parts.join('');
}

/** The interpreter azure-cli runs with, from the az launcher's first line. */
function azurePython(): string | undefined {
  const az = spawnSync('bash', ['-c', 'command -v az'], { encoding: 'utf8' }).stdout.trim();
  if (!az.startsWith('/')) return undefined;
  const first = readFileSync(az, 'latin1').split('\n')[0] ?? '';
  const python = /^#!\s*(?:\S*\/env\s+)?(\S*python[\d.]*)\s*$/.exec(first)?.[1];
  if (python === undefined) return undefined;
  const probe = spawnSync(python, ['-c', 'import jmespath, knack.output'], { encoding: 'utf8' });
  return probe.status === 0 ? python : undefined;
}

const EVALUATE = [
  'import json, sys, jmespath',
  'from knack.output import format_tsv',
  'from knack.util import CommandResultItem',
  'query, groups = sys.argv[1], json.loads(sys.argv[2])',
  'sys.stdout.write(format_tsv(CommandResultItem(jmespath.search(query, groups))))',
].join('\n');

const container = (name: string, cpu: number, memoryInGb: number, gpu?: unknown): unknown => ({
  name,
  resources: { requests: { cpu, memoryInGb, ...(gpu ? { gpu } : {}) } },
});
const group = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  name: 'orders-group',
  osType: 'Linux',
  restartPolicy: 'Always',
  containers: [container('app', 1.0, 1.5), container('daprd', 0.5, 0.5)],
  ...overrides,
});

describe('the ACI existing-group check', () => {
  const command = listCommand();
  const query = queryOf(command);

  it('stops the script only on "false", with the way out in its message', () => {
    expect(command.captureTo).toBe('GROUP_UPDATABLE');
    const step = script.steps.find((candidate) => candidate.lines.includes(command));
    const guardLine = step?.lines.find((line) => line.kind === 'guard');
    expect(guardLine).toMatchObject({ variable: 'GROUP_UPDATABLE', operator: '=', value: 'false' });
    expect(guardLine?.kind === 'guard' ? guardLine.message : '').toContain(
      'az container delete --name orders-group --resource-group rg-orders --yes',
    );
  });

  const python = azurePython();
  const cases: [string, unknown[], string][] = [
    ['no group of that name: nothing', [group({ name: 'other' })], ''],
    [
      'the same settings: the PUT can update it',
      [group(), group({ name: 'other', osType: 'Windows' })],
      'true',
    ],
    ['another restart policy', [group({ restartPolicy: 'Never' })], 'false'],
    ['another OS type', [group({ osType: 'Windows' })], 'false'],
    [
      'more CPU for the app',
      [group({ containers: [container('app', 2, 1.5), container('daprd', 0.5, 0.5)] })],
      'false',
    ],
    [
      'a GPU',
      [
        group({
          containers: [container('app', 1, 1.5, { count: 1, sku: 'V100' }), container('daprd', 0.5, 0.5)],
        }),
      ],
      'false',
    ],
    ['a subnet', [group({ subnetIds: [{ id: '/subscriptions/x/subnets/s' }] })], 'false'],
    ['other containers', [group({ containers: [container('web', 1, 1.5)] })], 'false'],
  ];
  if (python === undefined) {
    it('is evaluated by azure-cli (not installed here: shape only)', () => {
      console.log('aci.test: azure-cli Python not found; the query was not evaluated');
      expect(query).toMatch(/^\[\?name==`"orders-group"`\]\.\[.*\]\[\]$/);
    });
    return;
  }
  it.each(cases)('%s', (_, groups, printed) => {
    const result = spawnSync(python, ['-c', EVALUATE, query, JSON.stringify(groups)], { encoding: 'utf8' });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout.trim()).toBe(printed);
  });
});
