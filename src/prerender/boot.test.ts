/** public/boot.js, run as the browser runs it (a classic script), against stand-ins for what it reads. */
import { readFileSync } from 'node:fs';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { THEME_STORAGE_KEY } from '../ui/theme';

const BOOT = readFileSync(new URL('../../public/boot.js', import.meta.url), 'utf8');

function runBoot(options: { stored?: string | null; blocked?: boolean; hash?: string; search?: string }) {
  const attributes = new Map<string, string>();
  const asked: string[] = [];
  const window = {
    localStorage: {
      getItem(key: string) {
        asked.push(key);
        if (options.blocked) throw new Error('SecurityError');
        return options.stored ?? null;
      },
    },
    location: { hash: options.hash ?? '', search: options.search ?? '' },
  };
  const document = {
    documentElement: { setAttribute: (name: string, value: string) => attributes.set(name, value) },
  };
  runInNewContext(BOOT, { window, document });
  return { attributes: Object.fromEntries(attributes), asked };
}

describe('public/boot.js', () => {
  it("applies the stored light or dark theme, read under theme.ts's key", () => {
    expect(runBoot({ stored: 'dark' })).toEqual({
      attributes: { 'data-theme': 'dark' },
      asked: [THEME_STORAGE_KEY],
    });
    expect(runBoot({ stored: 'light' }).attributes).toEqual({ 'data-theme': 'light' });
  });

  it('leaves the system theme for system, nothing, junk, or blocked storage', () => {
    for (const stored of ['system', null, 'purple']) expect(runBoot({ stored }).attributes).toEqual({});
    expect(runBoot({ blocked: true }).attributes).toEqual({});
  });

  it('marks a page opened with a share link in the hash or the query string, and no other', () => {
    expect(runBoot({ hash: '#host=vm' }).attributes).toEqual({ 'data-opening-link': '' });
    expect(runBoot({ search: '?host=vm' }).attributes).toEqual({ 'data-opening-link': '' });
    expect(runBoot({ hash: '#' }).attributes).toEqual({});
    expect(runBoot({ hash: '', search: '' }).attributes).toEqual({});
  });
});
