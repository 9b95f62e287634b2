/**
 * Renders a structured script as Bash. All quoting happens here: literals are single-quoted unless they are
 * plainly safe, variables are always double-quoted, and file contents go through quoted here-documents or
 * printf with the value as an argument, so no value can change what the script runs.
 */
import { command, commandEffect } from './script-model';
import type {
  Command,
  Conditional,
  EnvironmentOption,
  Guard,
  Retry,
  RetryOnly,
  Script,
  ScriptLine,
  ScriptStep,
  Stop,
  VersionAtLeast,
  Word,
  WriteFile,
} from './script-model';

/** Characters that never need quoting in Bash. */
const SAFE_LITERAL = /^[A-Za-z0-9_./:=@%+,-]+$/;
const MAX_LINE = 100;

/** Quotes a literal for Bash: as is when safe, else in single quotes. */
export function quoteLiteral(text: string): string {
  if (SAFE_LITERAL.test(text)) return text;
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** Characters that keep their literal meaning inside double quotes. */
const DOUBLE_QUOTE_SAFE = /^[^"$`\\!]*$/;

/** One shell word. */
export function renderWord(word: Word): string {
  if (typeof word === 'string') return quoteLiteral(word);
  if ('variable' in word) return `"$${word.variable}"`;
  const parts = word.join;
  if (parts.every((part) => typeof part === 'string')) return quoteLiteral(parts.join(''));
  if (parts.every((part) => typeof part !== 'string' || DOUBLE_QUOTE_SAFE.test(part))) {
    // One double-quoted word: "system:serviceaccount:${NAMESPACE}:${SERVICE_ACCOUNT}".
    const inner = parts.map((part) => {
      if (typeof part === 'string') return part;
      if ('variable' in part) return `\${${part.variable}}`;
      throw new Error('Nested joins are not supported');
    });
    return `"${inner.join('')}"`;
  }
  return parts.map((part) => (typeof part === 'string' && part === '' ? '' : renderWord(part))).join('');
}

/** `indent` starts the command and its continuation lines, never the inside of a quoted word. */
function renderCommand(line: Command, indent = ''): string {
  const words = [...dryRunPrefix(line), ...line.argv.map(renderWord)];
  if (line.stdinFrom !== undefined) words.push(`< ${quoteLiteral(line.stdinFrom)}`);
  // `a | b || true` is `(a | b) || true`: the whole pipeline's failure is tolerated, under pipefail too.
  const piped =
    (line.pipeTo ? ` | ${line.pipeTo.map(renderWord).join(' ')}` : '') +
    (line.tolerateFailure ? ' || true' : '');
  const flat = words.join(' ') + piped;
  const prefix = line.captureTo ? `${line.captureTo}=$(` : '';
  const suffix = line.captureTo ? ')' : '';
  if (indent.length + prefix.length + flat.length + suffix.length <= MAX_LINE) {
    return `${indent}${prefix}${flat}${suffix}`;
  }
  // Long commands: one option per line, so each flag can be read and checked at a glance.
  const lines: string[] = [];
  let current = '';
  for (const word of words) {
    if (word.startsWith('--') && current !== '') {
      lines.push(current);
      current = word;
    } else {
      current = current === '' ? word : `${current} ${word}`;
    }
  }
  lines.push(current + piped);
  return indent + prefix + lines.join(` \\\n${indent}    `) + suffix;
}

/** The words before a command that a dry run treats apart: changing commands, and reads of what they make. */
function dryRunPrefix(line: Command): string[] {
  if (line.pipeTo !== undefined && commandEffect(command(line.pipeTo)) !== 'read-only') {
    throw new Error(
      `A pipe may only transform output, not change anything: ${line.pipeTo.map(renderWord).join(' ')}`,
    );
  }
  const changing = commandEffect(line) === 'changing';
  if (changing && line.readsChange) throw new Error('A changing command is not a read of a change');
  if (line.captureTo === undefined) return changing ? [RUN] : line.readsChange ? [READ_AFTER_CHANGE] : [];
  if (changing) return [RUN_OR_PLACEHOLDER, line.captureTo];
  return line.readsChange ? [READ_OR_PLACEHOLDER, line.captureTo] : [];
}

const RUN = 'run';
const RUN_OR_PLACEHOLDER = 'run_or_placeholder';
const READ_OR_PLACEHOLDER = 'read_or_placeholder';
const READ_AFTER_CHANGE = 'read_after_change';

/**
 * The shell functions every script defines before its steps. `DRY_RUN=1` prints each changing command,
 * shell-quoted by printf %q (Bash's own quoting, read back as the same words), instead of running it. A value
 * that a skipped command would have printed, or that a read finds missing because of one, becomes the
 * placeholder dry-run:NAME, and the script says so on stderr, where the dry run's lines go (a captured
 * command's stdout is its value).
 */
const DRY_RUN_FUNCTIONS = [
  '# With DRY_RUN=1 in the environment, each command that would change something is printed, not run.',
  'run() {',
  '  if [ "${DRY_RUN:-}" = 1 ]; then',
  "    printf 'DRY RUN, not run:' >&2",
  `    printf ' %q' "$@" >&2`,
  "    printf '\\n' >&2",
  '    return 0',
  '  fi',
  '  "$@"',
  '}',
  '# NAME COMMAND...: a changing command whose output is a value; a dry run uses a placeholder for it.',
  // Its status is the command's: a command substitution runs without set -e, so a failure must be returned.
  'run_or_placeholder() {',
  '  local name=$1',
  '  shift',
  '  if [ "${DRY_RUN:-}" != 1 ]; then',
  '    "$@"',
  '    return',
  '  fi',
  '  run "$@"',
  `  printf 'DRY RUN: %s stands in as dry-run:%s\\n' "$name" "$name" >&2`,
  `  printf 'dry-run:%s\\n' "$name"`,
  '}',
  '# NAME COMMAND...: a lookup of what a changing command makes; a dry run, which skipped that, may find nothing.',
  'read_or_placeholder() {',
  '  local name=$1 value',
  '  shift',
  '  if [ "${DRY_RUN:-}" != 1 ]; then',
  '    "$@"',
  '    return',
  '  fi',
  '  if value=$("$@" 2>/dev/null) && [ -n "$value" ]; then',
  `    printf '%s\\n' "$value"`,
  '  else',
  `    printf 'DRY RUN: %s is not there before the skipped commands run; it stands in as dry-run:%s\\n' "$name" "$name" >&2`,
  `    printf 'dry-run:%s\\n' "$name"`,
  '  fi',
  '}',
  '# COMMAND...: a check of what a changing command makes; a dry run, which skipped that, may find nothing.',
  'read_after_change() {',
  '  if [ "${DRY_RUN:-}" != 1 ]; then',
  '    "$@"',
  '    return',
  '  fi',
  `  "$@" 2>/dev/null || printf 'DRY RUN: not there before the skipped commands run: %s\\n' "$*" >&2`,
  '}',
].join('\n');

function hereDocDelimiter(content: string): string {
  let delimiter = 'YAML';
  const lines = new Set(content.split('\n'));
  while (lines.has(delimiter)) delimiter += '_END';
  return delimiter;
}

/** Fixed lines go through quoted here-documents (no expansion); marker lines through printf '%s'. */
function renderWriteFile(line: WriteFile): string {
  const markers = Object.keys(line.substitutions).filter((marker) => line.content.includes(marker));
  if (markers.length === 0) {
    const body = line.content.replace(/\n$/, '');
    const delimiter = hereDocDelimiter(body);
    return [`cat > ${quoteLiteral(line.path)} <<'${delimiter}'`, body, delimiter].join('\n');
  }
  const out: string[] = [`{`];
  let literal: string[] = [];
  const flushLiteral = (): void => {
    if (literal.length === 0) return;
    const body = literal.join('\n');
    const delimiter = hereDocDelimiter(body);
    out.push(`cat <<'${delimiter}'`, body, delimiter);
    literal = [];
  };
  for (const contentLine of line.content.replace(/\n$/, '').split('\n')) {
    const marker = Object.keys(line.substitutions).find((key) => contentLine.includes(key));
    if (marker === undefined) {
      literal.push(contentLine);
      continue;
    }
    flushLiteral();
    const [before, after] = splitOnce(contentLine, marker);
    // printf reads both '%' and '\\' in its format: the fixed text keeps them literal.
    const format = `${printfLiteral(before)}%s${printfLiteral(after)}\\n`;
    out.push(`printf ${quoteLiteral(format)} "$${line.substitutions[marker]}"`);
  }
  flushLiteral();
  out.push(`} > ${quoteLiteral(line.path)}`);
  return out.join('\n');
}

function printfLiteral(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/%/g, '%%');
}

function splitOnce(text: string, marker: string): [string, string] {
  const index = text.indexOf(marker);
  return [text.slice(0, index), text.slice(index + marker.length)];
}

function renderGuard(line: Guard, indent = ''): string {
  // A check of what a skipped command would have made cannot hold in a dry run.
  const unlessDryRun = line.checksChange ? '[ "${DRY_RUN:-}" != 1 ] && ' : '';
  return [
    `${indent}if ${unlessDryRun}[ "$${line.variable}" ${line.operator} ${renderWord(line.value)} ]; then`,
    ...(line.detail === undefined ? [] : [`${indent}  echo ${renderWord(line.detail)} >&2`]),
    `${indent}  echo ${quoteLiteral(line.message)} >&2`,
    `${indent}  exit 1`,
    `${indent}fi`,
  ].join('\n');
}

/**
 * if/fi around the lines. Each line is indented where it starts, never inside a quoted word, whose line
 * breaks belong to the value (no here-documents inside, so nothing else needs care).
 */
function renderConditional(line: Conditional, indent: string): string {
  const dryRun =
    line.dryRun === undefined ? '' : `[ "\${DRY_RUN:-}" ${line.dryRun === 'skipped' ? '!=' : '='} 1 ] && `;
  return [
    `${indent}if ${dryRun}[ "$${line.variable}" ${line.operator} ${renderWord(line.value)} ]; then`,
    ...line.lines.map((inner) => renderLine(inner, `${indent}  `)),
    `${indent}fi`,
  ].join('\n');
}

/** A bounded loop: the command's own errors stay visible, so the user sees why each try failed. */
function renderRetry(line: Retry, indent = ''): string {
  if (!Number.isInteger(line.attempts) || line.attempts < 1) {
    throw new Error('A retry needs 1 or more attempts');
  }
  if (!Number.isInteger(line.delaySeconds) || line.delaySeconds < 0) throw new Error('Bad retry delay');
  const inner = `${indent}  `;
  if (line.flagOnFailure !== undefined && !OPTION_NAME.test(line.flagOnFailure)) {
    throw new Error(`Not a flag name: ${line.flagOnFailure}`);
  }
  // Exit, or set the flag and go on (after the last try: a loop also leaves it).
  const giveUp = (at: string, inLoop: boolean): string[] =>
    line.flagOnFailure === undefined
      ? [`${at}exit 1`]
      : [`${at}${line.flagOnFailure}=1`, ...(inLoop ? [`${at}break`] : [])];
  if (
    line.retryOnly !== undefined &&
    (line.attempts === 1 || line.flagOnFailure !== undefined || line.command.captureTo !== undefined)
  ) {
    throw new Error('retryOnly goes with several tries, no flag, and a command that captures nothing itself');
  }
  if (line.attempts === 1) {
    // One try: no loop, nothing to wait for.
    return [
      `${indent}if ! ${renderCommand(line.command, indent).slice(indent.length)}; then`,
      `${inner}echo ${quoteLiteral(line.message)} >&2`,
      ...giveUp(inner, false),
      `${indent}fi`,
    ].join('\n');
  }
  return [
    `${indent}for attempt in {1..${line.attempts}}; do`,
    ...(line.retryOnly === undefined
      ? [
          `${inner}if ${renderCommand(line.command, inner).slice(inner.length)}; then`,
          `${inner}  break`,
          `${inner}fi`,
        ]
      : renderRetryOnly(line.command, line.retryOnly, inner, line.attempts)),
    `${inner}if [ "$attempt" = ${line.attempts} ]; then`,
    `${inner}  echo ${quoteLiteral(line.message)} >&2`,
    ...giveUp(`${inner}  `, true),
    `${inner}fi`,
    ...(line.waiting === undefined ? [] : [`${inner}echo ${quoteLiteral(line.waiting)} >&2`]),
    `${inner}sleep ${line.delaySeconds}`,
    `${indent}done`,
  ].join('\n');
}

/**
 * Characters a regular expression may hold unquoted after =~: no word splitting, quoting or expansion (inside
 * [[ ]] Bash expands no globs, so brackets and * stay the regex's own).
 */
const UNQUOTED_REGEX = /^[A-Za-z0-9_|().,:^*[\]-]+$/;

/**
 * The try of a retry that waits out only some failures: the output is captured (the command's own, as `run`
 * prints a dry run's line on stderr), shown, and a failure whose output does not match stops the script.
 */
function renderRetryOnly(line: Command, only: RetryOnly, inner: string, attempts: number): string[] {
  if (!OPTION_NAME.test(only.outputTo)) throw new Error(`Not a variable name: ${only.outputTo}`);
  if (!UNQUOTED_REGEX.test(only.pattern)) throw new Error(`Not a plain pattern: ${only.pattern}`);
  const output = `"$${only.outputTo}"`;
  const { ambiguous } = only;
  if (
    ambiguous !== undefined &&
    (!UNQUOTED_REGEX.test(ambiguous.pattern) ||
      !Number.isInteger(ambiguous.attempts) ||
      ambiguous.attempts < 1 ||
      ambiguous.attempts >= attempts)
  ) {
    throw new Error('An ambiguous failure needs a plain pattern and fewer tries than the retry');
  }
  return [
    `${inner}if ${only.outputTo}=$(${renderCommand(line, inner).slice(inner.length)}); then`,
    `${inner}  if [ -n ${output} ]; then printf '%s\\n' ${output}; fi`,
    `${inner}  break`,
    `${inner}fi`,
    `${inner}printf '%s\\n' ${output} >&2`,
    `${inner}if ! [[ ${output} =~ ${only.pattern} ]]; then`,
    `${inner}  echo ${quoteLiteral(only.otherwise)} >&2`,
    `${inner}  exit 1`,
    `${inner}fi`,
    ...(ambiguous === undefined
      ? []
      : [
          `${inner}if [ "$attempt" -ge ${ambiguous.attempts} ] && [[ ${output} =~ ${ambiguous.pattern} ]]; then`,
          `${inner}  echo ${quoteLiteral(ambiguous.message)} >&2`,
          `${inner}  exit 1`,
          `${inner}fi`,
        ]),
  ];
}

/** A release, with an optional pre-release suffix: 1.17, 1.17.0, 1.17.0-rc.1 (never empty, never a word). */
const VERSION_PATTERN = '^[0-9]+(\\.[0-9]+)*(-[0-9A-Za-z.]+)?$';

/**
 * The smaller of the two versions under `sort -V` is the minimum exactly when the value is at least the minimum
 * (GNU coreutils sort --version-sort; 1.17 sorts before 1.17.0, so a minor line accepts its patches).
 */
function renderVersionAtLeast(line: VersionAtLeast, indent = ''): string {
  const minimum = quoteLiteral(line.minimum);
  return [
    `${indent}if ! [[ "$${line.variable}" =~ ${VERSION_PATTERN} ]]; then`,
    `${indent}  echo ${quoteLiteral(line.unknown)} >&2`,
    `${indent}elif [ "$(printf '%s\\n' ${minimum} "$${line.variable}" | sort -V | head -n 1)" != ${minimum} ]; then`,
    `${indent}  echo ${renderWord(line.tooOld)} >&2`,
    `${indent}  exit 1`,
    `${indent}fi`,
  ].join('\n');
}

function renderStop(line: Stop, indent = ''): string {
  return [`${indent}echo ${quoteLiteral(line.message)} >&2`, `${indent}exit 1`].join('\n');
}

/** `indent` only inside a conditional, whose lines never write files (a here-document cannot be indented). */
function renderLine(line: ScriptLine, indent = ''): string {
  switch (line.kind) {
    case 'command':
      return renderCommand(line, indent);
    case 'write-file':
      return renderWriteFile(line);
    case 'guard':
      return renderGuard(line, indent);
    case 'note':
      return comment(line.text, indent);
    case 'if':
      return renderConditional(line, indent);
    case 'retry':
      return renderRetry(line, indent);
    case 'version-at-least':
      return renderVersionAtLeast(line, indent);
    case 'stop':
      return renderStop(line, indent);
    default:
      return assertNever(line);
  }
}

function assertNever(value: never): never {
  throw new Error(`Unhandled script line ${JSON.stringify(value)}`);
}

/** Comment lines: every line of the text gets its '#', so a newline in a value cannot end the comment. */
function comment(text: string, indent = ''): string {
  return text
    .split('\n')
    .map((line) => (line === '' ? `${indent}#` : `${indent}# ${line}`))
    .join('\n');
}

function renderStepLines(step: ScriptStep): string {
  // A step of notes alone runs nothing, and Bash refuses an empty else branch.
  const runsSomething = step.lines.some((line) => line.kind !== 'note');
  if (step.skippedInDryRun === undefined || !runsSomething)
    return step.lines.map((line) => renderLine(line)).join('\n');
  if (step.lines.some((line) => line.kind === 'write-file'))
    throw new Error('A step skipped in a dry run cannot write files (a here-document cannot be indented)');
  return [
    'if [ "${DRY_RUN:-}" = 1 ]; then',
    `  echo ${quoteLiteral(`DRY RUN: ${step.skippedInDryRun}`)} >&2`,
    'else',
    ...step.lines.map((line) => renderLine(line, '  ')),
    'fi',
  ].join('\n');
}

const OPTION_NAME = /^[A-Z][A-Z0-9_]*$/;

/** `NAME="${NAME:-default}"`: the environment's value when set and not empty, else the default. */
function renderOption(option: EnvironmentOption): string {
  if (!OPTION_NAME.test(option.name)) throw new Error(`Not an option name: ${option.name}`);
  if (!DOUBLE_QUOTE_SAFE.test(option.defaultValue) || option.defaultValue.includes('}')) {
    throw new Error(`Not a plain option default: ${option.defaultValue}`);
  }
  return `${option.name}="\${${option.name}:-${option.defaultValue}}"`;
}

/** `NAME=0`: a flag of the script's own, which the environment cannot preset. */
function renderFlag(name: string): string {
  if (!OPTION_NAME.test(name)) throw new Error(`Not a flag name: ${name}`);
  return `${name}=0`;
}

/** The whole script as Bash text, ending with a newline. */
export function toBash(script: Script): string {
  const blocks: string[] = [
    ['#!/usr/bin/env bash', ...script.header.map((line) => comment(line))].join('\n'),
    script.variables.map(({ name, value }) => `${name}=${quoteLiteral(value)}`).join('\n'),
    (script.options ?? []).map(renderOption).join('\n'),
    (script.flags ?? []).map(renderFlag).join('\n'),
    'set -euo pipefail',
    DRY_RUN_FUNCTIONS,
    ...script.steps.map((step) => [comment(step.comment), renderStepLines(step)].join('\n')),
  ];
  return `${blocks.filter((block) => block !== '').join('\n\n')}\n`;
}
