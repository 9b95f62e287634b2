/**
 * What a script model says about itself, for the renderers and the checks: whether a command changes
 * anything (so a dry run skips it), whether a conditional holds, every command and retry flag in order.
 */
import type { Command, Conditional, Effect, Script, ScriptLine, ScriptStep, Word } from './script-model';

/** Programs that change nothing outside this machine: shell steps on local files and values. */
const LOCAL_PROGRAMS = new Set([
  'mkdir',
  'export',
  'base64',
  'printf',
  'cat',
  'tr',
  'sed',
  'sort',
  'head',
  'tail',
  'grep',
]);
/** The last command word of an az command that only reads (or, as get-credentials, sets az's local state). */
const AZ_READ_VERBS = new Set(['show', 'list', 'get-access-token', 'get-credentials', 'logs', 'log']);
/** kubectl verbs that only read: a lookup, a pod's log, waiting on a rollout. */
const KUBECTL_READ = new Set(['get', 'logs', 'rollout status']);
/** az commands that change only the CLI's own settings on this machine, which later lookups depend on. */
const AZ_LOCAL = new Set(['account set', 'cloud set']);

/** The literal words before the first flag or value: ['az', 'role', 'assignment', 'create']. */
function commandWords(argv: readonly Word[]): string[] {
  const words: string[] = [];
  for (const word of argv) {
    if (typeof word !== 'string' || word.startsWith('-')) break;
    words.push(word);
  }
  return words;
}

/**
 * Whether a command changes anything: its own `effect` when it has one, else by its words (az: a show, list,
 * get-access-token, get-credentials or logs, or `az account set` / `az cloud set`; kubectl: get; the local
 * programs above). Anything else counts as changing, so a new command is skipped by a dry run until marked.
 */
export function commandEffect(line: Command): Effect {
  if (line.effect !== undefined) return line.effect;
  const [program = '', ...rest] = commandWords(line.argv);
  if (LOCAL_PROGRAMS.has(program)) return 'read-only';
  if (program === 'az') {
    const last = rest[rest.length - 1] ?? '';
    return AZ_READ_VERBS.has(last) || AZ_LOCAL.has(rest.join(' ')) ? 'read-only' : 'changing';
  }
  if (program === 'kubectl')
    return KUBECTL_READ.has(rest[0] ?? '') || KUBECTL_READ.has(rest.slice(0, 2).join(' '))
      ? 'read-only'
      : 'changing';
  return 'changing';
}

/**
 * Whether a conditional's lines run, in a real run (not a dry run), when its variable holds `actual` and its
 * value reads `expected`.
 */
export function conditionHolds(line: Conditional, actual: string, expected: string): boolean {
  if (line.dryRun === 'only') return false;
  return line.operator === '=' ? actual === expected : actual !== expected;
}

/** Every command a list of lines can run, conditional and retried ones included, in order. */
export function commandsIn(lines: readonly ScriptLine[]): Command[] {
  return lines.flatMap((line): Command[] => {
    if (line.kind === 'command') return [line];
    if (line.kind === 'retry') return [line.command];
    return line.kind === 'if' || line.kind === 'each-line' ? commandsIn(line.lines) : [];
  });
}

/** The commands of a script, in order (also those that run only under a condition), for checking them. */
export function commandsOf(script: Script): Command[] {
  return script.steps.flatMap((step) => commandsIn(step.lines));
}

/** The flags the retries of a list of lines set, conditional ones included, each once, in order. */
function retryFlagsIn(lines: readonly ScriptLine[]): string[] {
  return lines.flatMap((line): string[] => {
    if (line.kind === 'retry') return line.flagOnFailure === undefined ? [] : [line.flagOnFailure];
    return line.kind === 'if' || line.kind === 'each-line' ? retryFlagsIn(line.lines) : [];
  });
}

/** Every flag the steps' retries set: the flags a script must start at 0. */
export function retryFlagsOf(steps: readonly ScriptStep[]): string[] {
  return [...new Set(steps.flatMap((step) => retryFlagsIn(step.lines)))];
}
