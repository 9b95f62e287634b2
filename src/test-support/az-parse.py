"""Checks Azure CLI commands against the installed azure-cli's argument parser, without running them.

Usage: <azure-cli's python> az-parse.py COMMANDS.json
COMMANDS.json holds a JSON array of argv arrays, each without the leading "az".
Prints one JSON array to stdout: {"ok": bool, "error": str} per command, in the same order.
Exit status 3 means azure-cli cannot be imported with this interpreter.

Why in-process: starting az costs about a second per command; here the modules load once and each
further command takes milliseconds. Why it is reliable: each command gets a fresh CLI object, and the
command's handler is replaced by a stop signal, so nothing ever reaches Azure. A command counts as
accepted when the parser and the argument validators pass, or when a validator only fails because
there is no login (validators that build resource ids ask for the subscription).
"""
import io
import json
import os
import re
import signal
import sys

PER_COMMAND_SECONDS = 30
LOGIN_ERROR = re.compile(r"az login|az account set|doesn't exist in cloud|No subscription found", re.I)


class _Stop(BaseException):
    """Raised instead of running a command; BaseException, so azure-cli's own handlers let it pass."""


class _TimedOut(BaseException):
    pass


class _CurrentBuffer(io.TextIOBase):
    """Stands in for stderr: knack binds its log handlers to the stream once, so we swap the buffer."""

    buffer = io.StringIO()

    def write(self, text):
        return _CurrentBuffer.buffer.write(text)

    def isatty(self):
        return False


def main():
    with open(sys.argv[1], encoding='utf-8') as source:
        commands = json.load(source)
    real_stdout = sys.stdout
    sys.stdin = open(os.devnull, encoding='utf-8')  # no prompt can wait for input
    sys.stderr = _CurrentBuffer()
    try:
        from azure.cli.core import get_default_cli
        from azure.cli.core.commands import AzCliCommandInvoker
        from knack.events import EVENT_INVOKER_POST_PARSE_ARGS
    except ImportError as error:
        print(f'azure-cli is not importable: {error}', file=sys.__stderr__)
        sys.exit(3)

    def stop(*_args, **_kwargs):
        raise _Stop()

    def on_timeout(*_args):
        raise _TimedOut()

    AzCliCommandInvoker._run_job = stop  # pylint: disable=protected-access
    signal.signal(signal.SIGALRM, on_timeout)

    results = []
    for argv in commands:
        _CurrentBuffer.buffer = io.StringIO()
        parsed = {}
        cli = get_default_cli()
        cli.register_event(EVENT_INVOKER_POST_PARSE_ARGS,
                           lambda _cli, **kwargs: parsed.update(command=kwargs['command']))
        reached_handler = timed_out = False
        signal.alarm(PER_COMMAND_SECONDS)
        try:
            sys.stdout = io.StringIO()
            cli.invoke(argv, out_file=io.StringIO())
        except _Stop:
            reached_handler = True
        except _TimedOut:
            timed_out = True
        except SystemExit:
            pass  # argparse exits with status 2 on a parse error; the message is in the buffer
        finally:
            signal.alarm(0)
            sys.stdout = real_stdout
        error = _CurrentBuffer.buffer.getvalue().strip()
        if timed_out:
            results.append({'ok': False, 'error': f'timed out after {PER_COMMAND_SECONDS} s'})
        elif 'command' not in parsed:
            results.append({'ok': False, 'error': error or 'the parser rejected the command'})
        else:
            abbreviated = _inexact_options(cli, parsed['command'], argv)
            if abbreviated:
                # argparse accepts unique prefixes; a prefix breaks once a longer flag is added.
                results.append({'ok': False, 'error': f'not an exact option name: {", ".join(abbreviated)}'})
            elif reached_handler or LOGIN_ERROR.search(error):
                results.append({'ok': True, 'error': ''})
            else:
                results.append({'ok': False, 'error': error or 'a validator rejected the command'})
    print(json.dumps(results), file=real_stdout)


def _inexact_options(cli, command, argv):
    """Option words in argv that are not exactly one of the command's option strings."""
    parser = cli.invocation.parser.subparser_map.get(command)
    if parser is None:
        return []
    known = parser._option_string_actions  # pylint: disable=protected-access
    options = [word.split('=', 1)[0] for word in argv if re.match(r'^--?[A-Za-z]', word)]
    return [option for option in options if option not in known]


if __name__ == '__main__':
    main()
