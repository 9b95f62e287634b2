/**
 * Renders a structured script as Bash: the header, the variables, options and flags, the dry-run functions,
 * then each step. All quoting happens in this renderer (bash/quoting.ts): literals are single-quoted unless
 * they are plainly safe, variables are always double-quoted, and file contents go through quoted
 * here-documents or printf with the value as an argument, so no value can change what the script runs. Each
 * line kind has its renderer under bash/, dispatched by bash/lines.ts.
 */
import type { EnvironmentOption, Script } from './script-model';
import { DRY_RUN_FUNCTIONS } from './bash/dry-run';
import { renderStepLines } from './bash/lines';
import { comment, DOUBLE_QUOTE_SAFE, OPTION_NAME, quoteLiteral } from './bash/quoting';

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
