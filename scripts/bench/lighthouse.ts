/**
 * Lighthouse with its default (mobile) settings: simulated throttling of a mid-range phone on a slow 4G
 * link. Each run starts its own headless Chromium through chrome-launcher and kills it after.
 */
import { mkdirSync, rmSync } from 'node:fs';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { LIGHTHOUSE_FLAGS } from './chromium';
import type { Janitor } from './janitor';

export const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;
export type Category = (typeof CATEGORIES)[number];

export interface LighthouseFigures {
  readonly scores: Record<Category, number>;
  /** FCP, LCP, TBT, CLS, Speed Index, as Lighthouse shows them. */
  readonly metrics: string;
  /** Largest contentful paint, ms (Lighthouse's simulated figure). */
  readonly lcpMs: number;
  /** Audits that cost points, by category. */
  readonly lost: Partial<Record<Category, string[]>>;
  readonly warnings: string[];
  readonly chromeVersion: string;
}

const METRICS = [
  ['first-contentful-paint', 'FCP'],
  ['largest-contentful-paint', 'LCP'],
  ['total-blocking-time', 'TBT'],
  ['cumulative-layout-shift', 'CLS'],
  ['speed-index', 'SI'],
] as const;

/** Where each run's Chromium keeps its profile (removed after the run), and who kills it should the bench die. */
export interface LighthouseSetup {
  readonly profileDir: string;
  readonly janitor: Janitor;
}

async function once(
  url: string,
  chromePath: string,
  timeoutMs: number,
  setup: LighthouseSetup,
): Promise<LighthouseFigures> {
  // A fresh profile each run. handleSIGINT off: the bench stops this Chromium itself (stopLighthouse).
  mkdirSync(setup.profileDir, { recursive: true });
  const chrome = await chromeLauncher.launch({
    chromePath,
    chromeFlags: LIGHTHOUSE_FLAGS,
    logLevel: 'silent',
    handleSIGINT: false,
    userDataDir: setup.profileDir,
  });
  setup.janitor.track(chrome.pid);
  let timer: NodeJS.Timeout | undefined;
  try {
    const result = await Promise.race([
      lighthouse(url, {
        port: chrome.port,
        output: 'json',
        logLevel: 'error',
        onlyCategories: [...CATEGORIES],
      }),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`Lighthouse took over ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
    if (!result) throw new Error('Lighthouse returned no result');
    const { lhr } = result;
    if (lhr.runtimeError)
      throw new Error(`Lighthouse: ${lhr.runtimeError.code}: ${lhr.runtimeError.message}`);
    const scores = Object.fromEntries(
      CATEGORIES.map((id) => [id, lhr.categories[id]?.score ?? NaN]),
    ) as Record<Category, number>;
    const lost: Partial<Record<Category, string[]>> = {};
    for (const id of CATEGORIES) {
      const missing = (lhr.categories[id]?.auditRefs ?? [])
        .filter((ref) => ref.weight > 0)
        .map((ref) => lhr.audits[ref.id])
        .filter((audit) => audit && audit.score !== null && audit.score < 1)
        .map((audit) => `${audit?.id ?? ''} (${audit?.score ?? ''})`);
      if (missing.length > 0) lost[id] = missing;
    }
    const metrics = METRICS.map(([id, label]) => `${label} ${lhr.audits[id]?.displayValue ?? '?'}`).join(
      ', ',
    );
    return {
      scores,
      metrics,
      lcpMs: lhr.audits['largest-contentful-paint']?.numericValue ?? NaN,
      lost,
      warnings: lhr.runWarnings,
      chromeVersion:
        lhr.environment.hostUserAgent.match(/Chrome\/[\d.]+/)?.[0] ?? lhr.environment.hostUserAgent,
    };
  } finally {
    clearTimeout(timer);
    chrome.kill();
    setup.janitor.untrack(chrome.pid);
    rmSync(setup.profileDir, { recursive: true, force: true });
  }
}

/** Kills the Chromium instances this module launched (by their process ids) that are still running. */
export function stopLighthouse(): void {
  chromeLauncher.killAll();
}

/**
 * Runs Lighthouse `runs` times and keeps the run with the median performance score; the largest contentful
 * paint is the median of all runs' (each run's own, not only the kept run's).
 */
export async function runLighthouse(
  url: string,
  chromePath: string,
  runs: number,
  timeoutMs: number,
  setup: LighthouseSetup,
): Promise<
  LighthouseFigures & {
    readonly performanceRuns: number[];
    readonly lcpRuns: number[];
    readonly lcpMedianMs: number;
  }
> {
  const results: LighthouseFigures[] = [];
  for (let run = 0; run < runs; run += 1) results.push(await once(url, chromePath, timeoutMs, setup));
  const sorted = [...results].sort((a, b) => a.scores.performance - b.scores.performance);
  const median = sorted[Math.floor((sorted.length - 1) / 2)] ?? sorted[0];
  if (!median) throw new Error('no Lighthouse run');
  const lcps = results.map((result) => result.lcpMs);
  const lcpSorted = [...lcps].sort((a, b) => a - b);
  return {
    ...median,
    performanceRuns: results.map((result) => result.scores.performance),
    lcpRuns: lcps,
    lcpMedianMs: lcpSorted[Math.floor((lcpSorted.length - 1) / 2)] ?? NaN,
  };
}
