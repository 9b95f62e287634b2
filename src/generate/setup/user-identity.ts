/** The user-assigned identity: created (or updated in place) and its ids read, on every host that uses one. */
import type { DeploymentPlan } from '../plan/deployment-plan';
import { capture, command, join, v, when, words, type ScriptLine, type ScriptStep } from '../script-model';
import { CREATED_BY_TAG_KEY, CREATED_BY_TAG_VALUE } from './provenance';
import { guard, RG } from './steps';
import { jmesReadValue } from '../jmespath';
import { withEntry } from '../troubleshoot-advice';

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
    join('[?name==', ...jmesReadValue('IDENTITY_NAME'), `].${field} | [0]`),
    '-o tsv',
  );
}

/** Hosts that take the user-assigned identity by resource id: App Service and ACI need it, the rest accept it. */
function attachesIdentityById(plan: DeploymentPlan): boolean {
  return plan.host.id !== 'aks';
}

/**
 * A client id typed in the wizard names an identity that exists: it is looked up by name and compared first,
 * and never created, so a mistyped name stops the script instead of leaving a stray new identity behind.
 */
function existingIdentityStep(plan: DeploymentPlan): ScriptStep {
  const name = plan.identity.userAssigned?.name ?? '';
  return {
    comment: `Check that the identity ${name} exists and has the client id entered in the wizard (the script creates none then).`,
    lines: [
      identityLookup('CLIENT_ID', 'clientId'),
      guard(
        'CLIENT_ID',
        '=',
        '',
        withEntry(
          `There is no user-assigned identity ${name} in the resource group ${plan.resourceGroup}, and a client id was entered, so the script uses an existing identity and creates none: correct the identity's name (or resource group) in the wizard, or leave the client id empty to have it created. Nothing was changed.`,
          'identity-not-found-for-client-id',
        ),
      ),
      // A GUID matches in any case (the wizard's rule takes A-F too), and az prints a client id in lower case
      // (as Microsoft.ManagedIdentity returns it): the typed one is compared lower-cased.
      guard(
        'CLIENT_ID',
        '!=',
        plan.identity.clientId.toLowerCase(),
        withEntry(
          `The client id entered in the wizard is not that of the identity ${name}: correct it there, or leave it empty. Nothing was changed.`,
          'client-id-mismatch',
        ),
      ),
    ],
  };
}

function createIdentityStep(plan: DeploymentPlan): ScriptStep {
  const location = plan.identity.userAssigned?.location ? ['--location', v('LOCATION')] : [];
  return {
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
  };
}

export function userIdentitySteps(plan: DeploymentPlan): ScriptStep[] {
  const existing = plan.identity.clientId !== '';
  const show = (query: string, variable: string): ScriptLine =>
    // Read after the create: a dry run, which skipped it, may not find the identity yet. An existing one
    // (a client id typed) was found above, so its reads are plain lookups.
    command(words('az identity show --name', v('IDENTITY_NAME'), ...RG, `--query ${query} -o tsv`), {
      captureTo: variable,
      ...(existing ? {} : { readsChange: true }),
    });
  const byId = attachesIdentityById(plan);
  const reads: ScriptLine[] = byId ? [show('id', 'IDENTITY_ID')] : [];
  // A typed client id was read into CLIENT_ID and compared above; else it is read here.
  reads.push(show('principalId', 'PRINCIPAL_ID'), ...(existing ? [] : [show('clientId', 'CLIENT_ID')]));
  return [
    existing ? existingIdentityStep(plan) : createIdentityStep(plan),
    {
      comment:
        'Read its ids: the principal id receives the grant' +
        (byId ? ', the resource id attaches it to the host' : '') +
        ', the client id tells Azure which identity the app means.',
      lines: reads,
    },
  ];
}
