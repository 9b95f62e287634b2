/** The one YAML serializer: js-yaml with fixed options, so every file is formatted the same way. */
import { dump } from 'js-yaml/dumper';

/**
 * Block style, sequences not indented under their key (the style of the Dapr docs' examples), no line
 * folding, double quotes where a string needs quoting (e.g. "true" stays a string).
 */
export function toYaml(value: unknown): string {
  return dump(value, { noArrayIndent: true, lineWidth: -1, noRefs: true, quotingType: '"' });
}
