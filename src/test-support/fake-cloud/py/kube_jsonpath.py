"""kubectl's -o jsonpath templates, the part the scripts use (kubernetes client-go util/jsonpath):
text with {...} expressions; in them .field (a dot inside a key escaped as \\.), [n], [start:end] slices
(negative counts from the end), [*] and [?(@.path=="text")] filters. Several results print separated by
spaces; a missing key prints nothing, as kubectl's printer allows missing keys.
"""
import json
import re


class JsonPathError(Exception):
    pass


def _steps(expression):
    """'.a.b\\.c[0][?(@.name=="x")]' -> [('field', 'a'), ('field', 'b.c'), ('index', '0'), ('filter', ...)]"""
    steps, index = [], 0
    while index < len(expression):
        char = expression[index]
        if char == '.':
            end = index + 1
            while end < len(expression) and expression[end] not in '.[':
                end += 2 if expression[end] == '\\' else 1
            name = expression[index + 1:end].replace('\\.', '.')
            if name:
                steps.append(('field', name))
            index = end
        elif char == '[':
            depth, end = 0, index
            while end < len(expression):
                depth += {'[': 1, ']': -1}.get(expression[end], 0)
                if depth == 0:
                    break
                end += 1
            inner = expression[index + 1:end]
            steps.append(('filter', inner[2:-1]) if inner.startswith('?(') else ('index', inner))
            index = end + 1
        else:
            raise JsonPathError('unexpected {0!r} in {1}'.format(char, expression))
    return steps


def _apply(values, step):
    kind, argument = step
    out = []
    for value in values:
        if kind == 'field':
            if isinstance(value, dict) and argument in value:
                out.append(value[argument])
        elif kind == 'filter':
            match = re.fullmatch(r'@((?:\.[\w\-/\\.]+)+)\s*==\s*"([^"]*)"', argument)
            if not match:
                raise JsonPathError('the fake reads only [?(@.path=="text")] filters: ' + argument)
            for item in value if isinstance(value, list) else []:
                if [str(found) for found in evaluate(item, match.group(1))] == [match.group(2)]:
                    out.append(item)
        elif argument == '*':
            out.extend(value if isinstance(value, list) else list(value.values()) if isinstance(value, dict) else [])
        elif ':' in argument:
            start, _, end = argument.partition(':')
            if isinstance(value, list):
                out.extend(value[int(start) if start else None:int(end) if end else None])
        elif isinstance(value, list):
            position = int(argument)
            if -len(value) <= position < len(value):
                out.append(value[position])
    return out


def evaluate(value, expression):
    values = [value]
    for step in _steps(expression):
        values = _apply(values, step)
    return values


def _text(value):
    if isinstance(value, bool):
        return 'true' if value else 'false'
    if isinstance(value, (dict, list)):
        return json.dumps(value, separators=(',', ':'))
    return str(value)


def render(item, template):
    """The text kubectl prints for `-o jsonpath=<template>` (no newline after it)."""
    out, index = [], 0
    for match in re.finditer(r'\{([^{}]*)\}', template):
        out.append(template[index:match.start()])
        expression = match.group(1).strip()
        if not expression.startswith('.'):
            raise JsonPathError('the fake reads only {.path} expressions: ' + expression)
        out.append(' '.join(_text(found) for found in evaluate(item, expression)))
        index = match.end()
    out.append(template[index:])
    return ''.join(out)
