/**
 * The dispatch over the script model's line kinds, and the steps made of them. A conditional holds lines of
 * any kind, so it is rendered here beside the switch it recurses into; each other kind has its own module.
 * A new line kind fails the build here until it has a renderer.
 */
import type { Conditional, EachLine, ScriptLine, ScriptStep } from '../script-model';
import { renderCommand } from './command';
import { comment, quoteLiteral, renderWord } from './quoting';
import { renderRetry } from './retry';
import { renderGuard, renderStop, renderVersionAtLeast } from './stops';
import { renderWriteFile } from './write-file';

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

/**
 * A loop over the list's lines, read from file descriptor 3 so that no command inside reads the list from its
 * standard input; `IFS= read -r` keeps each line as it is (no trimming, no backslash escapes). An empty list
 * is one empty line to Bash's here-string, which the loop skips.
 */
function renderEachLine(line: EachLine, indent: string): string {
  return [
    `${indent}while IFS= read -r -u 3 ${line.item}; do`,
    `${indent}  if [ -z "$${line.item}" ]; then continue; fi`,
    ...line.lines.map((inner) => renderLine(inner, `${indent}  `)),
    `${indent}done 3<<< "$${line.list}"`,
  ].join('\n');
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
    case 'each-line':
      return renderEachLine(line, indent);
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

/** A step's lines; one skipped in a dry run goes inside an if/else that says so instead. */
export function renderStepLines(step: ScriptStep): string {
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
