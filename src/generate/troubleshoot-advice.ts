/**
 * What a failing step prints after its own words: the address of the matching troubleshooting entry, and for
 * a check after the apply also the entry's likely cause and fix. The page is troubleshoot.html beside the
 * wizard's own page (index.html links it as ./troubleshoot.html) and opens one entry at troubleshoot.html#<id>.
 *
 * The script model takes a stop's text only as a FailureText, which only this module makes, so every message
 * a script stops with names its entry (issue: "every failure message the scripts print names its entry").
 */
import { troubleshootingEntry, type TroubleshootingEntry } from '../catalog/troubleshooting';
import type { Word } from './script-model';

export const TROUBLESHOOTING_PAGE = 'troubleshoot.html';

declare const namesEntry: unique symbol;

/** A failure's text, ending with its troubleshooting entry's address: made by failureMessage or withEntry. */
export type FailureText = string & { readonly [namesEntry]: true };
/** The same for a message that holds a value the script read (the Dapr release it found): failureWord(). */
export type FailureWord = FailureText | (Exclude<Word, string> & { readonly [namesEntry]: true });

/**
 * The page's typographic quotes as plain ones: a terminal may lack the glyphs, and ShellCheck takes a
 * quote mark inside a quoted word for a mistyped one (SC1112).
 */
function plainQuotes(text: string): string {
  return text.replace(/[\u2018\u2019]/g, "'").replace(/[\u201c\u201d]/g, '"');
}

function entryOrThrow(id: string): TroubleshootingEntry {
  const entry = troubleshootingEntry(id);
  // A typo in an id would print a link to nothing: fail the generator (and its tests) instead.
  if (entry === undefined) throw new Error(`No troubleshooting entry ${id}`);
  return entry;
}

function entryAddress(id: string): string {
  return `More: ${TROUBLESHOOTING_PAGE}#${id}, beside the wizard's page.`;
}

/** "Likely cause: ... Fix: ... More: troubleshoot.html#<id>, beside the wizard's page." */
export function troubleshootingAdvice(id: string): string {
  const entry = entryOrThrow(id);
  return plainQuotes(`Likely cause: ${entry.cause} Fix: ${entry.fix} ${entryAddress(id)}`);
}

/**
 * A failure message for a check whose text does not say the cause: what went wrong, then the entry's cause,
 * fix and address.
 */
export function failureMessage(what: string, entryId: string): FailureText {
  return `${what} ${troubleshootingAdvice(entryId)}` as FailureText;
}

/**
 * A failure message that already says its cause and its fix with the user's own names (a check before any
 * change: "The vault kv-orders uses Azure RBAC: choose ..."): the text, then only the entry's address.
 */
export function withEntry(text: string, entryId: string): FailureText {
  entryOrThrow(entryId);
  return `${text} ${entryAddress(entryId)}` as FailureText;
}

/** withEntry for a message that holds a value the script reads when it runs. */
export function failureWord(word: Word, entryId: string): FailureWord {
  entryOrThrow(entryId);
  const suffix = ` ${entryAddress(entryId)}`;
  // One flat join: the renderer double-quotes a join of literals and variables, and takes no nested join.
  const parts = typeof word === 'string' || 'variable' in word ? [word] : [...word.join];
  return { join: [...parts, suffix] } as unknown as FailureWord;
}
