/**
 * Attaching the user-assigned identity to a scale set. `az vmss identity assign` PATCHes the identity, then
 * reads the scale set again and tests `vmss.upgrade_policy.mode` for its Manual warning (azure-cli vm/custom.py
 * assign_vmss_identity, 2.45 and the newest source alike). A scale set without an upgrade policy, as a
 * Flexible one made before upgrade policies reached Flexible ("upgrade policy must be null or []",
 * MicrosoftDocs/azure-docs virtual-machine-scale-sets-orchestration-modes.md), has none to read: the command
 * fails with "'NoneType' object has no attribute 'mode'" after the identity is attached (the same read fails
 * az vmss update on such a scale set, Azure/azure-cli#30813). There the failure is tolerated and the identity
 * read back instead: the setup goes on when it is attached, and stops when it is not.
 *
 * A Flexible scale set takes a user-assigned identity only (vmss-orchestration.ts stops a system-assigned
 * setup), and a Uniform one always has an upgrade policy, so the system-assigned assign needs no such care.
 */
import {
  capture,
  cmd,
  command,
  lit,
  note,
  printLine,
  v,
  when,
  words,
  type ScriptStep,
} from '../script-model';
import { guard, RG } from '../setup/steps';
import { UPGRADE_MODE } from './vmss-rollout';
import { withEntry } from '../troubleshoot-advice';

const IDENTITY_IDS = 'VMSS_IDENTITY_IDS';
const ATTACHED = 'VMSS_IDENTITY_ATTACHED';

const assignWords = () =>
  words('az vmss identity assign --name', v('VMSS_NAME'), ...RG, '--identities', v('IDENTITY_ID'), '-o none');

export function scaleSetUserAssignStep(): ScriptStep {
  return {
    comment: 'Attach the identity to the scale set.',
    lines: [
      when(UPGRADE_MODE, '!=', '', [cmd(...assignWords())]),
      when(UPGRADE_MODE, '=', '', [
        note(
          'Without an upgrade policy the CLI fails after attaching the identity (it reads upgradePolicy.mode for\n' +
            'its Manual warning): its error is tolerated, and the identity read back.',
        ),
        command(assignWords(), { tolerateFailure: true }),
      ]),
      // The assign did not run in a dry run: nothing to read back.
      when(
        UPGRADE_MODE,
        '=',
        '',
        [
          capture(
            IDENTITY_IDS,
            'az vmss show --name',
            v('VMSS_NAME'),
            ...RG,
            '--query',
            lit('keys(identity.userAssignedIdentities || `{}`)'),
            '-o tsv',
          ),
          // By the identity's resource id, the map's key: a Flexible scale set's GET lists each user-assigned
          // identity with no client or principal id (MicrosoftDocs/azure-compute-docs
          // virtual-machine-scale-sets-orchestration-modes.md, footnote 1). One id a line; ARM may change the
          // case of a resource id's segments, so compared without regard to case.
          command(['printf', '%s\\n', v(IDENTITY_IDS)], {
            captureTo: ATTACHED,
            pipeTo: ['grep', '-c', '-i', '-x', '-F', '--', v('IDENTITY_ID')],
            // grep -c prints 0 and exits 1 when no line matches: the 0 is the answer.
            tolerateFailure: true,
          }),
          guard(
            ATTACHED,
            '=',
            '0',
            withEntry(
              "The identity is not attached to the scale set: the attach itself failed, and the CLI's error above says why (your rights to assign the identity, its id). Nothing else was changed by this step. Fix what it names and run this script again.",
              'vmss-identity-not-attached',
            ),
          ),
          printLine(
            "The identity is attached to the scale set. If the CLI printed an error above about 'NoneType' and 'mode', it came after the attach (the CLI reads the upgrade policy this scale set lacks): the setup goes on.",
          ),
        ],
        'skipped',
      ),
    ],
  };
}
