/**
 * Grant kind: a Key Vault access policy, for vaults on the access-policy model (azure-cli.md 2.3). Safe to run
 * again: set-policy finds the entry for the object id and replaces only the permission kinds it is given
 * (keyvault/custom.py set_policy in the installed 2.45), so a second run writes the same entry.
 */
import type { Grant } from '../../catalog/component-spec';
import type { ResolvedGrant } from '../resources';
import type { DeploymentPlan } from '../plan/deployment-plan';
import { capture, cmd, join, v, when, type ScriptLine, type ScriptStep } from '../script-model';

type KeyVaultPolicyGrant = Extract<Grant, { kind: 'keyvault-policy' }>;

export function keyVaultPolicySetupStep(resolved: ResolvedGrant, grant: KeyVaultPolicyGrant): ScriptStep {
  const { resource } = resolved;
  return {
    comment: `Add an access policy on the ${resource.ref.title} ${resource.name} with ${grant.flag} ${grant.permissions.join(' ')}, nothing more, for ${resolved.components.join(', ')}.`,
    lines: [
      cmd(
        'az keyvault set-policy --name',
        v(`${resource.variable}_NAME`),
        '--object-id',
        v('PRINCIPAL_ID'),
        grant.flag,
        ...grant.permissions,
        '-o none',
      ),
    ],
  };
}

export function keyVaultPolicyVerifyLine(resolved: ResolvedGrant, grant: KeyVaultPolicyGrant): ScriptLine {
  const permissions = grant.flag === '--key-permissions' ? 'keys' : 'secrets';
  return cmd(
    'az keyvault show --name',
    v(`${resolved.resource.variable}_NAME`),
    '--query',
    join(
      'properties.accessPolicies[?objectId==',
      "'",
      v('PRINCIPAL_ID'),
      "'",
      `].permissions.${permissions}[]`,
    ),
    '-o tsv',
  );
}

/** The permission lists of an access policy entry, by the flag that sets each (keyvault/custom.py set_policy). */
const PERMISSION_LISTS: Readonly<Record<KeyVaultPolicyGrant['flag'], string>> = {
  '--secret-permissions': 'secrets',
  '--key-permissions': 'keys',
};
const OTHER_LISTS = ['certificates', 'storage'] as const;

/**
 * `az keyvault delete-policy` removes the object id's whole entry, so the teardown removes it only when the
 * entry holds nothing beyond what the setup's grants on this vault set: each list the setup set has no other
 * permission, and every other list is empty. An entry with more (someone gave the identity more) is kept.
 * The first grant on the vault does it for all of them; later ones give no step.
 */
export function keyVaultPolicyTeardownStep(
  plan: DeploymentPlan,
  resolved: ResolvedGrant,
): ScriptStep | undefined {
  const onVault = plan.grants.filter(
    (other) => other.grant.kind === 'keyvault-policy' && other.resource === resolved.resource,
  );
  if (onVault[0] !== resolved) return undefined;
  const allowed = new Map<string, Set<string>>();
  for (const { grant } of onVault) {
    if (grant.kind !== 'keyvault-policy') continue;
    const list = PERMISSION_LISTS[grant.flag];
    const set = allowed.get(list) ?? new Set<string>();
    for (const permission of grant.permissions) set.add(permission);
    allowed.set(list, set);
  }
  const tests: string[] = [];
  for (const list of [...Object.values(PERMISSION_LISTS), ...OTHER_LISTS]) {
    const permissions = allowed.get(list);
    const others =
      permissions === undefined
        ? `permissions.${list}`
        : `permissions.${list}[?${[...permissions].map((permission) => `@!='${permission}'`).join(' && ')}]`;
    tests.push(`length(${others} || \`[]\`) == \`0\``);
  }
  const { resource } = resolved;
  const found = `${resource.variable}_POLICY_MATCHES`;
  const summary = [...allowed].map(([list, set]) => `${list} ${[...set].join(' ')}`).join(', ');
  return {
    comment: `Remove the identity's access policy on the ${resource.ref.title} ${resource.name} if it holds only what the setup gave (${summary}); one with more is kept.`,
    lines: [
      capture(
        found,
        'az keyvault show --name',
        v(`${resource.variable}_NAME`),
        '--query',
        join(
          'length(properties.accessPolicies[?objectId==',
          "'",
          v('PRINCIPAL_ID'),
          "'",
          ` && ${tests.join(' && ')}])`,
        ),
        '-o tsv',
      ),
      when(found, '=', '1', [
        cmd(
          'az keyvault delete-policy --name',
          v(`${resource.variable}_NAME`),
          '--object-id',
          v('PRINCIPAL_ID'),
          '-o none',
        ),
      ]),
    ],
  };
}
