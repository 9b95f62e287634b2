import { existsSync } from 'node:fs';
import { chromium, defineConfig, devices } from '@playwright/test';

/**
 * Chromium: Playwright's own build where it is installed (`npx playwright install chromium`), otherwise a
 * system Chromium (CHROMIUM_PATH, or Debian's /usr/bin/chromium) for machines that cannot download browsers.
 */
function chromiumExecutable(): string | undefined {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  if (existsSync(chromium.executablePath())) return undefined;
  return ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((path) => existsSync(path));
}

const executablePath = chromiumExecutable();
// E2E_PORT lets two checkouts run their e2e tests side by side on one machine.
const PORT = Number(process.env.E2E_PORT ?? 4173);
/** A second server publishes the same build under a sub-path, as GitHub Pages does for a project site. */
const SUBPATH_PORT = PORT + 1;
export const SUBPATH = '/dapr-mi-wizard/';

export default defineConfig({
  testDir: 'e2e',
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: process.env.CI ? 2 : undefined,
  reporter: process.env.CI ? [['list']] : [['list']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}/`,
    trace: 'retain-on-failure',
    ...devices['Desktop Chrome'],
    launchOptions: {
      ...(executablePath ? { executablePath } : {}),
      // Keep a system Chromium from reaching out to Google services on a closed network.
      args: [
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  projects: [
    { name: 'root', testIgnore: /subpath\.spec\.ts$/ },
    {
      name: 'subpath',
      testMatch: /subpath\.spec\.ts$/,
      use: { baseURL: `http://127.0.0.1:${SUBPATH_PORT}${SUBPATH}` },
    },
  ],
  webServer: [
    {
      command: `npx vite preview --host 127.0.0.1 --port ${PORT} --strictPort`,
      url: `http://127.0.0.1:${PORT}/`,
      reuseExistingServer: !process.env.CI,
      timeout: 60_000,
    },
    {
      command: `npx vite preview --host 127.0.0.1 --port ${SUBPATH_PORT} --strictPort --base ${SUBPATH}`,
      url: `http://127.0.0.1:${SUBPATH_PORT}${SUBPATH}`,
      reuseExistingServer: !process.env.CI,
      timeout: 60_000,
    },
  ],
});
