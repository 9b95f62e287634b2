"""The az stand-in: parse, check the sign-in, run the command against the state, print like the CLI."""
import sys

from az_access import access_commands
from az_args import parse_argv
from az_hosts import host_commands
from az_output import cli_error, format_result
from az_resources import show_commands
from az_web import web_commands
from az_fixres import fixres_commands
from az_teardown import teardown_commands

COMMANDS = {}
# First, so that a command another module also defines is that module's.
COMMANDS.update(teardown_commands())
COMMANDS.update(show_commands())
COMMANDS.update(access_commands())
COMMANDS.update(host_commands())
COMMANDS.update(web_commands())
COMMANDS.update(fixres_commands())


def run_az(state, argv):
    """Returns whether the state changed; raises FakeCloudError to fail the call."""
    command, handler, values = parse_argv(argv, COMMANDS)
    if not state.get('account', {}).get('user'):
        raise cli_error("Please run 'az login' to setup account.")
    result = handler(state, values)
    sys.stdout.write(format_result(result, values.get('--query'), values.get('--output', 'json')))
    return command[-1] not in ('show', 'list', 'get-access-token', 'logs')
