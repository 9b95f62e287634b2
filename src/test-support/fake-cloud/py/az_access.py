"""Sign-in, identities and grants: account, identity, federated credentials, role assignments, Key Vault
access policies, Cosmos DB SQL role assignments, Redis access policy assignments."""
from az_args import MANY, ONE, SWITCH, required
from az_output import cli_error, resource_not_found, service_error
from az_resources import check_group, find, find_by_id, group_id, resource_id, subscription_id, TYPES
from state import next_id, stable_id


def account_show(state, values):
    account = state['account']
    return {'environmentName': 'AzureCloud', 'id': account['subscriptionId'], 'isDefault': True,
            'name': account.get('subscriptionName', account['subscriptionId']), 'state': 'Enabled',
            'tenantId': account['tenantId'], 'user': {'name': account['user'], 'type': 'user'}}


def account_set(state, values):
    (wanted,) = required(values, '--subscription')
    for subscription in state['account'].get('subscriptions', []):
        if wanted in (subscription['id'], subscription['name']):
            state['account']['subscriptionId'] = subscription['id']
            state['account']['subscriptionName'] = subscription['name']
            return None
    raise cli_error("The subscription of '{0}' doesn't exist in cloud 'AzureCloud'.".format(wanted))


def cloud_set(state, values):
    """Switches the CLI's active cloud, a local setting (core/cloud.py switch_active_cloud in the installed
    2.45): the fake keeps its name and answers in that cloud as in any other."""
    (name,) = required(values, '--name')
    if name not in ('AzureCloud', 'AzureChinaCloud', 'AzureUSGovernment', 'AzureGermanCloud'):
        raise cli_error("The cloud '{0}' is not registered.".format(name))
    state['account']['cloud'] = name
    return None


def service_principals(state):
    """Every managed identity's service principal: a user-assigned identity's appId is its clientId; a
    system-assigned one's is made up from its principal id (ARM's identity block does not carry it). A
    cluster's kubelet identity is a user-assigned identity AKS keeps in the node resource group, named after
    its resourceId; it is gone with the cluster."""
    for resource in state['resources']:
        if resource['type'] == TYPES['identity']:
            yield resource['principalId'], resource['clientId'], resource['name']
        kubelet = (resource.get('identityProfile') or {}).get('kubeletidentity') or {}
        if kubelet.get('objectId'):
            yield kubelet['objectId'], kubelet.get('clientId', ''), kubelet.get('resourceId', '').rsplit('/', 1)[-1]
        identity = resource.get('identity') or {}
        if identity.get('principalId'):
            yield identity['principalId'], stable_id('app', identity['principalId']), resource['name']


def ad_sp_show(state, values):
    """Microsoft Graph's servicePrincipal (id, appId, displayName, servicePrincipalType): role/custom.py
    show_service_principal in the installed 2.45 resolves --id by servicePrincipalNames (which hold the appId)
    or takes it as the object id. An unknown object id is Graph's 404, which the CLI exits 3 on."""
    (wanted,) = required(values, '--id')
    for object_id, app_id, name in service_principals(state):
        if wanted.lower() in (object_id.lower(), app_id.lower()):
            return {'id': object_id, 'appId': app_id, 'displayName': name,
                    'servicePrincipalNames': [app_id], 'servicePrincipalType': 'ManagedIdentity'}
    raise cli_error("Resource '{0}' does not exist or one of its queried reference-property objects are not "
                    'present.'.format(wanted), 3)


def account_get_access_token(state, values):
    account = state['account']
    return {'accessToken': account['accessToken'], 'expiresOn': '2030-01-01 00:00:00.000000',
            'subscription': account['subscriptionId'], 'tenant': account['tenantId'], 'tokenType': 'Bearer'}


def identity_create(state, values):
    """An existing identity is updated in place (ARM PUT): its ids stay, which the scripts rely on."""
    name, group = required(values, '--name', '--resource-group')
    check_group(state, group)
    location = values.get('--location') or state['resourceGroups'][group]['location']
    new_id = resource_id(state, TYPES['identity'], group, name)
    existing = find_by_id(state, new_id)
    if existing is not None:
        existing['location'] = location
        if '--tags' in values:
            existing['tags'] = _tags(values['--tags'])
        return existing
    identity = {'id': new_id, 'name': name, 'resourceGroup': group, 'location': location,
                'type': TYPES['identity'], 'tenantId': state['account']['tenantId'],
                'clientId': stable_id('client', new_id), 'principalId': stable_id('principal', new_id),
                'tags': _tags(values.get('--tags', []))}
    state['resources'].append(identity)
    return identity


def _tags(pairs):
    """--tags key[=value] ... as the CLI's tags_type reads them (azure/cli/core/commands/validators.py)."""
    return dict((pair.split('=', 1) + [''])[:2] for pair in pairs)


def identity_show(state, values):
    name, group = required(values, '--name', '--resource-group')
    return find(state, 'identity', name, group)


def federated_credential_create(state, values):
    """A credential of an existing name is replaced (the CLI PUTs it)."""
    name, identity_name, group, issuer, subject = required(
        values, '--name', '--identity-name', '--resource-group', '--issuer', '--subject')
    identity = find(state, 'identity', identity_name, group)
    credential = {'id': identity['id'] + '/federatedIdentityCredentials/' + name, 'name': name,
                  'resourceGroup': group, 'issuer': issuer, 'subject': subject,
                  'audiences': values.get('--audiences', ['api://AzureADTokenExchange']),
                  'type': 'Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials'}
    credentials = identity.setdefault('federatedIdentityCredentials', {})
    credentials[name] = credential
    return credential


def federated_credential_update(state, values):
    """Azure CLI 2.45 runs create's PUT (identity/custom.py create_or_update_federated_credential, which needs
    --issuer and --subject); later releases' aaz command GETs the credential first, so a missing one fails
    (identity/aaz/latest/identity/federated_credential/_update.py). Both: it must exist, and takes both flags."""
    name, identity_name, group = required(values, '--name', '--identity-name', '--resource-group')
    identity = find(state, 'identity', identity_name, group)
    if name not in identity.get('federatedIdentityCredentials', {}):
        raise resource_not_found(
            "The Resource 'Microsoft.ManagedIdentity/userAssignedIdentities/{0}/federatedIdentityCredentials/{1}' "
            "under resource group '{2}' was not found.".format(identity_name, name, group))
    return federated_credential_create(state, values)


def _role_guid(state, role):
    definitions = state.get('roleDefinitions', {})
    if role.lower() in definitions:
        return role.lower()
    for guid, role_name in definitions.items():
        if role_name.lower() == role.lower():
            return guid
    raise cli_error("Role '{0}' doesn't exist.".format(role))


def _scope_exists(state, scope):
    return find_by_id(state, scope) is not None or any(
        scope.lower() == group_id(state, group).lower() for group in state.get('resourceGroups', {}))


def role_assignment_create(state, values):
    """A duplicate (same principal, role and scope) fails with RoleAssignmentExists.

    The service answers a duplicate PUT with 409 RoleAssignmentExists (Azure/azure-cli#8568). CLIs from 2019
    on caught it by its message ('role assignment already exists' in role/custom.py
    _error_caused_by_role_assignment_exists, read in the installed 2.45) and returned the existing
    assignment; in 2025 ARM changed that message on some servers, so those CLIs fail again on a re-run
    (Azure/azure-cli#31995), until the fix that matches the error code instead (Azure/azure-cli#32027).
    Newer CLIs therefore return the existing assignment. The fake models the failing case, which a
    re-run must survive; the message is the one the issues quote, not ARM's new wording (not verified)."""
    principal, role, scope = required(values, '--assignee-object-id', '--role', '--scope')
    guid = _role_guid(state, role)
    if not _scope_exists(state, scope):
        raise service_error('InvalidScope', "The scope '{0}' is not a resource the fake knows.".format(scope), 3)
    definition_id = '/subscriptions/{0}/providers/Microsoft.Authorization/roleDefinitions/{1}'.format(
        subscription_id(state), guid)
    for assignment in state['roleAssignments']:
        if (assignment['principalId'] == principal and assignment['roleDefinitionId'] == definition_id
                and assignment['scope'].lower() == scope.lower()):
            raise service_error('RoleAssignmentExists', 'The role assignment already exists.')
    name = next_id(state, 'role-assignment')
    assignment = {'id': scope + '/providers/Microsoft.Authorization/roleAssignments/' + name, 'name': name,
                  'principalId': principal,
                  'principalType': values.get('--assignee-principal-type', 'ServicePrincipal'),
                  'roleDefinitionId': definition_id, 'scope': scope,
                  'description': values.get('--description'),
                  'type': 'Microsoft.Authorization/roleAssignments'}
    state['roleAssignments'].append(assignment)
    return assignment


def role_assignment_list(state, values):
    """Assignments at exactly the scope (no --include-inherited), or with --all every one in the
    subscription (a scope with it is refused), with the role's name and the principal's name added, as
    role/custom.py list_role_assignments does in the installed 2.45: principalName is the service principal's
    first servicePrincipalNames entry (_get_displayable_name), '' for a principal Microsoft Graph no longer
    finds."""
    names = state.get('roleDefinitions', {})
    principal_names = {object_id.lower(): app_id for object_id, app_id, _ in service_principals(state)}
    if '--all' in values:
        if '--scope' in values:
            raise cli_error('group or scope are not required when --all is used', 1)
        listed = state['roleAssignments']
    else:
        (scope,) = required(values, '--scope')
        listed = [assignment for assignment in state['roleAssignments'] if assignment['scope'].lower() == scope.lower()]
    return [dict(assignment, roleDefinitionName=names.get(assignment['roleDefinitionId'].rsplit('/', 1)[-1], ''),
                 principalName=principal_names.get(assignment['principalId'].lower(), ''))
            for assignment in listed]


PERMISSION_FLAGS = {'--key-permissions': 'keys', '--secret-permissions': 'secrets',
                    '--certificate-permissions': 'certificates', '--storage-permissions': 'storage'}


def keyvault_set_policy(state, values):
    """As keyvault/custom.py set_policy in the installed 2.45: a new object id gets an entry; for an
    existing one each permission kind given replaces that kind's list, kinds not given keep theirs."""
    name, object_id = required(values, '--name', '--object-id')
    vault = find(state, 'keyvault', name, values.get('--resource-group'))
    properties = vault['properties']
    if properties.get('enableRbacAuthorization'):
        # The service refuses access policies on an RBAC vault; the message is the fake's, not the service's.
        raise service_error('BadRequest', 'The vault uses Azure RBAC: access policies are not allowed.')
    policies = properties.setdefault('accessPolicies', [])
    policy = next((entry for entry in policies if entry['objectId'].lower() == object_id.lower()), None)
    if policy is None:
        policy = {'objectId': object_id, 'tenantId': state['account']['tenantId'], 'permissions': {}}
        policies.append(policy)
    for flag, kind in PERMISSION_FLAGS.items():
        if flag in values:
            policy['permissions'][kind] = values[flag]
    return vault


def cosmos_role_assignment_create(state, values):
    """A new assignment each time: without --role-assignment-id the CLI makes a new uuid4 (cosmosdb/
    _validators.py _gen_guid in the installed 2.45) and PUTs it. Whether the service refuses a duplicate
    (same principal, role, scope) is not verified, so the fake accepts it and a re-run shows up as a
    second assignment."""
    account_name, group, scope, principal, role = required(
        values, '--account-name', '--resource-group', '--scope', '--principal-id', '--role-definition-id')
    account = find(state, 'cosmosdb', account_name, group)
    name = values.get('--role-assignment-id') or next_id(state, 'cosmos-role-assignment')
    role_id = role if role.startswith('/') else account['id'] + '/sqlRoleDefinitions/' + role
    assignment = {'id': account['id'] + '/sqlRoleAssignments/' + name, 'name': name, 'principalId': principal,
                  'resourceGroup': group, 'roleDefinitionId': role_id,
                  'scope': account['id'] + ('' if scope == '/' else scope),
                  'type': 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments'}
    account.setdefault('sqlRoleAssignments', []).append(assignment)
    return assignment


def cosmos_role_assignment_list(state, values):
    account_name, group = required(values, '--account-name', '--resource-group')
    return list(find(state, 'cosmosdb', account_name, group).get('sqlRoleAssignments', []))


def redis_access_policy_assignment_create(state, values):
    """A PUT: an assignment of an existing name is replaced. Needs Entra authentication on the cache."""
    name, group, assignment_name, policy, object_id, alias = required(
        values, '--name', '--resource-group', '--policy-assignment-name', '--access-policy-name', '--object-id',
        '--object-id-alias')
    cache = find(state, 'redis', name, group)
    if str(cache.get('redisConfiguration', {}).get('aadEnabled', '')).lower() != 'true':
        raise service_error('BadRequest', 'Microsoft Entra authentication is not enabled on the cache.')
    assignment = {'id': cache['id'] + '/accessPolicyAssignments/' + assignment_name, 'name': assignment_name,
                  'accessPolicyName': policy, 'objectId': object_id, 'objectIdAlias': alias,
                  'provisioningState': 'Succeeded', 'type': 'Microsoft.Cache/Redis/accessPolicyAssignments'}
    cache.setdefault('accessPolicyAssignments', {})[assignment_name] = assignment
    return assignment


def access_commands():
    group = {'--name': ONE, '--resource-group': ONE}
    return {
        ('account', 'show'): (account_show, {}),
        ('account', 'set'): (account_set, {}),
        ('cloud', 'set'): (cloud_set, {'--name': ONE}),
        ('ad', 'sp', 'show'): (ad_sp_show, {'--id': ONE}),
        ('account', 'get-access-token'): (account_get_access_token, {'--resource-type': ONE, '--resource': ONE}),
        ('identity', 'create'): (identity_create, dict(group, **{'--location': ONE, '--tags': MANY})),
        ('identity', 'show'): (identity_show, group),
        ('identity', 'federated-credential', 'create'): (federated_credential_create, dict(
            group, **{'--identity-name': ONE, '--issuer': ONE, '--subject': ONE, '--audiences': MANY})),
        ('identity', 'federated-credential', 'update'): (federated_credential_update, dict(
            group, **{'--identity-name': ONE, '--issuer': ONE, '--subject': ONE, '--audiences': MANY})),
        ('role', 'assignment', 'create'): (role_assignment_create, {
            '--assignee-object-id': ONE, '--assignee-principal-type': ONE, '--role': ONE, '--scope': ONE,
            '--description': ONE}),
        ('role', 'assignment', 'list'): (role_assignment_list, {'--scope': ONE, '--all': SWITCH}),
        ('keyvault', 'set-policy'): (keyvault_set_policy, dict(
            group, **{'--object-id': ONE}, **{flag: MANY for flag in PERMISSION_FLAGS})),
        ('cosmosdb', 'sql', 'role', 'assignment', 'create'): (cosmos_role_assignment_create, {
            '--account-name': ONE, '--resource-group': ONE, '--scope': ONE, '--principal-id': ONE,
            '--role-definition-id': ONE, '--role-assignment-id': ONE}),
        ('cosmosdb', 'sql', 'role', 'assignment', 'list'): (cosmos_role_assignment_list, {
            '--account-name': ONE, '--resource-group': ONE}),
        ('redis', 'access-policy-assignment', 'create'): (redis_access_policy_assignment_create, dict(
            group, **{'--policy-assignment-name': ONE, '--access-policy-name': ONE, '--object-id': ONE,
                      '--object-id-alias': ONE})),
    }
