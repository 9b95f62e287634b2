/**
 * The AKS teardown's removal of the Workload ID federated credential the setup made
 * (aks-federated-credential.ts). Apart from the setup's step because a credential is told apart from another
 * cluster's only by the issuer the teardown reads from the cluster, which is unknown once the cluster is gone.
 */
import { capture, cmd, join, printLine, v, when, type ScriptStep } from '../script-model';
import { RG } from '../setup/steps';

/** The variable the teardown reads the cluster's OIDC issuer into (aks-teardown.ts); empty without a cluster. */
export const OIDC_ISSUER = 'OIDC_ISSUER';

/**
 * The federated credential of the setup's name, only while it still trusts exactly this cluster's issuer and
 * this ServiceAccount: a credential of that name for another issuer is another cluster's (the setup stops
 * rather than re-point one). The list fails without the identity, so it runs only while the identity exists;
 * without the cluster its issuer is unknown, and the credential is kept (it goes with the identity).
 */
export function federatedCredentialTeardownStep(): ScriptStep {
  const found = 'FEDERATED_CREDENTIAL_FOUND';
  return {
    comment:
      "Remove the federated credential the setup made, if it still trusts exactly this cluster's issuer and this ServiceAccount.",
    lines: [
      when('IDENTITY_ID', '!=', '', [
        when(OIDC_ISSUER, '!=', '', [
          capture(
            found,
            'az identity federated-credential list --identity-name',
            v('IDENTITY_NAME'),
            ...RG,
            '--query',
            join(
              "[?name=='",
              v('FEDERATED_CREDENTIAL_NAME'),
              "' && issuer=='",
              v(OIDC_ISSUER),
              "' && subject=='system:serviceaccount:",
              v('NAMESPACE'),
              ':',
              v('SERVICE_ACCOUNT'),
              "'] | length(@)",
            ),
            '-o tsv',
          ),
          when(found, '=', '1', [
            cmd(
              'az identity federated-credential delete --name',
              v('FEDERATED_CREDENTIAL_NAME'),
              '--identity-name',
              v('IDENTITY_NAME'),
              ...RG,
              '--yes',
            ),
          ]),
        ]),
        when(OIDC_ISSUER, '=', '', [
          printLine(
            'The cluster ',
            v('CLUSTER_NAME'),
            ' has no OIDC issuer (or is gone), so the federated credential ',
            v('FEDERATED_CREDENTIAL_NAME'),
            " cannot be told from another cluster's: it is kept. If no cluster signs in through it, delete it: az identity federated-credential delete --name ",
            v('FEDERATED_CREDENTIAL_NAME'),
            ' --identity-name ',
            v('IDENTITY_NAME'),
            ' --resource-group ',
            v('RESOURCE_GROUP'),
            ' --yes',
          ),
        ]),
      ]),
    ],
  };
}
