"""What az prints: --query through the CLI's own JMESPath library, then -o json|tsv|none as knack formats them.

Formatting follows knack/output.py (format_json: indent 2, sorted keys; _TsvOutput: a list is one row per
item, a dict's values in key order, booleans lowercase), and knack prints nothing for a None result.
Errors follow azure-cli's azure/cli/core/util.py handle_exception: "ERROR: " and the message, exit 1, and
exit 3 for a ResourceNotFoundError (a 404 from the service).
"""
import json
import sys

from state import FakeCloudError

try:
    import jmespath
except ImportError:  # pragma: no cover - the message is the point
    sys.stderr.write(
        'fake cloud: the Python module jmespath is missing; install python3-jmespath '
        '(Debian installs it with azure-cli)\n')
    sys.exit(2)


def cli_error(message, exit_code=1):
    return FakeCloudError('ERROR: ' + message + '\n', exit_code)


def resource_not_found(message):
    """A 404 from ARM, as the CLI shows it: "(ResourceNotFound) ...", then the code and message lines."""
    return cli_error('(ResourceNotFound) {0}\nCode: ResourceNotFound\nMessage: {0}'.format(message), 3)


def service_error(code, message, exit_code=1):
    return cli_error('({0}) {1}\nCode: {0}\nMessage: {1}'.format(code, message), exit_code)


def _tsv_cell(value):
    if isinstance(value, list):
        return str(len(value))
    if isinstance(value, dict):
        return ''
    return value if isinstance(value, str) else str(value)


def _tsv_row(value):
    if isinstance(value, dict):
        return '\t'.join(_tsv_cell(item) for _, item in sorted(value.items()))
    if isinstance(value, list):
        return '\t'.join(_tsv_cell(item) for item in value)
    if isinstance(value, bool):
        return str(value).lower()
    return _tsv_cell(value)


def format_tsv(result):
    rows = result if isinstance(result, list) else [result]
    return ''.join(_tsv_row(row) + '\n' for row in rows)


def format_result(result, query, output):
    if query is not None:
        try:
            result = jmespath.search(query, result)
        except jmespath.exceptions.JMESPathError as error:
            raise cli_error("argument --query: invalid jmespath_type value: '{0}' ({1})".format(query, error), 2)
    if result is None or output == 'none':
        return ''
    if output == 'tsv':
        return format_tsv(result)
    if output == 'json':
        return json.dumps(result, ensure_ascii=False, indent=2, sort_keys=True, separators=(',', ': ')) + '\n'
    raise cli_error("argument --output/-o: invalid choice: '{0}' (choose from 'json', 'tsv', 'none')".format(output), 2)
