/**
 * main.tf's identity part: the data sources the grants read (subscription, client config), the user-assigned
 * identity (created, or an existing one checked by its client id), the AKS federated credential and the
 * principal id local the grants and outputs use.
 */
import { serviceAccountSubject, WORKLOAD_ID_AUDIENCE, type IacView } from '../iac-view';
import { identityTitle, terraformIdentity } from '../identity-block';
import { argument, block, comment, hclString, ref, type HclItem } from './hcl-text';
import { AZURERM_VERSION } from './provider-versions';
import { CREATED_BY_TAG_KEY, CREATED_BY_TAG_VALUE } from '../../setup/provenance';

export function identityItems(view: IacView): HclItem[] {
  const { plan, host } = view;
  const kinds = new Set(view.armGrants.map((grant) => grant.kind));
  const items: HclItem[] = [
    ...(kinds.has('rbac') ? [block('data', ['azurerm_subscription', 'current'], [])] : []),
    ...(kinds.has('keyvault-policy') ? [block('data', ['azurerm_client_config', 'current'], [])] : []),
  ];
  const userAssigned = plan.identity.userAssigned;
  if (userAssigned && view.identityIsExisting) {
    items.push(
      comment(
        [
          'The user-assigned identity the app signs in with: yours, read, never created or managed here (terraform',
          'destroy leaves it). The plan fails if it is missing, or if its client id is not the one entered in the wizard,',
          'which the component files carry.',
        ].join('\n'),
      ),
      // A postcondition on a data source is checked when it is read, at plan time (Terraform 1.2 and later:
      // developer.hashicorp.com/terraform/language/expressions/custom-conditions, "Preconditions and Postconditions").
      block(
        'data',
        ['azurerm_user_assigned_identity', 'app'],
        [
          argument('name', userAssigned.name),
          argument('resource_group_name', ref('var.resource_group_name')),
          block(
            'lifecycle',
            [],
            [
              block(
                'postcondition',
                [],
                [
                  argument('condition', ref(`self.client_id == ${hclString(plan.identity.clientId)}`)),
                  argument(
                    'error_message',
                    `The identity ${userAssigned.name} has another client id than the one entered in the wizard (${plan.identity.clientId}): correct it there.`,
                  ),
                ],
              ),
            ],
          ),
        ],
      ),
    );
  } else if (userAssigned) {
    if (userAssigned.location === '') {
      items.push(
        block('data', ['azurerm_resource_group', 'host'], [argument('name', ref('var.resource_group_name'))]),
      );
    }
    items.push(
      // azurerm_user_assigned_identity's location is ForceNew (commonschema.Location()) and its tags are set to
      // the configuration's on every apply. It carries the setup script's createdBy tag, which lets the
      // teardown take it off the host and delete it when asked (DELETE_IDENTITY=1), as for one the setup made;
      // ignore_changes keeps an imported identity's tag as it was (see the ServiceAccount's in component-items.ts):
      // the setup's keeps it, one that existed before the setup does not gain it, and the teardown keeps that.
      comment(
        [
          'The user-assigned identity the app signs in with. Imported (the setup script made it), it takes these values:',
          'one in another region is replaced (a new identity: new principal and client id, and the grants made for the',
          `old one no longer apply), and its other tags are removed. The setup's ${CREATED_BY_TAG_KEY} tag stays as it is, and one created`,
          "here gets it: the teardown treats an identity with it as the setup's (it deletes it when asked, DELETE_IDENTITY=1).",
        ].join('\n'),
      ),
      block(
        'resource',
        ['azurerm_user_assigned_identity', 'app'],
        [
          argument('name', userAssigned.name),
          argument('resource_group_name', ref('var.resource_group_name')),
          argument(
            'location',
            userAssigned.location === ''
              ? ref('data.azurerm_resource_group.host.location')
              : userAssigned.location,
          ),
          argument('tags', { [CREATED_BY_TAG_KEY]: CREATED_BY_TAG_VALUE }),
          block(
            'lifecycle',
            [],
            [argument('ignore_changes', ref(`[tags[${hclString(CREATED_BY_TAG_KEY)}]]`))],
          ),
        ],
      ),
    );
  }
  if (view.readsHost) {
    items.push(
      comment(`Your ${plan.host.noun}: read, never redeclared here.`),
      block(
        'data',
        [host.terraformDataSource, 'host'],
        [argument('name', plan.hostName), argument('resource_group_name', ref('var.resource_group_name'))],
      ),
    );
  }
  const workload = plan.kubernetes?.workloadIdentity;
  if (workload && plan.kubernetes) {
    items.push(
      comment(
        `Let exactly the ServiceAccount ${workload.serviceAccountName} in namespace ${plan.kubernetes.namespace} sign in as the identity (the cluster's OIDC issuer must be on).\n` +
          // azurerm v4.55.0 requires name, resource_group_name, parent_id, issuer, subject and audience (at most
          // one) (hashicorp/terraform-provider-azurerm internal/services/managedidentity/
          // federated_identity_credential_resource.go at tag v4.55.0). Later 4.x still take both: 4.60.0 makes
          // resource_group_name optional and deprecated (#30860, ResourceGroupNameDeprecatedComputed), 4.65.0
          // renames parent_id to user_assigned_identity_id and keeps parent_id, deprecated, as ExactlyOneOf with
          // it (#31921); 5.0.0 removes both (CHANGELOG-v4.md, CHANGELOG.md). `~> 4.55` stops before 5.0.
          `Arguments as azurerm ${AZURERM_VERSION.replace('~> ', '')} requires them; 4.60 deprecates resource_group_name and 4.65 renames parent_id to user_assigned_identity_id (both still accepted until 5.0).`,
      ),
      block(
        'resource',
        ['azurerm_federated_identity_credential', 'service_account'],
        [
          argument('name', workload.federatedCredentialName),
          argument('resource_group_name', ref('var.resource_group_name')),
          argument('parent_id', ref(`${terraformIdentity(view)}.id`)),
          argument('issuer', ref(`data.${host.terraformDataSource}.host.oidc_issuer_url`)),
          argument('subject', serviceAccountSubject(plan.kubernetes.namespace, workload.serviceAccountName)),
          argument('audience', [WORKLOAD_ID_AUDIENCE]),
        ],
      ),
    );
  }
  items.push(
    block(
      'locals',
      [],
      [
        comment(
          view.principal === 'created-identity'
            ? "The principal that receives every grant: the identity's."
            : `The principal that receives every grant: your ${plan.host.noun}'s ${identityTitle(plan).toLowerCase()}.`,
        ),
        argument(
          'principal_id',
          ref(
            view.principal === 'created-identity'
              ? `${terraformIdentity(view)}.principal_id`
              : `data.${host.terraformDataSource}.host.${host.terraformSystemPrincipal}`,
          ),
        ),
      ],
    ),
  );
  return items;
}
