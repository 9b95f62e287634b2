"""The hosts: attaching identities, AKS settings and credentials, Container Apps Dapr settings and
components, container groups (Run Command and the instances of a scale set: az_machines.py)."""
import base64

import yaml

from az_args import MANY, ONE, SWITCH, required
from az_containerapp_logs import new_revision
from az_output import cli_error, resource_not_found, service_error
from az_resources import check_group, find, find_by_id, resource_id, TYPES
from state import FakeCloudError, save_state, stable_id

SYSTEM = '[system]'


def _user_identity(state, identity_id):
    identity = find_by_id(state, identity_id)
    if identity is None:
        raise cli_error("The user-assigned identity '{0}' was not found.".format(identity_id), 3)
    return {'clientId': identity['clientId'], 'principalId': identity['principalId']}


def _attach(state, resource, system, user_ids):
    """Adds identities to the resource's identity block; an identity already there keeps its principal id."""
    identity = resource.get('identity') or {}
    types = set(filter(None, (identity.get('type') or '').replace(' ', '').split(',')))
    types.discard('None')
    if system:
        types.add('SystemAssigned')
        identity['principalId'] = identity.get('principalId') or stable_id('system', resource['id'])
        identity['tenantId'] = state['account']['tenantId']
    if user_ids:
        types.add('UserAssigned')
        users = identity.setdefault('userAssignedIdentities', {})
        for user_id in user_ids:
            users[user_id] = _user_identity(state, user_id)
    identity['type'] = ', '.join(sorted(types))
    resource['identity'] = identity
    return identity


def _split_identities(values, flag='--identities'):
    wanted = values.get(flag, [SYSTEM])
    return SYSTEM in wanted, [item for item in wanted if item != SYSTEM]


def vm_identity_assign(group_key):
    """VMs and scale sets print systemAssignedIdentity/userAssignedIdentities (vm/custom.py
    _construct_identity_info in the installed 2.45), not the identity block itself."""
    def assign(state, values):
        name, group = required(values, '--name', '--resource-group')
        system, users = _split_identities(values)
        machine = find(state, group_key, name, group)
        identity = _attach(state, machine, system, users)
        if group_key == 'vmss' and machine.get('upgradePolicy') is None:
            # assign_vmss_identity reads vmss.upgrade_policy.mode once the PATCH is done (azure-cli vm/custom.py;
            # the same read fails az vmss update on such a scale set, Azure/azure-cli#30813): the identity is
            # attached, and the command fails with the unexpected-error traceback.
            save_state(state)
            raise FakeCloudError(
                'ERROR: The command failed with an unexpected error. Here is the traceback:\n'
                "ERROR: 'NoneType' object has no attribute 'mode'\n", 1)
        return {'systemAssignedIdentity': identity.get('principalId', ''),
                'userAssignedIdentities': identity.get('userAssignedIdentities', {})}
    return assign


def site_identity_assign(kind):
    """Web and function apps print the site's identity block (principalId, tenantId, type, ...): appservice/
    custom.py assign_identity returns webapp.identity in the installed 2.45."""
    def assign(state, values):
        name, group = required(values, '--name', '--resource-group')
        site = find(state, 'webapp', name, group)
        if ('functionapp' in (site.get('kind') or 'app')) != (kind == 'functionapp'):
            raise cli_error("The site '{0}' is not a {1}.".format(name, kind), 3)
        system, users = _split_identities(values)
        return _attach(state, site, system, users)
    return assign


def containerapp_identity_assign(state, values):
    """Prints the app's identity block: containerapp/custom.py assign_managed_identity returns r["identity"]
    (Azure/azure-cli, src/azure-cli/azure/cli/command_modules/containerapp/custom.py; not in 2.45)."""
    name, group = required(values, '--name', '--resource-group')
    users = values.get('--user-assigned', [])
    if not users and '--system-assigned' not in values:
        raise cli_error('Please specify at least one of --system-assigned or --user-assigned.')
    return _attach(state, find(state, 'containerapp', name, group), '--system-assigned' in values, users)


def containerapp_dapr_enable(state, values):
    name, group = required(values, '--name', '--resource-group')
    app = find(state, 'containerapp', name, group)
    dapr = app.setdefault('properties', {}).setdefault('configuration', {}).setdefault('dapr', {})
    dapr['enabled'] = True
    if '--dapr-app-id' in values:
        dapr['appId'] = values['--dapr-app-id']
    if '--dapr-app-port' in values:
        dapr['appPort'] = int(values['--dapr-app-port'])
    # Dapr's settings are application-scope: changing them makes no new revision but restarts the existing
    # ones (MicrosoftDocs/azure-docs articles/container-apps/enable-dapr.md). A seeded app has no revision
    # yet, so the fake gives it the one a real app has had since it was created.
    if not app.get('properties', {}).get('latestRevisionName'):
        new_revision(app)
    return dapr


def dapr_component_set(state, values):
    """Replaces the environment's component of that name with the file's (ACA's component schema)."""
    env_name, group, component_name, path = required(
        values, '--name', '--resource-group', '--dapr-component-name', '--yaml')
    environment = find(state, 'containerapp env', env_name, group)
    with open(path, encoding='utf-8') as handle:
        spec = yaml.safe_load(handle)
    component = {'id': environment['id'] + '/daprComponents/' + component_name, 'name': component_name,
                 'resourceGroup': group, 'type': 'Microsoft.App/managedEnvironments/daprComponents',
                 'properties': spec}
    environment.setdefault('daprComponents', {})[component_name] = component
    return component


def dapr_component_show(state, values):
    env_name, group, component_name = required(values, '--name', '--resource-group', '--dapr-component-name')
    environment = find(state, 'containerapp env', env_name, group)
    component = environment.get('daprComponents', {}).get(component_name)
    if component is None:
        raise resource_not_found("Dapr component '{0}' was not found.".format(component_name))
    return component


def aks_update(state, values):
    name, group = required(values, '--name', '--resource-group')
    cluster = find(state, 'aks', name, group)
    if '--enable-oidc-issuer' in values:
        profile = cluster.setdefault('oidcIssuerProfile', {})
        profile['enabled'] = True
        profile['issuerUrl'] = profile.get('issuerUrl') or 'https://{0}.oic.prod-aks.azure.com/{1}/{2}/'.format(
            cluster.get('location', 'westeurope'), state['account']['tenantId'], stable_id('issuer', cluster['id']))
    if '--enable-workload-identity' in values:
        if not cluster.get('oidcIssuerProfile', {}).get('enabled'):
            raise cli_error('Enabling workload identity requires enabling OIDC issuer (--enable-oidc-issuer).')
        cluster.setdefault('securityProfile', {})['workloadIdentity'] = {'enabled': True}
    return cluster


def aks_get_credentials(state, values):
    name, group = required(values, '--name', '--resource-group')
    find(state, 'aks', name, group)
    state.setdefault('kubeconfig', {})['currentContext'] = name
    return None


def _as_shown(definition):
    """A container group as the CLI prints it: the SDK model's `properties` flattened to the top level, each
    container's too (azure-mgmt-containerinstance ContainerGroup and Container map their fields from
    properties.*), and attribute names camel-cased from the model's (memory_in_gb: memoryInGb), as the CLI's
    todict does. Secret volume values are write-only in ARM and not shown."""
    shown = {key: value for key, value in definition.items() if key != 'properties'}
    shown.update(definition.get('properties') or {})
    containers = []
    for container in shown.get('containers') or []:
        flat = dict({'name': container.get('name')}, **(container.get('properties') or {}))
        requests = (flat.get('resources') or {}).get('requests')
        if requests and 'memoryInGB' in requests:
            requests['memoryInGb'] = requests.pop('memoryInGB')
        containers.append(flat)
    shown['containers'] = containers
    for volume in shown.get('volumes') or []:
        if 'secret' in volume:
            volume['secret'] = {}
    address = shown.get('ipAddress')
    if address and address.get('dnsNameLabel'):
        address['fqdn'] = '{0}.{1}.azurecontainer.io'.format(address['dnsNameLabel'],
                                                             definition.get('location', 'westeurope'))
    return shown


def _daprd_loaded_lines(definition):
    """The "Component loaded: <name> (<type>/<version>)" lines daprd logs at start (dapr/dapr
    pkg/runtime/processor, log.Infof of the component's name, spec.type and spec.version), one for each
    Component document in the secret volume mounted at daprd's --resources-path and scoped to its --app-id
    (or unscoped). Only what the group file really carries is ever "loaded"."""
    containers = (definition.get('properties') or {}).get('containers') or []
    daprd = next((c for c in containers if c.get('name') == 'daprd'), None)
    if daprd is None:
        return []
    properties = daprd.get('properties') or {}
    command = [str(item) for item in properties.get('command') or []]
    option = lambda flag: command[command.index(flag) + 1] if flag in command[:-1] else None
    app_id, resources_path = option('--app-id'), option('--resources-path')
    mounted = {m.get('name') for m in properties.get('volumeMounts') or [] if m.get('mountPath') == resources_path}
    lines = []
    for volume in (definition.get('properties') or {}).get('volumes') or []:
        if volume.get('name') not in mounted:
            continue
        for _, encoded in sorted((volume.get('secret') or {}).items()):
            for document in yaml.safe_load_all(base64.b64decode(encoded).decode('utf-8')):
                if not isinstance(document, dict) or document.get('kind') != 'Component':
                    continue
                scopes = document.get('scopes') or []
                if scopes and app_id not in scopes:
                    continue
                spec = document.get('spec') or {}
                lines.append('level=info msg="Component loaded: {0} ({1}/{2})" app_id={3}'.format(
                    document['metadata']['name'], spec.get('type'), spec.get('version'), app_id))
    return lines


def _log_loaded_components(state, group_id, definition):
    state.setdefault('logs', {})[group_id + '/daprd'] = _daprd_loaded_lines(definition)


def container_create(state, values):
    """A group of the same name is updated to the file's definition (and restarts)."""
    (group,) = required(values, '--resource-group')
    check_group(state, group)
    with open(required(values, '--file')[0], encoding='utf-8') as handle:
        definition = yaml.safe_load(handle)
    new_id = resource_id(state, TYPES['container'], group, definition['name'])
    _log_loaded_components(state, new_id, definition)
    existing = find_by_id(state, new_id)
    old_identity = (existing or {}).get('identity') or {}
    wanted = definition.get('identity') or {}
    group_resource = dict(_as_shown(definition), id=new_id, resourceGroup=group, type=TYPES['container'])
    group_resource.pop('identity', None)
    kinds = (wanted.get('type') or '').replace(' ', '').split(',')
    if old_identity.get('principalId') and 'SystemAssigned' in kinds:
        group_resource['identity'] = {'principalId': old_identity['principalId']}
    _attach(state, group_resource, 'SystemAssigned' in kinds, list(wanted.get('userAssignedIdentities') or {}))
    state['resources'] = [resource for resource in state['resources'] if resource['id'] != new_id]
    state['resources'].append(group_resource)
    return group_resource


def container_logs(state, values):
    name, group = required(values, '--name', '--resource-group')
    container_group = find(state, 'container', name, group)
    lines = state.get('logs', {}).get(container_group['id'] + '/' + values.get('--container-name', ''), [])
    for line in lines:
        print(line)
    return None


def container_restart(state, values):
    name, group = required(values, '--name', '--resource-group')
    find(state, 'container', name, group)
    return None


def vmss_update_instances(state, values):
    """Brings the instances to the scale set's latest model, with every change waiting in it (an OS image or
    size change restarts or reimages them: MicrosoftDocs/azure-docs virtual-machine-scale-sets-upgrade-policy.md).
    The fake keeps no per-instance model, so it counts the updates: each is a change to the instances, which
    a second run of a setup must not make (the LRO's result is None in the installed 2.45, vm/custom.py)."""
    name, group = required(values, '--name', '--resource-group', '--instance-ids')[:2]
    scale_set = find(state, 'vmss', name, group)
    scale_set['latestModelAppliedTo'] = values['--instance-ids']
    scale_set['instanceUpdates'] = scale_set.get('instanceUpdates', 0) + 1
    return None


def host_commands():
    group = {'--name': ONE, '--resource-group': ONE}
    identities = dict(group, **{'--identities': MANY})
    return {
        ('vm', 'identity', 'assign'): (vm_identity_assign('vm'), identities),
        ('vmss', 'identity', 'assign'): (vm_identity_assign('vmss'), identities),
        ('webapp', 'identity', 'assign'): (site_identity_assign('app'), identities),
        ('functionapp', 'identity', 'assign'): (site_identity_assign('functionapp'), identities),
        ('containerapp', 'identity', 'assign'): (containerapp_identity_assign, dict(
            group, **{'--system-assigned': SWITCH, '--user-assigned': MANY})),
        ('containerapp', 'dapr', 'enable'): (containerapp_dapr_enable, dict(
            group, **{'--dapr-app-id': ONE, '--dapr-app-port': ONE})),
        ('containerapp', 'env', 'dapr-component', 'set'): (dapr_component_set, dict(
            group, **{'--dapr-component-name': ONE, '--yaml': ONE})),
        ('containerapp', 'env', 'dapr-component', 'show'): (dapr_component_show, dict(
            group, **{'--dapr-component-name': ONE})),
        ('aks', 'update'): (aks_update, dict(
            group, **{'--enable-oidc-issuer': SWITCH, '--enable-workload-identity': SWITCH})),
        ('aks', 'get-credentials'): (aks_get_credentials, dict(group, **{'--overwrite-existing': SWITCH})),
        ('vmss', 'update-instances'): (vmss_update_instances, dict(group, **{'--instance-ids': MANY})),
        ('container', 'create'): (container_create, {'--resource-group': ONE, '--file': ONE}),
        ('container', 'logs'): (container_logs, dict(group, **{'--container-name': ONE})),
        ('container', 'restart'): (container_restart, group),
    }
