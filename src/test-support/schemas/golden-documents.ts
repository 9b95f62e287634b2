/**
 * Every YAML document of a golden scenario that one of the schemas here applies to, with the schema its reader
 * uses:
 * - component-<name>.yaml, and the components/<name>.yaml the setup script writes for it: a Dapr Component, or
 *   on Container Apps that platform's own component file;
 * - components.yaml (all components, multi-document): Dapr Components;
 * - the ACI container group file the script writes: a ContainerGroup, and each file of its secret volume (what
 *   daprd reads from /components) a Dapr Component again;
 * - any other document of kind Component in any golden YAML file (the Kubernetes files, files the script writes).
 */
import { Buffer } from 'node:buffer';
import { loadAll } from 'js-yaml';
import type { ComponentFormat } from '../../catalog/hosts';
import type { GoldenScenario } from '../golden';
import { filesWrittenByScript } from './script-files';

export type SchemaName = 'dapr-component' | 'container-apps-component' | 'aci-container-group';

export interface CheckedDocument {
  /** Where the document is, for messages: `aci-system/setup.sh > components/container-group.yaml`. */
  readonly where: string;
  readonly schema: SchemaName;
  readonly document: unknown;
}

export interface ScenarioDocuments {
  readonly documents: readonly CheckedDocument[];
  /** Every YAML text parsed (all of each golden or written YAML file, each secret-volume file). */
  readonly texts: readonly { readonly where: string; readonly text: string }[];
  /** Files the setup script writes (empty without one): the test checks the cut-out found them all. */
  readonly scriptFiles: readonly string[];
}

const COMPONENT_FILE = /^component-(.+)\.yaml$/;
const SCRIPT_COMPONENT_FILE = /^components\/(.+)\.yaml$/;

const isComponentKind = (document: unknown): boolean =>
  (document as { kind?: unknown } | null)?.kind === 'Component';

/** The non-empty documents of a YAML text, as js-yaml reads them. */
export function yamlDocuments(text: string): unknown[] {
  return loadAll(text).filter((document) => document !== null && document !== undefined);
}

/** Parses a text, recording it (for the parser comparison) under where it is. */
type Parse = (where: string, text: string) => unknown[];

function componentFileDocuments(
  where: string,
  text: string,
  format: ComponentFormat,
  parse: Parse,
): CheckedDocument[] {
  const schema: SchemaName = format === 'container-apps' ? 'container-apps-component' : 'dapr-component';
  return parse(where, text).map((document, index) => ({ where: `${where} #${index + 1}`, schema, document }));
}

function componentKindDocuments(where: string, text: string, parse: Parse): CheckedDocument[] {
  return parse(where, text)
    .filter(isComponentKind)
    .map((document, index) => ({ where: `${where} #${index + 1}`, schema: 'dapr-component', document }));
}

/** The container group, then each component file of its secret volumes, decoded. */
function containerGroupDocuments(where: string, text: string, parse: Parse): CheckedDocument[] {
  const groups = parse(where, text);
  const volumeFiles = groups.flatMap((group) => {
    const volumes = (group as { properties?: { volumes?: unknown } }).properties?.volumes;
    if (!Array.isArray(volumes)) return [];
    return volumes.flatMap((volume) =>
      Object.entries((volume as { secret?: Record<string, unknown> }).secret ?? {}).flatMap(
        ([file, base64]): CheckedDocument[] => {
          const fileWhere = `${where} > secret volume ${file}`;
          const decoded = Buffer.from(String(base64), 'base64').toString('utf8');
          return parse(fileWhere, decoded).map((document) => ({
            where: fileWhere,
            schema: 'dapr-component',
            document,
          }));
        },
      ),
    );
  });
  return [
    ...groups.map((document) => ({ where, schema: 'aci-container-group' as const, document })),
    ...volumeFiles,
  ];
}

/** The documents to check in one scenario; `format` is how its host reads component files. */
export function scenarioDocuments(
  scenario: GoldenScenario,
  format: ComponentFormat,
  containerGroupFile: string,
): ScenarioDocuments {
  const componentNames = new Set<string>();
  const documents: CheckedDocument[] = [];
  const texts: { where: string; text: string }[] = [];
  const parse: Parse = (where, text) => {
    texts.push({ where, text });
    return yamlDocuments(text);
  };
  let scriptFiles: string[] = [];
  for (const [file, text] of Object.entries(scenario.outputs)) {
    const where = `${scenario.name}/${file}`;
    const componentFile = COMPONENT_FILE.exec(file);
    if (componentFile) {
      componentNames.add(componentFile[1]!);
      documents.push(...componentFileDocuments(where, text, format, parse));
    } else if (file === 'components.yaml') {
      documents.push(...componentFileDocuments(where, text, 'kubernetes', parse));
    } else if (file.endsWith('.yaml')) {
      documents.push(...componentKindDocuments(where, text, parse));
    }
  }
  const script = scenario.outputs['setup.sh'];
  if (script !== undefined) {
    const written = filesWrittenByScript(script);
    scriptFiles = Object.keys(written).sort();
    for (const [path, text] of Object.entries(written)) {
      const where = `${scenario.name}/setup.sh > ${path}`;
      const name = SCRIPT_COMPONENT_FILE.exec(path)?.[1];
      if (path === `components/${containerGroupFile}`)
        documents.push(...containerGroupDocuments(where, text, parse));
      else if (name !== undefined && componentNames.has(name))
        documents.push(...componentFileDocuments(where, text, format, parse));
      else documents.push(...componentKindDocuments(where, text, parse));
    }
  }
  return { documents, texts, scriptFiles };
}
