/** config -> the output files the page shows, each present only where it applies. */
import { hostSpec } from '../catalog/hosts';
import type { WizardConfig } from '../model/config';
import type { FieldPath } from '../model/fields';
import { validateConfig, type FieldErrors } from '../model/validate';
import { buildAzScript } from './az-script';
import { buildComponent } from './component';
import { toK8sManifests } from './k8s-manifests';
import { CLIENT_ID_MARKER } from './markers';
import { toBash } from './to-bash';
import { toYaml } from './to-yaml';

export type OutputId = 'component-yaml' | 'cli-bash' | 'k8s-manifests';

export interface OutputFile {
  readonly id: OutputId;
  readonly title: string;
  readonly fileName: string;
  readonly language: 'yaml' | 'bash';
  readonly text: string;
}

const SCRIPT_FILE_NAME = 'setup-dapr-identity.sh';

export interface PendingOutput {
  readonly id: OutputId;
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

/** Fields the component and manifests are made from; the script needs every field. */
function isFileField(path: FieldPath): boolean {
  return (
    ['name', 'appId', 'clientId', 'namespace', 'serviceAccount'].includes(path) ||
    path.startsWith('metadata.')
  );
}

/**
 * Every output that applies to this configuration. An output is generated only when the fields it is made
 * from are valid, so a half-filled form already previews the component, and no output ever carries a bad value.
 */
export function generate(config: WizardConfig): GeneratedOutput {
  const errors = validateConfig(config);
  const invalid = Object.keys(errors) as FieldPath[];
  const fileBlockers = invalid.filter(isFileField);
  const candidates: {
    file: () => OutputFile;
    blockedBy: readonly FieldPath[];
    id: OutputId;
    title: string;
  }[] = [
    {
      id: 'component-yaml',
      title: 'Component YAML',
      blockedBy: fileBlockers,
      file: () => ({
        id: 'component-yaml',
        title: 'Component YAML',
        fileName: `${config.name}.yaml`,
        language: 'yaml',
        text: componentYamlText(config),
      }),
    },
    {
      id: 'cli-bash',
      title: 'Azure CLI (Bash)',
      blockedBy: invalid,
      file: () => ({
        id: 'cli-bash',
        title: 'Azure CLI (Bash)',
        fileName: SCRIPT_FILE_NAME,
        language: 'bash',
        text: toBash(buildAzScript(config)),
      }),
    },
  ];
  if (hostSpec(config.host).format === 'kubernetes') {
    candidates.push({
      id: 'k8s-manifests',
      title: 'Kubernetes',
      blockedBy: fileBlockers,
      file: () => ({
        id: 'k8s-manifests',
        title: 'Kubernetes',
        fileName: 'k8s-manifests.yaml',
        language: 'yaml',
        text: toK8sManifests(config),
      }),
    });
  }
  const files: OutputFile[] = [];
  const pending: PendingOutput[] = [];
  for (const candidate of candidates) {
    if (candidate.blockedBy.length === 0) files.push(candidate.file());
    else pending.push({ id: candidate.id, title: candidate.title, blockedBy: candidate.blockedBy });
  }
  return { files, pending, errors };
}

function componentYamlText(config: WizardConfig): string {
  const yaml = toYaml(buildComponent(config));
  if (!yaml.includes(CLIENT_ID_MARKER)) return yaml;
  return `# The Azure CLI script writes this file with the client id it looks up; enter the client id in Details to see it here.\n${yaml}`;
}
