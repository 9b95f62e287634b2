"""Entities inside resources that Dapr reads and the setup checks before any change: a Cosmos DB SQL container
and an Event Hubs consumer group. Each is a resource in state['resources'] whose id continues its parent's, as
ARM's do (.../databaseAccounts/<a>/sqlDatabases/<d>/containers/<c>, .../eventhubs/<h>/consumergroups/<g>).
"""
from az_args import ONE, required
from az_output import resource_not_found
from az_resources import TYPES, child_id, find, find_by_id, resource_id


def cosmos_container_show(state, values):
    """`az cosmosdb sql container show` (cosmosdb/_params.py in the installed 2.45: --account-name,
    --database-name, --name, --resource-group): the SDK's SqlContainerGetResults, whose `resource` holds
    partitionKey.paths (azure-mgmt-cosmosdb models)."""
    account, database, name, group = required(
        values, '--account-name', '--database-name', '--name', '--resource-group')
    find(state, 'cosmosdb', account, group)
    wanted = '{0}/sqlDatabases/{1}/containers/{2}'.format(
        resource_id(state, TYPES['cosmosdb'], group, account), database, name)
    container = find_by_id(state, wanted)
    if container is None:
        raise resource_not_found("The container '{0}' of database '{1}' was not found.".format(name, database))
    return container


def consumer_group_show(state, values):
    """`az eventhubs eventhub consumer-group show` (eventhubs/_params.py in the installed 2.45:
    --namespace-name, --eventhub-name, --name, --resource-group). Every event hub has the consumer group
    $Default (MicrosoftDocs azure-docs articles/event-hubs/event-hubs-features.md, "Consumer groups")."""
    namespace, hub, name, group = required(
        values, '--namespace-name', '--eventhub-name', '--name', '--resource-group')
    hub_id = child_id(state, 'eventhubs namespace', group, namespace, 'eventhubs', hub)
    if find_by_id(state, hub_id) is None:
        raise resource_not_found("The Resource 'Microsoft.EventHub/namespaces/{0}/eventhubs/{1}' under resource "
                                 "group '{2}' was not found.".format(namespace, hub, group))
    wanted = '{0}/consumergroups/{1}'.format(hub_id, name)
    found = find_by_id(state, wanted)
    if found is not None:
        return found
    if name == '$Default':
        return {'id': wanted, 'name': name, 'resourceGroup': group,
                'type': 'Microsoft.EventHub/namespaces/eventhubs/consumergroups'}
    raise resource_not_found("The Resource 'Microsoft.EventHub/namespaces/{0}/eventhubs/{1}/consumergroups/{2}' "
                             "under resource group '{3}' was not found.".format(namespace, hub, name, group))


def fixres_commands():
    return {
        ('cosmosdb', 'sql', 'container', 'show'): (cosmos_container_show, {
            '--account-name': ONE, '--database-name': ONE, '--name': ONE, '--resource-group': ONE}),
        ('eventhubs', 'eventhub', 'consumer-group', 'show'): (consumer_group_show, {
            '--namespace-name': ONE, '--eventhub-name': ONE, '--name': ONE, '--resource-group': ONE}),
    }
