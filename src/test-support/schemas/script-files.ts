/**
 * The files a golden setup.sh writes, as the script itself writes them: its file-writing blocks (the shapes
 * toBash renders a WriteFile as, and the base64 captures ACI's secret volume reads) are cut out of the script
 * text and run with real Bash in a temporary directory, with stand-in values for the variables the blocks read
 * (what the script would have looked up). Nothing else of the script runs: no az, no kubectl.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

/**
 * Values shaped like what the script looks up. A block that reads any other variable fails under `set -u`, so a
 * new one has to be added here (with a value of the right shape) before the files can be checked.
 */
export const LOOKED_UP_STAND_INS: Readonly<Record<string, string>> = {
  CLIENT_ID: '6f0c9e21-3d4b-4a5c-8e7f-1a2b3c4d5e6f',
  IDENTITY_ID:
    '/subscriptions/3f2504e0-4f89-41d3-9a0c-0305e82c3301/resourceGroups/rg-orders/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-orders',
};

/** `cat > path <<'DELIM'` ... `DELIM` (a file with no looked-up value). */
const HERE_DOC_WRITE = /^cat > (\S+) <<'([A-Z_]+)'$/;
/** `{` ... `} > path` (here-documents and printf lines, for a file with looked-up values). */
const GROUP_WRITE_END = /^\} > (\S+)$/;
/** `NAME=$(base64 < path | tr -d '\n')`: a component file encoded for ACI's secret volume. */
const BASE64_CAPTURE = /^[A-Z][A-Z0-9_]*=\$\(base64 < \S+ \| tr -d '\\n'\)$/;

/** The script's file-writing lines, in order, as one Bash program. */
export function fileWritingBlocks(script: string): string {
  const lines = script.split('\n');
  const blocks: string[] = [];
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!;
    const hereDoc = HERE_DOC_WRITE.exec(line);
    if (hereDoc) {
      const end = lines.indexOf(hereDoc[2]!, index + 1);
      if (end < 0) throw new Error(`here-document at line ${index + 1} never ends`);
      blocks.push(lines.slice(index, end + 1).join('\n'));
      index = end;
    } else if (line === '{') {
      const end = lines.findIndex((candidate, at) => at > index && GROUP_WRITE_END.test(candidate));
      if (end < 0) throw new Error(`group at line ${index + 1} never writes a file`);
      blocks.push(lines.slice(index, end + 1).join('\n'));
      index = end;
    } else if (BASE64_CAPTURE.test(line)) {
      blocks.push(line);
    }
  }
  return blocks.join('\n');
}

function filesUnder(dir: string, root: string = dir): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path, root) : [relative(root, path)];
  });
}

/** Path (relative to the script's directory) -> content of every file the script writes. */
export function filesWrittenByScript(script: string): Record<string, string> {
  const program = fileWritingBlocks(script);
  const dir = mkdtempSync(join(tmpdir(), 'script-files-'));
  try {
    const assignments = Object.entries(LOOKED_UP_STAND_INS).map(([name, value]) => `${name}='${value}'`);
    // The script makes the folder itself (mkdir -p) before its first write; that line is not cut out.
    const result = spawnSync(
      'bash',
      ['-c', ['set -euo pipefail', 'mkdir -p components', ...assignments, program].join('\n')],
      { cwd: dir, encoding: 'utf8', env: { PATH: process.env.PATH ?? '/usr/bin:/bin' } },
    );
    if (result.status !== 0) throw new Error(`the file-writing blocks failed: ${result.stderr}`);
    return Object.fromEntries(filesUnder(dir).map((path) => [path, readFileSync(join(dir, path), 'utf8')]));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
