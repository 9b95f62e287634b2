"""The kinds of object the fake cluster holds, and how one is found by kind, name and namespace: shared by
kubectl.py (every command) and kube_pods.py (the injector, the ServiceAccount a pod names)."""


# kind -> (what kubectl calls the resource in its output, whether it lives in a namespace)
KINDS = {
    'Namespace': ('namespace', False),
    'ServiceAccount': ('serviceaccount', True),
    'Deployment': ('deployment.apps', True),
    'StatefulSet': ('statefulset.apps', True),
    'DaemonSet': ('daemonset.apps', True),
    'Job': ('job.batch', True),
    'CronJob': ('cronjob.batch', True),
    'Pod': ('pod', True),
    'Component': ('component.dapr.io', True),
    'CustomResourceDefinition': ('customresourcedefinition.apiextensions.k8s.io', False),
}


def find(cluster, kind, name, namespace):
    namespaced = KINDS[kind][1]
    if kind == 'CustomResourceDefinition':
        return {'kind': kind, 'metadata': {'name': name}} if name in cluster.get('crds', []) else None
    for item in cluster['objects']:
        if (item['kind'] == kind and item['metadata']['name'] == name
                and (not namespaced or item['metadata'].get('namespace') == namespace)):
            return item
    return None
