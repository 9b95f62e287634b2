"""What a cluster does with a Deployment's pod template, as far as the scripts can see it.

A change of the template (or a `rollout restart`) replaces the Deployment's pod with a new one, as its
ReplicaSet would: the Dapr sidecar injector adds a `daprd` container to a pod annotated dapr.io/enabled
"true" (dapr/dapr pkg/injector), and the Workload ID webhook adds AZURE_CLIENT_ID, AZURE_TENANT_ID,
AZURE_FEDERATED_TOKEN_FILE and AZURE_AUTHORITY_HOST to every container of a pod labelled
azure.workload.identity/use "true" whose ServiceAccount names a client id (Azure/azure-workload-identity
docs, "Mutating Admission Webhook"). daprd reads the namespace's components once, when the pod starts, and
logs "Component loaded: <name> (<type>/<version>)" for each one scoped to its app id (dapr/dapr
pkg/runtime/processor). A pod that names a ServiceAccount that does not exist is never created, and the
rollout never finishes, as in a real cluster.

The fake keeps one pod per Deployment; its name carries a hash of the template, as a ReplicaSet's does.
"""
import copy
import hashlib
import json

from kube_objects import find

TOKEN_FILE = '/var/run/secrets/azure/tokens/azure-identity-token'
AUTHORITY_HOST = 'https://login.microsoftonline.com/'
FAKE_TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47'


def template_hash(deployment):
    text = json.dumps(deployment.get('spec', {}).get('template', {}), sort_keys=True)
    return hashlib.sha256(text.encode('utf-8')).hexdigest()[:10]


def owned_pods(cluster, deployment):
    owner = deployment['metadata']['name']
    namespace = deployment['metadata'].get('namespace')
    return [item for item in cluster['objects'] if item['kind'] == 'Pod'
            and item['metadata'].get('namespace') == namespace
            and item['metadata'].get('labels', {}).get('fake/deployment') == owner]


def current_pod(cluster, deployment):
    """The pod of the Deployment's present template, or None (it could not be created)."""
    expected = '{0}-{1}'.format(deployment['metadata']['name'], template_hash(deployment))
    return next((pod for pod in owned_pods(cluster, deployment) if pod['metadata']['name'] == expected), None)


def injector_release(cluster):
    injector = find(cluster, 'Deployment', 'dapr-sidecar-injector', 'dapr-system')
    if injector is None:
        return None
    image = injector['spec']['template']['spec']['containers'][0]['image']
    return image.rsplit(':', 1)[-1]


def workload_identity_env(cluster, namespace, labels, account_name):
    if labels.get('azure.workload.identity/use') != 'true':
        return []
    account = find(cluster, 'ServiceAccount', account_name, namespace)
    annotations = (account or {}).get('metadata', {}).get('annotations', {})
    client_id = annotations.get('azure.workload.identity/client-id')
    if not client_id:
        return []
    return [
        {'name': 'AZURE_CLIENT_ID', 'value': client_id},
        {'name': 'AZURE_TENANT_ID', 'value': annotations.get('azure.workload.identity/tenant-id', FAKE_TENANT)},
        {'name': 'AZURE_FEDERATED_TOKEN_FILE', 'value': TOKEN_FILE},
        {'name': 'AZURE_AUTHORITY_HOST', 'value': AUTHORITY_HOST},
    ]


def daprd_log(cluster, namespace, app_id, release):
    lines = ['level=info msg="Starting Dapr Runtime -- version {0}" app_id={1}'.format(release, app_id)]
    for item in cluster['objects']:
        if item['kind'] != 'Component' or item['metadata'].get('namespace') != namespace:
            continue
        scopes = item.get('scopes') or []
        if scopes and app_id not in scopes:
            continue
        spec = item.get('spec', {})
        lines.append('level=info msg="Component loaded: {0} ({1}/{2})" app_id={3}'.format(
            item['metadata']['name'], spec.get('type'), spec.get('version'), app_id))
    return lines


def roll(cluster, deployment, state):
    """Replaces the Deployment's pod with one made from its present template; whether anything changed."""
    namespace = deployment['metadata'].get('namespace')
    old = owned_pods(cluster, deployment)
    for pod in old:
        cluster['objects'].remove(pod)
        cluster.get('logs', {}).pop('{0}/{1}/daprd'.format(namespace, pod['metadata']['name']), None)
    template = copy.deepcopy(deployment.get('spec', {}).get('template', {}))
    metadata = template.get('metadata', {})
    spec = template.get('spec', {})
    account_name = spec.get('serviceAccountName') or spec.get('serviceAccount') or 'default'
    if account_name != 'default' and find(cluster, 'ServiceAccount', account_name, namespace) is None:
        return bool(old)
    labels = dict(metadata.get('labels', {}))
    annotations = metadata.get('annotations', {})
    name = '{0}-{1}'.format(deployment['metadata']['name'], template_hash(deployment))
    state['sequence'] = state.get('sequence', 0) + 1
    labels['fake/deployment'] = deployment['metadata']['name']
    containers = spec.setdefault('containers', [])
    release = injector_release(cluster)
    app_id = annotations.get('dapr.io/app-id', '')
    if annotations.get('dapr.io/enabled') == 'true' and release is not None:
        containers.append({'name': 'daprd', 'image': 'ghcr.io/dapr/daprd:' + release})
        # The injector labels the pod with its app id (dapr/dapr pkg/injector/patcher, SidecarConfig).
        labels['dapr.io/app-id'] = app_id
        cluster.setdefault('logs', {})['{0}/{1}/daprd'.format(namespace, name)] = daprd_log(
            cluster, namespace, app_id, release)
    env = workload_identity_env(cluster, namespace, labels, account_name)
    for container in containers:
        container['env'] = container.get('env', []) + env
    spec['serviceAccountName'] = account_name
    cluster['objects'].append({
        'apiVersion': 'v1',
        'kind': 'Pod',
        'metadata': {'name': name, 'namespace': namespace, 'labels': labels, 'annotations': annotations,
                     'creationTimestamp': '2026-01-01T00:{0:02d}:{1:02d}Z'.format(
                         state['sequence'] // 60 % 60, state['sequence'] % 60)},
        'spec': spec,
    })
    return True
