/**
 * The Dapr type of each component of a golden scenario, read from its hand-checked component file
 * (component-<name>.yaml, spec.type), so tests of what daprd reports compare against the known-good files
 * rather than against the generator's own reading of the plan.
 */
import { load } from 'js-yaml';
import { loadGoldenScenarios } from './golden';

export function goldenComponentTypes(scenario: string): { name: string; type: string }[] {
  const found = loadGoldenScenarios().find((candidate) => candidate.name === scenario);
  if (found === undefined) throw new Error(`No golden scenario ${scenario}`);
  return Object.entries(found.outputs)
    .filter(([file]) => /^component-.+\.yaml$/.test(file))
    .map(([file, text]) => {
      const document = load(text) as { metadata?: { name?: unknown }; spec?: { type?: unknown } } | undefined;
      const name = document?.metadata?.name;
      const type = document?.spec?.type;
      if (typeof name !== 'string' || typeof type !== 'string') {
        throw new Error(`${scenario}/${file} has no metadata.name or spec.type`);
      }
      return { name, type };
    });
}
