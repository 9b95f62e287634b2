/**
 * Writes the generator's current output into each golden scenario folder, for a new scenario or a deliberate
 * change, and prints the diff of everything it writes. Every changed line must then be read against the
 * sources before it is committed: the golden files are the reviewed truth, not a snapshot, and a wrong fact
 * written here turns the golden tests green.
 * Usage: npx tsx scripts/write-golden.ts [--only=page|iac] [scenario ...]
 *   --only=iac writes only main.bicep, main.parameters.json, main.tf and the Bicep modules (module-*.bicep),
 *   and leaves every other file alone;
 *   --only=page only the others. Without it, both.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { generate } from '../src/generate/index';
import { iacFiles } from '../src/generate/iac-outputs';
import { parseShareLink } from '../src/model/url-state';
import {
  GOLDEN_DIR,
  goldenFileName,
  goldenMeta,
  isIacGoldenFile,
  loadGoldenScenarios,
} from '../src/test-support/golden';

/** A unified diff of one file (diffutils' `diff -u`), labelled with its path; '' when equal. */
function unifiedDiff(path: string, before: string | undefined, after: string | undefined): string {
  if (before === after) return '';
  const scratch = mkdtempSync(join(tmpdir(), 'write-golden-'));
  try {
    const side = (name: string, text: string | undefined): string => {
      if (text === undefined) return '/dev/null';
      const file = join(scratch, name);
      writeFileSync(file, text);
      return file;
    };
    const label = relative(process.cwd(), path);
    const result = spawnSync(
      'diff',
      [
        '-u',
        '--label',
        before === undefined ? '/dev/null' : `a/${label}`,
        '--label',
        after === undefined ? '/dev/null' : `b/${label}`,
        side('before', before),
        side('after', after),
      ],
      { encoding: 'utf8' },
    );
    // diff exits 1 when the files differ; anything else means it could not compare them.
    if (result.status !== 1)
      throw new Error(`diff failed on ${label}: ${result.error?.message ?? result.stderr}`);
    return result.stdout;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

const readIfThere = (path: string): string | undefined =>
  existsSync(path) ? readFileSync(path, 'utf8') : undefined;

const args = process.argv.slice(2);
const kinds = args.find((arg) => arg.startsWith('--only='))?.slice('--only='.length);
if (kinds !== undefined && kinds !== 'page' && kinds !== 'iac') throw new Error('--only takes page or iac');
const writes = (file: string): boolean => kinds === undefined || (kinds === 'iac') === isIacGoldenFile(file);
const only = new Set(args.filter((arg) => !arg.startsWith('--')));
let changed = 0;
for (const scenario of loadGoldenScenarios()) {
  if (only.size > 0 && !only.has(scenario.name)) continue;
  const dir = join(GOLDEN_DIR, scenario.name);
  const config = parseShareLink('', scenario.link).config;
  const output = generate(config, goldenMeta(scenario.link));
  const before = new Map(
    readdirSync(dir)
      .filter((file) => file !== 'link.txt' && writes(file))
      .map((file) => [file, readFileSync(join(dir, file), 'utf8')]),
  );
  // The IaC files exist where the setup script does: every field valid.
  const iac = output.files.some((file) => file.id === 'cli-bash')
    ? [...iacFiles(config, 'bicep'), ...iacFiles(config, 'terraform')]
    : [];
  const after = new Map(
    [...output.files, ...iac]
      .map((file) => [goldenFileName(file), file.text] as const)
      .filter(([file]) => writes(file)),
  );
  for (const file of before.keys()) rmSync(join(dir, file));
  for (const [file, text] of after) writeFileSync(join(dir, file), text);
  const diffs = [...new Set([...before.keys(), ...after.keys()])]
    .sort()
    .map((file) => unifiedDiff(join(dir, file), before.get(file), readIfThere(join(dir, file))))
    .filter((diff) => diff !== '');
  changed += diffs.length;
  for (const diff of diffs) process.stdout.write(diff);
  console.log(
    `wrote ${scenario.name}: ${[...after.keys()].join(', ')} (${diffs.length === 0 ? 'unchanged' : `${diffs.length} changed`})`,
  );
}
if (changed > 0) {
  console.log(
    `\n${changed} golden file(s) changed: read every changed line above against the sources before committing (README, "Adding a component").`,
  );
}
