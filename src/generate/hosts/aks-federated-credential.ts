/**
 * The Workload ID federated credential: it lets exactly the app's ServiceAccount sign in as the identity.
 * Entra matches a pod's token to a credential by issuer, subject and audience: the token's aud must be one
 * of the credential's audiences (`--audiences` help, azure-cli identity/_params.py: "The value configured
 * in the federated credential and the one in the incoming token must exactly match"; errors.md,
 * AADSTS70021), and the Workload ID webhook projects the token with the audience api://AzureADTokenExchange
 * (Azure/azure-workload-identity pkg/webhook/consts.go DefaultAudience).
 */
import type { DeploymentPlan } from '../plan/deployment-plan';
import { cmd, command, join, printLine, v, when, words, type ScriptStep, type Word } from '../script-model';
import { guard, RG } from '../setup/steps';
import { failureMessage } from '../troubleshoot-advice';

// The token audience Entra expects for workload identity (identity/aaz federated_credential/_create.py).
const WORKLOAD_ID_AUDIENCE = 'api://AzureADTokenExchange';
const WORKLOAD_SUBJECT = join('system:serviceaccount:', v('NAMESPACE'), ':', v('SERVICE_ACCOUNT'));

const FOUND = 'FEDERATED_CREDENTIAL_FOUND';
const OTHER_ISSUER = 'FEDERATED_CREDENTIAL_OTHER_ISSUER';
const AUDIENCE_TRUSTED = 'FEDERATED_CREDENTIAL_AUDIENCE_OK';

/** `az identity federated-credential list` of the identity, with a query; tolerated (see below). */
function credentialList(query: Word, captureTo: string) {
  // Tolerated: in a dry run the identity may not exist yet (its create was skipped), and the list fails for
  // a missing identity; an empty answer leads to the create, which reports any real failure itself.
  return command(
    words(
      'az identity federated-credential list --identity-name',
      v('IDENTITY_NAME'),
      ...RG,
      '--query',
      query,
      '-o tsv',
    ),
    { captureTo, tolerateFailure: true },
  );
}

/**
 * One step: a credential for this issuer and ServiceAccount is kept if it lists the audience, else the script
 * stops with the command that sets it; without one, the setup creates its own, unless its name is taken.
 */
export function federatedCredentialStep(plan: DeploymentPlan): ScriptStep {
  const identityName = plan.identity.userAssigned?.name ?? '';
  const credentialName = plan.kubernetes?.workloadIdentity?.federatedCredentialName ?? '';
  const resourceGroup = plan.resourceGroup;
  const namespace = plan.kubernetes?.namespace ?? '';
  const serviceAccount = plan.kubernetes?.workloadIdentity?.serviceAccountName ?? '';
  return {
    // Entra refuses a second credential with the same issuer and subject under another name ("Issuer and
    // subject combination already exists", Azure/azure-workload-identity#434, Azure/bicep-types-az#2054), so
    // one made earlier (by hand, or by another tool) is looked up by the pair, not by name, and kept while
    // it lists the audience the pods' tokens carry.
    comment: `Let exactly this ServiceAccount sign in as the identity (a federated credential for the audience ${WORKLOAD_ID_AUDIENCE}), unless a credential for this issuer and ServiceAccount exists already; one for other audiences stops the script.`,
    lines: [
      credentialList(
        join(
          "[?issuer=='",
          v('OIDC_ISSUER'),
          "' && subject=='system:serviceaccount:",
          v('NAMESPACE'),
          ':',
          v('SERVICE_ACCOUNT'),
          "'].name | [0]",
        ),
        FOUND,
      ),
      when(FOUND, '=', '', [
        // The create is a PUT (azure-cli 2.45 identity/custom.py create_or_update_federated_credential calls
        // federated_identity_credentials.create_or_update): a credential of this name that trusts another
        // issuer (the same identity used from a second cluster, or a cluster made again) or another
        // ServiceAccount would be re-pointed here, and what signs in through it would fail (AADSTS70021).
        credentialList(join("[?name=='", v('FEDERATED_CREDENTIAL_NAME'), "'].issuer | [0]"), OTHER_ISSUER),
        guard(
          OTHER_ISSUER,
          '!=',
          '',
          failureMessage(
            `The identity ${identityName} already has a federated credential named ${credentialName} for another issuer or ServiceAccount (another cluster, or this cluster made again, may sign in through it). Creating it here would re-point it, and whatever signs in through it would fail (AADSTS70021), so the script stops and it is left as it is. Check it with: az identity federated-credential show --name ${credentialName} --identity-name ${identityName} --resource-group ${resourceGroup}. Then delete it if nothing uses it any more, or use another identity (or namespace or ServiceAccount) in the wizard.`,
            'aks-federated-credential-name-taken',
          ),
        ),
        cmd(
          'az identity federated-credential create --name',
          v('FEDERATED_CREDENTIAL_NAME'),
          '--identity-name',
          v('IDENTITY_NAME'),
          ...RG,
          '--issuer',
          v('OIDC_ISSUER'),
          '--subject',
          WORKLOAD_SUBJECT,
          `--audiences ${WORKLOAD_ID_AUDIENCE} -o none`,
        ),
      ]),
      when(FOUND, '!=', '', [
        // JMESPath contains() on a list: whether the token's audience is one of the credential's. Projected
        // before the index, so a credential gone between the two calls gives nothing (an empty list's [0]),
        // not a type error of contains() on null: the stop below then says it could not be read.
        credentialList(
          join("[?name=='", v(FOUND), `'].contains(audiences, '${WORKLOAD_ID_AUDIENCE}') | [0]`),
          AUDIENCE_TRUSTED,
        ),
        // Not updated by the script: another workload may present this ServiceAccount's tokens with the
        // audience the credential lists, and Entra takes no second credential for the same issuer and subject.
        guard(
          AUDIENCE_TRUSTED,
          '=',
          'false',
          failureMessage(
            `Dapr's pods present a ServiceAccount token for the audience ${WORKLOAD_ID_AUDIENCE} (the Workload ID webhook asks for it), and Entra takes a token only through a credential listing its audience, so Dapr's sign-in would fail (AADSTS70021). Entra holds one credential for an issuer and subject, so the setup cannot add its own beside it; it stops here, before the grants and the cluster's objects, and leaves the credential as it is. Run the update above if nothing else signs in through that credential with the audiences it lists (az identity federated-credential show --name <credential> --identity-name ${identityName} --resource-group ${resourceGroup} shows them), or use another identity, namespace or ServiceAccount in the wizard. Then run this script again.`,
            'aks-federated-credential-audience',
          ),
          {
            detail: join(
              `The federated credential `,
              v(FOUND),
              ` of the identity ${identityName} trusts this cluster's issuer and the ServiceAccount ${serviceAccount} in ${namespace}, but not for the audience ${WORKLOAD_ID_AUDIENCE}. To set it: az identity federated-credential update --name `,
              v(FOUND),
              ` --identity-name ${identityName} --resource-group ${resourceGroup} --issuer `,
              v('OIDC_ISSUER'),
              ` --subject system:serviceaccount:${namespace}:${serviceAccount} --audiences ${WORKLOAD_ID_AUDIENCE}`,
            ),
          },
        ),
        // Nothing read (the credential deleted since the lookup above, or the call failed): nothing proves it
        // trusts the audience, so no "kept" line; the setup stops before the grants and a re-run looks again.
        guard(
          AUDIENCE_TRUSTED,
          '=',
          '',
          failureMessage(
            `The audiences of the federated credential found a moment ago on the identity ${identityName} could not be read (it may have been deleted since, or the call failed: see the error above). Nothing is granted and nothing in the cluster is changed yet; run this script again, which looks again and creates the credential if it is gone.`,
            'aks-federated-credential-unreadable',
          ),
        ),
        printLine(
          'The federated credential ',
          v(FOUND),
          ` already trusts this issuer and ServiceAccount for the audience ${WORKLOAD_ID_AUDIENCE}; it is kept.`,
        ),
      ]),
    ],
  };
}
