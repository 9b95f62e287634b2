/** Checks a configuration against the naming rules; the messages are shown beside the fields. */
import { NAMING_RULES } from '../catalog/naming-rules';
import { effectiveIdentity, environmentVariables, type WizardConfig } from './config';
import { detailFields, fieldValue, type FieldPath, type FieldView } from './fields';
import { unreadFieldReasons, versionUnavailableReason } from './host-dapr';

export type FieldErrors = Partial<Record<FieldPath, string>>;

/** The message for one field's value, or undefined when it is fine. */
export function validateField(field: FieldView, value: string): string | undefined {
  if (value === '') return field.required ? `${field.label} is required.` : undefined;
  if (value.trim() !== value) return 'Remove the spaces at the start or end.';
  return NAMING_RULES[field.rule].pattern.test(value) ? undefined : NAMING_RULES[field.rule].message;
}

/** Every applicable field's error; an empty object means the output can be generated. */
export function validateConfig(config: WizardConfig): FieldErrors {
  const errors: FieldErrors = {};
  for (const field of detailFields(config)) {
    const message = validateField(field, fieldValue(config, field.path));
    if (message) errors[field.path] = message;
  }
  // ACI takes each environment variable once; a name given twice is surely a slip.
  if (config.host === 'aci' && errors.envVars === undefined) {
    const names = environmentVariables(config).map((variable) => variable.name);
    const repeated = names.find((name, index) => names.indexOf(name) !== index);
    if (repeated !== undefined) errors.envVars = `${repeated} is set twice: keep one.`;
  }
  // Each component becomes <name>.yaml and a Dapr resource of that name: names must differ, and must not
  // be the name of another file the script writes into the same folder.
  const seen = new Set<string>();
  const otherFiles = scriptFileNames(config);
  config.components.forEach((component, index) => {
    const path = `components.${index}.name` as const;
    if (seen.has(component.name) && !errors[path]) errors[path] = 'Another component already has this name.';
    if (otherFiles.includes(component.name) && !errors[path])
      errors[path] =
        `The script writes its own ${component.name}.yaml beside the component files: choose another name.`;
    seen.add(component.name);
    // A version the host's Dapr does not register fails to load there; a field it does not read is lost.
    const versionReason = versionUnavailableReason(config.host, component);
    if (versionReason) errors[`components.${index}.version`] = versionReason;
    for (const [key, reason] of Object.entries(unreadFieldReasons(config.host, component))) {
      const fieldPath = `components.${index}.metadata.${key}` as const;
      errors[fieldPath] ??= reason;
    }
  });
  return errors;
}

/**
 * The files (without .yaml) the Azure CLI script writes beside the component files: on AKS the Deployment
 * patch and, for Workload ID, the ServiceAccount (generate/k8s-manifests.ts); on ACI the container group
 * (generate/aci-group.ts). The shell-safety test reads the generator's own list and checks this one.
 */
function scriptFileNames(config: WizardConfig): string[] {
  if (config.host === 'aks')
    return effectiveIdentity(config) === 'workload'
      ? ['deployment-patch', 'serviceaccount']
      : ['deployment-patch'];
  return config.host === 'aci' ? ['container-group'] : [];
}
