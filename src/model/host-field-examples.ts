/** The example values of the host's fields (see ./examples.ts); apart, so config.ts can read them without a cycle. */
import type { TextFieldId } from './fields';

/**
 * The examples of the host's fields, the same on every host (each valid for every host's naming rule:
 * examples.test.ts). Location has none: no region name looks like an example, and it is optional but on
 * Container Instances. The component fields' examples are in their catalog entries (`example`).
 */
export const HOST_FIELD_EXAMPLES = {
  resourceGroup: 'example-rg',
  hostName: 'example-app',
  environment: 'example-env',
  identityName: 'example-identity',
  serviceAccount: 'example-sa',
  deployment: 'example-app',
  appId: 'example-app',
  image: 'example.azurecr.io/example-app:1.0',
} as const satisfies Partial<Record<TextFieldId, string>>;
