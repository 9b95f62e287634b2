/**
 * Example values: the wizard opens with every required field filled, so every output shows from the first
 * second, but with values no one would take for their own (an `example` part in each name). A field whose
 * value equals its example is "still an example": the field says so, the component files carry a comment
 * naming it, and the setup script refuses to run until each is replaced (generate/setup/example-values.ts).
 * An empty optional field is never an example; optional fields start empty.
 */
import { componentSpec } from '../catalog/components';
import type { WizardConfig } from './config';
import { detailFields, fieldValue, type FieldPath, type FieldView } from './fields';
import { HOST_FIELD_EXAMPLES } from './host-field-examples';

export { HOST_FIELD_EXAMPLES };

/** The example value of the field at a path, if it has one. */
export function fieldExample(config: WizardConfig, path: FieldPath): string | undefined {
  const parts = path.split('.');
  if (parts[0] !== 'components') return (HOST_FIELD_EXAMPLES as Partial<Record<string, string>>)[path];
  if (parts[2] !== 'metadata') return undefined;
  const component = config.components[Number(parts[1])];
  if (!component) return undefined;
  const key = parts.slice(3).join('.');
  return componentSpec(component.type, component.version).fields.find((field) => field.key === key)?.example;
}

/** Whether the field still holds its example value. */
export function holdsExample(config: WizardConfig, path: FieldPath): boolean {
  const example = fieldExample(config, path);
  return example !== undefined && fieldValue(config, path) === example;
}

/** A field of this configuration that still holds its example value. */
export interface HeldExample {
  readonly path: FieldPath;
  /** As messages name it: the field's label, with its component's name when there are several. */
  readonly label: string;
  readonly value: string;
  /** Set on a component's fields: its position. */
  readonly componentIndex?: number;
  /** A component's metadata key, for the comment in its file. */
  readonly metadataKey?: string;
}

function labelOf(config: WizardConfig, field: FieldView): string {
  const component = field.componentIndex === undefined ? undefined : config.components[field.componentIndex];
  if (!component || config.components.length === 1) return field.label;
  return `${field.label} of ${component.name}`;
}

/** Every field this configuration asks for that still holds its example value, in the Details order. */
export function heldExamples(config: WizardConfig): HeldExample[] {
  return detailFields(config)
    .filter((field) => holdsExample(config, field.path))
    .map((field) => {
      const metadataKey = /^components\.\d+\.metadata\.(.+)$/.exec(field.path)?.[1];
      return {
        path: field.path,
        label: labelOf(config, field),
        value: fieldValue(config, field.path),
        ...(field.componentIndex === undefined ? {} : { componentIndex: field.componentIndex }),
        ...(metadataKey === undefined ? {} : { metadataKey }),
      };
    });
}
