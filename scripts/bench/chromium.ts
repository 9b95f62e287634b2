/** Which Chromium the bench drives, by the same rule as playwright.config.ts, and the flags it starts with. */
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

/** CHROMIUM_PATH, else Playwright's own Chromium where it is installed, else Debian's. */
export function chromiumPath(): string {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  const bundled = chromium.executablePath();
  if (existsSync(bundled)) return bundled;
  const system = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((path) => existsSync(path));
  if (!system)
    throw new Error(
      'No Chromium: install Playwright’s (npx playwright install chromium) or set CHROMIUM_PATH',
    );
  return system;
}

/** Keeps a Chromium from reaching out to Google services on a closed network (as in playwright.config.ts). */
export const QUIET_FLAGS = [
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Lighthouse's Chromium: headless, and without the sandbox, which fails when running as root. */
export const LIGHTHOUSE_FLAGS = ['--headless=new', '--no-sandbox', '--disable-gpu', ...QUIET_FLAGS];
