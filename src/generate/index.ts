/** config -> the output files the page shows, each present only where it applies. */
import { componentSpec } from '../catalog/components';
import { hostSpec } from '../catalog/hosts';
import { effectiveIdentity, type ComponentConfig, type WizardConfig } from '../model/config';
import { heldExamples, type HeldExample } from '../model/examples';
import type { FieldPath } from '../model/fields';
import { validateConfig, type FieldErrors } from '../model/validate';
import { buildSetupScript, type ScriptMeta } from './az-script';
import { componentYaml } from './component';
import {
  deploymentPatchFileText,
  POD_TEMPLATE_PATCH_FILE,
  SERVICE_ACCOUNT_FILE,
  serviceAccountFileText,
} from './k8s-manifests';
import { CLIENT_ID_MARKER } from './markers';
import { buildPlan } from './plan/build-plan';
import { buildTeardownScript, TEARDOWN_FILE } from './teardown/teardown-script';
import { toBash } from './to-bash';

/**
 * component-yaml: one per component; components-yaml: all of them in one multi-document file; cli-bash and
 * cli-teardown: the setup and the teardown script; on AKS, k8s-service-account (Workload ID) and
 * k8s-deployment-patch: the files the script writes and applies.
 */
export type OutputId =
  | 'component-yaml'
  | 'components-yaml'
  | 'cli-bash'
  | 'cli-teardown'
  | 'k8s-service-account'
  | 'k8s-deployment-patch';

export interface OutputFile {
  readonly id: OutputId;
  /**
   * Unique among the outputs of one configuration, and the same for an output from one render to the next:
   * a component's file is keyed by its position, never by its name, which the user edits and may (for a
   * moment) give two components.
   */
  readonly key: string;
  /** For component-yaml: the component's name. */
  readonly component?: string;
  readonly title: string;
  readonly fileName: string;
  readonly language: 'yaml' | 'bash';
  readonly text: string;
}

export interface PendingOutput {
  readonly id: OutputId;
  /** As OutputFile.key: a pending output keeps the key its file will have. */
  readonly key: string;
  readonly component?: string;
  readonly title: string;
  /** The fields to fix before this output can be generated. */
  readonly blockedBy: readonly FieldPath[];
}

export interface GeneratedOutput {
  readonly files: readonly OutputFile[];
  /** Outputs that apply but wait for valid values. */
  readonly pending: readonly PendingOutput[];
  readonly errors: FieldErrors;
}

export const SCRIPT_FILE_NAME = 'setup-dapr-identity.sh';
export const BUNDLE_FILE_NAME = 'components.yaml';

/** Host fields the component files are made from (besides the components' own fields). */
const FILE_FIELDS: readonly FieldPath[] = ['appId', 'clientId', 'namespace', 'serviceAccount'];

const NOTE_LOOKED_UP =
  '# The Azure CLI script writes this file with the client id it looks up; enter the client id in Details to see it here.\n';

/** The host fields a component's file is made from: FILE_FIELDS, and the identity's name in a PostgreSQL connection string. */
function fileFieldsOf(component: ComponentConfig): readonly FieldPath[] {
  return componentSpec(component.type, component.version).connectionString === 'postgres'
    ? [...FILE_FIELDS, 'identityName', 'hostName']
    : FILE_FIELDS;
}

/** A first comment naming the example values the file holds, so it cannot pass for the user's own. */
function exampleNote(config: WizardConfig, index: number, held: readonly HeldExample[]): string {
  const component = config.components[index];
  if (!component) return '';
  const fileFields = fileFieldsOf(component);
  const own = held.filter((example) =>
    example.componentIndex === undefined
      ? fileFields.includes(example.path)
      : example.componentIndex === index,
  );
  if (own.length === 0) return '';
  const list = own.map((example) => `${example.label}: ${example.value}`).join(', ');
  return `# Example values, not yours (replace them in the wizard): ${list}.\n`;
}

function componentYamlText(
  config: WizardConfig,
  component: ComponentConfig,
  index: number,
  held: readonly HeldExample[],
): string {
  const yaml = componentYaml(config, component);
  return exampleNote(config, index, held) + (yaml.includes(CLIENT_ID_MARKER) ? NOTE_LOOKED_UP + yaml : yaml);
}

interface Candidate {
  readonly id: OutputId;
  readonly key: string;
  readonly component?: string;
  readonly title: string;
  readonly blockedBy: readonly FieldPath[];
  readonly fileName: string;
  readonly language: OutputFile['language'];
  readonly text: () => string;
}

/**
 * An output file whose text is made when first asked for (then kept): the page shows every file, but makes
 * each text in a step of its own, so its first render after load can pause between them.
 */
export interface PlannedFile extends Omit<OutputFile, 'text'> {
  readonly text: () => string;
}

/** generate(), with each file's text still to be made. */
export interface PlannedOutput extends Omit<GeneratedOutput, 'files'> {
  readonly files: readonly PlannedFile[];
}

/** The function, made to run once: later calls return the first call's value. */
function once<T>(make: () => T): () => T {
  let made: T | undefined;
  return () => (made ??= make());
}

export type { ScriptMeta } from './az-script';

/**
 * Every output that applies to this configuration. `meta` (share link, date, version) opens the setup and teardown scripts. An output is generated only when the fields it is made
 * from are valid, so a half-filled form already previews the components, and no output carries a bad value.
 */
export function generate(config: WizardConfig, meta?: ScriptMeta): GeneratedOutput {
  const { files, ...rest } = planOutputs(config, meta);
  return { ...rest, files: files.map((file) => ({ ...file, text: file.text() })) };
}

/** What generate() gives, each file's text made only when its `text()` is first called. */
export function planOutputs(config: WizardConfig, meta?: ScriptMeta): PlannedOutput {
  const errors = validateConfig(config);
  const invalid = Object.keys(errors) as FieldPath[];
  const hostBlockers = invalid.filter((path) => FILE_FIELDS.includes(path));
  // A PostgreSQL connection string names the identity's role: the identity's or the host's name.
  const componentBlockers = (index: number): FieldPath[] => {
    const component = config.components[index];
    const namesIdentity =
      component !== undefined &&
      componentSpec(component.type, component.version).connectionString === 'postgres';
    return [
      ...hostBlockers,
      ...(namesIdentity ? invalid.filter((path) => path === 'identityName' || path === 'hostName') : []),
      ...invalid.filter((path) => path.startsWith(`components.${index}.`)),
    ];
  };
  const format = hostSpec(config.host).format;
  // Each component's text is made once per call, and only when asked for: its own file and the bundle share
  // it, and the example values it names are looked up once for all of them (the page calls this on every
  // keystroke, so the work per call is what a keystroke costs).
  let held: readonly HeldExample[] | undefined;
  const texts = new Map<number, string>();
  const textOf = (component: ComponentConfig, index: number): string => {
    const known = texts.get(index);
    if (known !== undefined) return known;
    held ??= heldExamples(config);
    const text = componentYamlText(config, component, index, held);
    texts.set(index, text);
    return text;
  };
  // The setup and the teardown are made from one plan, and the teardown reads the setup's files from it.
  const plan = once(() => buildPlan(config));
  const setupScript = once(() => buildSetupScript(plan(), meta));
  const candidates: Candidate[] = config.components.map((component, index) => ({
    id: 'component-yaml',
    key: `component-yaml:${index}`,
    component: component.name,
    title: config.components.length === 1 ? 'Component YAML' : component.name,
    blockedBy: componentBlockers(index),
    fileName: `${component.name}.yaml`,
    language: 'yaml',
    text: () => textOf(component, index),
  }));
  // Container Apps takes one component per file; Kubernetes and self-hosted Dapr read multi-document files.
  if (config.components.length > 1 && format !== 'container-apps') {
    candidates.push({
      id: 'components-yaml',
      key: 'components-yaml',
      title: 'All components',
      blockedBy: [...new Set(config.components.flatMap((_, index) => componentBlockers(index)))],
      fileName: BUNDLE_FILE_NAME,
      language: 'yaml',
      text: () => config.components.map((component, index) => textOf(component, index)).join('---\n'),
    });
  }
  candidates.push({
    id: 'cli-bash',
    key: 'cli-bash',
    title: 'Azure CLI (Bash)',
    blockedBy: invalid,
    fileName: SCRIPT_FILE_NAME,
    language: 'bash',
    text: () => toBash(setupScript()),
  });
  // Made from the same plan as the setup, so it needs the same fields.
  candidates.push({
    id: 'cli-teardown',
    key: 'cli-teardown',
    title: 'Teardown (Bash)',
    blockedBy: invalid,
    fileName: TEARDOWN_FILE,
    language: 'bash',
    text: () => toBash(buildTeardownScript(plan(), meta, setupScript())),
  });
  if (format === 'kubernetes') {
    // Each file as the script writes it, headed by the command the script runs on it.
    if (effectiveIdentity(config) === 'workload') {
      candidates.push({
        id: 'k8s-service-account',
        key: 'k8s-service-account',
        title: 'ServiceAccount',
        blockedBy: hostBlockers,
        fileName: SERVICE_ACCOUNT_FILE,
        language: 'yaml',
        text: () => serviceAccountFileText(config),
      });
    }
    candidates.push({
      id: 'k8s-deployment-patch',
      key: 'k8s-deployment-patch',
      title: 'Deployment patch',
      // The patch carries the app port; its heading names the Deployment.
      blockedBy: [...hostBlockers, ...invalid.filter((path) => path === 'appPort' || path === 'deployment')],
      fileName: POD_TEMPLATE_PATCH_FILE,
      language: 'yaml',
      text: () => deploymentPatchFileText(config),
    });
  }
  const files: PlannedFile[] = [];
  const pending: PendingOutput[] = [];
  for (const { blockedBy, fileName, language, text, ...output } of candidates) {
    if (blockedBy.length === 0) files.push({ ...output, fileName, language, text: once(text) });
    else pending.push({ ...output, blockedBy });
  }
  return { files, pending, errors };
}
