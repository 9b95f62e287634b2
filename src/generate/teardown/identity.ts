/**
 * The user-assigned identity in the teardown: read without changing it (a list, so a second run after the
 * identity is gone still succeeds, with empty ids), and deleted last, only when the setup created it (its
 * created-by tag) and the user asks (DELETE_IDENTITY=1).
 */
import type { DeploymentPlan } from '../plan/deployment-plan';
import { cmd, note, printLine, v, when, type ScriptStep } from '../script-model';
import { CREATED_BY_TAG_KEY, CREATED_BY_TAG_VALUE } from '../setup/provenance';
import { RG } from '../setup/steps';
import { identityLookup } from '../setup/user-identity';
import { DELETE_IDENTITY, IDENTITY_CREATED_BY } from './host-steps';
import { unlessRoleKept } from './kept-role';

export function readUserIdentitySteps(plan: DeploymentPlan): ScriptStep[] {
  if (!plan.identity.userAssigned) return [];
  return [
    {
      comment: setupCreatesNoIdentity(plan)
        ? 'Read the user-assigned identity (all empty once it is gone): its principal id finds the grants.'
        : 'Read the user-assigned identity (all empty once it is gone): its principal id finds the grants, its tag says whether the setup created it.',
      lines: [
        // ACI takes no identity off the group (only its file sets identities): the id is not needed there.
        ...(plan.host.id === 'aci' ? [] : [identityLookup('IDENTITY_ID', 'id')]),
        identityLookup('PRINCIPAL_ID', 'principalId'),
        // The client id proves a ServiceAccount and an Azure SQL user are this identity's.
        ...(plan.kubernetes?.workloadIdentity !== undefined ||
        plan.grants.some(({ grant }) => grant.kind === 'sql-contained-user')
          ? [identityLookup('CLIENT_ID', 'clientId')]
          : []),
        // Its tag decides what the teardown may take back; with a client id entered the setup made nothing.
        ...(setupCreatesNoIdentity(plan)
          ? []
          : [identityLookup(IDENTITY_CREATED_BY, `tags.${CREATED_BY_TAG_KEY}`)]),
      ],
    },
  ];
}

/** A client id entered in the wizard names an identity that exists: the setup used it and created none. */
export function setupCreatesNoIdentity(plan: DeploymentPlan): boolean {
  return plan.identity.userAssigned !== undefined && plan.identity.clientId !== '';
}

export function deleteUserIdentitySteps(plan: DeploymentPlan): ScriptStep[] {
  if (!plan.identity.userAssigned) return [];
  if (setupCreatesNoIdentity(plan)) {
    // Its tag cannot tell: another setup of the wizard (another app's) may have created it. Asked to delete
    // it anyway (DELETE_IDENTITY=1), the script says why it does not.
    const name = plan.identity.userAssigned.name;
    return [
      {
        comment: `Kept: the identity ${name}, which the setup used (its client id was entered in the wizard) and did not create.`,
        lines: [
          when(DELETE_IDENTITY, '=', '1', [
            printLine(
              `Kept: the identity ${name}: its client id was entered in the wizard, so the setup did not create it.`,
            ),
          ]),
        ],
      },
    ];
  }
  return [
    {
      comment: `Delete the user-assigned identity only if the setup created it (tag ${CREATED_BY_TAG_KEY}=${CREATED_BY_TAG_VALUE}) and you ask (${DELETE_IDENTITY}=1).`,
      lines: [
        note(
          'An identity that existed before the setup has no such tag and is kept. Without DELETE_IDENTITY=1 it is kept too:\n' +
            'a new identity of the same name would get new ids, and every grant would have to be made again.',
        ),
        when(IDENTITY_CREATED_BY, '=', CREATED_BY_TAG_VALUE, [
          when(
            DELETE_IDENTITY,
            '=',
            '1',
            // A PostgreSQL role kept above signs in as this identity's object id: the re-run needs it.
            unlessRoleKept(plan, [cmd('az identity delete --name', v('IDENTITY_NAME'), ...RG, '-o none')]),
          ),
        ]),
      ],
    },
  ];
}
