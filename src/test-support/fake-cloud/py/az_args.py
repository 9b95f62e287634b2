"""Reads az's argv the way the CLI does: the command words, then flags with their values.

Each command lists its flags; a flag the command does not have, or a command the table lacks, exits 2 as the
CLI's parser does (azure/cli/core/parser.py: "unrecognized arguments", "'x' is misspelled or not recognized
by the system."), so a script using something the stand-in does not model fails its test loudly.
Kinds: ONE takes one value, MANY takes values up to the next flag (argparse nargs='+'), SWITCH none.
"""
from az_output import cli_error

ONE, MANY, SWITCH = 'one', 'many', 'switch'

# The short forms the CLI defines for the arguments the scripts use (azure/cli/core/commands/parameters.py:
# resource_group_name_type -g, name -n, location -l; knack's --output -o).
ALIASES = {'-n': '--name', '-g': '--resource-group', '-l': '--location', '-o': '--output'}
GLOBAL_FLAGS = {'--query': ONE, '--output': ONE, '--only-show-errors': SWITCH, '--verbose': SWITCH,
                '--subscription': ONE}


def parse_argv(argv, command_table):
    words = []
    index = 0
    while index < len(argv) and not argv[index].startswith('-'):
        words.append(argv[index])
        index += 1
    command = tuple(words)
    if command not in command_table:
        raise cli_error("'{0}' is misspelled or not recognized by the system.".format(' '.join(words)), 2)
    handler, flags = command_table[command]
    known = dict(GLOBAL_FLAGS)
    known.update(flags)
    values = {}
    while index < len(argv):
        token = argv[index]
        inline = None
        if token.startswith('--') and '=' in token:
            token, inline = token.split('=', 1)
        flag = ALIASES.get(token, token)
        kind = known.get(flag)
        if kind is None:
            raise cli_error('unrecognized arguments: {0}'.format(' '.join(argv[index:])), 2)
        index += 1
        if kind == SWITCH:
            values[flag] = True
            continue
        if inline is not None:
            taken = [inline]
        else:
            taken = []
            while index < len(argv) and not (argv[index].startswith('-') and len(argv[index]) > 1
                                             and not argv[index][1].isdigit()):
                taken.append(argv[index])
                index += 1
                if kind == ONE:
                    break
        if not taken:
            raise cli_error('argument {0}: expected {1} argument'.format(
                flag, 'one' if kind == ONE else 'at least one'), 2)
        values[flag] = taken[0] if kind == ONE else taken
    return command, handler, values


def required(values, *flags):
    missing = [flag for flag in flags if flag not in values]
    if missing:
        raise cli_error('the following arguments are required: {0}'.format(', '.join(missing)), 2)
    return [values[flag] for flag in flags]
