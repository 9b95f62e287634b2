"""The kubectl stand-in: the cluster `az aks get-credentials` pointed at, as objects in
state['kubernetes'][cluster] = {crds: [...], objects: [...], logs: {"ns/target/container": [lines]}}.

apply (merged into an object that exists), get (also of several kinds), patch (strategic merge for maps,
containers merged by name), annotate, delete, create namespace,
rollout restart/status and logs; anything else fails (exit 1, as kubectl's cobra errors do). Deployments run
pods as kube_pods.py says; -o jsonpath is read by kube_jsonpath.py.
"""
import copy
import sys

import yaml

from kube_jsonpath import JsonPathError, render
from kube_objects import KINDS, find
from kube_pods import current_pod, roll
from state import FakeCloudError

TYPE_WORDS = {
    'namespace': 'Namespace', 'namespaces': 'Namespace', 'ns': 'Namespace',
    'serviceaccount': 'ServiceAccount', 'serviceaccounts': 'ServiceAccount', 'sa': 'ServiceAccount',
    'pod': 'Pod', 'pods': 'Pod', 'po': 'Pod',
    'deployment': 'Deployment', 'deployments': 'Deployment', 'deploy': 'Deployment', 'deployment.apps': 'Deployment',
    'statefulset': 'StatefulSet', 'statefulsets': 'StatefulSet', 'sts': 'StatefulSet',
    'daemonset': 'DaemonSet', 'daemonsets': 'DaemonSet', 'ds': 'DaemonSet',
    'job': 'Job', 'jobs': 'Job', 'cronjob': 'CronJob', 'cronjobs': 'CronJob', 'cj': 'CronJob',
    'component': 'Component', 'components': 'Component', 'components.dapr.io': 'Component',
    'component.dapr.io': 'Component',
    'crd': 'CustomResourceDefinition', 'crds': 'CustomResourceDefinition',
    'customresourcedefinition': 'CustomResourceDefinition', 'customresourcedefinitions': 'CustomResourceDefinition',
}
VALUE_FLAGS = {'-n': '--namespace', '--namespace': '--namespace', '-f': '--filename', '--filename': '--filename',
               '-o': '--output', '--output': '--output', '--dry-run': '--dry-run', '--patch-file': '--patch-file',
               '-p': '--patch', '--patch': '--patch', '--type': '--type', '-c': '--container',
               '--container': '--container', '--timeout': '--timeout', '-l': '--selector',
               '--selector': '--selector', '--sort-by': '--sort-by'}
SWITCH_FLAGS = {'--ignore-not-found', '--minify', '--overwrite'}


def fail(message):
    return FakeCloudError(message + '\n', 1)


def parse(argv):
    words, flags = [], {}
    index = 0
    while index < len(argv):
        token = argv[index]
        if token.startswith('-') and token != '-':
            name, _, inline = token.partition('=')
            if name in SWITCH_FLAGS:
                flags[name] = True
            elif name in VALUE_FLAGS:
                if not inline:
                    index += 1
                    if index >= len(argv):
                        raise fail('error: flag needs an argument: ' + name)
                    inline = argv[index]
                flags[VALUE_FLAGS[name]] = inline
            else:
                raise fail('error: unknown flag: ' + name)
        else:
            words.append(token)
        index += 1
    return words, flags


def cluster_of(state):
    current = state.get('kubeconfig', {}).get('currentContext')
    if not current or current not in state.get('kubernetes', {}):
        raise fail('The connection to the server localhost:8080 was refused - did you specify the right host or port?')
    return state['kubernetes'][current]


def kind_of(word):
    kind = TYPE_WORDS.get(word.lower())
    if kind is None:
        raise fail('error: the server doesn\'t have a resource type "{0}"'.format(word))
    return kind


def not_found(kind, name):
    plural = KINDS[kind][0].replace('.', 's.', 1) if '.' in KINDS[kind][0] else KINDS[kind][0] + 's'
    return fail('Error from server (NotFound): {0} "{1}" not found'.format(plural, name))


def read_documents(path):
    text = sys.stdin.read() if path == '-' else open(path, encoding='utf-8').read()
    return [document for document in yaml.safe_load_all(text) if document]


def apply(cluster, flags):
    if '--filename' not in flags:
        raise fail('error: must specify one of -f and -k')
    for document in read_documents(flags['--filename']):
        kind = document.get('kind')
        if kind not in KINDS:
            raise fail('error: resource mapping not found for kind "{0}"'.format(kind))
        if kind == 'Component' and 'components.dapr.io' not in cluster.get('crds', []):
            raise fail('error: resource mapping not found for name: "{0}" from "{1}": no matches for kind '
                       '"Component" in version "{2}"\nensure CRDs are installed first'.format(
                           document['metadata']['name'], flags['--filename'], document.get('apiVersion')))
        document = copy.deepcopy(document)
        document.pop('status', None)
        metadata = document['metadata']
        metadata.pop('creationTimestamp', None)
        if KINDS[kind][1]:
            metadata['namespace'] = metadata.get('namespace') or flags.get('--namespace', 'default')
            if find(cluster, 'Namespace', metadata['namespace'], None) is None:
                raise fail('Error from server (NotFound): error when creating "{0}": namespaces "{1}" not found'
                           .format(flags['--filename'], metadata['namespace']))
        existing = find(cluster, kind, metadata['name'], metadata.get('namespace'))
        if existing is None:
            verb = 'created'
            cluster['objects'].append(document)
        else:
            merged = copy.deepcopy(existing)
            apply_merge(merged, document)
            verb = 'unchanged' if merged == existing else 'configured'
            existing.clear()
            existing.update(merged)
        print('{0}/{1} {2}'.format(KINDS[kind][0], metadata['name'], verb))


def apply_merge(target, document):
    """kubectl apply on an object that exists patches it with the file's fields: what the file names is set,
    what it leaves out stays (an annotation another command added, a Helm-made label), maps merged key by key
    and lists replaced (kubernetes/kubectl pkg/cmd/apply/patcher.go: a three-way merge of the file, the
    last-applied configuration and the live object). Simplified: a field an earlier apply set and the file
    no longer names is kept, where kubectl would remove it; the scripts apply the same files each run."""
    for key, value in document.items():
        if isinstance(value, dict) and isinstance(target.get(key), dict):
            apply_merge(target[key], value)
        else:
            target[key] = copy.deepcopy(value)


def annotate(cluster, words, flags):
    """kubectl annotate TYPE NAME key=value... | key-: an existing key needs --overwrite, as kubectl's
    (kubernetes/kubectl pkg/cmd/annotate/annotate.go validateAnnotations/parseAnnotations)."""
    kind, name = kind_of(words[1]), words[2]
    item = find(cluster, kind, name, flags.get('--namespace', 'default'))
    if item is None:
        raise not_found(kind, name)
    annotations = item['metadata'].setdefault('annotations', {})
    for change in words[3:]:
        if change.endswith('-') and '=' not in change:
            annotations.pop(change[:-1], None)
            continue
        key, sep, value = change.partition('=')
        if not sep:
            raise fail('error: at least one annotation update is required')
        if key in annotations and annotations[key] != value and not flags.get('--overwrite'):
            raise fail("error: --overwrite is false but found the following declared annotation(s): '{0}' "
                       "already has a value ({1})".format(key, annotations[key]))
        annotations[key] = value
    print('{0}/{1} annotated'.format(KINDS[kind][0], name))


def strategic_merge(target, patch):
    """Maps merge key by key; `containers` lists merge by name (their patch merge key); other lists replace."""
    for key, value in patch.items():
        if value is None:
            target.pop(key, None)
        elif isinstance(value, dict) and isinstance(target.get(key), dict):
            strategic_merge(target[key], value)
        elif key in ('containers', 'initContainers') and isinstance(target.get(key), list):
            for container in value:
                match = next((item for item in target[key] if item.get('name') == container.get('name')), None)
                if match is None:
                    target[key].append(copy.deepcopy(container))
                else:
                    strategic_merge(match, container)
        else:
            target[key] = copy.deepcopy(value)


def patch(cluster, words, flags):
    kind, name = kind_of(words[1]), words[2]
    item = find(cluster, kind, name, flags.get('--namespace', 'default'))
    if item is None:
        raise not_found(kind, name)
    if '--patch-file' in flags:
        with open(flags['--patch-file'], encoding='utf-8') as handle:
            change = yaml.safe_load(handle)
    elif '--patch' in flags:
        change = yaml.safe_load(flags['--patch'])
    else:
        raise fail('error: must specify --patch or --patch-file containing the contents of the patch')
    before = copy.deepcopy(item)
    strategic_merge(item, change)
    print('{0}/{1} {2}'.format(KINDS[kind][0], name, 'patched' if item != before else 'patched (no change)'))


def get(cluster, words, flags):
    namespace = flags.get('--namespace', 'default')
    names = words[2:]
    if ',' in words[1] and not names:
        # kubectl get deployments,statefulsets,...: one List of every kind's items, kind by kind.
        items = [item for kind in (kind_of(word) for word in words[1].split(','))
                 for item in cluster['objects'] if item['kind'] == kind
                 and item['metadata'].get('namespace') == namespace]
        output = flags.get('--output', '')
        if not output.startswith('jsonpath='):
            raise fail('error: the fake reads several kinds at once only with -o jsonpath')
        try:
            sys.stdout.write(render({'apiVersion': 'v1', 'kind': 'List', 'items': items}, output[len('jsonpath='):]))
        except JsonPathError as error:
            raise fail('error: error parsing jsonpath: {0}'.format(error))
        return
    kind = kind_of(words[1])
    if not names:
        items = [item for item in cluster['objects'] if item['kind'] == kind
                 and (not KINDS[kind][1] or item['metadata'].get('namespace') == namespace)]
        if kind == 'CustomResourceDefinition':
            items = [find(cluster, kind, crd, None) for crd in cluster.get('crds', [])]
        items = [item for item in items if matches_selector(item, flags.get('--selector'))]
        if '--sort-by' in flags:
            items.sort(key=lambda item: render(item, '{' + flags['--sort-by'] + '}'))
    else:
        items = []
        for name in names:
            item = find(cluster, kind, name, namespace)
            if item is None:
                # kubectl get --ignore-not-found: a missing object prints nothing and exits 0.
                if flags.get('--ignore-not-found'):
                    continue
                raise not_found(kind, name)
            items.append(item)
    output = flags.get('--output')
    if output == 'name':
        for item in items:
            print('{0}/{1}'.format(KINDS[kind][0], item['metadata']['name']))
    elif output == 'yaml':
        sys.stdout.write(yaml.safe_dump(items[0] if len(items) == 1 and names else {'items': items}))
    elif output is None:
        if not items:
            sys.stderr.write('No resources found in {0} namespace.\n'.format(namespace))
            return
        width = max(len('NAME'), *(len(item['metadata']['name']) for item in items)) + 3
        print('NAME'.ljust(width) + 'AGE')
        for item in items:
            print(item['metadata']['name'].ljust(width) + '1m')
    elif output.startswith('jsonpath=') and not items and names and flags.get('--ignore-not-found'):
        return
    elif output.startswith('jsonpath='):
        # One object named: the template reads it; else a List of the items. No newline after it.
        subject = items[0] if len(items) == 1 and names else {'apiVersion': 'v1', 'kind': 'List', 'items': items}
        try:
            sys.stdout.write(render(subject, output[len('jsonpath='):]))
        except JsonPathError as error:
            raise fail('error: error parsing jsonpath: {0}'.format(error))
    else:
        raise fail('error: unable to match a printer suitable for the output format "{0}"'.format(output))


def matches_selector(item, selector):
    """--selector a=b,c=d: every label given, with that value."""
    if not selector:
        return True
    labels = item['metadata'].get('labels', {})
    return all(labels.get(key) == value for key, _, value in (term.partition('=') for term in selector.split(',')))


def delete(cluster, words, flags):
    if '--filename' in flags:
        targets = [(document['kind'], document['metadata']['name'],
                    document['metadata'].get('namespace') or flags.get('--namespace', 'default'))
                   for document in read_documents(flags['--filename'])]
    else:
        kind = kind_of(words[1])
        targets = [(kind, name, flags.get('--namespace', 'default')) for name in words[2:]]
    for kind, name, namespace in targets:
        item = find(cluster, kind, name, namespace)
        if item is None:
            if flags.get('--ignore-not-found'):
                continue
            raise not_found(kind, name)
        cluster['objects'].remove(item)
        if kind == 'Namespace':
            cluster['objects'] = [other for other in cluster['objects'] if other['metadata'].get('namespace') != name]
        print('{0} "{1}" deleted'.format(KINDS[kind][0], name))


def create_namespace(cluster, words, flags):
    name = words[2]
    document = {'apiVersion': 'v1', 'kind': 'Namespace', 'metadata': {'creationTimestamp': None, 'name': name},
                'spec': {}, 'status': {}}
    if flags.get('--dry-run') == 'client':
        if flags.get('--output') != 'yaml':
            raise fail('error: the fake prints a dry-run namespace only with -o yaml')
        sys.stdout.write(yaml.safe_dump(document, default_flow_style=False))
        return False
    if find(cluster, 'Namespace', name, None) is not None:
        raise fail('Error from server (AlreadyExists): namespaces "{0}" already exists'.format(name))
    cluster['objects'].append({'apiVersion': 'v1', 'kind': 'Namespace', 'metadata': {'name': name}})
    print('namespace/{0} created'.format(name))
    return True


def split_target(word):
    kind_word, _, name = word.partition('/')
    return kind_of(kind_word), name


def rollout(cluster, words, flags):
    # kubectl rollout status deployment/NAME, or deployment NAME.
    kind, name = split_target(words[2]) if len(words) == 3 else (kind_of(words[2]), words[3])
    item = find(cluster, kind, name, flags.get('--namespace', 'default'))
    if item is None:
        raise not_found(kind, name)
    if words[1] == 'restart':
        annotations = item.setdefault('spec', {}).setdefault('template', {}).setdefault(
            'metadata', {}).setdefault('annotations', {})
        restarts = int(annotations.get('kubectl.kubernetes.io/restartedAt', '0')) + 1
        annotations['kubectl.kubernetes.io/restartedAt'] = str(restarts)
        print('{0}/{1} restarted'.format(KINDS[kind][0], name))
        return True
    if words[1] == 'status':
        if current_pod(cluster, item) is None:
            raise fail('error: timed out waiting for the condition')
        print('deployment "{0}" successfully rolled out'.format(name))
        return False
    raise fail('error: unknown command "{0}" for "kubectl rollout"'.format(words[1]))


def logs(cluster, words, flags):
    target = words[1]
    key = '{0}/{1}/{2}'.format(flags.get('--namespace', 'default'), target, flags.get('--container', ''))
    if key not in cluster.get('logs', {}):
        raise fail('error: no logs in the fake cluster for ' + key)
    for line in cluster['logs'][key]:
        print(line)


def run_kubectl(state, argv):
    words, flags = parse(argv)
    if not words:
        raise fail('error: the fake kubectl needs a command')
    if words[:2] == ['config', 'view']:
        return config_view(state, flags)
    cluster = cluster_of(state)
    require_resource_types(cluster, words)
    # The controllers act between calls: each Deployment runs a pod of its present template.
    reconciled = reconcile(cluster, state)
    changed = run_verb(state, cluster, words, flags)
    return reconcile(cluster, state) or changed or reconciled


def require_resource_types(cluster, words):
    """A Component named as a resource type (get, delete, annotate, patch) needs its CRD: without it the
    API server has no such type, and kubectl fails whatever the flags (--ignore-not-found covers a missing
    object, not a missing type): 'error: the server doesn't have a resource type'."""
    if len(words) < 2 or words[0] not in ('get', 'delete', 'annotate', 'patch'):
        return
    for word in words[1].split(','):
        if (TYPE_WORDS.get(word.lower()) == 'Component'
                and 'components.dapr.io' not in cluster.get('crds', [])):
            raise fail('error: the server doesn\'t have a resource type "{0}"'.format(word))


def settle(state):
    for cluster in state.get('kubernetes', {}).values():
        reconcile(cluster, state)


def config_view(state, flags):
    """The current context's user, as `kubectl config view --minify` shows it: only the exec plugin's command
    is modelled (kubelogin on a cluster with Microsoft Entra integration, state['kubeconfig']['execCommand'])."""
    if flags.get('--output') != 'jsonpath={.users[0].user.exec.command}':
        raise fail('error: the fake kubectl reads only the exec command from config view')
    sys.stdout.write(state.get('kubeconfig', {}).get('execCommand', ''))
    return False


def reconcile(cluster, state):
    changed = False
    for item in [item for item in cluster['objects'] if item['kind'] == 'Deployment']:
        if current_pod(cluster, item) is None:
            changed = roll(cluster, item, state) or changed
    return changed


def run_verb(state, cluster, words, flags):
    verb = words[0]
    if verb == 'apply':
        apply(cluster, flags)
        return True
    if verb == 'get' and len(words) >= 2:
        get(cluster, words, flags)
        return False
    if verb == 'patch' and len(words) == 3:
        patch(cluster, words, flags)
        return True
    if verb == 'annotate' and len(words) >= 4:
        annotate(cluster, words, flags)
        return True
    if verb == 'delete':
        delete(cluster, words, flags)
        return True
    if verb == 'create' and len(words) == 3 and kind_of(words[1]) == 'Namespace':
        return create_namespace(cluster, words, flags)
    if verb == 'rollout' and len(words) in (3, 4):
        return rollout(cluster, words, flags)
    if verb == 'logs' and len(words) == 2:
        logs(cluster, words, flags)
        return False
    raise fail('error: the fake kubectl does not know "{0}"'.format(' '.join(words)))
