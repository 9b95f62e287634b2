/**
 * Builds the site and the floor with Vite, and measures what each ships, each file compressed on its own
 * with gzip -9 and brotli -q 11 (node:zlib): the first view (what index.html loads before the page runs:
 * its entry chunk and that chunk's static imports, read from Vite's build manifest, its stylesheets and its
 * classic scripts), apart from it every chunk loaded later by dynamic import(), by file name, and apart
 * again the service worker's files and the files only another page such as troubleshoot.html loads.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, extname, join, relative } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { Janitor } from './janitor';

export const ROOT = join(import.meta.dirname, '..', '..');
const VITE = join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js');

/** Builds still running, for the bench to stop when it is stopped. */
export const running = new Set<ChildProcess>();

/** `vite build` into outDir, with the site's config or another one; fails with the build's output. */
export async function viteBuild(
  outDir: string,
  configFile: string | undefined,
  timeoutMs: number,
  janitor: Janitor,
): Promise<void> {
  // --manifest: .vite/manifest.json, which names each chunk's static and dynamic imports (measureBuild).
  const args = [VITE, 'build', '--outDir', outDir, '--emptyOutDir', '--manifest', '--logLevel', 'warn'];
  if (configFile) args.push('--config', configFile);
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  janitor.track(child.pid);
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  clearTimeout(timer);
  running.delete(child);
  janitor.untrack(child.pid);
  if (code !== 0) throw new Error(`vite build ${configFile ?? ''} failed (exit ${code}):\n${output}`);
  if (output.trim() !== '') process.stderr.write(`${output.trimEnd().replace(/^/gm, '  vite: ')}\n`);
}

export interface Compressed {
  readonly files: number;
  readonly raw: number;
  readonly gzip: number;
  readonly brotli: number;
}

/** The files only one other page of the build loads (not index.html), measured apart from the first view. */
export interface OtherPageSizes {
  /** The page's file name, e.g. troubleshoot.html. */
  readonly page: string;
  readonly js: Compressed;
  readonly css: Compressed;
  readonly names: string[];
}

/** One file loaded after the first view (a dynamic import() and what it imports that the first view lacks). */
export interface LazyFile extends Compressed {
  /** Its path in the build, e.g. assets/LiveOutput-<hash>.js. */
  readonly name: string;
}

export interface BuildSizes {
  /** The first view's JS: index.html's entry chunk, its static imports and its classic scripts. */
  readonly js: Compressed;
  /** The first view's CSS: index.html's stylesheets and those of its first-view chunks. */
  readonly css: Compressed;
  /** The files counted in js and css. */
  readonly firstViewNames: string[];
  /** Every .js/.css file loaded after the first view (by dynamic import), each apart, largest first. */
  readonly lazy: LazyFile[];
  /** Service worker files (sw.js, workbox-*.js, registerSW.js), not counted in js. */
  readonly serviceWorker: Compressed & { readonly names: string[] };
  /** Each other .html page's own files (what it loads and index.html does not), not counted in js or css. */
  readonly otherPages: OtherPageSizes[];
  /** Shipped .js/.css files that no page reaches (directly, or through a file that names them). */
  readonly unreachable: string[];
}

interface ManifestChunk {
  readonly file: string;
  readonly imports?: readonly string[];
  readonly dynamicImports?: readonly string[];
  readonly css?: readonly string[];
}

/**
 * The build's files for one HTML page, read from Vite's manifest: what it loads at once (its entry chunk and
 * every chunk that imports statically, with their CSS) and what it loads later (chunks reached through a
 * dynamic import, with theirs).
 */
function pageChunks(outDir: string, page: string): { atOnce: Set<string>; later: Set<string> } {
  const manifest = JSON.parse(readFileSync(join(outDir, '.vite', 'manifest.json'), 'utf8')) as Record<
    string,
    ManifestChunk
  >;
  const withStaticImports = (keys: readonly string[], into: Set<string>, except: Set<string>): string[] => {
    const dynamic: string[] = [];
    const queue = [...keys];
    const seen = new Set<string>();
    while (queue.length > 0) {
      const key = queue.shift() ?? '';
      const chunk = manifest[key];
      if (!chunk || seen.has(key)) continue;
      seen.add(key);
      for (const file of [chunk.file, ...(chunk.css ?? [])]) {
        if (!except.has(join(outDir, file))) into.add(join(outDir, file));
      }
      queue.push(...(chunk.imports ?? []));
      dynamic.push(...(chunk.dynamicImports ?? []));
    }
    return dynamic;
  };
  const atOnce = new Set<string>();
  let dynamic = withStaticImports([page], atOnce, new Set());
  if (atOnce.size === 0) throw new Error(`${outDir}/.vite/manifest.json has no ${page} entry`);
  const later = new Set<string>();
  const visited = new Set<string>();
  while (dynamic.length > 0) {
    const next = dynamic.filter((key) => !visited.has(key));
    for (const key of next) visited.add(key);
    dynamic = withStaticImports(next, later, atOnce);
  }
  return { atOnce, later };
}

/** The classic scripts and stylesheets a page names itself (public files such as boot.js), as paths. */
function namedByHtml(outDir: string, page: string, shipped: readonly string[]): string[] {
  const html = readFileSync(join(outDir, page), 'utf8');
  const urls = [...html.matchAll(/<(?:script|link)\b[^>]*\b(?:src|href)="([^"]+)"/g)].map(
    (match) => match[1] ?? '',
  );
  return shipped.filter((path) =>
    urls.some((url) => url.replace(/^\.?\//, '').split(/[?#]/)[0] === relative(outDir, path)),
  );
}

const isServiceWorker = (name: string): boolean =>
  name === 'sw.js' || name === 'registerSW.js' || /^workbox-.*\.js$/.test(name);

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? walk(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

function compress(paths: readonly string[]): Compressed {
  let raw = 0;
  let gzip = 0;
  let brotli = 0;
  for (const path of paths) {
    const data = readFileSync(path);
    raw += data.length;
    gzip += gzipSync(data, { level: 9 }).length;
    brotli += brotliCompressSync(data, {
      params: {
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_SIZE_HINT]: data.length,
      },
    }).length;
  }
  return { files: paths.length, raw, gzip, brotli };
}

const isCss = (path: string): boolean => extname(path) === '.css';

export function measureBuild(outDir: string): BuildSizes {
  const all = walk(outDir).filter(
    (path) => ['.js', '.mjs', '.css'].includes(extname(path)) && !relative(outDir, path).startsWith('.vite'),
  );
  const worker = all.filter((path) => isServiceWorker(basename(path)));
  const shipped = all.filter((path) => !isServiceWorker(basename(path)));
  const { atOnce, later } = pageChunks(outDir, 'index.html');
  const firstViewFiles = new Set([...atOnce, ...namedByHtml(outDir, 'index.html', shipped)]);
  // Everything index.html reaches, now or later: the other pages' own files are what they reach beyond it.
  const reachedByIndex = new Set([...firstViewFiles, ...later]);
  const pages = readdirSync(outDir).filter((name) => name.endsWith('.html') && name !== 'index.html');
  const otherPages = pages.map((page) => {
    const chunks = pageChunks(outDir, page);
    const reached = new Set([...chunks.atOnce, ...chunks.later, ...namedByHtml(outDir, page, shipped)]);
    const own = shipped.filter((path) => reached.has(path) && !reachedByIndex.has(path));
    return {
      page,
      js: compress(own.filter((path) => !isCss(path))),
      css: compress(own.filter(isCss)),
      names: own.map((path) => relative(outDir, path)),
    };
  });
  const elsewhere = new Set(otherPages.flatMap((page) => page.names.map((name) => join(outDir, name))));
  const counted = [...firstViewFiles];
  const lazy = shipped
    .filter((path) => later.has(path) && !firstViewFiles.has(path))
    .map((path): LazyFile => ({ name: relative(outDir, path), ...compress([path]) }))
    .sort((a, b) => b.gzip - a.gzip);
  return {
    js: compress(counted.filter((path) => !isCss(path))),
    css: compress(counted.filter(isCss)),
    firstViewNames: counted.map((path) => relative(outDir, path)).sort(),
    lazy,
    serviceWorker: { ...compress(worker), names: worker.map((path) => relative(outDir, path)) },
    otherPages,
    // Shipped files no page reaches, now or later: listed, counted nowhere.
    unreachable: shipped
      .filter((path) => !reachedByIndex.has(path) && !elsewhere.has(path))
      .map((path) => relative(outDir, path)),
  };
}
