"""The az stand-in: parse, check the sign-in, run the command against the state, print like the CLI."""
import sys

from az_access import access_commands
from az_args import parse_argv
from az_containerapp_logs import containerapp_log_commands
from az_hosts import host_commands
from az_machines import machine_commands
from az_output import cli_error, format_result
from az_resources import show_commands
from az_web import web_commands
from az_fixres import fixres_commands
from az_teardown import teardown_commands

COMMANDS = {}
# Each command has one handler: a second registration would silently replace the first (the teardown's own
# `vm show` and `container list` once did, and never ran), so it fails the import instead.
for table in (teardown_commands(), show_commands(), access_commands(), host_commands(), machine_commands(),
              web_commands(), fixres_commands(), containerapp_log_commands()):
    for command, entry in table.items():
        if command in COMMANDS:
            raise AssertionError('az {0} is registered twice'.format(' '.join(command)))
        COMMANDS[command] = entry


def run_az(state, argv):
    """Returns whether the state changed; raises FakeCloudError to fail the call."""
    command, handler, values = parse_argv(argv, COMMANDS)
    if not state.get('account', {}).get('user'):
        raise cli_error("Please run 'az login' to setup account.")
    result = handler(state, values)
    sys.stdout.write(format_result(result, values.get('--query'), values.get('--output', 'json')))
    return command[-1] not in ('show', 'list', 'list-instances', 'get-access-token', 'logs')
