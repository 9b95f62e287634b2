/**
 * The dry run, in the script and in each command: the shell functions every script defines before its steps,
 * and which of them a command goes through. They live together because the function names the commands are
 * prefixed with must be the ones the script defines. `DRY_RUN=1` prints each changing command, shell-quoted by
 * printf %q (Bash's own quoting, read back as the same words), instead of running it. A value that a skipped
 * command would have printed, or that a read finds missing because of one, becomes the placeholder
 * dry-run:NAME, and the script says so on stderr, where the dry run's lines go (a captured command's stdout
 * is its value).
 */
import { command, type Command } from '../script-model';
import { commandEffect } from '../script-queries';
import { renderWord } from './quoting';

const RUN = 'run';
const RUN_OR_PLACEHOLDER = 'run_or_placeholder';
const READ_OR_PLACEHOLDER = 'read_or_placeholder';
const READ_AFTER_CHANGE = 'read_after_change';

/** The words before a command that a dry run treats apart: changing commands, and reads of what they make. */
export function dryRunPrefix(line: Command): string[] {
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

/** The shell functions every script defines before its steps. */
export const DRY_RUN_FUNCTIONS = [
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
