/** What the fake cloud's own tests share: a seed with one RBAC vault, and a run under `set -euo pipefail`. */
import { runWithFakeCloud, type FakeCloudRun } from './run';
import { emptyState, fakeResource, fakeResourceId, type FakeCloudState, type FakeResource } from './seed';

// Each test starts a few Python stand-ins; the machine is shared with other test runs.
export const SLOW = { timeout: 60_000 };

export const GROUP = 'rg-test';
export const SECRETS_USER = '4633458b-17de-408a-b874-0445c86b69e6';
export const VAULT_ID = fakeResourceId('keyvault', GROUP, 'kv-test');
export const TEST_CLIENT_ID = '6f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9';

export function seed(resources: FakeResource[] = [], extra: Partial<FakeCloudState> = {}): FakeCloudState {
  return {
    ...emptyState([GROUP], { [SECRETS_USER]: 'Key Vault Secrets User' }),
    resources: [
      fakeResource('keyvault', GROUP, 'kv-test', { properties: { enableRbacAuthorization: true } }),
      ...resources,
    ],
    ...extra,
  };
}

export const run = (script: string, state: FakeCloudState = seed()): FakeCloudRun =>
  runWithFakeCloud(`set -euo pipefail\n${script}`, state);

export const grant = (principal: string) =>
  `az role assignment create --assignee-object-id ${principal} --assignee-principal-type ServicePrincipal ` +
  `--role ${SECRETS_USER} --scope ${VAULT_ID} -o none`;
