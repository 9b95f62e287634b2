import { describe, expect, it } from 'vitest';
import { generate } from '../generate/index';
import { PRESETS } from './presets';
import { parseShareLink } from './url-state';
import { validateConfig } from './validate';

describe('presets', () => {
  it('have distinct ids and links', () => {
    expect(new Set(PRESETS.map((preset) => preset.id)).size).toBe(PRESETS.length);
    expect(new Set(PRESETS.map((preset) => preset.hash)).size).toBe(PRESETS.length);
  });

  for (const preset of PRESETS) {
    it(`${preset.id} opens with no complaint about the link`, () => {
      const { config, linkErrors } = parseShareLink('', `#${preset.hash}`);
      expect(linkErrors).toEqual({});
      if (preset.hash === 'host=vm') {
        // The seed of Dapr's page: its component YAML at once, the script once the names are given.
        expect(generate(config).files.map((file) => file.id)).toEqual(['component-yaml']);
      } else {
        expect(validateConfig(config)).toEqual({});
        expect(generate(config).pending).toEqual([]);
      }
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
