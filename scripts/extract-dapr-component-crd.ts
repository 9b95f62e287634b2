/**
 * Writes src/test-support/schemas/dapr-component-crd.json: the structure of Dapr's Component
 * CustomResourceDefinition (dapr/dapr charts/dapr/crds/components.yaml) at the release tag of the newest Dapr the
 * wizard emits (the ACI sidecar's daprd image, ACI_DAPR_VERSION), so that src/test-support/schemas/ can check
 * the golden component YAML against the schema Kubernetes applies, without the whole CRD file in the repository.
 *
 * Kept: the group, the served versions' names, the kind, and each version's openAPIV3Schema with every
 * `description` dropped (the structure is what validation reads; the prose stays upstream). The source (repo,
 * tag, commit, path, blob) is written beside it, so a re-run shows whether the file changed upstream.
 *
 * Usage: DAPR_GIT=<bare clone of dapr/dapr> npx tsx scripts/extract-dapr-component-crd.ts
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { load } from 'js-yaml';
import { ACI_DAPR_VERSION } from '../src/catalog/dapr';
import type { ComponentCrdExtract } from '../src/test-support/schemas/dapr-component-crd';

const DAPR_GIT = process.env.DAPR_GIT ?? '/work/.mirror/dapr+dapr/repo';
const CRD_PATH = 'charts/dapr/crds/components.yaml';
const TAG = `v${ACI_DAPR_VERSION}`;

function git(...args: string[]): string {
  return execFileSync('git', ['--git-dir', DAPR_GIT, ...args], { encoding: 'utf8' }).trim();
}

/**
 * The schema without its `description` annotations, keys in their upstream order. Inside `properties` the keys
 * are field names, so a field called `description` stays.
 */
function withoutDescriptions(node: unknown, keysAreFieldNames = false): unknown {
  if (Array.isArray(node)) return node.map((item) => withoutDescriptions(item));
  if (node === null || typeof node !== 'object') return node;
  return Object.fromEntries(
    Object.entries(node)
      .filter(([key]) => keysAreFieldNames || key !== 'description')
      .map(([key, value]) => [key, withoutDescriptions(value, !keysAreFieldNames && key === 'properties')]),
  );
}

type Crd = {
  apiVersion: string;
  kind: string;
  spec: {
    group: string;
    names: { kind: string };
    versions: { name: string; served: boolean; schema: { openAPIV3Schema: unknown } }[];
  };
};

function extract(): ComponentCrdExtract {
  const crd = load(git('show', `${TAG}:${CRD_PATH}`)) as Crd;
  if (crd.apiVersion !== 'apiextensions.k8s.io/v1' || crd.kind !== 'CustomResourceDefinition')
    throw new Error(`${CRD_PATH} at ${TAG} is not an apiextensions.k8s.io/v1 CustomResourceDefinition`);
  return {
    source: {
      repo: 'dapr/dapr',
      tag: TAG,
      commit: git('rev-parse', `${TAG}^{commit}`),
      path: CRD_PATH,
      blob: git('rev-parse', `${TAG}:${CRD_PATH}`),
    },
    generatedBy: 'scripts/extract-dapr-component-crd.ts',
    group: crd.spec.group,
    kind: crd.spec.names.kind,
    versions: crd.spec.versions
      .filter((version) => version.served)
      .map((version) => ({
        name: version.name,
        openAPIV3Schema: withoutDescriptions(version.schema.openAPIV3Schema) as Record<string, unknown>,
      })),
  };
}

const target = new URL('../src/test-support/schemas/dapr-component-crd.json', import.meta.url);
writeFileSync(target, `${JSON.stringify(extract(), null, 1)}\n`);
// In the repository's own format, so that a fresh extract diffs only where the facts changed.
execFileSync('npx', ['prettier', '--write', target.pathname], { stdio: 'inherit' });
console.log(`wrote ${target.pathname}`);
