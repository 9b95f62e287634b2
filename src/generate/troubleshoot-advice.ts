/**
 * What a failed check prints after its own words: the likely cause and the fix in the words of the matching
 * troubleshooting entry, and the entry's address. The page is troubleshoot.html beside the wizard's own page
 * (index.html links it as ./troubleshoot.html) and opens one entry at troubleshoot.html#<id>.
 */
import { troubleshootingEntry } from '../catalog/troubleshooting';

export const TROUBLESHOOTING_PAGE = 'troubleshoot.html';

/**
 * The page's typographic quotes as plain ones: a terminal may lack the glyphs, and ShellCheck takes a
 * quote mark inside a quoted word for a mistyped one (SC1112).
 */
function plainQuotes(text: string): string {
  return text.replace(/[\u2018\u2019]/g, "'").replace(/[\u201c\u201d]/g, '"');
}

/** "Likely cause: ... Fix: ... More: troubleshoot.html#<id>, beside the wizard's page." */
export function troubleshootingAdvice(id: string): string {
  const entry = troubleshootingEntry(id);
  // A typo in an id would print a link to nothing: fail the generator (and its tests) instead.
  if (entry === undefined) throw new Error(`No troubleshooting entry ${id}`);
  return plainQuotes(
    `Likely cause: ${entry.cause} Fix: ${entry.fix} More: ${TROUBLESHOOTING_PAGE}#${id}, beside the wizard's page.`,
  );
}

/** A failure message: what went wrong, then the entry's cause, fix and address. */
export function failureMessage(what: string, entryId: string): string {
  return `${what} ${troubleshootingAdvice(entryId)}`;
}
