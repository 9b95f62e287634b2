/**
 * Grant kind: a Key Vault access policy, for vaults on the access-policy model (azure-cli.md 2.3). Safe to run
 * again: set-policy finds the entry for the object id and replaces only the permission kinds it is given
 * (keyvault/custom.py set_policy in the installed 2.45), so a second run writes the same entry.
 */
import type { Grant } from '../../catalog/component-spec';
import type { ResolvedGrant } from '../resources';
import { cmd, join, v, type ScriptLine, type ScriptStep } from '../script-model';

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
