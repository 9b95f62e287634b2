/**
 * The Container Instances teardown. The group is the setup's file as a whole (app, daprd sidecar, component
 * volume, identity), and ACI changes a group's identity only through that file: taking the sidecar or the
 * identity out means a new file for the user's app, which is theirs to write. Deleting the group (and the app
 * in it) is the user's choice (DELETE_CONTAINER_GROUP=1), and only while it carries the setup's tag, which the
 * setup's group file writes (aci-group.ts).
 */
import { ACI_GROUP_FILE } from '../aci-group';
import { jmesJson, jmesReadValue } from '../jmespath';
import type { DeploymentPlan } from '../plan/deployment-plan';
import { FILES_DIR } from '../plan/build-plan';
import { capture, cmd, join, lit, note, printLine, stop, when, type ScriptStep } from '../script-model';
import { CREATED_BY_TAG_KEY, CREATED_BY_TAG_VALUE } from '../setup/provenance';
import { hostArgsToPaste, RG } from '../setup/steps';
import {
  DELETE_IDENTITY,
  hostArgs,
  IDENTITY_CREATED_BY,
  removeLocalFilesLines,
  systemPrincipalMissingLines,
} from '../teardown/host-steps';
import { setupCreatesNoIdentity } from '../teardown/identity';
import { withEntry } from '../troubleshoot-advice';

/** Set by the user to delete the container group the setup's file made. */
export const DELETE_CONTAINER_GROUP = 'DELETE_CONTAINER_GROUP';

const GROUP_CREATED_BY = 'GROUP_CREATED_BY';

/** A JMESPath test true for a group without the setup's tag (untagged too: null differs from the value). */
const NOT_THE_SETUPS_GROUP = `tags.${CREATED_BY_TAG_KEY}!=${jmesJson(CREATED_BY_TAG_VALUE)}`;

/**
 * A JMESPath over `az container list` for the group of the plan's name (a list does not fail without it),
 * narrowed by `filter` when given.
 */
function groupQuery(plan: DeploymentPlan, field: string, filter?: string): string {
  // The pipe ends the filter's projection, so a filter in `field` applies to the one group's list (inside a
  // projection, `[?a].list[?b].x | [0]` gives null: checked with the jmespath package az uses).
  const test = `name==${jmesJson(plan.hostName)}${filter === undefined ? '' : ` && ${filter}`}`;
  return `[?${test}] | [0].${field}`;
}

function readSystemPrincipalSteps(plan: DeploymentPlan): ScriptStep[] {
  if (plan.identity.kind !== 'system') return [];
  return [
    {
      comment:
        "Read the group's system-assigned principal id (empty once the group is gone): the grants below are looked up by it.",
      lines: [
        capture(
          'PRINCIPAL_ID',
          'az container list',
          ...RG,
          '--query',
          lit(groupQuery(plan, 'identity.principalId')),
          '-o tsv',
        ),
        ...systemPrincipalMissingLines(plan),
      ],
    },
  ];
}

/**
 * The group goes only when asked and only while it carries the setup's tag: a group of this name that the
 * user made from their own file (with their own daprd, perhaps) carries none, and a PUT of a file without
 * tags leaves none (aci-group.ts). A group from a setup written before the tag is kept, with the command.
 */
function deleteGroupStep(plan: DeploymentPlan): ScriptStep {
  const count = 'GROUP_COUNT';
  const deleteCommand = `az container delete ${hostArgsToPaste(plan)} --yes`;
  return {
    comment: `Delete the container group only if you ask (${DELETE_CONTAINER_GROUP}=1) and the setup's file made it (tag ${CREATED_BY_TAG_KEY}=${CREATED_BY_TAG_VALUE}): it runs your app too.`,
    lines: [
      note(
        'Without it the group keeps running with the daprd sidecar and its identity; to keep the app without them,\n' +
          'recreate the group from your own file.',
      ),
      when(DELETE_CONTAINER_GROUP, '=', '1', [
        capture(
          GROUP_CREATED_BY,
          'az container list',
          ...RG,
          '--query',
          lit(groupQuery(plan, `tags.${CREATED_BY_TAG_KEY}`)),
          '-o tsv',
        ),
        when(GROUP_CREATED_BY, '=', CREATED_BY_TAG_VALUE, [
          cmd('az container delete', ...hostArgs(plan), '--yes -o none'),
        ]),
        when(GROUP_CREATED_BY, '!=', CREATED_BY_TAG_VALUE, [
          capture(
            count,
            'az container list',
            ...RG,
            '--query',
            lit(`[?name==${jmesJson(plan.hostName)}] | length(@)`),
            '-o tsv',
          ),
          when(count, '=', '0', [
            printLine(`No container group ${plan.hostName} is there: none is deleted.`),
          ]),
          when(count, '!=', '0', [
            printLine(
              `Kept: the container group ${plan.hostName}, which has no tag ${CREATED_BY_TAG_KEY}=${CREATED_BY_TAG_VALUE}, the mark of the setup's group file (your own file, or a setup of an earlier wizard release, which wrote none). If the setup made it, delete it yourself (your app in it goes too): ${deleteCommand}`,
            ),
          ]),
        ]),
      ]),
    ],
  };
}

function teardownSteps(plan: DeploymentPlan, grantSteps: readonly ScriptStep[]): ScriptStep[] {
  return [
    ...readSystemPrincipalSteps(plan),
    ...grantSteps,
    deleteGroupStep(plan),
    {
      comment: 'Remove the files the setup wrote here (generated: nothing else is in them).',
      lines: removeLocalFilesLines([
        ...plan.components.map((component) => component.path),
        `${FILES_DIR}/${ACI_GROUP_FILE}`,
      ]),
    },
    ...keepIdentityInUseStep(plan),
  ];
}

/**
 * A user-assigned identity the teardown would delete (DELETE_IDENTITY=1) while a group of this name still
 * lists it: ACI takes no identity off a group except by a new group file, so the group would go on
 * referencing a deleted identity. The teardown stops just before the deletion, everything else taken back.
 * The check is a read, so a dry run makes it too; it leaves out the setup's group when this run deletes it
 * (DELETE_CONTAINER_GROUP=1 and the tag), which a real run has deleted by then and a dry run has not, and a
 * dry run says where a real run stops instead of stopping. `|| \`[]\`` turns a group that is gone (or has no
 * user-assigned identity) into an empty list.
 */
function keepIdentityInUseStep(plan: DeploymentPlan): ScriptStep[] {
  if (plan.identity.kind !== 'user' || setupCreatesNoIdentity(plan)) return [];
  const inUse = 'GROUP_USES_IDENTITY';
  const usesIdentity = (filter?: string) =>
    capture(
      inUse,
      'az container list',
      ...RG,
      '--query',
      join(
        groupQuery(plan, 'identity.userAssignedIdentities.*.principalId || `[]` | [?@==', filter),
        ...jmesReadValue('PRINCIPAL_ID'),
        '] | length(@)',
      ),
      '-o tsv',
    );
  const inUseMessage = withEntry(
    `The container group ${plan.hostName} still uses the identity, and ACI takes an identity off a group only by creating the group again: the identity is kept. If the setup's file made the group, run the teardown with ${DELETE_CONTAINER_GROUP}=1 too (it deletes the group and your app in it); a group it did not make (no ${CREATED_BY_TAG_KEY} tag) the teardown never deletes: delete it yourself (az container delete ${hostArgsToPaste(plan)} --yes) or create it again from your own file without the identity. Then run the teardown again.`,
    'aci-group-uses-identity',
  );
  return [
    {
      comment: `Before the identity is deleted (${DELETE_IDENTITY}=1): stop if a container group of this name still uses it, leaving out the setup's group when this run deletes it (${DELETE_CONTAINER_GROUP}=1).`,
      lines: [
        when(DELETE_IDENTITY, '=', '1', [
          when(IDENTITY_CREATED_BY, '=', CREATED_BY_TAG_VALUE, [
            when(DELETE_CONTAINER_GROUP, '=', '1', [usesIdentity(NOT_THE_SETUPS_GROUP)]),
            when(DELETE_CONTAINER_GROUP, '!=', '1', [usesIdentity()]),
            when(inUse, '!=', '0', [stop(inUseMessage)], 'skipped'),
            when(
              inUse,
              '!=',
              '0',
              [printLine(`DRY RUN: a real run stops here (the dry run goes on): ${inUseMessage}`)],
              'only',
            ),
          ]),
        ]),
      ],
    },
  ];
}

export const containerInstancesTeardown = { teardownSteps, teardownRemovesLocalFiles: true } as const;
