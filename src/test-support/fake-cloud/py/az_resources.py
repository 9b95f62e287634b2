"""Azure resources in the fake: looked up by type, name and resource group, shown as the CLI shows them.

A resource is a JSON object in state['resources'] with at least type, name, resourceGroup and id, and the
fields its `show` command prints (properties.enableRbacAuthorization for a vault, authConfig for a
PostgreSQL flexible server, oidcIssuerProfile for a cluster, ...): the seed writes them in that shape.
"""
import json
import os

from az_args import ONE, required
from az_output import resource_not_found, service_error

# The ARM type each CLI command group manages (shared with the TypeScript seed builders).
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'resource-types.json'),
          encoding='utf-8') as _types:
    TYPES = json.load(_types)
# Show commands whose --resource-group is optional (the CLI then searches the subscription).
GROUP_OPTIONAL = {'keyvault', 'storage account', 'appconfig'}


def subscription_id(state):
    return state['account']['subscriptionId']


def group_id(state, group):
    return '/subscriptions/{0}/resourceGroups/{1}'.format(subscription_id(state), group)


def resource_id(state, resource_type, group, name):
    return '{0}/providers/{1}/{2}'.format(group_id(state, group), resource_type, name)


def check_group(state, group):
    if group not in state.get('resourceGroups', {}):
        raise service_error('ResourceGroupNotFound', "Resource group '{0}' could not be found.".format(group), 3)


def find(state, group_key, name, group=None):
    resource_type = TYPES[group_key]
    if group is not None:
        check_group(state, group)
    for resource in state['resources']:
        if (resource['type'].lower() == resource_type.lower() and resource['name'].lower() == name.lower()
                and (group is None or resource['resourceGroup'].lower() == group.lower())):
            return resource
    raise resource_not_found(
        "The Resource '{0}/{1}' under resource group '{2}' was not found. For more details please go to "
        'https://aka.ms/ARMResourceNotFoundFix'.format(resource_type, name, group or '(any)'))


def find_by_id(state, wanted):
    for resource in state['resources']:
        if resource['id'].lower() == wanted.lower():
            return resource
    return None


def _as_shown(group_key, resource):
    """What a GET returns. A Flexible scale set lists each user-assigned identity by its resource id with no
    client or principal id (MicrosoftDocs/azure-compute-docs virtual-machine-scale-sets-orchestration-modes.md,
    footnote 1); the state keeps them, since its VMs still get tokens for the identity."""
    identity = resource.get('identity') or {}
    if group_key != 'vmss' or resource.get('orchestrationMode') != 'Flexible' or 'userAssignedIdentities' not in identity:
        return resource
    users = {key: {} for key in identity['userAssignedIdentities']}
    return dict(resource, identity=dict(identity, userAssignedIdentities=users))


def show_handler(group_key):
    def show(state, values):
        group = values.get('--resource-group')
        if group is None and group_key not in GROUP_OPTIONAL:
            required(values, '--resource-group')
        return _as_shown(group_key, find(state, group_key, values['--name'], group))
    return show


def child_id(state, parent_key, group, parent_name, child_segment, name):
    """A child resource's id: its parent's id, then /<segment>/<name> (ARM ids of queues and event hubs)."""
    return '{0}/{1}/{2}'.format(resource_id(state, TYPES[parent_key], group, parent_name), child_segment, name)


def child_show_handler(parent_key, child_segment):
    """`az servicebus queue show` / `az eventhubs eventhub show`: --namespace-name, --name, --resource-group
    (servicebus/eventhubs _params.py in the installed 2.45); the answer is the child resource, whose id
    continues the namespace's (.../namespaces/<ns>/queues/<name>)."""
    def show(state, values):
        namespace, name, group = required(values, '--namespace-name', '--name', '--resource-group')
        find(state, parent_key, namespace, group)
        resource = find_by_id(state, child_id(state, parent_key, group, namespace, child_segment, name))
        if resource is None:
            raise resource_not_found(
                "The Resource '{0}/{1}/{2}/{3}' under resource group '{4}' was not found.".format(
                    TYPES[parent_key], namespace, child_segment, name, group))
        return resource
    return show


def functionapp_show(state, values):
    """A site whose kind does not name a function app is not one: appservice/custom.py get_functionapp in the
    installed 2.45 raises ResourceNotFoundError "Unable to find App ..." (exit 3)."""
    name, group = required(values, '--name', '--resource-group')
    site = find(state, 'functionapp', name, group)
    if 'function' not in (site.get('kind') or ''):
        raise resource_not_found('Unable to find App {0} in resource group {1}'.format(name, group))
    return site


def container_list(state, values):
    """The container groups of a resource group (container/custom.py list_containers: list_by_resource_group
    in the installed 2.45), each shaped as its show prints it."""
    (group,) = required(values, '--resource-group')
    check_group(state, group)
    return [resource for resource in state['resources'] if resource['type'] == TYPES['container']
            and resource['resourceGroup'].lower() == group.lower()]


def environment_show(state, values):
    """`az containerapp env show` by --name and --resource-group, or by --ids (containerapp _params.py: name
    with id_part='name', so --ids stands for both); an id of no environment is ResourceNotFound (exit 3)."""
    if '--ids' not in values:
        return show_handler('containerapp env')(state, values)
    resource = find_by_id(state, values['--ids'])
    if resource is None or resource['type'].lower() != TYPES['containerapp env'].lower():
        raise resource_not_found("The Resource '{0}' was not found.".format(values['--ids']))
    return resource


def show_commands():
    table = {}
    # webapp show prints any site of that name (appservice/custom.py show_app, no check of its kind).
    for group_key in ['keyvault', 'storage account', 'servicebus namespace', 'eventhubs namespace', 'cosmosdb',
                      'appconfig', 'cognitiveservices account', 'signalr', 'postgres flexible-server',
                      'sql server', 'redis', 'aks', 'containerapp', 'containerapp env', 'container', 'vm',
                      'vmss', 'webapp']:
        table[tuple(group_key.split()) + ('show',)] = (
            show_handler(group_key), {'--name': ONE, '--resource-group': ONE})
    child_flags = {'--namespace-name': ONE, '--name': ONE, '--resource-group': ONE}
    table[('servicebus', 'queue', 'show')] = (child_show_handler('servicebus namespace', 'queues'), child_flags)
    table[('eventhubs', 'eventhub', 'show')] = (child_show_handler('eventhubs namespace', 'eventhubs'),
                                                child_flags)
    table[('containerapp', 'env', 'show')] = (
        environment_show, {'--name': ONE, '--resource-group': ONE, '--ids': ONE})
    table[('functionapp', 'show')] = (functionapp_show, {'--name': ONE, '--resource-group': ONE})
    table[('container', 'list')] = (container_list, {'--resource-group': ONE})
    return table
