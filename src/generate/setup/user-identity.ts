/** The user-assigned identity: created (or updated in place) and its ids read, on every host that uses one. */
import type { DeploymentPlan } from '../plan/deployment-plan';
import { capture, command, join, v, when, words, type ScriptLine, type ScriptStep } from '../script-model';
import { CREATED_BY_TAG_KEY, CREATED_BY_TAG_VALUE } from './provenance';
import { clientIdLines, RG } from './steps';

/**
 * The identity's resource id when a resource of that name is in the group, else empty: a list, unlike `az
 * identity show`, does not fail for a missing one. The name is compared as typed (JMESPath == is exact).
 */
export function identityLookup(variable: string, field: string): ScriptLine {
  return capture(
    variable,
    'az identity list',
    ...RG,
    '--query',
    join('[?name==', "'", v('IDENTITY_NAME'), "'", `].${field} | [0]`),
    '-o tsv',
  );
}

/** Hosts that take the user-assigned identity by resource id: App Service and ACI need it, the rest accept it. */
function attachesIdentityById(plan: DeploymentPlan): boolean {
  return plan.host.id !== 'aks';
}

export function userIdentitySteps(plan: DeploymentPlan): ScriptStep[] {
  const location = plan.identity.userAssigned?.location ? ['--location', v('LOCATION')] : [];
  const show = (query: string, variable: string): ScriptLine =>
    // Read after the create: a dry run, which skipped it, may not find the identity yet.
    command(words('az identity show --name', v('IDENTITY_NAME'), ...RG, `--query ${query} -o tsv`), {
      captureTo: variable,
      readsChange: true,
    });
  const byId = attachesIdentityById(plan);
  const reads: ScriptLine[] = byId ? [show('id', 'IDENTITY_ID')] : [];
  reads.push(show('principalId', 'PRINCIPAL_ID'), ...clientIdLines(plan, show('clientId', 'CLIENT_ID')));
  return [
    {
      // A create on an existing identity would PUT it again, replacing its tags; one found is left as it is.
      comment:
        'Create the user-assigned identity the app signs in with, unless it exists; the tag tells the teardown the setup made it (an existing one is kept untagged, and the teardown keeps it).',
      lines: [
        identityLookup('IDENTITY_FOUND', 'id'),
        when('IDENTITY_FOUND', '=', '', [
          command([
            'az',
            'identity',
            'create',
            '--name',
            v('IDENTITY_NAME'),
            ...RG,
            ...location,
            '--tags',
            `${CREATED_BY_TAG_KEY}=${CREATED_BY_TAG_VALUE}`,
            '-o',
            'none',
          ]),
        ]),
      ],
    },
    {
      comment:
        'Read its ids: the principal id receives the grant' +
        (byId ? ', the resource id attaches it to the host' : '') +
        ', the client id tells Azure which identity the app means.',
      lines: reads,
    },
  ];
}
