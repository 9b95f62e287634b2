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


def show_handler(group_key):
    def show(state, values):
        group = values.get('--resource-group')
        if group is None and group_key not in GROUP_OPTIONAL:
            required(values, '--resource-group')
        return find(state, group_key, values['--name'], group)
    return show


def show_commands():
    table = {}
    for group_key in ['keyvault', 'storage account', 'servicebus namespace', 'eventhubs namespace', 'cosmosdb',
                      'appconfig', 'cognitiveservices account', 'signalr', 'postgres flexible-server',
                      'sql server', 'redis', 'aks', 'containerapp', 'container']:
        table[tuple(group_key.split()) + ('show',)] = (
            show_handler(group_key), {'--name': ONE, '--resource-group': ONE})
    return table
