"""Machines: Run Command on a VM or a scale set's instance (which the fake answers from the machine's state,
running no script), and the instances of a scale set in either orchestration mode.

A scale set has `orchestrationMode` (Uniform or Flexible, as az vmss show prints it) and, for Uniform,
`instances`: instance id -> the fields that differ from the scale set's model (daprMetadata, identity, ...).
A Flexible scale set's instances are `vm` resources whose virtualMachineScaleSet.id names it, as the VM
model has it (Compute VirtualMachine.virtualMachineScaleSet, a SubResource).
"""
import json
import re

from az_args import MANY, ONE, required
from az_output import cli_error, service_error
from az_resources import check_group, find, resource_id, TYPES

IMDS_TOKEN_PATH = '169.254.169.254/metadata/identity/oauth2/token'
# What the scale set's instance script prints after its token tries (src/generate/hosts/vmss-verify.ts).
IMDS_STATUS_MARKER = 'imds-token-status:'


def imds_token_status(machine, script):
    """What `curl -w "%{http_code}"` prints for an IMDS token request run on the machine: 200 when the identity
    asked for is attached (no client_id: the system-assigned one; client_id=X: the user-assigned identity whose
    client id is X), else 400, IMDS's answer for an identity it does not find ("Identity not found"; Microsoft
    Learn, "How to use managed identities for Azure resources on an Azure VM to acquire an access token",
    error handling table). Derived from the machine's identity block, so a missing assign still fails."""
    identity = machine.get('identity') or {}
    types = (identity.get('type') or '').replace(' ', '').split(',')
    match = re.search(r'[?&]client_id=([^&"\'\s]+)', script)
    if match is None:
        return '200' if 'SystemAssigned' in types else '400'
    users = identity.get('userAssignedIdentities') or {}
    attached = 'UserAssigned' in types and any(
        (user or {}).get('clientId', '').lower() == match.group(1).lower() for user in users.values())
    return '200' if attached else '400'


DAPR_METADATA_PATH = 'localhost:3500/v1.0/metadata'


def dapr_metadata_output(machine, script):
    """What the setup's metadata script prints on a machine: `daprMetadata` is daprd's state there (absent:
    no daprd answers, curl prints 000, and the script prints its no-answer line). With `apiToken` set daprd
    was started with DAPR_API_TOKEN and answers 401 to a request without it (dapr/dapr
    pkg/api/http/middlewares.go), which only a script that tests for 401 tells apart from no answer. The body
    is what daprd's GET /v1.0/metadata writes (dapr/dapr pkg/api/http/metadata.go, encoding/json: compact,
    fields in struct order), and the lines kept are what the script's own `grep -o` pattern finds in it, read
    from the script, so a pattern that does not match daprd's JSON finds nothing here either."""
    metadata = machine.get('daprMetadata')
    if metadata is None:
        return 'dapr-metadata-api: no answer'
    if metadata.get('apiToken'):
        handles_401 = re.search(r'"\$dapr_status" = 401\b', script) is not None
        return 'dapr-metadata-api: requires the API token' if handles_401 else 'dapr-metadata-api: no answer'
    body = json.dumps({
        'id': metadata.get('appId', ''),
        'runtimeVersion': metadata.get('runtimeVersion', ''),
        'components': [dict(name=c['name'], type=c['type'], version=c.get('version', 'v1'),
                            capabilities=c.get('capabilities', [])) for c in metadata.get('components', [])],
        'httpEndpoints': [{'name': name} for name in metadata.get('httpEndpoints', [])],
    }, separators=(',', ':'))
    pattern = re.search(r'grep -o "((?:[^"\\]|\\.)*)"', script)
    if pattern is None:
        raise cli_error('The fake found no grep -o pattern in the metadata script.')
    # A shell double-quoted string: \" is a quote. In the BRE `{` is literal; Python's re needs it escaped.
    regex = pattern.group(1).replace('\\"', '"').replace('{', '\\{')
    return '\n'.join(['dapr-metadata-api: answered'] + re.findall(regex, body))


def run_shell_script(values, machine):
    """`az vm|vmss run-command invoke --command-id RunShellScript`: the RunCommandResult whose value[0].message
    holds the script's output under [stdout] and [stderr] (vm/custom.py run_command_invoke in the installed
    2.45). The fake runs no script: it prints what each part of the setup's scripts prints on that machine
    (the token status, alone or after the instance script's marker; the metadata lines; a `daprdVersion`
    for a `daprd --version` script), and a deallocated machine refuses (the message is the fake's)."""
    command_id = required(values, '--command-id')[0]
    if command_id != 'RunShellScript':
        raise cli_error('The fake runs only RunShellScript, not {0}.'.format(command_id))
    if machine.get('powerState') == 'VM deallocated':
        raise service_error('OperationNotAllowed', "Operation 'RunCommand' is not allowed on a deallocated VM.", 1)
    script = ' '.join(values.get('--scripts', []))
    parts = []
    if IMDS_TOKEN_PATH in script:
        status = imds_token_status(machine, script)
        parts.append('{0} {1}'.format(IMDS_STATUS_MARKER, status) if IMDS_STATUS_MARKER in script else status)
    if DAPR_METADATA_PATH in script:
        parts.append(dapr_metadata_output(machine, script))
    if not parts and 'daprd' in script and '--version' in script:
        parts.append(machine.get('daprdVersion', ''))
    printed = '\n'.join(part for part in parts if part)
    message = 'Enable succeeded: \n[stdout]\n{0}\n[stderr]\n'.format(printed + '\n' if printed else '')
    return {'value': [{'code': 'ProvisioningState/succeeded', 'displayStatus': 'Provisioning succeeded',
                       'level': 'Info', 'message': message, 'time': None}]}


def _scale_set_of(state, vm):
    """The scale set a Flexible instance belongs to, or None for a VM of its own."""
    wanted = ((vm.get('virtualMachineScaleSet') or {}).get('id') or '').lower()
    if not wanted:
        return None
    return next((resource for resource in state['resources'] if resource['id'].lower() == wanted), None)


def vm_run_command(state, values):
    """A Flexible instance is a VM that runs the scale set's model: the scale set's identity and daprd state
    unless the VM has its own (as vmss_run_command merges a Uniform instance's)."""
    name, group = required(values, '--name', '--resource-group')
    vm = find(state, 'vm', name, group)
    scale_set = _scale_set_of(state, vm)
    return run_shell_script(values, vm if scale_set is None else dict(scale_set, **vm))


def _uniform(scale_set):
    if (scale_set.get('orchestrationMode') or 'Uniform') != 'Uniform':
        # The scale-set VM APIs take a decimal instance id; a Flexible instance is named (its VM name), and the
        # service refuses it: "Virtual Machine Scale Set VM instanceId must be a number" (Azure/azure-powershell#23622).
        raise service_error('InvalidParameter', 'Virtual Machine Scale Set VM instanceId must be a number.', 1)


def vmss_run_command(state, values):
    name, group, instance = required(values, '--name', '--resource-group', '--instance-id')
    scale_set = find(state, 'vmss', name, group)
    _uniform(scale_set)
    instances = scale_set.get('instances', {})
    if instance not in instances:
        raise service_error('NotFound', 'The instance {0} of the scale set {1} was not found.'.format(instance, name), 3)
    return run_shell_script(values, dict(scale_set, **(instances[instance] or {})))


def vmss_list_instances(state, values):
    """Uniform: one VirtualMachineScaleSetVM per instance, properties flattened (instanceId, name
    `{scale-set}_{instance-id}`, latestModelApplied; azure-cli aaz vmss/_list_instances.py, client_flatten).
    The fake keeps no per-instance model, so latestModelApplied is what an instance's entry says (default true).
    What the newest CLI prints for a Flexible scale set is not confirmed, so the fake refuses it: a script
    that relies on it fails its test."""
    name, group = required(values, '--name', '--resource-group')
    scale_set = find(state, 'vmss', name, group)
    if (scale_set.get('orchestrationMode') or 'Uniform') != 'Uniform':
        raise cli_error('The fake does not model az vmss list-instances on a Flexible scale set.')
    return [dict(instanceId=instance, name='{0}_{1}'.format(scale_set['name'], instance),
                 id='{0}/virtualMachines/{1}'.format(scale_set['id'], instance),
                 latestModelApplied=(overrides or {}).get('latestModelApplied', True))
            for instance, overrides in scale_set.get('instances', {}).items()]


def vm_list(state, values):
    """`az vm list --resource-group <group> [--vmss <name or id>]`: the group's VMs, with --vmss those whose
    virtualMachineScaleSet.id is the scale set's (vm/custom.py list_vm: a name needs --resource-group and
    means the scale set of that name in it; the filter is on the VMs of the group)."""
    group = required(values, '--resource-group')[0]
    check_group(state, group)
    vms = [resource for resource in state['resources']
           if resource['type'].lower() == TYPES['vm'].lower() and resource['resourceGroup'].lower() == group.lower()]
    vmss = values.get('--vmss')
    if vmss is None:
        return vms
    wanted = vmss if vmss.startswith('/') else resource_id(state, TYPES['vmss'], group, vmss)
    return [vm for vm in vms if ((vm.get('virtualMachineScaleSet') or {}).get('id') or '').lower() == wanted.lower()]


def machine_commands():
    group = {'--name': ONE, '--resource-group': ONE}
    return {
        ('vm', 'run-command', 'invoke'): (vm_run_command, dict(
            group, **{'--command-id': ONE, '--scripts': MANY})),
        ('vmss', 'run-command', 'invoke'): (vmss_run_command, dict(
            group, **{'--command-id': ONE, '--scripts': MANY, '--instance-id': ONE})),
        ('vmss', 'list-instances'): (vmss_list_instances, group),
        ('vm', 'list'): (vm_list, {'--resource-group': ONE, '--vmss': ONE}),
    }
