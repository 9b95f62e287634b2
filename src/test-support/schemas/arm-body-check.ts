/**
 * A plain value (a parsed YAML document) checked as a request body against an ArmNode: the model an @azure/arm-*
 * SDK package generates from the REST API spec (src/test-support/iac/arm-models.ts has the node's shape).
 *
 * What counts as a problem: a key the model does not have (the CLIs drop unknown keys without a word, so a
 * misspelt key is silently lost), a read-only key (the server ignores or rejects it), a missing required key, a
 * value of the wrong JSON type, and a string outside a closed enum or outside the values an extensible enum
 * lists (the API may take others, but for the values the wizard writes an unlisted one is a typo).
 */
import type { ArmNode } from '../iac/arm-models';

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function checkObject(path: string, value: Record<string, unknown>, node: ArmNode): string[] {
  const properties = node.properties ?? {};
  const problems: string[] = [];
  for (const [key, child] of Object.entries(value)) {
    const property = properties[key];
    const where = `${path}.${key}`;
    if (!property) {
      problems.push(`${where}: not a property of the model (it has ${Object.keys(properties).join(', ')})`);
    } else if (property.readOnly) {
      problems.push(`${where}: read-only in the model, set by the service`);
    } else {
      problems.push(...checkArmBody(where, child, property));
    }
  }
  for (const [key, property] of Object.entries(properties)) {
    if (property.required && !property.readOnly && !(key in value))
      problems.push(`${path}.${key}: required by the model, missing`);
  }
  return problems;
}

/** Problems with `value` as the model `node` at `path` (`$` for the document); empty when it fits. */
export function checkArmBody(path: string, value: unknown, node: ArmNode): string[] {
  const wrongType = (expected: string): string[] => [
    `${path}: ${typeName(value)}, the model has ${expected}`,
  ];
  switch (node.kind) {
    case 'any':
      return [];
    case 'string': {
      if (typeof value !== 'string') return wrongType('a string');
      if (node.constant !== undefined && value !== node.constant)
        return [`${path}: "${value}", the model fixes it to ${JSON.stringify(node.constant)}`];
      const allowed = node.enum ?? node.known;
      if (allowed && !allowed.includes(value))
        return [
          `${path}: "${value}" is not one of the model's values ${allowed.map((v) => JSON.stringify(v)).join(', ')}`,
        ];
      return [];
    }
    case 'number':
      return typeof value === 'number' ? [] : wrongType('a number');
    case 'boolean':
      return typeof value === 'boolean' ? [] : wrongType('a boolean');
    case 'array':
      if (!Array.isArray(value)) return wrongType('an array');
      return value.flatMap((item, index) =>
        node.items ? checkArmBody(`${path}[${index}]`, item, node.items) : [],
      );
    case 'map':
      if (!isPlainObject(value)) return wrongType('a map');
      return Object.entries(value).flatMap(([key, item]) =>
        node.items ? checkArmBody(`${path}["${key}"]`, item, node.items) : [],
      );
    case 'object':
      return isPlainObject(value) ? checkObject(path, value, node) : wrongType('an object');
    default: {
      const unhandled: never = node.kind;
      throw new Error(`unhandled ArmNode kind ${String(unhandled)}`);
    }
  }
}
