import { componentSpec } from '../catalog/components';
import type { WizardConfig } from '../model/config';
import { detailFields, type FieldPath } from '../model/fields';

/** The label the Details step shows for a field, with its component's name, for messages that name it. */
export function detailFieldLabel(config: WizardConfig, path: FieldPath): string {
  const version = /^components\.(\d+)\.version$/.exec(path);
  if (version) {
    // Chosen on the Components step, not in Details.
    const component = config.components[Number(version[1])];
    return config.components.length === 1 || !component ? 'Version' : `Version of ${component.name}`;
  }
  const field = detailFields(config).find((candidate) => candidate.path === path);
  if (!field) return path;
  const component = field.componentIndex === undefined ? undefined : config.components[field.componentIndex];
  if (!component || config.components.length === 1) return field.label;
  return `${field.label} of ${component.name || componentSpec(component.type, component.version).title}`;
}
