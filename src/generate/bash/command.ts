/**
 * One command line: its dry-run prefix, its words, a capture, a pipe and a tolerated failure. Apart from the
 * other line kinds because retries and checks wrap it (`if ! <command>; then`), and because it alone breaks
 * long lines, one option per line, so each flag can be read and checked at a glance.
 */
import type { Command } from '../script-model';
import { dryRunPrefix } from './dry-run';
import { quoteLiteral, renderWord } from './quoting';

const MAX_LINE = 100;

/** `indent` starts the command and its continuation lines, never the inside of a quoted word. */
export function renderCommand(line: Command, indent = ''): string {
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
