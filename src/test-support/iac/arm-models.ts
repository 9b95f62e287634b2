// The shape of arm-models.json, written by scripts/extract-arm-models.ts from the @azure/arm-* SDK packages'
// operation specs and serializer mappers.
import modelsFile from './arm-models.json';

/** One value in a request body model: its kind, and what the REST API spec says of it. */
export type ArmNode = {
  kind: 'string' | 'number' | 'boolean' | 'object' | 'array' | 'map' | 'any';
  required?: boolean;
  readOnly?: boolean;
  constant?: unknown;
  /** Allowed values of a closed enum (x-ms-enum with modelAsString false). */
  enum?: string[];
  /** The values an extensible enum lists (x-ms-enum with modelAsString true): the API may take others. */
  known?: string[];
  properties?: Record<string, ArmNode>;
  /** The element of an array, or the value of a map. */
  items?: ArmNode;
};

/** A resource type: the SDK package and API version that model it, and its PUT body when the output creates it. */
export type ArmResourceType = { package: string; apiVersion: string; model?: string; body?: ArmNode };

export type ArmModelsFile = {
  generatedBy: string;
  packages: Record<string, { version: string; apiVersions: string[] }>;
  resourceTypes: Record<string, ArmResourceType>;
};

/** The checked-in extract. */
export const armModels = modelsFile as ArmModelsFile;
