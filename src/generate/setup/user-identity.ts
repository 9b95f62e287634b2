/** The user-assigned identity: created (or updated in place) and its ids read, on every host that uses one. */
import type { DeploymentPlan } from '../plan/deployment-plan';
import { command, v, words, type ScriptLine, type ScriptStep } from '../script-model';
import { clientIdLines, RG } from './steps';

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
      comment:
        'Create the user-assigned identity the app signs in with (an existing one is updated, not replaced).',
      lines: [
        command(['az', 'identity', 'create', '--name', v('IDENTITY_NAME'), ...RG, ...location, '-o', 'none']),
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
