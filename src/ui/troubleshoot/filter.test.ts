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
    const ids = shown.entries.map((entry) => entry.id);
    const inTitle = shown.entries.filter((entry) => /redis/i.test(entry.title)).map((entry) => entry.id);
    // Those with Redis in the title (the cache's Entra sign-in, its access policies), then the rest.
    expect(inTitle).toEqual(expect.arrayContaining(['redis-entra-auth-refused', 'redis-entra-auth-off']));
    expect(ids.slice(0, inTitle.length)).toEqual(inTitle);
    expect(ids.slice(inTitle.length)).toContain('az-command-too-old');
  });

  it('needs every word, and says so when nothing matches', () => {
    const shown = shownEntries('redis zzzz');
    expect(shown).toEqual({ entries: [], by: 'none' });
    expect(shownSummary(shown)).toMatch(/^No entry matches/);
  });
});
