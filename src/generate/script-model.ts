/**
 * Structured shell scripts: generators build these, and only to-bash.ts turns them into text, so quoting
 * lives in one place.
 */

/** A shell word: literal text, a variable's value, or pieces joined into one word. */
export type Word = string | { readonly variable: string } | { readonly join: readonly Word[] };

export const v = (variable: string): Word => ({ variable });
export const join = (...parts: Word[]): Word => ({ join: parts });
/** One literal word that words() must not split, e.g. a SQL statement or "Data Owner". */
export const lit = (text: string): Word => ({ join: [text] });

export interface Command {
  readonly kind: 'command';
  readonly argv: readonly Word[];
  /** Store the command's standard output in this variable: NAME=$(command). */
  readonly captureTo?: string;
  /** Feed the output to a second command: command | next. */
  readonly pipeTo?: readonly Word[];
  /** Read standard input from this file: command < file. */
  readonly stdinFrom?: string;
}

/** Writes a file whose content is fixed, except for lines naming a variable's value. */
export interface WriteFile {
  readonly kind: 'write-file';
  readonly path: string;
  readonly content: string;
  /** Marker text in `content` -> the variable whose value replaces it when the script runs. */
  readonly substitutions: Readonly<Record<string, string>>;
}

/** Stops the script with a message unless a variable has (or lacks) a value. */
export interface Guard {
  readonly kind: 'guard';
  readonly variable: string;
  readonly operator: '=' | '!=';
  /** A literal, or another variable's value. */
  readonly value: Word;
  /** Printed to stderr before exiting with status 1. */
  readonly message: string;
}

export interface Note {
  readonly kind: 'note';
  readonly text: string;
}

/**
 * Runs its lines only when a variable has (or lacks) a value, e.g. the rollout a scale set needs only with
 * its Manual upgrade policy. Its lines must not write files: a here-document cannot be indented.
 */
export interface Conditional {
  readonly kind: 'if';
  readonly variable: string;
  readonly operator: '=' | '!=';
  /** A literal, or another variable's value (a ServiceAccount's client id against the identity's). */
  readonly value: Word;
  readonly lines: readonly Exclude<ScriptLine, WriteFile>[];
}

/**
 * Runs a command until it succeeds, at most `attempts` times with `delaySeconds` between tries, and stops the
 * script with `message` when it never does: for a change Azure accepts only once another has propagated.
 */
export interface Retry {
  readonly kind: 'retry';
  readonly command: Command;
  readonly attempts: number;
  readonly delaySeconds: number;
  /** Printed to stderr before exiting with status 1, after the last failed try. */
  readonly message: string;
}

/**
 * Stops the script with `tooOld` unless a variable holds a version of at least `minimum`, compared as versions
 * (GNU `sort -V`, so 1.9 < 1.17 and 1.17 <= 1.17.0); a variable that is empty or not a version (it could not
 * be read, or the image tag is a name such as `latest`) prints `unknown` and goes on.
 */
export interface VersionAtLeast {
  readonly kind: 'version-at-least';
  readonly variable: string;
  readonly minimum: string;
  /** Printed to stderr before exiting with status 1; may name the variable's value. */
  readonly tooOld: Word;
  /** Printed to stderr when the variable is empty or not a version; the script goes on. */
  readonly unknown: string;
}

export type ScriptLine = Command | WriteFile | Guard | Note | Conditional | Retry | VersionAtLeast;

export interface ScriptStep {
  /** One line: what the step does and why. */
  readonly comment: string;
  readonly lines: readonly ScriptLine[];
}

/**
 * A setting the user may pass in the environment when running the script (`DELETE_IDENTITY=1 bash x.sh`):
 * its default applies when the variable is unset or empty.
 */
export interface EnvironmentOption {
  readonly name: string;
  readonly defaultValue: string;
}

export interface Script {
  /** Comment lines at the top. */
  readonly header: readonly string[];
  /** The user's values, assigned once at the top. */
  readonly variables: readonly { readonly name: string; readonly value: string }[];
  /** Settings read from the environment, after the variables; documented in the header. */
  readonly options?: readonly EnvironmentOption[];
  readonly steps: readonly ScriptStep[];
}

export function command(
  argv: readonly Word[],
  options: { captureTo?: string; pipeTo?: readonly Word[]; stdinFrom?: string } = {},
): Command {
  return { kind: 'command', argv, ...options };
}

/**
 * Builds argv from code-written text and user values: string pieces are split on spaces into literal words
 * (so only text written in this codebase is split), while Word objects (variables, joins) stay one word each.
 * `words('az vm show', ...rg, '--query id -o tsv')`.
 */
export function words(...parts: readonly (string | Exclude<Word, string>)[]): Word[] {
  return parts.flatMap((part): Word[] =>
    typeof part === 'string' ? part.split(' ').filter((word) => word !== '') : [part],
  );
}

/** A command from words(...). */
export function cmd(...parts: readonly (string | Exclude<Word, string>)[]): Command {
  return command(words(...parts));
}

/** A command whose output is stored in a variable. */
export function capture(variable: string, ...parts: readonly (string | Exclude<Word, string>)[]): Command {
  return command(words(...parts), { captureTo: variable });
}

export function note(text: string): Note {
  return { kind: 'note', text };
}

export function when(
  variable: string,
  operator: Conditional['operator'],
  value: Word,
  lines: Conditional['lines'],
): Conditional {
  return { kind: 'if', variable, operator, value, lines };
}

export function retry(
  line: Command,
  options: { attempts: number; delaySeconds: number; message: string },
): Retry {
  return { kind: 'retry', command: line, ...options };
}

export function versionAtLeast(
  variable: string,
  minimum: string,
  messages: { tooOld: Word; unknown: string },
): VersionAtLeast {
  if (!/^\d+(\.\d+)*$/.test(minimum)) throw new Error(`Not a version: ${minimum}`);
  return { kind: 'version-at-least', variable, minimum, ...messages };
}

/** Whether a conditional's lines run when its variable holds `actual` and its value reads `expected`. */
export function conditionHolds(line: Conditional, actual: string, expected: string): boolean {
  return line.operator === '=' ? actual === expected : actual !== expected;
}

/** Every command a list of lines can run, conditional ones included, in order. */
function commandsIn(lines: readonly ScriptLine[]): Command[] {
  return lines.flatMap((line): Command[] => {
    if (line.kind === 'command') return [line];
    if (line.kind === 'retry') return [line.command];
    return line.kind === 'if' ? commandsIn(line.lines) : [];
  });
}

/** The commands of a script, in order (also those that run only under a condition), for checking them. */
export function commandsOf(script: Script): Command[] {
  return script.steps.flatMap((step) => commandsIn(step.lines));
}
