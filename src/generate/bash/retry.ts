/**
 * Retries: a bounded loop around one command, the most involved line kind, with its own checks of the
 * attempts, the delay, the flag it may set instead of stopping, and the pattern of failures it waits out.
 * The command's own errors stay visible, so the user sees why each try failed.
 */
import type { Command, Retry, RetryOnly } from '../script-model';
import { renderCommand } from './command';
import { OPTION_NAME, quoteLiteral } from './quoting';

/** A bounded loop: the command's own errors stay visible, so the user sees why each try failed. */
export function renderRetry(line: Retry, indent = ''): string {
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
    (line.attempts === 1 ||
      line.flagOnFailure !== undefined ||
      line.command.captureTo !== undefined ||
      // A tolerated failure would pass as a success and end the retry before it waited for anything.
      line.command.tolerateFailure === true)
  ) {
    throw new Error(
      'retryOnly goes with several tries, no flag, and a command that captures nothing itself and fails when it fails',
    );
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
