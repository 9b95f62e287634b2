"""Entry point of the stand-ins: main.py <az|kubectl|psql|sqlcmd> ARGS... (see ../bin)."""
import sys

from state import FakeCloudError, load_state, record_call, save_state


def require_modules():
    """The CLI's own libraries: Debian installs python3-jmespath and python3-yaml with azure-cli."""
    for module, package in (('jmespath', 'python3-jmespath'), ('yaml', 'python3-yaml')):
        try:
            __import__(module)
        except ImportError:
            sys.stderr.write('fake cloud: the Python module {0} is missing: install {1} (apt-get install '
                             'azure-cli brings it)\n'.format(module, package))
            sys.exit(2)


def main():
    require_modules()
    program, argv = sys.argv[1], sys.argv[2:]
    if program == 'settle':
        # Not a tool: brings the seed to what a running cluster would show (each Deployment's pod), before
        # the script runs, so the script's first call changes nothing by itself.
        from kubectl import settle
        state = load_state()
        settle(state)
        save_state(state)
        return 0
    record_call(program, argv)
    state = load_state()
    if program == 'az':
        from az_cli import run_az as run
    elif program == 'kubectl':
        from kubectl import run_kubectl as run
    elif program == 'psql':
        from db_psql import run_psql as run
    elif program == 'sqlcmd':
        from db_sqlcmd import run_sqlcmd as run
    else:
        sys.stderr.write('fake cloud: no stand-in named {0}\n'.format(program))
        return 2
    try:
        changed = run(state, argv)
    except FakeCloudError as error:
        sys.stderr.write(error.message)
        return error.exit_code
    if changed:
        save_state(state)
    return 0


if __name__ == '__main__':
    sys.exit(main())
