/**
 * npm run bench: the site's figures, each against a floor measured in the same run (a minimal page built with
 * the same React, react-dom, react-hook-form and js-yaml, in scripts/bench/floor/):
 *
 * 1. size: the first view's JS and CSS (index.html's entry chunk, its static imports, its own scripts and
 *    stylesheets), gzip and brotli (target: JS at most 1.25x the floor's), and apart from it each chunk
 *    loaded later by dynamic import(), by file name;
 * 2. keystroke to output: in-page latency on the Details step of the largest golden scenario, to the output
 *    block in view (target: p95 under 16 ms), and to every watched block (hidden tabs too: information);
 * 3. Lighthouse, mobile (targets: performance at least 0.98, the others 1; largest contentful paint, the
 *    median of the runs, no later than the floor's).
 *
 * It prints a table and exits 0 whether or not the targets are met (1 only when it could not measure).
 * Settings: BENCH_KEYS (measured keystrokes, 200), BENCH_WARMUP (50), BENCH_LH_RUNS (Lighthouse runs per
 * page, median performance kept; 3), BENCH_TIMEOUT_MS (the whole run; 480000), BENCH_KEEP=1 (keep the
 * builds), CHROMIUM_PATH.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from '@playwright/test';
import { loadGoldenScenarios } from '../../src/test-support/golden';
import { chromiumPath, QUIET_FLAGS } from './chromium';
import { measureFloor, measureSite, type KeystrokeFigures } from './keystroke';
import { CATEGORIES, runLighthouse, stopLighthouse, type Category } from './lighthouse';
import { startJanitor } from './janitor';
import { serveStatic } from './serve';
import { measureBuild, ROOT, running, viteBuild, type BuildSizes } from './size';

const numberSetting = (name: string, fallback: number): number => {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
};
const KEYS = numberSetting('BENCH_KEYS', 200);
const WARMUP = numberSetting('BENCH_WARMUP', 50);
const LH_RUNS = numberSetting('BENCH_LH_RUNS', 3);
const TIMEOUT_MS = numberSetting('BENCH_TIMEOUT_MS', 480_000);

const JS_RATIO_TARGET = 1.25;
const KEYSTROKE_P95_TARGET = 16;
const LIGHTHOUSE_TARGETS: Record<Category, number> = {
  performance: 0.98,
  accessibility: 1,
  'best-practices': 1,
  seo: 1,
};

const log = (message: string): void => void process.stderr.write(`${message}\n`);

// Everything started is stopped on the way out, whatever the way out.
const cleanups: (() => Promise<void> | void)[] = [];
let cleaning: Promise<void> | undefined;
function cleanUp(): Promise<void> {
  cleaning ??= (async () => {
    for (const cleanup of cleanups.reverse()) {
      try {
        await cleanup();
      } catch (error) {
        log(`cleanup: ${String(error)}`);
      }
    }
  })();
  return cleaning;
}
// Playwright and chrome-launcher are told not to handle these themselves: they would exit before cleanUp.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (cleaning) return;
    log(`bench: ${signal}, stopping`);
    void cleanUp().then(() => process.exit(130));
  });
}

interface Row {
  readonly figure: string;
  readonly value: string;
  readonly floor: string;
  readonly versus: string;
  readonly verdict: 'pass' | 'FAIL' | '';
}

const kB = (bytes: number): string => `${(bytes / 1000).toFixed(2)} kB`;
const ms = (value: number): string => `${value.toFixed(2)} ms`;
const ratio = (site: number, floor: number): number => (floor > 0 ? site / floor : NaN);

function table(rows: readonly Row[]): string {
  const header: Row = {
    figure: 'figure',
    value: 'site',
    floor: 'floor',
    versus: 'ratio / target',
    verdict: '',
  };
  const all = [header, ...rows];
  const width = (key: keyof Row): number => Math.max(...all.map((row) => row[key].length));
  const line = (row: Row): string =>
    [
      row.figure.padEnd(width('figure')),
      row.value.padStart(width('value')),
      row.floor.padStart(width('floor')),
      row.versus.padEnd(width('versus')),
      row.verdict,
    ]
      .join('  ')
      .trimEnd();
  const rule = '-'.repeat(line(header).length + 4);
  return [line(header), rule, ...rows.map(line)].join('\n');
}

function sizeRows(site: BuildSizes, floor: BuildSizes): Row[] {
  const rows: Row[] = [];
  for (const kind of ['js', 'css'] as const) {
    for (const method of ['gzip', 'brotli'] as const) {
      const r = ratio(site[kind][method], floor[kind][method]);
      const targeted = kind === 'js';
      rows.push({
        figure: `first view ${kind.toUpperCase()} ${method} (${site[kind].files} file${site[kind].files === 1 ? '' : 's'})`,
        value: kB(site[kind][method]),
        floor: kB(floor[kind][method]),
        versus: `${r.toFixed(2)}x${targeted ? ` (≤ ${JS_RATIO_TARGET}x)` : ''}`,
        verdict: targeted ? (r <= JS_RATIO_TARGET ? 'pass' : 'FAIL') : '',
      });
    }
  }
  rows.push({
    figure: 'first view JS + CSS raw',
    value: kB(site.js.raw + site.css.raw),
    floor: kB(floor.js.raw + floor.css.raw),
    versus: `${ratio(site.js.raw + site.css.raw, floor.js.raw + floor.css.raw).toFixed(2)}x`,
    verdict: '',
  });
  for (const file of site.lazy) {
    rows.push({
      figure: `later: ${file.name} gzip / brotli`,
      value: `${kB(file.gzip)} / ${kB(file.brotli)}`,
      floor: 'none',
      versus: '(apart: dynamic import)',
      verdict: '',
    });
  }
  if (site.lazy.length > 0) {
    const total = site.lazy.reduce((sum, file) => sum + file.gzip, 0);
    rows.push({
      figure: `later, all ${site.lazy.length} files gzip`,
      value: kB(total),
      floor: floor.lazy.length === 0 ? 'none' : kB(floor.lazy.reduce((sum, file) => sum + file.gzip, 0)),
      versus: '(apart from first view)',
      verdict: '',
    });
  }
  for (const page of site.otherPages) {
    rows.push({
      figure: `${page.page} own JS + CSS gzip (${page.js.files + page.css.files} files)`,
      value: kB(page.js.gzip + page.css.gzip),
      floor: 'none',
      versus: '(apart from JS)',
      verdict: '',
    });
  }
  rows.push({
    figure: `service worker gzip (${site.serviceWorker.files} files)`,
    value: site.serviceWorker.files === 0 ? 'none' : kB(site.serviceWorker.gzip),
    floor: floor.serviceWorker.files === 0 ? 'none' : kB(floor.serviceWorker.gzip),
    versus: '(apart from JS)',
    verdict: '',
  });
  return rows;
}

function keystrokeRows(site: KeystrokeFigures, floor: KeystrokeFigures): Row[] {
  return [
    {
      figure: 'keystroke→output in view median',
      value: ms(site.shownFromKey.median),
      floor: ms(floor.shownFromKey.median),
      versus: `${ratio(site.shownFromKey.median, floor.shownFromKey.median).toFixed(1)}x`,
      verdict: '',
    },
    {
      figure: 'keystroke→output in view p95',
      value: ms(site.shownFromKey.p95),
      floor: ms(floor.shownFromKey.p95),
      versus: `< ${KEYSTROKE_P95_TARGET} ms`,
      verdict: site.shownFromKey.p95 < KEYSTROKE_P95_TARGET && site.failed === 0 ? 'pass' : 'FAIL',
    },
    {
      figure: 'keystroke→output in view max',
      value: ms(site.shownFromKey.max),
      floor: ms(floor.shownFromKey.max),
      versus: '',
      verdict: '',
    },
    {
      figure: 'keystroke→every watched file p95',
      value: ms(site.fromKey.p95),
      floor: ms(floor.fromKey.p95),
      versus: '(info: hidden tabs too, rendered deferred)',
      verdict: '',
    },
    {
      figure: 'keystroke→next frame p95',
      value: ms(site.toFrame.p95),
      floor: ms(floor.toFrame.p95),
      versus: '(info: includes vsync wait)',
      verdict: '',
    },
  ];
}

async function main(): Promise<number> {
  const started = Date.now();
  const loadAtStart = loadavg()[0] ?? 0;
  const deps = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    dependencies: Record<string, string>;
  };
  const installed = Object.keys(deps.dependencies)
    .map((name) => {
      const { version } = JSON.parse(
        readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8'),
      ) as { version: string };
      return `${name} ${version}`;
    })
    .join(', ');
  const phases: string[] = [];
  let phaseStart = Date.now();
  const phaseDone = (name: string): void => {
    phases.push(`${name} ${((Date.now() - phaseStart) / 1000).toFixed(0)} s`);
    phaseStart = Date.now();
  };
  const work = mkdtempSync(join(tmpdir(), 'dapr-mi-bench-'));
  const keep = process.env.BENCH_KEEP === '1';
  if (keep) log(`builds kept in ${work}`);
  else cleanups.push(() => rmSync(work, { recursive: true, force: true }));
  const janitor = startJanitor(work, !keep);
  cleanups.push(() => janitor.clear());
  // Builds still running and Lighthouse's Chromium, should the bench be stopped in the middle of them.
  cleanups.push(() => {
    for (const child of running) child.kill('SIGKILL');
  });
  cleanups.push(stopLighthouse);
  const chromePath = chromiumPath();

  // 1. Size.
  log('building the site (vite build) ...');
  const siteDir = join(work, 'site');
  await viteBuild(siteDir, undefined, 180_000, janitor);
  log('building the floor ...');
  const floorDir = join(work, 'floor');
  await viteBuild(floorDir, join(ROOT, 'scripts', 'bench', 'floor', 'vite.config.ts'), 180_000, janitor);
  const siteSize = measureBuild(siteDir);
  const floorSize = measureBuild(floorDir);
  phaseDone('builds');

  // Servers for both builds.
  const siteServer = await serveStatic(siteDir);
  cleanups.push(() => siteServer.close());
  const floorServer = await serveStatic(floorDir);
  cleanups.push(() => floorServer.close());

  // 2. Keystroke to output.
  const scenarios = loadGoldenScenarios().map((scenario) => ({
    ...scenario,
    components: [...new URLSearchParams(scenario.link).keys()].filter((key) =>
      /^(c\d+\.)?component$/.test(key),
    ).length,
    size: Object.values(scenario.outputs).reduce((sum, text) => sum + text.length, 0),
  }));
  const largest = [...scenarios].sort((a, b) => b.components - a.components || b.size - a.size)[0];
  if (!largest) throw new Error('no golden scenario');
  log(
    `keystroke to output: ${largest.name} (${largest.components} components), ${WARMUP} + ${KEYS} keys ...`,
  );
  const browser: Browser = await chromium.launch({
    executablePath: chromePath,
    args: QUIET_FLAGS,
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
  cleanups.push(() => browser.close());
  const chromiumVersion = browser.version();
  const siteKeys = await measureSite(
    browser,
    siteServer.url,
    largest.link,
    largest.outputs['setup.sh'],
    WARMUP,
    KEYS,
  );
  const floorKeys = await measureFloor(browser, floorServer.url, WARMUP, KEYS);
  await browser.close();
  phaseDone('keystrokes');

  // 3. Lighthouse.
  log(`Lighthouse (mobile), ${LH_RUNS} run(s) per page ...`);
  const lighthouseSetup = { profileDir: join(work, 'chromium-profile'), janitor };
  const siteLh = await runLighthouse(siteServer.url, chromePath, LH_RUNS, 120_000, lighthouseSetup);
  const floorLh = await runLighthouse(floorServer.url, chromePath, LH_RUNS, 120_000, lighthouseSetup);
  phaseDone('Lighthouse');

  // The report.
  const rows: Row[] = [
    ...sizeRows(siteSize, floorSize),
    ...keystrokeRows(siteKeys, floorKeys),
    {
      figure: `Lighthouse LCP, median of ${LH_RUNS}`,
      value: ms(siteLh.lcpMedianMs),
      floor: ms(floorLh.lcpMedianMs),
      versus: '≤ floor',
      verdict: siteLh.lcpMedianMs <= floorLh.lcpMedianMs ? 'pass' : 'FAIL',
    },
    ...CATEGORIES.map((id): Row => ({
      figure: `Lighthouse ${id}`,
      value: siteLh.scores[id].toFixed(2),
      floor: floorLh.scores[id].toFixed(2),
      versus: `≥ ${LIGHTHOUSE_TARGETS[id]}`,
      verdict: siteLh.scores[id] >= LIGHTHOUSE_TARGETS[id] ? 'pass' : 'FAIL',
    })),
  ];
  const out: string[] = [];
  const cores = availableParallelism();
  const loadAtEnd = loadavg()[0] ?? 0;
  out.push(
    `Bench, ${new Date().toISOString()}: Node ${process.version}, ${cores} cores, ` +
      `load average ${loadAtStart.toFixed(1)} at start, ${loadAtEnd.toFixed(1)} at end`,
  );
  out.push(`Chromium: ${chromePath} (${chromiumVersion}); ${installed}`);
  out.push('');
  out.push(table(rows));
  out.push('');
  out.push(
    "Size: each file compressed on its own with gzip -9 and brotli -q 11. First view: index.html's entry " +
      "chunk and its static imports (Vite's build manifest), and the scripts and stylesheets index.html names: " +
      `${siteSize.firstViewNames.join(', ')}. Later: each chunk reached only through a dynamic import().`,
  );
  if (siteSize.serviceWorker.files > 0) {
    out.push(
      `  service worker files, apart: ${siteSize.serviceWorker.names.join(', ')}: ` +
        `${kB(siteSize.serviceWorker.gzip)} gzip, ${kB(siteSize.serviceWorker.brotli)} brotli.`,
    );
  }
  for (const page of siteSize.otherPages) {
    out.push(
      `  ${page.page}'s own files, apart (index.html does not load them): ${page.names.join(', ')}: ` +
        `JS ${kB(page.js.gzip)} gzip, ${kB(page.js.brotli)} brotli; CSS ${kB(page.css.gzip)} gzip.`,
    );
  }
  if (siteSize.unreachable.length > 0)
    out.push(`  not reached from any page (counted nowhere): ${siteSize.unreachable.join(', ')}`);
  out.push(
    `Keystroke: scenario ${largest.name} (${largest.components} components), field ${siteKeys.field}, ` +
      `${siteKeys.samples} keystrokes after ${WARMUP} warm-up (letter / Backspace in turn); watched ` +
      `${siteKeys.watched.join(' + ')}.`,
  );
  out.push(
    `  site: in view median ${ms(siteKeys.shownFromKey.median)}, p95 ${ms(siteKeys.shownFromKey.p95)}; every watched block median ${ms(siteKeys.fromKey.median)}, p95 ${ms(siteKeys.fromKey.p95)} from the key event; ` +
      `from the keydown listener: median ${ms(siteKeys.fromHandler.median)}, p95 ${ms(siteKeys.fromHandler.p95)}; ` +
      `to next frame: median ${ms(siteKeys.toFrame.median)}. Floor: ${floorKeys.field}, ${floorKeys.samples} keystrokes.`,
  );
  if (siteKeys.failed > 0 || floorKeys.failed > 0) {
    out.push(
      `  keystrokes whose output never changed (2 s): site ${siteKeys.failed}, floor ${floorKeys.failed}`,
    );
  }
  if (siteKeys.goldenMatch === false) out.push('  note: the loaded script differs from the golden setup.sh');
  out.push(
    `Lighthouse ${siteLh.chromeVersion}, mobile defaults, ${LH_RUNS} run(s) per page (performance runs: site ` +
      `${siteLh.performanceRuns.join(' ')}, floor ${floorLh.performanceRuns.join(' ')}).`,
  );
  out.push(`  site:  ${siteLh.metrics}`);
  out.push(`  floor: ${floorLh.metrics}`);
  out.push(
    `  LCP runs (ms): site ${siteLh.lcpRuns.map((value) => value.toFixed(0)).join(' ')}, floor ` +
      `${floorLh.lcpRuns.map((value) => value.toFixed(0)).join(' ')}.`,
  );
  for (const id of CATEGORIES) {
    const lost = siteLh.lost[id];
    if (lost) out.push(`  site ${id} lost points on: ${lost.join(', ')}`);
  }
  for (const warning of [...new Set([...siteLh.warnings, ...floorLh.warnings])])
    out.push(`  warning: ${warning}`);
  // The floor is the machine's baseline: when even it misses a target, the machine was busy.
  const busy: string[] = [];
  if (Math.max(loadAtStart, loadAtEnd) > cores) busy.push(`load average above ${cores}`);
  if (floorLh.scores.performance < LIGHTHOUSE_TARGETS.performance) {
    busy.push(`the floor's own Lighthouse performance is ${floorLh.scores.performance.toFixed(2)}`);
  }
  if (floorKeys.shownFromKey.p95 >= KEYSTROKE_P95_TARGET) {
    busy.push(`the floor's own keystroke p95 is ${ms(floorKeys.shownFromKey.p95)}`);
  }
  if (busy.length > 0) {
    out.push(
      `Note: the machine was busy (${busy.join('; ')}): timing figures are noisy; rerun on an idle machine.`,
    );
  }
  out.push('');
  const missed = rows.filter((row) => row.verdict === 'FAIL');
  out.push(
    missed.length === 0
      ? 'All targets met.'
      : `Targets missed (${missed.length}): ${missed.map((row) => `${row.figure} = ${row.value} (${row.versus})`).join('; ')}`,
  );
  out.push(`(${((Date.now() - started) / 1000).toFixed(0)} s: ${phases.join(', ')})`);
  console.log(out.join('\n'));
  return 0;
}

const watchdog = setTimeout(() => {
  log(`bench: over ${TIMEOUT_MS} ms, stopping`);
  void cleanUp().then(() => process.exit(1));
}, TIMEOUT_MS);

void main()
  .then(
    (code) => code,
    (error: unknown) => {
      log(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      return 1;
    },
  )
  .then(async (code) => {
    clearTimeout(watchdog);
    await cleanUp();
    process.exit(code);
  });
