/**
 * A last line of cleanup for a bench killed outright (tsx answers a Ctrl-C the script is too busy to take up
 * within 30 ms with SIGKILL, and nothing in the script runs then). A detached shell waits for the bench's
 * process to end; if the bench left its work folder behind, the shell kills the processes still listed in it
 * (by process id, with the process group it leads: Lighthouse's Chromium, which chrome-launcher starts
 * in a group of its own, and builds) and removes the folder. After a normal end the folder is gone and the shell does nothing.
 */
import { spawn } from 'node:child_process';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Janitor {
  track(pid: number | undefined): void;
  untrack(pid: number | undefined): void;
  /** A normal end: nothing left for the shell to kill. */
  clear(): void;
}

export function startJanitor(work: string, removeWork: boolean): Janitor {
  const list = join(work, 'pids');
  const pids = new Set<number>();
  const write = (): void => {
    if (existsSync(work)) writeFileSync(list, [...pids].join('\n'));
  };
  write();
  const quote = (text: string): string => `'${text.replace(/'/g, `'\\''`)}'`;
  const script = [
    `while kill -0 ${process.pid} 2>/dev/null; do sleep 1; done`,
    `if [ -f ${quote(list)} ]; then for pid in $(cat ${quote(list)}); do kill -9 -- "-$pid" 2>/dev/null || kill -9 "$pid" 2>/dev/null; done; fi`,
    removeWork ? `rm -rf ${quote(work)}` : `rm -f ${quote(list)}`,
  ].join('\n');
  spawn('sh', ['-c', script], { detached: true, stdio: 'ignore' }).unref();
  return {
    track(pid) {
      if (pid === undefined) return;
      pids.add(pid);
      write();
    },
    untrack(pid) {
      if (pid === undefined) return;
      pids.delete(pid);
      write();
    },
    clear() {
      pids.clear();
      rmSync(list, { force: true });
    },
  };
}
