/** Which entries the view shows for what is typed in its search box. */
import {
  matchTroubleshooting,
  TROUBLESHOOTING_ENTRIES,
  type TroubleshootingEntry,
} from '../../catalog/troubleshooting';

export interface Shown {
  readonly entries: readonly TroubleshootingEntry[];
  /** How they were found: all of them (nothing typed), by error text, by words, or none. */
  readonly by: 'all' | 'error-text' | 'words' | 'none';
}

/**
 * Entries with every word of the query in their id, title, cause or fix, for short queries such as
 * "redis": those with more of the words in their id or title first, then catalog order.
 */
function byWords(query: string): TroubleshootingEntry[] {
  const words = query
    .toLowerCase()
    .split(/\s+/)
    .filter((word) => word !== '');
  return TROUBLESHOOTING_ENTRIES.map((entry, order) => {
    const named = `${entry.id} ${entry.title}`.toLowerCase();
    const text = `${named} ${entry.cause} ${entry.fix}`.toLowerCase();
    const found = words.every((word) => text.includes(word));
    return { entry, order, found, inName: words.filter((word) => named.includes(word)).length };
  })
    .filter((candidate) => candidate.found)
    .sort((a, b) => b.inName - a.inName || a.order - b.order)
    .map((candidate) => candidate.entry);
}

/**
 * Nothing typed: every entry in catalog order. Otherwise the entries whose error text occurs in the query,
 * best first; when none does, the entries that contain every word of it.
 */
export function shownEntries(query: string): Shown {
  if (query.trim() === '') return { entries: TROUBLESHOOTING_ENTRIES, by: 'all' };
  const matched = matchTroubleshooting(query);
  if (matched.length > 0) return { entries: matched, by: 'error-text' };
  const worded = byWords(query);
  return worded.length > 0 ? { entries: worded, by: 'words' } : { entries: [], by: 'none' };
}

/** The line the status region reads out. */
export function shownSummary(shown: Shown): string {
  const count = shown.entries.length;
  const entries = `${count} ${count === 1 ? 'entry' : 'entries'}`;
  switch (shown.by) {
    case 'all':
      return `All ${entries}. Paste an error above to find its entry.`;
    case 'error-text':
      return `${entries} match${count === 1 ? 'es' : ''} this error, best first.`;
    case 'words':
      return `No entry knows this error text; ${entries} contain${count === 1 ? 's' : ''} these words.`;
    case 'none':
      return 'No entry matches. Paste the whole line, with the error code or message.';
    default: {
      const unhandled: never = shown.by;
      return unhandled;
    }
  }
}
