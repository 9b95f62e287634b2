/**
 * Grant kind: a Key Vault access policy, for vaults on the access-policy model (azure-cli.md 2.3).
 * `az keyvault set-policy` rewrites the whole vault and, for an object id that has an entry, replaces each
 * permission list it is given (keyvault/custom.py set_policy in the installed 2.45: `secrets = ... if
 * secret_permissions is None else secret_permissions`), so a list the user had widened would lose the rest.
 * The step reads the entry first and calls set-policy only when a needed permission is missing and the list
 * holds nothing else; a list with other permissions stops the script with the command to run by hand, since
 * the script cannot pass the union (its commands take fixed words).
 */
import type { Grant } from '../../catalog/component-spec';
import type { ResolvedGrant } from '../resources';
import type { DeploymentPlan } from '../plan/deployment-plan';
import {
  capture,
  cmd,
  join,
  note,
  stop,
  v,
  when,
  type ScriptLine,
  type ScriptStep,
  type Word,
} from '../script-model';
import { jmesReadValue } from '../jmespath';
import { withEntry } from '../troubleshoot-advice';

type KeyVaultPolicyGrant = Extract<Grant, { kind: 'keyvault-policy' }>;

/** What the identity's entry holds of one permission list, as the step's JMESPath answers it. */
const HELD = 'granted';
const MISSING = 'missing';
const OTHERS = 'others';

/**
 * The spellings a permission is stored in: Key Vault keeps the case it was given (azure-cli#12531 shows wrapKey
 * and wrapkey side by side; the portal and azurerm write Get, List, WrapKey), and JMESPath cannot lower-case,
 * so the check names the CLI's, the lower, the capitalised and the upper spelling.
 */
function spellings(permission: string): string[] {
  const capitalised = permission.charAt(0).toUpperCase() + permission.slice(1);
  return [...new Set([permission, permission.toLowerCase(), capitalised, permission.toUpperCase()])];
}

/**
 * One word for the entry's list: `granted` (every needed permission is there), `missing` (some are not and
 * the list holds nothing else, so set-policy drops nothing) or `others`. JMESPath's `a && b || c` gives b or
 * c (jmespath.org specification, "And Expressions" / "Or Expressions"); no entry reads as an empty list.
 */
function entryStateQuery(resolved: ResolvedGrant, grant: KeyVaultPolicyGrant): Word[] {
  const list = PERMISSION_LISTS[grant.flag];
  const hasAll = grant.permissions
    .map(
      (permission) =>
        `(${[...spellings(permission), 'all', 'All'].map((name) => `contains(@, '${name}')`).join(' || ')})`,
    )
    .join(' && ');
  const onlyNeeded = grant.permissions
    .flatMap(spellings)
    .map((name) => `@ != '${name}'`)
    .join(' && ');
  return [
    'az keyvault show --name',
    v(`${resolved.resource.variable}_NAME`),
    '--query',
    join(
      '(properties.accessPolicies[?objectId==',
      ...jmesReadValue('PRINCIPAL_ID'),
      `].permissions.${list}[] || \`[]\`) | (${hasAll}) && '${HELD}' || (length(@[?${onlyNeeded}]) == \`0\` && '${MISSING}' || '${OTHERS}')`,
    ),
    '-o tsv',
  ];
}

export function keyVaultPolicySetupStep(resolved: ResolvedGrant, grant: KeyVaultPolicyGrant): ScriptStep {
  const { resource } = resolved;
  const state = `${resource.variable}_POLICY_STATE`;
  const list = PERMISSION_LISTS[grant.flag];
  return {
    comment: `Add an access policy on the ${resource.ref.title} ${resource.name} with ${grant.flag} ${grant.permissions.join(' ')}, nothing more, for ${resolved.components.join(', ')}, unless the identity has them there.`,
    lines: [
      capture(state, ...entryStateQuery(resolved, grant)),
      when(state, '=', MISSING, [
        cmd(
          'az keyvault set-policy --name',
          v(`${resource.variable}_NAME`),
          '--object-id',
          v('PRINCIPAL_ID'),
          grant.flag,
          ...grant.permissions,
          '-o none',
        ),
      ]),
      when(state, '=', OTHERS, [
        stop(
          withEntry(
            `The identity's access policy on ${resource.name} has other ${list} permissions but not all of ${grant.permissions.join(' ')}, and az keyvault set-policy replaces the whole ${list} list, so the script does not run it. Fix: run az keyvault set-policy --name ${resource.name} --object-id <the identity's principal id> ${grant.flag} <the ${list} permissions it has> ${grant.permissions.join(' ')} (az keyvault show --name ${resource.name} --query "properties.accessPolicies[?objectId=='<principal id>'].permissions" lists them), then run this script again.`,
            'kv-access-policy-partial',
          ),
        ),
      ]),
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
      ...jmesReadValue('PRINCIPAL_ID'),
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
 * The setup leaves no mark on an entry: one it completed (the identity held some of these permissions
 * before, and set-policy added the rest) holds exactly the same, cannot be told apart, and goes too; the step
 * says so. The first grant on the vault does it for all of them; later ones give no step.
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
        : // Every spelling the setup accepts as the permission (spellings()), so the two agree on "only these".
          `permissions.${list}[?${[...permissions]
            .flatMap(spellings)
            .map((permission) => `@!='${permission}'`)
            .join(' && ')}]`;
    tests.push(`length(${others} || \`[]\`) == \`0\``);
  }
  const { resource } = resolved;
  const found = `${resource.variable}_POLICY_MATCHES`;
  const summary = [...allowed].map(([list, set]) => `${list} ${[...set].join(' ')}`).join(', ');
  return {
    comment: `Remove the identity's access policy on the ${resource.ref.title} ${resource.name} if it holds only what the setup gave (${summary}); one with more is kept.`,
    lines: [
      note(
        'If the identity held some of these permissions before the setup (which added the rest), the entry cannot be\n' +
          'told apart from one the setup made and is removed too: give those permissions back with az keyvault set-policy.',
      ),
      capture(
        found,
        'az keyvault show --name',
        v(`${resource.variable}_NAME`),
        '--query',
        join(
          'length(properties.accessPolicies[?objectId==',
          ...jmesReadValue('PRINCIPAL_ID'),
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
