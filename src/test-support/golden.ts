/**
 * Golden scenarios: src/generate/__golden__/<scenario>/ holds link.txt (the share-link hash that sets the
 * scenario up) and one file per output: component-<name>.yaml for each component, components.yaml (all of
 * them), setup.sh, teardown.sh, and on AKS k8s-serviceaccount.yaml (Workload ID) and k8s-deployment-patch.yaml; beside
 * them the IaC outputs main.bicep, main.parameters.json, main.tf and any Bicep module (module-<file>.bicep), which
 * the page renders only when their tab opens (kept apart in `iacOutputs`). Unit tests and e2e tests both read them.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseShareLink, toShareHash } from '../model/url-state';

export const GOLDEN_DIR = fileURLToPath(new URL('../generate/__golden__/', import.meta.url));

/** The golden file that holds an output: by its data-output id and, for a component, its name. */
export function goldenFileName(output: {
  readonly id: string;
  readonly component?: string | null;
  /** A Bicep module's file name (grants-rg-messaging.bicep): the page's data-file. */
  readonly fileName?: string | null;
}): string {
  switch (output.id) {
    case 'component-yaml':
      return `component-${output.component ?? ''}.yaml`;
    case 'components-yaml':
      return 'components.yaml';
    case 'cli-bash':
      return 'setup.sh';
    case 'cli-teardown':
      return 'teardown.sh';
    case 'k8s-service-account':
      return 'k8s-serviceaccount.yaml';
    case 'k8s-deployment-patch':
      return 'k8s-deployment-patch.yaml';
    case 'bicep':
      return 'main.bicep';
    case 'bicep-parameters':
      return 'main.parameters.json';
    case 'bicep-module':
      return `${BICEP_MODULE_PREFIX}${output.fileName ?? ''}`;
    case 'terraform':
      return 'main.tf';
    default:
      throw new Error(`No golden file for output ${output.id}`);
  }
}

/** Where the golden setup scripts say they came from: a fixed site and day, and the wizard's version. */
const GOLDEN_SITE = 'https://wizard.example/';
const GOLDEN_DAY = '2026-12-01';
export const WIZARD_VERSION = (
  JSON.parse(readFileSync(fileURLToPath(new URL('../../package.json', import.meta.url)), 'utf8')) as {
    version: string;
  }
).version;

/** The meta the golden test and write-golden pass to generate(): the scenario's share link. */
export function goldenMeta(link: string): { shareLink: string; generatedOn: string; version: string } {
  // The link as the page writes it (its own key order), so a golden script matches the page's.
  const hash = toShareHash(parseShareLink('', link).config);
  return {
    shareLink: `${GOLDEN_SITE}${hash === '' ? '' : `#${hash}`}`,
    generatedOn: GOLDEN_DAY,
    version: WIZARD_VERSION,
  };
}

export interface GoldenScenario {
  readonly name: string;
  /** The hash, without '#'. */
  readonly link: string;
  /** Expected text by golden file name: the outputs the page shows on load. */
  readonly outputs: Readonly<Record<string, string>>;
  /** The IaC outputs (rendered when their tab is first opened), by golden file name. */
  readonly iacOutputs: Readonly<Record<string, string>>;
}

/** The golden files every IaC output has, which load on demand. */
export const IAC_GOLDEN_FILES: readonly string[] = ['main.bicep', 'main.parameters.json', 'main.tf'];

/**
 * A Bicep module (infra/modules/<file>) is the golden file module-<file>: the grants on the resources of another
 * resource group, beside main.bicep where a scenario has them.
 */
const BICEP_MODULE_PREFIX = 'module-';
const BICEP_MODULE_FILE = /^module-[a-z0-9-]+\.bicep$/;

/** Whether a golden file is one of the IaC outputs: the three every scenario has, or a Bicep module. */
export function isIacGoldenFile(file: string): boolean {
  return IAC_GOLDEN_FILES.includes(file) || BICEP_MODULE_FILE.test(file);
}

/** The Bicep modules of a scenario's IaC outputs, by their path from main.bicep (modules/<file>). */
export function goldenBicepModules(iacOutputs: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(iacOutputs)
      .filter(([file]) => BICEP_MODULE_FILE.test(file))
      .map(([file, text]) => [`modules/${file.slice(BICEP_MODULE_PREFIX.length)}`, text]),
  );
}

export function loadGoldenScenarios(): GoldenScenario[] {
  return readdirSync(GOLDEN_DIR, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const dir = join(GOLDEN_DIR, name);
      const outputs: Record<string, string> = {};
      const iacOutputs: Record<string, string> = {};
      for (const file of readdirSync(dir).sort()) {
        if (file === 'link.txt') continue;
        (isIacGoldenFile(file) ? iacOutputs : outputs)[file] = readFileSync(join(dir, file), 'utf8');
      }
      return { name, link: readFileSync(join(dir, 'link.txt'), 'utf8').trim(), outputs, iacOutputs };
    });
}
