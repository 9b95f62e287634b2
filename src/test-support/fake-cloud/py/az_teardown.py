"""What the teardown script runs that the setup does not: deletes, `identity remove`, and the lists and shows it
reads before each (it looks before it removes); the shows and `container list` it reads are az_resources.py's.
Result shapes and errors as read in the azure-cli source; each command's source is named on its handler."""
from az_args import MANY, ONE, SWITCH, required
from az_hosts import SYSTEM
from az_output import cli_error, resource_not_found
from az_resources import check_group, find, find_by_id, TYPES


def _drop(state, resource):
    state['resources'] = [other for other in state['resources'] if other['id'] != resource['id']]


def role_assignment_delete(state, values):
    """With --ids, each id is deleted as is (role/custom.py delete_role_assignments in the installed 2.45:
    assignments_client.delete_by_id); ARM answers a delete of a missing assignment with 204, so no error."""
    (ids,) = required(values, '--ids')
    wanted = {item.lower() for item in ids}
    state['roleAssignments'] = [assignment for assignment in state['roleAssignments']
                                if assignment['id'].lower() not in wanted]
    return None


def identity_list(state, values):
    """The group's user-assigned identities (`az identity list -g`), as `identity show` prints each."""
    (group,) = required(values, '--resource-group')
    check_group(state, group)
    return [resource for resource in state['resources'] if resource['type'] == TYPES['identity']
            and resource['resourceGroup'].lower() == group.lower()]


def identity_delete(state, values):
    """An ARM DELETE: a missing identity is no error (204). Its federated credentials go with it."""
    name, group = required(values, '--name', '--resource-group')
    check_group(state, group)
    for resource in state['resources']:
        if (resource['type'] == TYPES['identity'] and resource['name'].lower() == name.lower()
                and resource['resourceGroup'].lower() == group.lower()):
            _drop(state, resource)
            break
    return None


def federated_credential_list(state, values):
    identity_name, group = required(values, '--identity-name', '--resource-group')
    return list(find(state, 'identity', identity_name, group).get('federatedIdentityCredentials', {}).values())


def federated_credential_delete(state, values):
    """The aaz command DELETEs the credential; a missing one is no error (204)."""
    name, identity_name, group = required(values, '--name', '--identity-name', '--resource-group')
    find(state, 'identity', identity_name, group).get('federatedIdentityCredentials', {}).pop(name, None)
    return None


def keyvault_delete_policy(state, values):
    """As keyvault/custom.py delete_policy in the installed 2.45: refused on an RBAC vault; every entry of the
    object id goes; no entry of it is 'No matching policies found'."""
    name, object_id = required(values, '--name', '--object-id')
    vault = find(state, 'keyvault', name, values.get('--resource-group'))
    properties = vault['properties']
    if properties.get('enableRbacAuthorization'):
        raise cli_error("Cannot delete policies to a vault with '--enable-rbac-authorization' specified")
    policies = properties.get('accessPolicies', [])
    kept = [entry for entry in policies if entry['objectId'].lower() != object_id.lower()]
    if len(kept) == len(policies):
        raise cli_error('No matching policies found')
    properties['accessPolicies'] = kept
    return vault


def cosmos_role_assignment_delete(state, values):
    """--role-assignment-id is the name (GUID) or a full id, parsed down to the GUID (cosmosdb/_validators.py
    validate_role_assignment_id in the installed 2.45)."""
    account_name, group, assignment = required(values, '--account-name', '--resource-group', '--role-assignment-id')
    account = find(state, 'cosmosdb', account_name, group)
    name = assignment.rstrip('/').rsplit('/', 1)[-1]
    assignments = account.get('sqlRoleAssignments', [])
    kept = [item for item in assignments if item['name'] != name]
    if len(kept) == len(assignments):
        raise resource_not_found("The role assignment '{0}' was not found.".format(name))
    account['sqlRoleAssignments'] = kept
    return None


def redis_access_policy_assignment_list(state, values):
    name, group = required(values, '--name', '--resource-group')
    return list(find(state, 'redis', name, group).get('accessPolicyAssignments', {}).values())


def redis_access_policy_assignment_delete(state, values):
    name, group, assignment = required(values, '--name', '--resource-group', '--policy-assignment-name')
    find(state, 'redis', name, group).get('accessPolicyAssignments', {}).pop(assignment, None)
    return None


def _remove_identities(resource, system, user_ids, name, host):
    """Takes identities off a resource's identity block; one not there fails, as the CLI's do (vm/custom.py
    _remove_identities and appservice custom.py remove_identity: "'<ids>' are not associated with '<name>'";
    containerapp custom.py remove_managed_identity likewise)."""
    identity = resource.get('identity') or {}
    types = set(filter(None, (identity.get('type') or '').replace(' ', '').split(',')))
    users = identity.get('userAssignedIdentities') or {}
    missing = [user_id for user_id in user_ids if user_id.lower() not in {key.lower() for key in users}]
    if missing:
        raise cli_error("'{0}' are not associated with '{1}'".format(','.join(missing), name))
    for user_id in user_ids:
        for key in list(users):
            if key.lower() == user_id.lower():
                users.pop(key)
    if not users:
        identity.pop('userAssignedIdentities', None)
        types.discard('UserAssigned')
    if system:
        types.discard('SystemAssigned')
        identity.pop('principalId', None)
        identity.pop('tenantId', None)
    identity['type'] = ', '.join(sorted(types)) or 'None'
    resource['identity'] = identity
    return identity


def site_or_vm_identity_remove(group_key, kind=None):
    def remove(state, values):
        name, group = required(values, '--name', '--resource-group')
        wanted = values.get('--identities', [SYSTEM])
        resource = find(state, group_key, name, group)
        if kind is not None and ('functionapp' in (resource.get('kind') or 'app')) != (kind == 'functionapp'):
            raise cli_error("The site '{0}' is not a {1}.".format(name, kind), 3)
        return _remove_identities(resource, SYSTEM in wanted, [item for item in wanted if item != SYSTEM],
                                  name, group_key)
    return remove


def containerapp_identity_remove(state, values):
    name, group = required(values, '--name', '--resource-group')
    app = find(state, 'containerapp', name, group)
    if not (app.get('identity') or {}).get('type') or app['identity']['type'] == 'None':
        raise cli_error('The containerapp {0} has no system or user assigned identities.'.format(name))
    return _remove_identities(app, '--system-assigned' in values, values.get('--user-assigned', []), name,
                              'containerapp')


def dapr_component_list(state, values):
    env_name, group = required(values, '--name', '--resource-group')
    return list(find(state, 'containerapp env', env_name, group).get('daprComponents', {}).values())


def dapr_component_remove(state, values):
    """Shows the component first: a missing one is "Dapr component not found." (containerapp custom.py
    remove_dapr_component)."""
    env_name, group, component_name = required(values, '--name', '--resource-group', '--dapr-component-name')
    environment = find(state, 'containerapp env', env_name, group)
    components = environment.get('daprComponents', {})
    if component_name not in components:
        raise resource_not_found('Dapr component not found.')
    components.pop(component_name)
    if not components:
        environment.pop('daprComponents')
    return None


def container_delete(state, values):
    """A missing group: the CLI's delete returns nothing (ARM 204)."""
    name, group = required(values, '--name', '--resource-group')
    check_group(state, group)
    target = find_by_id(state, '/subscriptions/{0}/resourceGroups/{1}/providers/{2}/{3}'.format(
        state['account']['subscriptionId'], group, TYPES['container'], name))
    if target is not None:
        _drop(state, target)
    return None


def teardown_commands():
    group = {'--name': ONE, '--resource-group': ONE}
    identities = dict(group, **{'--identities': MANY})
    return {
        ('role', 'assignment', 'delete'): (role_assignment_delete, {'--ids': MANY}),
        ('identity', 'list'): (identity_list, {'--resource-group': ONE}),
        ('identity', 'delete'): (identity_delete, group),
        ('identity', 'federated-credential', 'list'): (federated_credential_list, {
            '--identity-name': ONE, '--resource-group': ONE}),
        ('identity', 'federated-credential', 'delete'): (federated_credential_delete, dict(
            group, **{'--identity-name': ONE, '--yes': SWITCH})),
        ('keyvault', 'delete-policy'): (keyvault_delete_policy, dict(group, **{'--object-id': ONE})),
        ('cosmosdb', 'sql', 'role', 'assignment', 'delete'): (cosmos_role_assignment_delete, {
            '--account-name': ONE, '--resource-group': ONE, '--role-assignment-id': ONE, '--yes': SWITCH}),
        ('redis', 'access-policy-assignment', 'list'): (redis_access_policy_assignment_list, group),
        ('redis', 'access-policy-assignment', 'delete'): (redis_access_policy_assignment_delete, dict(
            group, **{'--policy-assignment-name': ONE})),
        ('vm', 'identity', 'remove'): (site_or_vm_identity_remove('vm'), identities),
        ('vmss', 'identity', 'remove'): (site_or_vm_identity_remove('vmss'), identities),
        ('webapp', 'identity', 'remove'): (site_or_vm_identity_remove('webapp', 'app'), identities),
        ('functionapp', 'identity', 'remove'): (site_or_vm_identity_remove('webapp', 'functionapp'), identities),
        ('containerapp', 'identity', 'remove'): (containerapp_identity_remove, dict(
            group, **{'--system-assigned': SWITCH, '--user-assigned': MANY})),
        ('containerapp', 'env', 'dapr-component', 'list'): (dapr_component_list, group),
        ('containerapp', 'env', 'dapr-component', 'remove'): (dapr_component_remove, dict(
            group, **{'--dapr-component-name': ONE})),
        ('container', 'delete'): (container_delete, dict(group, **{'--yes': SWITCH})),
    }
