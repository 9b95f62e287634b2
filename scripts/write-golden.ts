/**
 * Writes the generator's current output into each golden scenario folder, for a new scenario or a deliberate
 * change. Every file it writes must then be read against the sources before it is committed: the golden
 * files are the reviewed truth, not a snapshot. Usage: npx tsx scripts/write-golden.ts [scenario ...]
 */
import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generate } from '../src/generate/index';
import { parseShareLink } from '../src/model/url-state';
import { GOLDEN_DIR, goldenFileName, loadGoldenScenarios } from '../src/test-support/golden';

const only = new Set(process.argv.slice(2));
for (const scenario of loadGoldenScenarios()) {
  if (only.size > 0 && !only.has(scenario.name)) continue;
  const dir = join(GOLDEN_DIR, scenario.name);
  const output = generate(parseShareLink('', scenario.link).config);
  for (const file of readdirSync(dir)) if (file !== 'link.txt') rmSync(join(dir, file));
  for (const file of output.files) writeFileSync(join(dir, goldenFileName(file)), file.text);
  console.log(`wrote ${scenario.name}: ${output.files.map(goldenFileName).join(', ')}`);
}
