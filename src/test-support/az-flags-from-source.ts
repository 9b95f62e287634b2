/**
 * Flags of Azure CLI commands that the generator uses but the locally installed CLI (Debian's 2.45) does
 * not know yet, recorded by reading the newest Azure CLI source. az-cli.test.ts checks generated commands
 * against this list when the real CLI rejects the command or one of its flags as unknown, and always when
 * az is not installed.
 *
 * How a command's flags were read: the handler's Python signature gives the parameters; each becomes
 * `--param-name` unless an `argument_context` in _params.py sets `options_list`; a parameter whose default
 * is False becomes a switch; `supports_no_wait=True` in commands.py adds `--no-wait`; a parameter with
 * `id_part='name'` adds `--ids` on commands not named "create", and then --name/--resource-group are only
 * required when --ids is absent. Global flags (--query, --output/-o, ...) are listed in the test.
 */

/** How many words a flag takes: none, exactly one, or one or more. */
export type FlagArity = 'switch' | 'one' | 'many';

export interface RecordedFlag {
  /** The long name, e.g. "--name". */
  readonly name: string;
  /** Other spellings the CLI accepts, e.g. ["-n"]. */
  readonly aliases?: readonly string[];
  readonly arity: FlagArity;
  /** The command fails without it (or, with `unlessIds`, without it or --ids). */
  readonly required?: boolean | 'unlessIds';
}

export interface RecordedCommand {
  /** The command words after "az". */
  readonly command: string;
  /**
   * True when the list holds every flag the command accepts; false when it holds only the flags this
   * project may use, each confirmed in source (a new flag must be confirmed and added before use).
   */
  readonly complete: boolean;
  readonly flags: readonly RecordedFlag[];
}

const NAME_ID = { name: '--name', aliases: ['-n'], arity: 'one', required: 'unlessIds' } as const;
const GROUP_ID = { name: '--resource-group', aliases: ['-g'], arity: 'one', required: 'unlessIds' } as const;
const GROUP = { name: '--resource-group', aliases: ['-g'], arity: 'one', required: true } as const;
const ENVIRONMENT = { name: '--name', aliases: ['-n'], arity: 'one', required: true } as const;
const COMPONENT = { name: '--dapr-component-name', arity: 'one', required: true } as const;

export const AZ_FLAGS_FROM_SOURCE: readonly RecordedCommand[] = [
  {
    // Not newer than 2.45, but Debian's 2.45 package cannot load it (its compute SDK module
    // azure.mgmt.compute.v2022_11_01 is missing, so even --help fails): judged by this record there.
    // 2.45: vm/commands.py 'vmss' list-instances -> VirtualMachineScaleSetVMsOperations.list
    //   (resource_group_name, virtual_machine_scale_set_name: --name/-n, vmss_name_type in _params.py).
    // Azure/azure-cli vm/aaz/latest/vmss/_list_instances.py @109a5e97f05d4206ba44f2b8e50ff06dd1c936bd:
    //   -n/--name/--virtual-machine-scale-set-name and --resource-group required, with --expand, --filter
    //   and --select; the newest stored vm/commands.py ('vmss' group, with the aaz 'vmss list') routes it to custom.py
    //   get_instances_list, whose signature was not read: only the two flags used are recorded.
    command: 'vmss list-instances',
    complete: false,
    flags: [
      { name: '--name', aliases: ['-n'], arity: 'one', required: true },
      { name: '--resource-group', aliases: ['-g'], arity: 'one', required: true },
    ],
  },
  {
    // Core CLI since 2.53 (before that, the containerapp extension).
    // Azure/azure-cli src/azure-cli/azure/cli/command_modules/containerapp/custom.py
    //   @0227da3a3037ed8f79f1fcb0ba9a449d3d3e07c4: assign_managed_identity(cmd, name, resource_group_name,
    //   system_assigned=False, user_assigned=None, no_wait=False)
    // Azure/azure-cli src/azure-cli/azure/cli/command_modules/containerapp/_params.py
    //   @2f46653876d897c78cd347e6546efad0f75e5100: context 'containerapp' (name: --name/-n, id_part='name';
    //   resource_group_name_type) and 'containerapp identity' (user_assigned nargs='+')
    // Azure/azure-cli src/azure-cli/azure/cli/command_modules/containerapp/commands.py
    //   @53913bce335127bf4c5feb60574aba72a1a2599d: 'containerapp identity' assign, supports_no_wait=True
    command: 'containerapp identity assign',
    complete: true,
    flags: [
      NAME_ID,
      GROUP_ID,
      { name: '--ids', arity: 'many' },
      { name: '--system-assigned', arity: 'switch' },
      { name: '--user-assigned', arity: 'many' },
      { name: '--no-wait', arity: 'switch' },
    ],
  },
  {
    // Azure/azure-cli src/azure-cli/azure/cli/command_modules/containerapp/custom.py
    //   @0227da3a3037ed8f79f1fcb0ba9a449d3d3e07c4: show_containerapp(cmd, name, resource_group_name,
    //   show_secrets=False); _params.py @2f46653876d897c78cd347e6546efad0f75e5100: context 'containerapp'
    //   (name: --name/-n, id_part='name').
    command: 'containerapp show',
    complete: true,
    flags: [NAME_ID, GROUP_ID, { name: '--ids', arity: 'many' }, { name: '--show-secrets', arity: 'switch' }],
  },
  {
    // Azure/azure-cli src/azure-cli/azure/cli/command_modules/containerapp/custom.py
    //   @01ec4d3535159aa018408824407a544e52414647: stream_containerapp_logs(cmd, resource_group_name, name,
    //   container=None, revision=None, replica=None, follow=False, tail=None, output_format=None, kind=None);
    //   _params.py @2f46653876d897c78cd347e6546efad0f75e5100: context 'containerapp logs show' (name: name_type
    //   with id_part=None, so no --ids; tail int, default 20; output_format as --format, json or text; kind as
    //   --type/-t, console or system; follow a three-state flag). Only the flags this project uses.
    command: 'containerapp logs show',
    complete: false,
    flags: [
      { name: '--name', aliases: ['-n'], arity: 'one', required: true },
      GROUP,
      { name: '--revision', arity: 'one' },
      { name: '--replica', arity: 'one' },
      { name: '--container', arity: 'one' },
      { name: '--type', aliases: ['-t'], arity: 'one' },
      { name: '--tail', arity: 'one' },
      { name: '--format', arity: 'one' },
    ],
  },
  {
    // Azure/azure-cli src/azure-cli/azure/cli/command_modules/containerapp/custom.py
    //   @0227da3a3037ed8f79f1fcb0ba9a449d3d3e07c4: show_managed_environment(cmd,
    //   name, resource_group_name); _params.py @2f46653876d897c78cd347e6546efad0f75e5100: context
    //   'containerapp env' (name: --name/-n, id_part='name').
    command: 'containerapp env show',
    complete: true,
    flags: [NAME_ID, GROUP_ID, { name: '--ids', arity: 'many' }],
  },
  {
    // Azure/azure-cli containerapp/custom.py: enable_dapr(cmd,
    //   name, resource_group_name, dapr_app_id=None, dapr_app_port=None, dapr_app_protocol=None,
    //   no_wait=False); containerapp/_params.py: context 'containerapp dapr'
    //   (dapr_app_id, dapr_app_port, dapr_app_protocol). Newer releases add flags: only these are recorded.
    command: 'containerapp dapr enable',
    complete: false,
    flags: [
      NAME_ID,
      GROUP_ID,
      { name: '--dapr-app-id', arity: 'one' },
      { name: '--dapr-app-port', arity: 'one' },
    ],
  },
  {
    // Azure/azure-cli src/azure-cli/azure/cli/command_modules/containerapp/custom.py
    //   @0227da3a3037ed8f79f1fcb0ba9a449d3d3e07c4: create_or_update_dapr_component(cmd, resource_group_name,
    //   environment_name, dapr_component_name, yaml)
    // Azure/azure-cli src/azure-cli/azure/cli/command_modules/containerapp/_params.py
    //   @2f46653876d897c78cd347e6546efad0f75e5100: context 'containerapp env dapr-component'
    //   (environment_name: --name/-n; dapr_component_name; yaml)
    // Azure/azure-cli src/azure-cli/azure/cli/command_modules/containerapp/commands.py
    //   @53913bce335127bf4c5feb60574aba72a1a2599d: 'containerapp env dapr-component' set (no --no-wait)
    command: 'containerapp env dapr-component set',
    complete: true,
    flags: [ENVIRONMENT, GROUP, COMPONENT, { name: '--yaml', arity: 'one', required: true }],
  },
  {
    // Azure/azure-cli src/azure-cli/azure/cli/command_modules/containerapp/custom.py
    //   @0227da3a3037ed8f79f1fcb0ba9a449d3d3e07c4: show_dapr_component(cmd, resource_group_name,
    //   dapr_component_name, environment_name)
    // Azure/azure-cli src/azure-cli/azure/cli/command_modules/containerapp/_params.py
    //   @2f46653876d897c78cd347e6546efad0f75e5100: context 'containerapp env dapr-component'
    command: 'containerapp env dapr-component show',
    complete: true,
    flags: [ENVIRONMENT, GROUP, COMPONENT],
  },
  {
    // The teardown's. Azure/azure-cli src/azure-cli/azure/cli/command_modules/containerapp/custom.py:
    //   list_dapr_components(cmd, resource_group_name, environment_name); the
    //   context 'containerapp env dapr-component' gives environment_name --name/-n, as for set and show.
    command: 'containerapp env dapr-component list',
    complete: true,
    flags: [ENVIRONMENT, GROUP],
  },
  {
    // The teardown's. Same file: remove_dapr_component(cmd, resource_group_name, dapr_component_name,
    //   environment_name), which shows the component first and raises "Dapr component not found." without it.
    command: 'containerapp env dapr-component remove',
    complete: true,
    flags: [ENVIRONMENT, GROUP, COMPONENT],
  },
  {
    // The teardown's. Azure/azure-cli containerapp/custom.py:
    //   remove_managed_identity(cmd, name, resource_group_name, system_assigned=False, user_assigned=None,
    //   no_wait=False); it raises "The containerapp does not have specified user identity ... assigned" for one
    //   not attached. The parameters are assign's (same _params.py context 'containerapp identity'); whether
    //   commands.py gives remove --no-wait was not read, so the list is not marked complete.
    command: 'containerapp identity remove',
    complete: false,
    flags: [
      NAME_ID,
      GROUP_ID,
      { name: '--ids', arity: 'many' },
      { name: '--system-assigned', arity: 'switch' },
      { name: '--user-assigned', arity: 'many' },
    ],
  },
  {
    // The teardown's. Not in 2.45. Azure/azure-cli redis/_params.py:
    //   context 'redis' names the cache --name/-n; 'redis access-policy-assignment list' keeps it
    //   (cache_name, id_part=None). The CLI's own test runs `az redis access-policy-assignment list -n {name}
    //   -g {rg}` (redis/tests/latest/test_redis_scenario.py).
    command: 'redis access-policy-assignment list',
    complete: false,
    flags: [{ name: '--name', aliases: ['-n'], arity: 'one', required: true }, GROUP],
  },
  {
    // The teardown's. Same sources: access_policy_assignment_name is --policy-assignment-name, and the test
    //   runs `az redis access-policy-assignment delete -n {name} -g {rg} --policy-assignment-name {...}`.
    command: 'redis access-policy-assignment delete',
    complete: false,
    flags: [
      { name: '--name', aliases: ['-n'], arity: 'one', required: true },
      GROUP,
      { name: '--policy-assignment-name', arity: 'one', required: true },
    ],
  },
  {
    // --enable-workload-identity is core since about 2.47. The command has some 150 flags; only those this
    // project may use are recorded.
    // Azure/azure-cli src/azure-cli/azure/cli/command_modules/acs/custom.py:
    //   aks_update(cmd, client, resource_group_name, name, ..., enable_oidc_issuer=False, ...,
    //   enable_workload_identity=False, disable_workload_identity=False, ..., yes=False, no_wait=False, ...)
    // Azure/azure-cli src/azure-cli/azure/cli/command_modules/acs/_params.py:
    //   context 'aks' (name: name_type --name/-n, no id_part, so no --ids) and 'aks update'
    //   (enable_oidc_issuer, enable_workload_identity, disable_workload_identity: store_true; yes: --yes/-y)
    // Azure/azure-cli src/azure-cli/azure/cli/command_modules/acs/commands.py:
    //   custom_command('update', 'aks_update', supports_no_wait=True)
    command: 'aks update',
    complete: false,
    flags: [
      { name: '--name', aliases: ['-n'], arity: 'one', required: true },
      GROUP,
      { name: '--enable-oidc-issuer', arity: 'switch' },
      { name: '--enable-workload-identity', arity: 'switch' },
      { name: '--disable-workload-identity', arity: 'switch' },
      { name: '--yes', aliases: ['-y'], arity: 'switch' },
      { name: '--no-wait', arity: 'switch' },
    ],
  },
  {
    // Not in azure-cli 2.45 (no access-policy* groups in `az redis --help`); added with the Redis
    // 2023-08-01 API (Azure/azure-cli PR #27599).
    // Azure/azure-cli src/azure-cli/azure/cli/command_modules/redis/custom.py:
    //   cli_redis_access_policy_assignment_create(client, resource_group_name, cache_name,
    //   access_policy_assignment_name, access_policy_name, object_id, object_id_alias) - no defaults.
    // Azure/azure-cli src/azure-cli/azure/cli/command_modules/redis/_params.py:
    //   cache name is --name/-n; access_policy_assignment_name is --policy-assignment-name.
    // The CLI's own test runs it with -n -g --policy-assignment-name --access-policy-name --object-id
    //   --object-id-alias (redis/tests/latest/test_redis_scenario.py).
    command: 'redis access-policy-assignment create',
    complete: false,
    flags: [
      { name: '--name', aliases: ['-n'], arity: 'one', required: true },
      GROUP,
      { name: '--policy-assignment-name', arity: 'one', required: true },
      { name: '--access-policy-name', arity: 'one', required: true },
      { name: '--object-id', arity: 'one', required: true },
      { name: '--object-id-alias', arity: 'one', required: true },
    ],
  },
  {
    // Not in azure-cli 2.45 (no `az webapp sitecontainers` group). Only the flags this project uses.
    // Azure/azure-cli src/azure-cli/azure/cli/command_modules/appservice/custom.py:
    //   create_webapp_sitecontainers(cmd, name, resource_group, slot=None, container_name=None,
    //   image=None, target_port=None, startup_cmd=None, is_main=None, system_assigned_identity=None,
    //   user_assigned_identity=None, registry_username=None, registry_password=None,
    //   sitecontainers_spec_file=None); without --sitecontainers-spec-file it raises
    //   RequiredArgumentMissingError unless --container-name, --image and --is-main are all given, so
    //   --is-main takes a value (true or false) rather than being a switch.
    // Not read here: the 'webapp sitecontainers' context of _params.py (the copies read predate it); the
    //   spellings --name/-n, --resource-group/-g follow the appservice module's other site commands.
    command: 'webapp sitecontainers create',
    complete: false,
    flags: [
      { name: '--name', aliases: ['-n'], arity: 'one', required: true },
      GROUP,
      { name: '--container-name', arity: 'one' },
      { name: '--image', arity: 'one' },
      { name: '--is-main', arity: 'one' },
      { name: '--target-port', arity: 'one' },
      { name: '--startup-cmd', arity: 'one' },
    ],
  },
  {
    // Not in azure-cli 2.45. Only the flags this project uses.
    // Azure/azure-cli src/azure-cli/azure/cli/command_modules/appservice/custom.py:
    //   list_webapp_sitecontainers(cmd, name, resource_group, slot=None); [] for an app without sidecars.
    // Spellings as for create (the 'webapp sitecontainers' context of _params.py not read); Microsoft Learn's
    //   own samples run it as `az webapp sitecontainers list --name <app> --resource-group <group>`.
    command: 'webapp sitecontainers list',
    complete: false,
    flags: [{ name: '--name', aliases: ['-n'], arity: 'one', required: true }, GROUP],
  },
  {
    // Not in azure-cli 2.45. Only the flags this project uses.
    // Azure/azure-cli src/azure-cli/azure/cli/command_modules/appservice/custom.py:
    //   delete_webapp_sitecontainer(cmd, name, resource_group, container_name, slot=None); the service's 204
    //   for a container that is not there is success, like the 200 of a deleted one.
    // Spellings as for create (the 'webapp sitecontainers' context of _params.py not read).
    command: 'webapp sitecontainers delete',
    complete: false,
    flags: [
      { name: '--name', aliases: ['-n'], arity: 'one', required: true },
      GROUP,
      { name: '--container-name', arity: 'one', required: true },
    ],
  },
];
