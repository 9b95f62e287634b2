"""App Service sites: files deployed to /home, sidecar containers, restarts.

A site keeps what the scripts put there: files[target path] = the file's text (az webapp deploy --type
static or lib), sitecontainers[name] = the container's settings (created, listed, deleted). Restarts change
no setting, so no state.
"""
from az_args import ONE, required
from az_output import cli_error
from az_resources import find


def _site(state, values):
    name, group = required(values, '--name', '--resource-group')
    return find(state, 'webapp', name, group)


# The folder under /home that Kudu on Linux confines an absolute --target-path to, by artifact type
# (Azure-App-Service/KuduLite Kudu.Services/Deployment/OneDeployHelper.cs: WwwrootDirectoryRelativePath,
# LibsDirectoryRelativePath; PushDeploymentController.cs cases ArtifactType.Static and ArtifactType.Lib).
_DESIGNATED_ROOT = {'static': '/home/site/wwwroot/', 'lib': '/home/site/libs/'}


def webapp_deploy(state, values):
    """OneDeploy of one static or lib file to --target-path (appservice/custom.py perform_onedeploy in the
    installed 2.45, which sends the path as it is): a second deploy of a path replaces the file. An absolute
    path outside the type's folder is Kudu's 400 (OneDeployHelper.EnsureValidPath), which the CLI reports."""
    site = _site(state, values)
    src_path, kind = required(values, '--src-path', '--type')
    if kind not in _DESIGNATED_ROOT or '--target-path' not in values:
        raise cli_error('The fake deploys only --type static or lib files to a --target-path.')
    path, root = values['--target-path'], _DESIGNATED_ROOT[kind]
    if path.startswith('/') and not path.startswith(root):
        raise cli_error(
            f"Status Code: 400, Details: Absolute path = '{path}' for artifact type = '{kind.capitalize()}' is "
            f"invalid. Either use a relative path or use an absolute path that start with prefix '{root}'")
    with open(src_path, encoding='utf-8') as handle:
        site.setdefault('files', {})[path if path.startswith('/') else root + path] = handle.read()
    return None


def webapp_restart(state, values):
    """A restart changes no setting (the calls log shows that it ran)."""
    _site(state, values)
    return None


def webapp_sitecontainers_create(state, values):
    """A PUT of the site container of that name (newer than 2.45; create_webapp_sitecontainers in Azure/azure-cli
    appservice/custom.py, flags in src/test-support/az-flags-from-source.ts): a second create updates it."""
    site = _site(state, values)
    name, image, is_main = required(values, '--container-name', '--image', '--is-main')
    site.setdefault('sitecontainers', {})[name] = {
        'name': name, 'image': image, 'isMain': is_main.lower() == 'true',
        'targetPort': values.get('--target-port'), 'startUpCommand': values.get('--startup-cmd')}
    return site['sitecontainers'][name]


def webapp_sitecontainers_list(state, values):
    """The app's site containers, [] for none (list_webapp_sitecontainers in Azure/azure-cli appservice/custom.py
    returns [] when the SDK's pager yields none); each item names its container in `name`."""
    return list(_site(state, values).get('sitecontainers', {}).values())


def webapp_sitecontainers_delete(state, values):
    """DELETE of the site container of that name (delete_webapp_sitecontainer in appservice/custom.py): the
    service answers 200 when it existed and 204 when it did not, and the CLI takes both as success."""
    site = _site(state, values)
    (name,) = required(values, '--container-name')
    site.get('sitecontainers', {}).pop(name, None)
    return None


def web_commands():
    group = {'--name': ONE, '--resource-group': ONE}
    return {
        ('webapp', 'deploy'): (webapp_deploy, dict(
            group, **{'--src-path': ONE, '--type': ONE, '--target-path': ONE, '--restart': ONE})),
        ('webapp', 'restart'): (webapp_restart, group),
        ('webapp', 'sitecontainers', 'create'): (webapp_sitecontainers_create, dict(
            group, **{'--container-name': ONE, '--image': ONE, '--is-main': ONE, '--target-port': ONE,
                      '--startup-cmd': ONE})),
        ('webapp', 'sitecontainers', 'list'): (webapp_sitecontainers_list, group),
        ('webapp', 'sitecontainers', 'delete'): (webapp_sitecontainers_delete, dict(
            group, **{'--container-name': ONE})),
    }
