/**
 * Golden scenarios: src/generate/__golden__/<scenario>/ holds link.txt (the share-link hash that sets the
 * scenario up) and one file per output: component-<name>.yaml for each component, components.yaml (all of
 * them), setup.sh, teardown.sh and k8s-manifests.yaml. Unit tests and e2e tests both read them.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const GOLDEN_DIR = fileURLToPath(new URL('../generate/__golden__/', import.meta.url));

/** The golden file that holds an output: by its data-output id and, for a component, its name. */
export function goldenFileName(output: { readonly id: string; readonly component?: string | null }): string {
  switch (output.id) {
    case 'component-yaml':
      return `component-${output.component ?? ''}.yaml`;
    case 'components-yaml':
      return 'components.yaml';
    case 'cli-bash':
      return 'setup.sh';
    case 'cli-teardown':
      return 'teardown.sh';
    case 'k8s-manifests':
      return 'k8s-manifests.yaml';
    default:
      throw new Error(`No golden file for output ${output.id}`);
  }
}

export interface GoldenScenario {
  readonly name: string;
  /** The hash, without '#'. */
  readonly link: string;
  /** Expected text by golden file name. */
  readonly outputs: Readonly<Record<string, string>>;
}

export function loadGoldenScenarios(): GoldenScenario[] {
  return readdirSync(GOLDEN_DIR, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const dir = join(GOLDEN_DIR, name);
      const outputs: Record<string, string> = {};
      for (const file of readdirSync(dir).sort()) {
        if (file !== 'link.txt') outputs[file] = readFileSync(join(dir, file), 'utf8');
      }
      return { name, link: readFileSync(join(dir, 'link.txt'), 'utf8').trim(), outputs };
    });
}
