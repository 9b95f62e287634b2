/**
 * Builds the site and the floor with Vite, and measures what each ships: every .js and .css file of the
 * build (service worker files apart, and files only another page such as troubleshoot.html loads), each
 * compressed on its own with gzip -9 and brotli -q 11 (node:zlib).
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
  const args = [VITE, 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'];
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

export interface BuildSizes {
  /** Every shipped .js but service worker files and files only other pages load: the first view's JS. */
  readonly js: Compressed;
  readonly css: Compressed;
  /** Service worker files (sw.js, workbox-*.js, registerSW.js), not counted in js. */
  readonly serviceWorker: Compressed & { readonly names: string[] };
  /** Each other .html page's own files (what it loads and index.html does not), not counted in js or css. */
  readonly otherPages: OtherPageSizes[];
  /** Shipped .js/.css files that no page reaches (directly, or through a file that names them). */
  readonly unreachable: string[];
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

/** The shipped files a page loads, and those files name in turn (static imports, dynamic imports, preload maps). */
function reachedFrom(htmlPath: string, shipped: readonly string[]): Set<string> {
  const reached = new Set<string>();
  const queue = [readFileSync(htmlPath, 'utf8')];
  while (queue.length > 0) {
    const text = queue.shift() ?? '';
    for (const path of shipped) {
      if (!reached.has(path) && text.includes(basename(path))) {
        reached.add(path);
        queue.push(readFileSync(path, 'utf8'));
      }
    }
  }
  return reached;
}

const isCss = (path: string): boolean => extname(path) === '.css';

export function measureBuild(outDir: string): BuildSizes {
  const all = walk(outDir).filter((path) => ['.js', '.mjs', '.css'].includes(extname(path)));
  const worker = all.filter((path) => isServiceWorker(basename(path)));
  const shipped = all.filter((path) => !isServiceWorker(basename(path)));
  const firstView = reachedFrom(join(outDir, 'index.html'), shipped);
  const pages = readdirSync(outDir).filter((name) => name.endsWith('.html') && name !== 'index.html');
  const otherPages = pages.map((page) => {
    const own = [...reachedFrom(join(outDir, page), shipped)].filter((path) => !firstView.has(path));
    return {
      page,
      js: compress(own.filter((path) => !isCss(path))),
      css: compress(own.filter(isCss)),
      names: own.map((path) => relative(outDir, path)),
    };
  });
  const elsewhere = new Set(otherPages.flatMap((page) => page.names.map((name) => join(outDir, name))));
  // Files no page reaches still count towards the first view: the bench lists them, and cannot tell.
  const counted = shipped.filter((path) => !elsewhere.has(path));
  return {
    js: compress(counted.filter((path) => !isCss(path))),
    css: compress(counted.filter(isCss)),
    serviceWorker: { ...compress(worker), names: worker.map((path) => relative(outDir, path)) },
    otherPages,
    unreachable: counted.filter((path) => !firstView.has(path)).map((path) => relative(outDir, path)),
  };
}
