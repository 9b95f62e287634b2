/**
 * Structured shell scripts: generators build these, and only to-bash.ts (with its renderers in bash/) turns
 * them into text, so quoting lives in one place (bash/quoting.ts).
 */

import type { FailureText, FailureWord } from './troubleshoot-advice';

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
  /**
   * The script goes on when the command (or its pipe) fails: `NAME=$(command | next || true)` keeps what was
   * printed, often nothing, for a later line to judge. For a lookup whose absence the script reports itself;
   * under `set -euo pipefail` a failing capture would otherwise stop the script on the spot.
   */
  readonly tolerateFailure?: boolean;
  /** Whether it changes anything; without it, commandEffect() reads it from the command's words. */
  readonly effect?: Effect;
  /**
   * A read of what an earlier changing command makes (an identity's ids after its create): in a dry run that
   * command did not run, so a failed or empty read leaves a placeholder in the variable, and says so.
   */
  readonly readsChange?: boolean;
}

/**
 * `changing`: changes something outside this machine (Azure, the cluster, a database), so a dry run prints it
 * instead of running it. `read-only`: lookups, checks and local steps (files in the working folder, shell
 * settings, az's and kubectl's local settings), which a dry run still runs.
 */
export type Effect = 'changing' | 'read-only';

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
  readonly message: FailureText;
  /**
   * Printed to stderr before the message: what the check found, from values the script read (a Component's
   * type). The message stays literal text, so a paste of it finds its troubleshooting entry.
   */
  readonly detail?: Word;
  /** It checks what an earlier changing command made: a dry run, which skipped that command, skips it. */
  readonly checksChange?: boolean;
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
  /**
   * `skipped`: it compares what an earlier changing command made, which a dry run skipped, so a dry run skips
   * it too (a scale set's identity before and after an assign that did not run). `only`: it runs in a dry run
   * alone, to say what the skipped comparison would decide.
   */
  readonly dryRun?: 'skipped' | 'only';
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
  /** Printed to stderr before exiting with status 1 (or setting the flag), after the last failed try. */
  readonly message: FailureText;
  /** Printed to stderr before each wait, so a long wait says what it waits for. */
  readonly waiting?: string;
  /**
   * When set, the last failed try sets this flag (one of the script's `flags`) to 1 and the script goes on
   * instead of exiting: for a teardown step whose failure must not stop the removal of everything else.
   */
  readonly flagOnFailure?: string;
  /** When set, only a failure whose output matches is tried again; any other stops the script at once. */
  readonly retryOnly?: RetryOnly;
}

/**
 * Which failures a retry waits out, for a tool that prints its errors on standard output (go-sqlcmd): the
 * output is captured into `outputTo`, shown (on stderr after a failure), and matched against `pattern`.
 */
export interface RetryOnly {
  readonly outputTo: string;
  /** A Bash extended regular expression, written unquoted after =~ (so: no spaces, quotes or $). */
  readonly pattern: string;
  /** Printed to stderr before exiting with status 1 when a failure's output does not match. */
  readonly otherwise: FailureText;
  /**
   * A failure `pattern` matches whose text also reads as one waiting does not fix (one error number for
   * both): tried again only until `attempts` tries in all (fewer than the retry's), then `message`, which
   * names both causes, is printed to stderr before exiting with status 1.
   */
  readonly ambiguous?: { readonly pattern: string; readonly attempts: number; readonly message: FailureText };
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
  readonly tooOld: FailureWord;
  /** Printed to stderr when the variable is empty or not a version; the script goes on. */
  readonly unknown: string;
}

/**
 * Stops the script with a message, whatever the values: for a script that must not run as it stands (it
 * still holds the wizard's example values). The lines after it stay in the text, to be read.
 */
export interface Stop {
  readonly kind: 'stop';
  /** Printed to stderr before exiting with status 1. */
  readonly message: FailureText;
}

/**
 * Runs its lines once for each non-empty line of a variable, with that line in `item`: for a list Azure
 * printed (`-o tsv` of a JMESPath list), such as a Flexible scale set's VM names. Each line is one value,
 * never split further or expanded. Its lines must not write files, as a conditional's.
 */
export interface EachLine {
  readonly kind: 'each-line';
  /** The variable holding the list, one value a line. */
  readonly list: string;
  /** The variable each value is put in. */
  readonly item: string;
  readonly lines: readonly Exclude<ScriptLine, WriteFile>[];
}

export type ScriptLine =
  Command | WriteFile | Guard | Note | Conditional | EachLine | Retry | VersionAtLeast | Stop;

export interface ScriptStep {
  /** One line: what the step does and why. */
  readonly comment: string;
  readonly lines: readonly ScriptLine[];
  /**
   * Said instead of running the step in a dry run: a step that only checks what the changing commands make
   * (which a dry run skipped) would find it missing and stop. Its lines then never write files.
   */
  readonly skippedInDryRun?: string;
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
  /** The script's own flags, set to 0 at the top (never read from the environment): a Retry may set one to 1. */
  readonly flags?: readonly string[];
  readonly steps: readonly ScriptStep[];
}

export function command(
  argv: readonly Word[],
  options: {
    captureTo?: string;
    pipeTo?: readonly Word[];
    stdinFrom?: string;
    tolerateFailure?: boolean;
    effect?: Effect;
    readsChange?: boolean;
  } = {},
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

/**
 * A line the script prints as it runs. printf '%s\n' takes the text as an argument, never as its format, so no
 * value can add a format directive or an escape.
 */
export function printLine(...parts: Word[]): Command {
  return command(['printf', '%s\\n', join(...parts)]);
}

export function note(text: string): Note {
  return { kind: 'note', text };
}

export function stop(message: FailureText): Stop {
  return { kind: 'stop', message };
}

export function when(
  variable: string,
  operator: Conditional['operator'],
  value: Word,
  lines: Conditional['lines'],
  dryRun?: Conditional['dryRun'],
): Conditional {
  return dryRun === undefined
    ? { kind: 'if', variable, operator, value, lines }
    : { kind: 'if', variable, operator, value, lines, dryRun };
}

export function eachLine(list: string, item: string, lines: EachLine['lines']): EachLine {
  return { kind: 'each-line', list, item, lines };
}

export function retry(
  line: Command,
  options: {
    attempts: number;
    delaySeconds: number;
    message: FailureText;
    waiting?: string;
    flagOnFailure?: string;
    retryOnly?: RetryOnly;
  },
): Retry {
  return { kind: 'retry', command: line, ...options };
}

/** Runs a command once and stops the script with `message` when it fails: a retry of one attempt. */
export function orStop(line: Command, message: FailureText): Retry {
  return retry(line, { attempts: 1, delaySeconds: 0, message });
}

export function versionAtLeast(
  variable: string,
  minimum: string,
  messages: { tooOld: FailureWord; unknown: string },
): VersionAtLeast {
  if (!/^\d+(\.\d+)*$/.test(minimum)) throw new Error(`Not a version: ${minimum}`);
  return { kind: 'version-at-least', variable, minimum, ...messages };
}
