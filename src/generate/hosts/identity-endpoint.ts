/**
 * The token request a user runs inside an App Service or Container Apps container to see that the app has
 * its identity: GET $IDENTITY_ENDPOINT with api-version 2019-08-01, resource and the X-IDENTITY-HEADER
 * header. With a user-assigned identity the request must name it: "client_id (Optional) The client ID of the
 * user-assigned identity to be used ... If all ID parameters are omitted, the system-assigned identity is
 * used" (MicrosoftDocs/azure-docs articles/app-service/overview-managed-identity.md and
 * articles/container-apps/managed-identity.md, "REST endpoint reference").
 */
import type { DeploymentPlan } from '../plan/deployment-plan';
import { command, join, v, type ScriptLine } from '../script-model';
import { resourceManagerEndpoint } from './self-hosted';

const LOOKED_UP_CLIENT_ID = "<the identity's client id: the script prints this line with it below>";

function curlLine(plan: DeploymentPlan, clientId: string): string {
  const query = `api-version=2019-08-01&resource=${resourceManagerEndpoint(plan)}`;
  const named = plan.identity.kind === 'user' ? `&client_id=${clientId}` : '';
  return `  curl -s -o /dev/null -w "%{http_code}\\n" -H "X-IDENTITY-HEADER: $IDENTITY_HEADER" "$IDENTITY_ENDPOINT?${query}${named}"`;
}

/** The request as the verify note shows it, with the client id when the wizard knows it. */
export function identityEndpointRequest(plan: DeploymentPlan): string {
  return curlLine(plan, plan.identity.clientId === '' ? LOOKED_UP_CLIENT_ID : plan.identity.clientId);
}

/**
 * A user-assigned identity whose client id the script looked up: print the request with that value, so the
 * user can paste it into the container (the value exists only while the script runs).
 */
export function identityEndpointRequestPrinted(plan: DeploymentPlan): ScriptLine[] {
  if (plan.identity.kind !== 'user' || plan.identity.clientId !== '') return [];
  const [before, after] = curlLine(plan, '\u0000').split('\u0000');
  return [
    command([
      'printf',
      '%s\\n',
      "The identity endpoint request with the identity's client id, to run in the app's container:",
      join(before ?? '', v('CLIENT_ID'), after ?? ''),
    ]),
  ];
}
