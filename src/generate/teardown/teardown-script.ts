/**
 * The teardown script: built from the same deployment plan as the setup, it takes back what the setup made,
 * grants first (newest first), then the host's own changes, then the identity, and only what it can tell the
 * setup made. Every step looks before it removes, so a second run finds nothing and changes nothing.
 */
import {
  buildSetupScript,
  originLines,
  preambleSteps,
  scriptTitle,
  scriptVariables,
  signInLine,
  type ScriptMeta,
} from '../az-script';
import { grantOptionLines, grantScriptOptions, grantTeardownFirstLines, grantTeardownStep } from '../grants';
import { hostModule } from '../hosts';
import type { DeploymentPlan } from '../plan/deployment-plan';
import {
  command,
  note,
  printLine,
  when,
  words,
  type Conditional,
  type Script,
  type ScriptLine,
  type ScriptStep,
  type Word,
} from '../script-model';
import { showArgs } from '../setup/preflight';
import { cliRequirement, grantCliNeed } from '../setup/cli-minimum';
import { CREATED_BY_TAG_KEY, CREATED_BY_TAG_VALUE, ROLE_ASSIGNMENT_DESCRIPTION } from '../setup/provenance';
import { DELETE_IDENTITY, REMOVE_SYSTEM_IDENTITY, removeLocalFilesLines } from './host-steps';
import { deleteUserIdentitySteps, readUserIdentitySteps, setupCreatesNoIdentity } from './identity';
import { keptRoleFlags, keptRoleSteps } from './kept-role';
import { teardownSummaryLines } from './teardown-summary';
import { DELETE_CONTAINER_GROUP } from '../hosts/aci-teardown';

export const TEARDOWN_FILE = 'teardown-dapr-identity.sh';

/**
 * Every resource a grant is on, looked up as the setup did, tolerantly: a resource deleted since took its
 * role assignments, access policies, data-plane assignments and database users with it, and its commands
 * (keyvault show, redis access-policy-assignment list, cosmosdb sql role assignment list, psql, sqlcmd) would
 * fail and stop the script. An empty id skips its grants below, and the script says so.
 */
function lookupSteps(plan: DeploymentPlan): ScriptStep[] {
  const granted = plan.resources.filter((resource) =>
    plan.grants.some((grant) => grant.resource === resource),
  );
  if (granted.length === 0) return [];
  return [
    {
      comment:
        'Look up the resources the setup granted on (each grant is on one of them); one that is gone is skipped.',
      lines: granted.flatMap((resource): ScriptLine[] => [
        command([...words(...showArgs(resource)), '--query', 'id', '-o', 'tsv'], {
          captureTo: `${resource.variable}_ID`,
          tolerateFailure: true,
        }),
        when(`${resource.variable}_ID`, '=', '', [
          printLine(
            `The ${resource.ref.title} ${resource.name} is not there (deleted, or not readable with your sign-in): its grants are skipped.`,
          ),
        ]),
      ]),
    },
  ];
}

const DATABASE_GRANTS = new Set(['postgres-role', 'sql-contained-user']);

/** PostgreSQL roles and SQL users: a database may refuse to drop one that owns tables (kept-role.ts). */
function isDatabaseGrant(resolved: DeploymentPlan['grants'][number]): boolean {
  return DATABASE_GRANTS.has(resolved.grant.kind);
}

function withoutFiles(lines: readonly ScriptLine[]): Conditional['lines'] {
  return lines.map((line) => {
    if (line.kind === 'write-file') throw new Error('A grant step writes no files');
    return line;
  });
}

/**
 * The grants in reverse order, each only while the identity has a principal id (none: it is gone, or the
 * host has no system-assigned identity, so there is nothing granted to look for).
 */
function grantSteps(plan: DeploymentPlan, which: 'database' | 'other'): ScriptStep[] {
  const reversed = [...plan.grants]
    .reverse()
    .filter((resolved) => isDatabaseGrant(resolved) === (which === 'database'));
  return reversed.flatMap((resolved, index) => {
    const firstOfKind = reversed.findIndex((other) => other.grant.kind === resolved.grant.kind) === index;
    const step = grantTeardownStep(plan, resolved);
    if (step === undefined) return [];
    // Its resource was looked up above: skipped when it is gone.
    const scoped = when(`${resolved.resource.variable}_ID`, '!=', '', withoutFiles(step.lines));
    const first = firstOfKind ? withoutFiles(grantTeardownFirstLines(plan, resolved.grant.kind)) : [];
    return [{ comment: step.comment, lines: [when('PRINCIPAL_ID', '!=', '', [...first, scoped])] }];
  });
}

/** The paths of the files the setup script writes, read from that script itself. */
function setupWrittenFiles(setup: Script): string[] {
  const paths = setup.steps.flatMap((step) =>
    step.lines.flatMap((line) => (line.kind === 'write-file' ? [line.path] : [])),
  );
  return [...new Set(paths)];
}

/** The files the setup wrote into ./components (generated: nothing else is in them). */
function localFilesStep(plan: DeploymentPlan, setup: Script): ScriptStep[] {
  if (hostModule(plan.host.id).teardownRemovesLocalFiles) return [];
  return [
    {
      comment: 'Remove the files the setup wrote here (generated from the wizard: nothing else is in them).',
      lines: removeLocalFilesLines(setupWrittenFiles(setup)),
    },
  ];
}

/** What the user may set when running it. */
function options(plan: DeploymentPlan): NonNullable<Script['options']> {
  return [
    // Read with a client id entered too, only to say that the identity is kept (identity.ts).
    ...(plan.identity.userAssigned ? [{ name: DELETE_IDENTITY, defaultValue: '0' }] : []),
    ...(hasRemovableSystemIdentity(plan) ? [{ name: REMOVE_SYSTEM_IDENTITY, defaultValue: '0' }] : []),
    ...(plan.host.id === 'aci' ? [{ name: DELETE_CONTAINER_GROUP, defaultValue: '0' }] : []),
    ...grantScriptOptions(plan),
  ];
}

/** AKS's kubelet identity belongs to the cluster; ACI sets identities only through the group file. */
function hasRemovableSystemIdentity(plan: DeploymentPlan): boolean {
  return plan.identity.kind === 'system' && plan.host.id !== 'aci';
}

function optionLines(plan: DeploymentPlan): string[] {
  const lines: string[] = [];
  if (plan.identity.userAssigned && !setupCreatesNoIdentity(plan)) {
    lines.push(
      `${DELETE_IDENTITY}=1 also deletes the identity ${plan.identity.userAssigned.name}, if the setup created it (tag ${CREATED_BY_TAG_KEY}=${CREATED_BY_TAG_VALUE}).`,
    );
  } else if (plan.identity.userAssigned) {
    lines.push(
      `${DELETE_IDENTITY}=1 deletes no identity here: the client id of ${plan.identity.userAssigned.name} was entered in the wizard, so the setup did not create it.`,
    );
  }
  if (hasRemovableSystemIdentity(plan)) {
    lines.push(
      `${REMOVE_SYSTEM_IDENTITY}=1 also turns off the ${plan.host.noun}'s system-assigned identity (the teardown cannot tell whether the setup turned it on; other grants to it stop working).`,
    );
  }
  if (plan.host.id === 'aci') {
    lines.push(
      `${DELETE_CONTAINER_GROUP}=1 also deletes the container group ${plan.hostName} (your app runs in it), if the setup's file made it (tag ${CREATED_BY_TAG_KEY}=${CREATED_BY_TAG_VALUE}).`,
    );
  }
  return lines;
}

/** Every variable a line reads, inside conditionals and retries too. */
function variablesRead(lines: readonly ScriptLine[], into: Set<string>): void {
  const words = (list: readonly Word[]): void => {
    for (const word of list) {
      if (typeof word === 'string') continue;
      if ('variable' in word) into.add(word.variable);
      else words(word.join);
    }
  };
  for (const line of lines) {
    switch (line.kind) {
      case 'command':
        words([...line.argv, ...(line.pipeTo ?? [])]);
        break;
      case 'retry':
        words([...line.command.argv, ...(line.command.pipeTo ?? [])]);
        break;
      case 'if':
        into.add(line.variable);
        words([line.value]);
        variablesRead(line.lines, into);
        break;
      case 'each-line':
        into.add(line.list);
        variablesRead(line.lines, into);
        break;
      case 'guard':
        into.add(line.variable);
        words(line.detail === undefined ? [line.value] : [line.value, line.detail]);
        break;
      case 'version-at-least':
        into.add(line.variable);
        words([line.tooOld]);
        break;
      case 'write-file':
        for (const variable of Object.values(line.substitutions)) into.add(variable);
        break;
      case 'note':
      case 'stop':
        break;
      default: {
        const unhandled: never = line;
        throw new Error(`Unhandled line ${JSON.stringify(unhandled)}`);
      }
    }
  }
}

/** The user's values the teardown uses: it reads fewer than the setup (no location, no database server names). */
function usedVariables(plan: DeploymentPlan, steps: readonly ScriptStep[]): Script['variables'] {
  const read = new Set<string>();
  for (const step of steps) variablesRead(step.lines, read);
  return scriptVariables(plan).filter((variable) => read.has(variable.name));
}

/** The teardown script for a plan. */
/**
 * `setup` is the setup script of the same plan, when the caller has it already (the page makes both on every
 * change); the teardown reads from it which files the setup writes.
 */
export function buildTeardownScript(
  plan: DeploymentPlan,
  meta?: ScriptMeta,
  setup: Script = buildSetupScript(plan),
): Script {
  const host = hostModule(plan.host.id);
  const steps: ScriptStep[] = [
    ...preambleSteps(plan),
    ...lookupSteps(plan),
    ...readUserIdentitySteps(plan),
    // Database users last among the grants, before the host's own steps, which may turn off the identity a
    // SQL user is matched by. A PostgreSQL role that owns the app's tables is kept (the script says so, goes
    // on, keeps the identity and ends with status 1: kept-role.ts).
    ...host.teardownSteps(plan, [...grantSteps(plan, 'other'), ...grantSteps(plan, 'database')]),
    ...localFilesStep(plan, setup),
    ...deleteUserIdentitySteps(plan),
    ...keptRoleSteps(plan),
    {
      comment: 'Done. Running it again finds nothing left to remove and changes nothing.',
      lines: [
        note(
          'Kept on purpose: the Azure resources themselves, and any grant the setup did not make (a role assignment\n' +
            `without the description "${ROLE_ASSIGNMENT_DESCRIPTION}", an access policy with more permissions).`,
        ),
      ],
    },
  ];
  return {
    header: [
      `Dapr Managed Identity Wizard: teardown of ${scriptTitle(plan)} on ${plan.host.title}, ${plan.identity.title}.`,
      ...originLines(meta),
      ...teardownSummaryLines(plan),
      'Safe to run again: every step looks before it removes.',
      `Dry run: DRY_RUN=1 bash ${TEARDOWN_FILE} prints each command that would remove something instead of running it.`,
      signInLine(plan) + teardownRequirement(plan),
      ...optionLines(plan),
      ...grantOptionLines(plan),
    ],
    variables: usedVariables(plan, steps),
    options: options(plan),
    flags: keptRoleFlags(plan),
    steps,
  };
}

/**
 * The Azure CLI minimum for the teardown's commands, after the sign-in line: the host's, raised when a grant's
 * removal runs a later command group (az redis access-policy-assignment list and delete, as the setup's create).
 */
function teardownRequirement(plan: DeploymentPlan): string {
  const requirement = cliRequirement(
    hostModule(plan.host.id).teardownCliRequirement?.(plan),
    grantCliNeed(plan),
  );
  return requirement ? ` ${requirement}` : '';
}
