import { describe, expect, it } from 'vitest';
import { generate } from '../generate/index';
import { heldExamples } from './examples';
import { setFieldValue } from './fields';
import { PRESETS } from './presets';
import { parseShareLink } from './url-state';
import { validateConfig } from './validate';

/** A value of the user's own in place of an example: same shape, so still valid for the field. */
const ownValue = (example: string): string =>
  example.replaceAll('example', 'own').replace('mykeyvault', 'kv-own');

describe('presets', () => {
  it('have distinct ids and links', () => {
    expect(new Set(PRESETS.map((preset) => preset.id)).size).toBe(PRESETS.length);
    expect(new Set(PRESETS.map((preset) => preset.hash)).size).toBe(PRESETS.length);
  });

  for (const preset of PRESETS) {
    it(`${preset.id} opens with every output built and only example values to replace`, () => {
      const { config, linkErrors } = parseShareLink('', `#${preset.hash}`);
      expect(linkErrors).toEqual({});
      expect(validateConfig(config)).toEqual({});
      expect(generate(config).pending).toEqual([]);
      const held = heldExamples(config);
      expect(held.length).toBeGreaterThan(0);
      // Once each example is replaced, nothing is left to fill in and the script no longer stops.
      const own = structuredClone(config);
      for (const example of held) setFieldValue(own, example.path, ownValue(example.value));
      expect(validateConfig(own)).toEqual({});
      expect(heldExamples(own)).toEqual([]);
    });
  }

  it('name the components they promise', () => {
    const types = (hash: string): string[] =>
      parseShareLink('', `#${hash}`).config.components.map((component) => component.type);
    const [aca, aks, vm] = PRESETS;
    expect(types(aca!.hash)).toEqual(['secretstores.azure.keyvault', 'pubsub.azure.servicebus.topics']);
    expect(parseShareLink('', `#${aks!.hash}`).config.aksIdentity).toBe('workload');
    expect(types(aks!.hash)).toEqual(['state.azure.blobstorage', 'pubsub.azure.servicebus.topics']);
    expect(types(vm!.hash)).toEqual(['secretstores.azure.keyvault']);
  });
});
