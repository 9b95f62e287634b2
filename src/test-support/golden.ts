/**
 * Golden scenarios: src/generate/__golden__/<scenario>/ holds link.txt (the share-link hash that sets the
 * scenario up) and one file per output, named by output id. Unit tests and e2e tests both read them.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { OutputId } from '../generate/index';

export const GOLDEN_DIR = fileURLToPath(new URL('../generate/__golden__/', import.meta.url));

/** File name of each output inside a scenario folder. */
export const GOLDEN_FILE_NAMES: Record<OutputId, string> = {
  'component-yaml': 'component.yaml',
  'cli-bash': 'setup.sh',
  'k8s-manifests': 'k8s-manifests.yaml',
};

export interface GoldenScenario {
  readonly name: string;
  /** The hash, without '#'. */
  readonly link: string;
  /** Expected text per output that the scenario produces. */
  readonly outputs: Partial<Record<OutputId, string>>;
}

export function loadGoldenScenarios(): GoldenScenario[] {
  return readdirSync(GOLDEN_DIR, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const dir = join(GOLDEN_DIR, name);
      const outputs: Partial<Record<OutputId, string>> = {};
      for (const [id, fileName] of Object.entries(GOLDEN_FILE_NAMES) as [OutputId, string][]) {
        const path = join(dir, fileName);
        if (existsSync(path)) outputs[id] = readFileSync(path, 'utf8');
      }
      return { name, link: readFileSync(join(dir, 'link.txt'), 'utf8').trim(), outputs };
    });
}
