/**
 * Teardown building blocks the host modules share: reading a system-assigned principal without changing
 * anything, and taking an identity off the host only where the teardown can tell the setup put it there.
 */
import type { DeploymentPlan } from '../plan/deployment-plan';
import {
  cmd,
  command,
  join,
  lit,
  printLine,
  v,
  when,
  words,
  type Command,
  type Conditional,
  type ScriptLine,
  type ScriptStep,
} from '../script-model';
import { CREATED_BY_TAG_VALUE, ROLE_ASSIGNMENT_DESCRIPTION } from '../setup/provenance';
import { RG } from '../setup/steps';
import { setupCreatesNoIdentity } from './identity';
import { unlessRoleKept } from './kept-role';
import { jmesReadValue } from '../jmespath';

/** Set by the user to delete the user-assigned identity the setup created. */
export const DELETE_IDENTITY = 'DELETE_IDENTITY';
/** Set by the user to turn off the host's system-assigned identity. */
export const REMOVE_SYSTEM_IDENTITY = 'REMOVE_SYSTEM_IDENTITY';
/** The created-by tag of the user-assigned identity, read by the teardown (empty: not the setup's). */
export const IDENTITY_CREATED_BY = 'IDENTITY_CREATED_BY';

/** `--name "$HOST" --resource-group "$RESOURCE_GROUP"` for the host resource. */
export function hostArgs(plan: DeploymentPlan): (string | ReturnType<typeof v>)[] {
  return ['--name', v(plan.host.hostNameVariable), ...RG];
}

/**
 * The host's system-assigned principal, empty when it has none: `show` prints the resource's identity block
 * (identity.principalId) for VMs, scale sets, web and function apps and container apps alike.
 */
export function readSystemPrincipalStep(plan: DeploymentPlan, group: string): ScriptStep {
  return {
    comment: `Read the ${plan.host.noun}'s system-assigned principal id (empty if it has none, or once the ${plan.host.noun} is gone): the grants below are looked up by it.`,
    lines: [
      // Tolerant: a host deleted before the teardown leaves nothing granted to find, and the rest still runs.
      command(words(`az ${group} show`, ...hostArgs(plan), '--query identity.principalId -o tsv'), {
        captureTo: 'PRINCIPAL_ID',
        tolerateFailure: true,
      }),
      ...systemPrincipalMissingLines(plan),
    ],
  };
}

/**
 * No system-assigned principal: every grant step is skipped, so the script says why, and that grants to the
 * identity the host had at the setup stay if it was deleted or turned off since (a role assignment outlives
 * its principal: Azure lists it with the principal unknown). Role assignments carry the setup's
 * description, which `az role assignment list --all` (the whole subscription: role/_params.py show_all)
 * prints back; the other grants name the former principal id in their own lists.
 */
export function systemPrincipalMissingLines(plan: DeploymentPlan): ScriptLine[] {
  const lookup = plan.grants.some(({ grant }) => grant.kind === 'rbac')
    ? // principalName is '' for a principal Microsoft Graph no longer finds (azure-cli role/custom.py
      // list_role_assignments), which tells a former identity's rows from live ones of other setups.
      `; its role assignments are the setup's rows with an empty principalName (a principal that is gone): az role assignment list --all --query "[?description=='${ROLE_ASSIGNMENT_DESCRIPTION}'].{principalId: principalId, principalName: principalName, role: roleDefinitionName, scope: scope}" -o table`
    : '.';
  return [
    when('PRINCIPAL_ID', '=', '', [
      printLine(
        `The ${plan.host.noun} ${plan.hostName} is not there, is not readable with your sign-in, or has no system-assigned identity: no grant is looked up or removed. If an earlier teardown removed it, it removed the grants first and nothing is left. If it was deleted or its identity turned off otherwise since the setup, what the setup granted to that identity is kept${lookup}`,
      ),
    ]),
  ];
}

/** How a host's `identity remove` names the system-assigned identity and a user-assigned one. */
export interface IdentityRemoveFlags {
  /** e.g. ['--identities', '[system]'] or ['--system-assigned']. */
  readonly system: readonly string[];
  /** e.g. '--identities' or '--user-assigned'; the identity's resource id follows. */
  readonly user: string;
}

/**
 * 1 when the host lists the identity among its user-assigned ones. Found by principal id, except on a scale
 * set: a Flexible one's GET lists each user-assigned identity with no client or principal id
 * (MicrosoftDocs/azure-compute-docs virtual-machine-scale-sets-orchestration-modes.md, footnote 1), so there
 * by the map's key, the identity's resource id, compared without regard to case (grep -c prints 0 for none).
 */
function attachedLookup(plan: DeploymentPlan, group: string, variable: string): Command {
  if (group === 'vmss') {
    return command(
      words(
        `az ${group} show`,
        ...hostArgs(plan),
        '--query',
        lit('keys(identity.userAssignedIdentities || `{}`)'),
        '-o tsv',
      ),
      {
        captureTo: variable,
        pipeTo: ['grep', '-c', '-i', '-x', '-F', '--', v('IDENTITY_ID')],
        tolerateFailure: true,
      },
    );
  }
  return command(
    words(
      `az ${group} show`,
      ...hostArgs(plan),
      '--query',
      // [x] | [] turns a missing map into [] and the principal ids into a plain list.
      join(
        '[identity.userAssignedIdentities.*.principalId] | [] | [?@==',
        ...jmesReadValue('PRINCIPAL_ID'),
        '] | length(@)',
      ),
      '-o tsv',
    ),
    { captureTo: variable, tolerateFailure: true },
  );
}

/**
 * Takes the identity off the host. A user-assigned identity goes only when the setup created it (its tag),
 * so the setup also attached it, and only while attached (`identity remove` fails for one that is not: vm
 * custom.py _remove_identities, appservice custom.py remove_identity, containerapp custom.py
 * remove_managed_identity); attachment is read by principal id, which the host's identity block lists per
 * user-assigned identity, because the keys' spelling of the resource id differs between services. A
 * system-assigned identity goes only when the user asks (REMOVE_SYSTEM_IDENTITY=1): the teardown cannot tell
 * whether the setup turned it on.
 */
export function removeHostIdentityStep(
  plan: DeploymentPlan,
  group: string,
  flags: IdentityRemoveFlags,
): ScriptStep {
  const remove = `az ${group} identity remove`;
  if (plan.identity.kind === 'system') {
    return {
      comment: `Turn off the ${plan.host.noun}'s system-assigned identity only if you ask (${REMOVE_SYSTEM_IDENTITY}=1): the teardown cannot tell whether the setup turned it on, and every other grant to it stops working.`,
      lines: [
        when(REMOVE_SYSTEM_IDENTITY, '=', '1', [
          when(
            'PRINCIPAL_ID',
            '!=',
            '',
            // A PostgreSQL role kept above signs in as this principal: turned off, the re-run could not find it.
            unlessRoleKept(plan, [cmd(remove, ...hostArgs(plan), ...flags.system, '-o none')]),
          ),
        ]),
      ],
    };
  }
  const attached = 'IDENTITY_ATTACHED';
  // Lines for an identity that existed before the setup: with a client id entered, always; else one
  // without the setup's tag.
  const existedBefore = (lines: Conditional['lines']): Conditional['lines'] =>
    setupCreatesNoIdentity(plan) ? lines : [when(IDENTITY_CREATED_BY, '!=', CREATED_BY_TAG_VALUE, lines)];
  const existedBeforeReason =
    plan.identity.clientId === ''
      ? `it has no createdBy=${CREATED_BY_TAG_VALUE} tag`
      : 'its client id was entered';
  return {
    comment: setupCreatesNoIdentity(plan)
      ? `Leave the user-assigned identity on the ${plan.host.noun}: its client id was entered in the wizard, so it existed before the setup, which may have attached it (the note below says how to take it off).`
      : `Take the user-assigned identity off the ${plan.host.noun} if the setup created it (and so attached it); one that existed before stays attached.`,
    lines: [
      // An identity that is gone has no id to remove or to name in the note: nothing to do then.
      when('IDENTITY_ID', '!=', '', [
        // Tolerant: a host that is gone has nothing attached (empty, or 0).
        attachedLookup(plan, group, attached),
        // With a client id entered the setup created no identity, whatever its tag says (another setup of the
        // wizard may have tagged it): it only attached one that existed, and the note below says so.
        ...(setupCreatesNoIdentity(plan)
          ? []
          : [
              when(IDENTITY_CREATED_BY, '=', CREATED_BY_TAG_VALUE, [
                when(attached, '=', '1', [
                  cmd(remove, ...hostArgs(plan), flags.user, v('IDENTITY_ID'), '-o none'),
                ]),
              ]),
            ]),
        // An identity that existed before (found by its client id, or by name without the setup's tag): the
        // setup attached it all the same, and the teardown, which cannot tell whether it was attached before,
        // leaves it on the host and says how to take it off, only while it is attached.
        ...existedBefore([
          when(attached, '=', '1', [
            printLine(
              `The identity existed before the setup (${existedBeforeReason}), so it stays attached to the ${plan.host.noun}, though the setup attached it. If it was not attached before, take it off: ${remove} --name `,
              v(plan.host.hostNameVariable),
              ' --resource-group ',
              v('RESOURCE_GROUP'),
              ` ${flags.user} `,
              v('IDENTITY_ID'),
            ),
          ]),
        ]),
      ]),
    ],
  };
}

/** Removes the local copies the setup wrote (./components/...): the files on the host are the user's to remove. */
export function removeLocalFilesLines(paths: readonly string[]): ScriptLine[] {
  return [cmd('rm -f --', ...paths)];
}
