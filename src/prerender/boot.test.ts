/** public/boot.js, run as the browser runs it (a classic script), against stand-ins for what it reads. */
import { readFileSync } from 'node:fs';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { THEME_STORAGE_KEY } from '../ui/theme';

const BOOT = readFileSync(new URL('../../public/boot.js', import.meta.url), 'utf8');

interface FakeTag {
  readonly localName: string;
  readonly attributes: { name: string; value: string }[];
}

/** What index.html's <template id="page-scripts"> holds after the build (scripts/defer-entry-plugin.ts). */
const TEMPLATE_TAGS: FakeTag[] = [
  {
    localName: 'link',
    attributes: [
      { name: 'rel', value: 'modulepreload' },
      { name: 'crossorigin', value: '' },
      { name: 'href', value: './assets/chunk-A.js' },
    ],
  },
  {
    localName: 'script',
    attributes: [
      { name: 'type', value: 'module' },
      { name: 'crossorigin', value: '' },
      { name: 'src', value: './assets/main-B.js' },
    ],
  },
];

interface BootOptions {
  stored?: string | null;
  blocked?: boolean;
  hash?: string;
  search?: string;
  readyState?: 'loading' | 'interactive' | 'complete';
  visibilityState?: 'visible' | 'hidden';
  /** Whether the browser reports paint timing entries (PerformanceObserver.supportedEntryTypes). */
  paintTiming?: boolean;
}

function runBoot(options: BootOptions = {}) {
  const attributes = new Map<string, string>();
  const asked: string[] = [];
  /** Every element added to <head>: tag name and attributes. */
  const added: { tag: string; attributes: Record<string, string> }[] = [];
  const listeners = new Map<string, () => void>();
  const timers: (() => void)[] = [];
  const frames: (() => void)[] = [];
  const observers: ((list: { getEntriesByName(name: string): unknown[] }) => void)[] = [];
  class FakeObserver {
    static supportedEntryTypes = options.paintTiming === false ? ['mark'] : ['mark', 'paint'];
    constructor(private readonly callback: (list: { getEntriesByName(name: string): unknown[] }) => void) {}
    observe(init: { type: string }) {
      if (init.type === 'paint') observers.push(this.callback);
    }
    disconnect() {
      const index = observers.indexOf(this.callback);
      if (index >= 0) observers.splice(index, 1);
    }
  }
  const window = {
    localStorage: {
      getItem(key: string) {
        asked.push(key);
        if (options.blocked) throw new Error('SecurityError');
        return options.stored ?? null;
      },
    },
    location: { hash: options.hash ?? '', search: options.search ?? '' },
    PerformanceObserver: FakeObserver,
    requestAnimationFrame: (callback: () => void) => void frames.push(callback),
    setTimeout: (callback: () => void) => void timers.push(callback),
  };
  const document = {
    readyState: options.readyState ?? 'interactive',
    visibilityState: options.visibilityState ?? 'visible',
    documentElement: { setAttribute: (name: string, value: string) => attributes.set(name, value) },
    addEventListener: (type: string, listener: () => void) => listeners.set(type, listener),
    getElementById: (id: string) =>
      id === 'page-scripts' ? { content: { querySelectorAll: () => TEMPLATE_TAGS } } : null,
    createElement: (tag: string) => {
      const element = { tag, attributes: {} as Record<string, string> };
      return {
        element,
        setAttribute: (name: string, value: string) => (element.attributes[name] = value),
      };
    },
    createDocumentFragment: () => {
      const children: { element: (typeof added)[number] }[] = [];
      return { children, appendChild: (child: { element: (typeof added)[number] }) => children.push(child) };
    },
    head: {
      appendChild: (fragment: { children: { element: (typeof added)[number] }[] }) =>
        added.push(...fragment.children.map((child) => child.element)),
    },
  };
  runInNewContext(BOOT, { window, document });
  const paint = (name: string) => {
    for (const callback of [...observers]) callback({ getEntriesByName: (n) => (n === name ? [{}] : []) });
  };
  return {
    attributes: Object.fromEntries(attributes),
    asked,
    added,
    paint,
    parsed: () => listeners.get('DOMContentLoaded')?.(),
    runTimers: () => timers.splice(0).forEach((timer) => timer()),
    runFrames: () => frames.splice(0).forEach((frame) => frame()),
  };
}

const PAGE_SCRIPTS = [
  { tag: 'link', attributes: { rel: 'modulepreload', crossorigin: '', href: './assets/chunk-A.js' } },
  { tag: 'script', attributes: { type: 'module', crossorigin: '', src: './assets/main-B.js' } },
];

describe('public/boot.js', () => {
  it("applies the stored light or dark theme, read under theme.ts's key", () => {
    const dark = runBoot({ stored: 'dark' });
    expect(dark.attributes).toEqual({ 'data-theme': 'dark' });
    expect(dark.asked).toEqual([THEME_STORAGE_KEY]);
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

  it("adds the page's script only once its first contentful paint is reported, preloads first", () => {
    const boot = runBoot();
    expect(boot.added).toEqual([]);
    boot.paint('first-paint');
    expect(boot.added).toEqual([]);
    boot.paint('first-contentful-paint');
    expect(boot.added).toEqual(PAGE_SCRIPTS);
    // The fallback timer, when it fires later, adds nothing more.
    boot.runTimers();
    expect(boot.added).toEqual(PAGE_SCRIPTS);
  });

  it('waits for the document to be parsed, as the template comes at its end', () => {
    const boot = runBoot({ readyState: 'loading', hash: '#host=vm' });
    expect(boot.added).toEqual([]);
    boot.parsed();
    expect(boot.added).toEqual(PAGE_SCRIPTS);
  });

  it('adds it at once for a share link (no view to show) and in a background tab (no paint)', () => {
    expect(runBoot({ hash: '#host=vm' }).added).toEqual(PAGE_SCRIPTS);
    expect(runBoot({ visibilityState: 'hidden' }).added).toEqual(PAGE_SCRIPTS);
  });

  it('adds it all the same when no paint is reported, and after a frame without paint timing', () => {
    const silent = runBoot();
    silent.runTimers();
    expect(silent.added).toEqual(PAGE_SCRIPTS);
    const older = runBoot({ paintTiming: false });
    expect(older.added).toEqual([]);
    older.runFrames();
    expect(older.added).toEqual([]);
    older.runTimers();
    expect(older.added).toEqual(PAGE_SCRIPTS);
  });
});
