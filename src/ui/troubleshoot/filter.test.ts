import { describe, expect, it } from 'vitest';
import { TROUBLESHOOTING_ENTRIES } from '../../catalog/troubleshooting';
import { shownEntries, shownSummary } from './filter';

describe('shownEntries', () => {
  it('shows every entry, in catalog order, while nothing is typed', () => {
    const shown = shownEntries('  \n ');
    expect(shown.by).toBe('all');
    expect(shown.entries).toEqual(TROUBLESHOOTING_ENTRIES);
    expect(shownSummary(shown)).toBe(
      `All ${TROUBLESHOOTING_ENTRIES.length} entries. Paste an error above to find its entry.`,
    );
  });

  it('finds entries by their error text first', () => {
    const shown = shownEntries("ERROR: Please run 'az login' to setup account.");
    expect(shown.by).toBe('error-text');
    expect(shown.entries.map((entry) => entry.id)).toEqual(['az-not-logged-in']);
    expect(shownSummary(shown)).toBe('1 entry matches this error, best first.');
  });

  it('falls back to words, entries naming them in their title first', () => {
    const shown = shownEntries('Redis');
    expect(shown.by).toBe('words');
    expect(shown.entries[0]?.id).toBe('redis-entra-auth-refused');
    expect(shown.entries.map((entry) => entry.id)).toContain('az-command-too-old');
  });

  it('needs every word, and says so when nothing matches', () => {
    const shown = shownEntries('redis zzzz');
    expect(shown).toEqual({ entries: [], by: 'none' });
    expect(shownSummary(shown)).toMatch(/^No entry matches/);
  });
});
