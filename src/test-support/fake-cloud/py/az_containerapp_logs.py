"""Container Apps revisions and the console log of a replica's daprd container, as `az containerapp logs show`
reads it (Azure/azure-cli containerapp custom.py stream_containerapp_logs, _params.py and _validators.py
validate_ssh; not in the installed 2.45).

The fake keeps no replica of its own: a Dapr-enabled app has one replica in its newest revision (`replicaCount`
0 on the app: none, as an app scaled to zero), and its daprd logs what a real one logs at start for the
components its environment holds now, scoped to its app id or unscoped: "Component loaded: <name>
(<type>/<version>)", then "dapr initialized. Status: Running." (dapr/dapr v1.16.4 pkg/runtime/processor/
components.go, pkg/runtime/runtime.go). A test makes a component fail by naming it in the environment's
`daprdFailures` ({name: error}): daprd then logs "Failed to init component <name> (<type>/<version>): <error>"
and "Error processing component, daprd will exit gracefully", and stops there."""
from az_args import ONE, required
from az_output import cli_error
from az_resources import find, find_by_id
from state import FakeCloudError, stable_id

TAIL_DEFAULT = 20
TAIL_MAX = 300
STAMP = 'time="2026-12-01T10:00:00Z"'


def new_revision(app):
    """The app's revision, ready at once in the fake."""
    properties = app.setdefault('properties', {})
    count = app.get('revisionCount', 0) + 1
    app['revisionCount'] = count
    name = '{0}--{1}'.format(app['name'], stable_id('revision', app['id'] + str(count))[:7])
    properties['latestRevisionName'] = name
    properties['latestReadyRevisionName'] = name
    return name


def _not_found(message):
    # azure-cli's ResourceNotFoundError exits with 3 (azure/cli/core/util.py handle_exception).
    return cli_error(message, 3)


def daprd_log_lines(state, app):
    """What the app's daprd logged at its start, for the environment's components as they are now."""
    dapr = (app.get('properties') or {}).get('configuration', {}).get('dapr') or {}
    app_id = dapr.get('appId')
    environment = find_by_id(state, (app.get('properties') or {}).get('managedEnvironmentId') or '') or {}
    failures = environment.get('daprdFailures') or {}
    lines = ['{0} level=info msg="Starting Dapr Runtime -- version 1.16.4" app_id={1}'.format(STAMP, app_id)]
    for name, component in (environment.get('daprComponents') or {}).items():
        spec = component.get('properties') or {}
        scopes = spec.get('scopes') or []
        if scopes and app_id not in scopes:
            continue
        log_name = '{0} ({1}/{2})'.format(name, spec.get('componentType'), spec.get('version'))
        if name in failures:
            lines.append('{0} level=error msg="Failed to init component {1}: {2}" app_id={3}'.format(
                STAMP, log_name, failures[name], app_id))
            lines.append('{0} level=warning msg="Error processing component, daprd will exit gracefully: '
                         'process component {1} error: [INIT_COMPONENT_FAILURE]: initialization error occurred '
                         'for {2}: {3}" app_id={4}'.format(STAMP, name, log_name, failures[name], app_id))
            return lines
        lines.append('{0} level=info msg="Component loaded: {1}" app_id={2}'.format(STAMP, log_name, app_id))
    lines.append('{0} level=info msg="dapr initialized. Status: Running. Init Elapsed 42ms" app_id={1}'.format(
        STAMP, app_id))
    return lines


def _tail(values):
    try:
        tail = int(values.get('--tail', TAIL_DEFAULT))
    except ValueError:
        raise FakeCloudError("argument --tail: invalid int value: '{0}'\n".format(values['--tail']), 2)
    if tail < 0 or tail > TAIL_MAX:
        raise cli_error('--tail must be between 0 and 300.')
    return tail


def containerapp_logs_show(state, values):
    name, group = required(values, '--name', '--resource-group')
    tail = _tail(values)
    kind = values.get('--type', 'console')
    if kind == 'system':
        if any(flag in values for flag in ('--container', '--replica', '--revision')):
            raise cli_error('--type: --container, --replica, and --revision not supported for system logs')
        raise cli_error('The fake keeps no system log.')
    if values.get('--format', 'json') != 'text':
        raise cli_error('The fake prints only --format text.')
    app = find(state, 'containerapp', name, group)
    properties = app.get('properties') or {}
    revision = values.get('--revision') or properties.get('latestRevisionName')
    if not revision:
        raise _not_found('Could not find a revision')
    if revision != properties.get('latestRevisionName'):
        raise _not_found('Could not find revision')
    if app.get('replicaCount', 1) == 0:
        raise _not_found('Could not find a replica for this app')
    dapr_on = (properties.get('configuration') or {}).get('dapr', {}).get('enabled') is True
    container = values.get('--container')
    if container is None:
        return None
    if container.lower() != 'daprd' or not dapr_on:
        raise _not_found('Could not find container')
    lines = daprd_log_lines(state, app)
    for line in lines[len(lines) - tail:] if tail else []:
        print(line)
    return None


def containerapp_log_commands():
    return {
        ('containerapp', 'logs', 'show'): (containerapp_logs_show, {
            '--name': ONE, '--resource-group': ONE, '--revision': ONE, '--replica': ONE, '--container': ONE,
            '--type': ONE, '--tail': ONE, '--format': ONE}),
    }
