/**
 * Runs a script with real Bash against the fake cloud: `az`, `kubectl`, `psql` and `sqlcmd` on PATH are the
 * stand-ins in ./bin, sharing one state file that starts as the seed. A temporary directory holds the
 * state and is the script's working directory (pass workDir to run again where a first run left its files).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FakeCloudState } from './seed';

const BIN_DIR = fileURLToPath(new URL('./bin', import.meta.url));
const MAIN_PY = fileURLToPath(new URL('./py/main.py', import.meta.url));
const createdDirs: string[] = [];

export interface FakeCall {
  readonly program: 'az' | 'kubectl' | 'psql' | 'sqlcmd';
  readonly argv: readonly string[];
}

export interface FakeCloudRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly calls: readonly FakeCall[];
  readonly stateBefore: FakeCloudState;
  readonly stateAfter: FakeCloudState;
  /** The script's working directory (the files it wrote). */
  readonly workDir: string;
}

export interface FakeCloudOptions {
  /** Extra environment for the script. */
  readonly env?: Readonly<Record<string, string>>;
  /** Run in this directory instead of a new one. */
  readonly workDir?: string;
  /** Kill the script after this many milliseconds. */
  readonly timeoutMs?: number;
}

export function runWithFakeCloud(
  scriptText: string,
  seed: FakeCloudState,
  options: FakeCloudOptions = {},
): FakeCloudRun {
  const root = mkdtempSync(join(tmpdir(), 'fake-cloud-'));
  createdDirs.push(root);
  const stateDir = join(root, 'cloud');
  const workDir = options.workDir ?? join(root, 'work');
  mkdirSync(stateDir);
  mkdirSync(workDir, { recursive: true });
  const stateFile = join(stateDir, 'state.json');
  writeFileSync(stateFile, JSON.stringify(seed, null, 2));
  writeFileSync(join(stateDir, 'calls.jsonl'), '');
  // A seeded cluster runs its Deployments' pods before the script starts, as a real one would.
  if (Object.keys(seed.kubernetes).length > 0) {
    const settled = spawnSync('python3', ['-B', MAIN_PY, 'settle'], {
      encoding: 'utf8',
      env: { PATH: '/usr/local/bin:/usr/bin:/bin', FAKE_CLOUD_DIR: stateDir },
    });
    if (settled.status !== 0) throw new Error(`The fake cloud could not settle its seed: ${settled.stderr}`);
  }
  const stateBefore = JSON.parse(readFileSync(stateFile, 'utf8')) as FakeCloudState;
  const result = spawnSync('bash', ['-c', scriptText, 'setup.sh'], {
    cwd: workDir,
    encoding: 'utf8',
    timeout: options.timeoutMs ?? 60_000,
    env: {
      // Only the stand-ins and the system's tools: a real az or kubectl must never answer.
      PATH: `${BIN_DIR}:/usr/local/bin:/usr/bin:/bin`,
      HOME: root,
      LANG: 'C.UTF-8',
      FAKE_CLOUD_DIR: stateDir,
      ...options.env,
    },
  });
  const calls = readFileSync(join(stateDir, 'calls.jsonl'), 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as FakeCall);
  return {
    status: result.status,
    stdout: result.stdout,
    stderr: result.stderr,
    calls,
    stateBefore,
    stateAfter: JSON.parse(readFileSync(stateFile, 'utf8')) as FakeCloudState,
    workDir,
  };
}

/** Removes every directory runWithFakeCloud made (call from afterAll). */
export function removeFakeCloudRuns(): void {
  for (const dir of createdDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}
