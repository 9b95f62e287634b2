/**
 * A Dapr `Component` document checked against Dapr's Component CRD (dapr/dapr charts/dapr/crds/components.yaml,
 * extracted into dapr-component-crd.json by scripts/extract-dapr-component-crd.ts), as its two readers take it:
 *
 * - Kubernetes (`kubectl apply`): the API server validates the CRD's openAPIV3Schema, a structural schema, and
 *   drops fields it does not declare; kubectl's default `--validate=strict` turns each dropped field into an
 *   error (kubernetes/kubectl pkg/cmd/util/helpers.go, AddValidateFlags).
 * - daprd in self-hosted mode (VM, scale set, App Service, ACI sidecar): it loads only documents whose apiVersion
 *   and kind are exactly the Component's, rejects a name that is not a valid path segment, and decodes the rest
 *   into the Go type the CRD is generated from, silently ignoring unknown fields
 *   (dapr/dapr pkg/internal/loader/disk/manifest.go, decodeYaml). A misspelt key is lost either way.
 *
 * The schema is OpenAPI v3 with Kubernetes extensions, not plain JSON Schema. Rather than running ajv with
 * `strict: false` (which would also let any keyword nobody translated pass unseen), the extensions are
 * translated into what they mean and ajv runs strict: a CRD that gains a keyword this file does not know fails
 * here until someone says what it means.
 */
import Ajv, { type ErrorObject } from 'ajv';
import extract from './dapr-component-crd.json';

export type ComponentCrdExtract = {
  source: { repo: string; tag: string; commit: string; path: string; blob: string };
  generatedBy: string;
  group: string;
  kind: string;
  versions: { name: string; openAPIV3Schema: Record<string, unknown> }[];
};

export const componentCrd = extract as ComponentCrdExtract;

type Schema = Record<string, unknown>;

/** The Kubernetes extension keywords this translation knows, and what each becomes. */
const PRESERVE_UNKNOWN = 'x-kubernetes-preserve-unknown-fields';

/**
 * One node of the structural schema as JSON Schema: an object that declares its properties and does not
 * preserve unknown fields gets `additionalProperties: false` (what pruning plus strict field validation does);
 * `x-kubernetes-preserve-unknown-fields: true` leaves the node open (metadata `value` is any JSON: Dapr's
 * DynamicValue). Any other x-kubernetes-* keyword, or OpenAPI's `nullable`, stops the translation.
 */
function toJsonSchema(node: Schema, path: string): Schema {
  const out: Schema = {};
  let preservesUnknown = false;
  for (const [key, value] of Object.entries(node)) {
    if (key === PRESERVE_UNKNOWN) {
      preservesUnknown = value === true;
      continue;
    }
    if (key.startsWith('x-kubernetes-') || key === 'nullable')
      throw new Error(`${path}: the CRD uses ${key}, which dapr-component-crd.ts does not translate yet`);
    if (key === 'properties') {
      out.properties = Object.fromEntries(
        Object.entries(value as Record<string, Schema>).map(([name, child]) => [
          name,
          toJsonSchema(child, `${path}.${name}`),
        ]),
      );
    } else if (key === 'items') {
      out.items = toJsonSchema(value as Schema, `${path}[]`);
    } else {
      out[key] = value;
    }
  }
  if (out.properties !== undefined && !preservesUnknown && out.additionalProperties === undefined)
    out.additionalProperties = false;
  return out;
}

/**
 * ObjectMeta is not in the CRD (`metadata: {type: object}`): the API server validates it itself. Checked here is
 * what both readers need of it: a name, and one daprd accepts (apimachinery IsValidPathSegmentName: not `.` or
 * `..`, no `/` or `%`); the other ObjectMeta fields are left open.
 */
const OBJECT_META: Schema = {
  type: 'object',
  required: ['name'],
  properties: {
    name: { type: 'string', minLength: 1, pattern: '^[^/%]*$', not: { enum: ['.', '..'] } },
    namespace: { type: 'string' },
    labels: { type: 'object', additionalProperties: { type: 'string' } },
    annotations: { type: 'object', additionalProperties: { type: 'string' } },
  },
};

/** The document schema for one served version: its openAPIV3Schema plus apiVersion, kind and ObjectMeta. */
export function componentJsonSchema(version: ComponentCrdExtract['versions'][number]): Schema {
  const schema = toJsonSchema(version.openAPIV3Schema, '$');
  const properties = schema.properties as Record<string, Schema>;
  return {
    ...schema,
    required: [...((schema.required as string[] | undefined) ?? []), 'apiVersion', 'kind', 'metadata'],
    properties: {
      ...properties,
      apiVersion: { ...properties.apiVersion, const: `${componentCrd.group}/${version.name}` },
      kind: { ...properties.kind, const: componentCrd.kind },
      metadata: OBJECT_META,
    },
  };
}

const ajv = new Ajv({ allErrors: true, strict: true });
const validators = componentCrd.versions.map((version) => ({
  apiVersion: `${componentCrd.group}/${version.name}`,
  validate: ajv.compile(componentJsonSchema(version)),
}));

function describe(error: ErrorObject): string {
  const where = error.instancePath === '' ? '(document)' : error.instancePath;
  if (error.keyword === 'additionalProperties')
    return `${where}: unknown field "${String(error.params.additionalProperty)}"`;
  if (error.keyword === 'const' || error.keyword === 'enum')
    return `${where}: ${error.message ?? ''} ${JSON.stringify(error.params)}`;
  return `${where}: ${error.message ?? error.keyword}`;
}

/** Problems with one parsed YAML document as a Dapr Component (empty: valid). */
export function checkDaprComponent(document: unknown): string[] {
  const apiVersion = (document as { apiVersion?: unknown } | null)?.apiVersion;
  const chosen = validators.find((validator) => validator.apiVersion === apiVersion) ?? validators[0];
  if (!chosen) throw new Error('the CRD extract serves no version');
  if (chosen.validate(document)) return [];
  return (chosen.validate.errors ?? []).map(describe);
}
