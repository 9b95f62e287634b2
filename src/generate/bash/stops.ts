/**
 * The lines that can stop the script with a message: a guard on a variable, a minimum version and a plain
 * stop. Kept together because they share one shape (a test, the message on stderr, exit 1), which is what
 * the troubleshooting entries and the tests read the script's own failures by.
 */
import type { Guard, Stop, VersionAtLeast } from '../script-model';
import { quoteLiteral, renderWord } from './quoting';

export function renderGuard(line: Guard, indent = ''): string {
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

/** A release, with an optional pre-release suffix: 1.17, 1.17.0, 1.17.0-rc.1 (never empty, never a word). */
const VERSION_PATTERN = '^[0-9]+(\\.[0-9]+)*(-[0-9A-Za-z.]+)?$';

/**
 * The smaller of the two versions under `sort -V` is the minimum exactly when the value is at least the minimum
 * (GNU coreutils sort --version-sort; 1.17 sorts before 1.17.0, so a minor line accepts its patches).
 */
export function renderVersionAtLeast(line: VersionAtLeast, indent = ''): string {
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

export function renderStop(line: Stop, indent = ''): string {
  return [`${indent}echo ${quoteLiteral(line.message)} >&2`, `${indent}exit 1`].join('\n');
}
