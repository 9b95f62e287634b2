/**
 * Counting lines of a command's captured output, the way the hosts' checks judge what a Run Command or a log
 * read printed. grep -c reads all of its input (no SIGPIPE under pipefail, as grep -q could cause) and prints
 * 0 and exits 1 when nothing matches: the 0 is the answer, not a failure.
 */
import { command, v, type Command } from '../script-model';

/** How many lines of the captured output are exactly `line` (-x) or hold it (-F), into `variable`. */
export function countLines(output: string, variable: string, line: string, match: '-x' | '-F'): Command {
  return command(['printf', '%s\\n', v(output)], {
    captureTo: variable,
    pipeTo: ['grep', '-c', match, '--', line],
    tolerateFailure: true,
  });
}
