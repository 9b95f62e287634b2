/**
 * The Key Vault access policy step, run by real Bash against an az stand-in that answers `az keyvault show
 * --query` with real JMESPath (python3-jmespath, as the fake cloud does) over a vault's access policies: the
 * step calls set-policy only when it adds and drops nothing else.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseShareLink } from '../../model/url-state';
import { buildPlan } from '../plan/build-plan';
import { toBash } from '../to-bash';
import { grantSetupStep, grantTeardownStep } from '.';

const PRINCIPAL_ID = '8d1e4c2a-5b3f-4e6d-9a7c-0b1e2f3a4b5c';
const LINK =
  'host=vm&resourceGroup=rg-orders&hostName=vm-orders&appId=orders-api&m.vaultName=kv-orders&kvModel=accesspolicy';

const dir = mkdtempSync(join(tmpdir(), 'kv-policy-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** `az keyvault show --query Q -o tsv` evaluates Q over $VAULT_JSON; every other call is only logged. */
const AZ = [
  '#!/usr/bin/env python3',
  'import json, os, sys, jmespath',
  'args = sys.argv[1:]',
  "open(os.environ['AZ_LOG'], 'a').write(' '.join(args) + '\\n')",
  "if args[:2] == ['keyvault', 'show']:",
  "    value = jmespath.search(args[args.index('--query') + 1], json.loads(os.environ['VAULT_JSON']))",
  '    print(str(value).lower() if isinstance(value, bool) else value)',
  '',
].join('\n');
writeFileSync(join(dir, 'az'), AZ);
chmodSync(join(dir, 'az'), 0o755);

function runPolicyStep(secrets: readonly string[] | undefined, label: string) {
  const plan = buildPlan(parseShareLink('', LINK).config);
  const resolved = plan.grants.find(({ grant }) => grant.kind === 'keyvault-policy');
  if (!resolved) throw new Error('test setup: no Key Vault policy grant');
  const text = toBash({
    header: [],
    variables: [
      { name: 'PRINCIPAL_ID', value: PRINCIPAL_ID },
      { name: 'VAULT_NAME', value: 'kv-orders' },
    ],
    steps: [grantSetupStep(plan, resolved, true)],
  });
  const policies =
    secrets === undefined ? [] : [{ objectId: PRINCIPAL_ID, permissions: { keys: ['get'], secrets } }];
  const log = join(dir, `log-${label}`);
  writeFileSync(log, '');
  const result = spawnSync('bash', ['-c', text], {
    encoding: 'utf8',
    env: {
      PATH: `${dir}:/usr/bin:/bin`,
      AZ_LOG: log,
      VAULT_JSON: JSON.stringify({ properties: { accessPolicies: policies } }),
    },
  });
  const setPolicy = readFileSync(log, 'utf8')
    .split('\n')
    .filter((call) => call.startsWith('keyvault set-policy'));
  return { ...result, setPolicy };
}

describe('the Key Vault access policy step', () => {
  it('adds the entry when the identity has none', () => {
    const run = runPolicyStep(undefined, 'none');
    expect(run.status, run.stderr).toBe(0);
    expect(run.setPolicy).toEqual([
      `keyvault set-policy --name kv-orders --object-id ${PRINCIPAL_ID} --secret-permissions get list -o none`,
    ]);
  });

  it('completes an entry that holds only some of what is needed', () => {
    const run = runPolicyStep(['get'], 'some');
    expect(run.status, run.stderr).toBe(0);
    expect(run.setPolicy).toHaveLength(1);
  });

  it('leaves an entry alone that already has every permission needed, and more', () => {
    const run = runPolicyStep(['get', 'list', 'set'], 'all');
    expect(run.status, run.stderr).toBe(0);
    expect(run.setPolicy).toEqual([]);
  });

  // Key Vault keeps the case a permission was written in (the portal and azurerm write Get, List). Were the
  // step's JMESPath to look for the CLI's lowercase names only, `contains(@, 'get')` would miss 'Get' and
  // `@ != 'get'` would count 'Get' as another permission: the step would take the entry for one with others and
  // stop (status 1), failing the first case (seen by dropping the other spellings from the script once).
  it("leaves an entry alone that holds the permissions needed in the portal's spelling", () => {
    const run = runPolicyStep(['Get', 'List'], 'capitalised');
    expect(run.status, run.stderr).toBe(0);
    expect(run.setPolicy).toEqual([]);
  });

  it('leaves an entry alone that holds every permission as `all`', () => {
    const run = runPolicyStep(['all'], 'all-word');
    expect(run.status, run.stderr).toBe(0);
    expect(run.setPolicy).toEqual([]);
  });

  it('stops, never dropping them, when the entry has other permissions but lacks one needed', () => {
    const run = runPolicyStep(['set', 'get'], 'others');
    expect(run.status).toBe(1);
    expect(run.setPolicy).toEqual([]);
    expect(run.stderr).toContain('replaces the whole secrets list');
  });
});

/** The teardown step against the same stand-in: whether it deletes the identity's entry. */
function runTeardownStep(secrets: readonly string[], label: string): boolean {
  const plan = buildPlan(parseShareLink('', LINK).config);
  const resolved = plan.grants.find(({ grant }) => grant.kind === 'keyvault-policy');
  const step = resolved && grantTeardownStep(plan, resolved);
  if (!step) throw new Error('test setup: no Key Vault policy teardown step');
  const text = toBash({
    header: [],
    variables: [
      { name: 'PRINCIPAL_ID', value: PRINCIPAL_ID },
      { name: 'VAULT_NAME', value: 'kv-orders' },
    ],
    steps: [step],
  });
  const log = join(dir, `teardown-log-${label}`);
  writeFileSync(log, '');
  const result = spawnSync('bash', ['-c', text], {
    encoding: 'utf8',
    env: {
      PATH: `${dir}:/usr/bin:/bin`,
      AZ_LOG: log,
      VAULT_JSON: JSON.stringify({
        properties: { accessPolicies: [{ objectId: PRINCIPAL_ID, permissions: { secrets } }] },
      }),
    },
  });
  expect(result.status, result.stderr).toBe(0);
  return readFileSync(log, 'utf8').includes('keyvault delete-policy');
}

describe('the Key Vault access policy teardown', () => {
  it('reads the permissions in every spelling the setup accepts, and keeps an entry with more', () => {
    expect(runTeardownStep(['get', 'list'], 'cli')).toBe(true);
    // The portal's and azurerm's spelling: the setup takes it as its own, so the teardown does too.
    expect(runTeardownStep(['Get', 'List'], 'portal')).toBe(true);
    expect(runTeardownStep(['Get', 'List', 'Set'], 'more')).toBe(false);
  });
});
