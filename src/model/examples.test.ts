import { describe, expect, it } from 'vitest';
import type { ComponentField } from '../catalog/component-spec';
import { COMPONENTS, COMPONENT_TYPES, componentVersions } from '../catalog/components';
import { HOST_IDS } from '../catalog/hosts';
import { NAMING_RULES } from '../catalog/naming-rules';
import { generate } from '../generate/index';
import { defaultComponent, defaultConfig, type WizardConfig } from './config';
import { fieldExample, heldExamples, holdsExample, HOST_FIELD_EXAMPLES } from './examples';
import { detailFields } from './fields';
import { parseShareLink, toShareHash } from './url-state';
import { validateConfig } from './validate';

/** Every host with each identity it offers. */
const HOST_CONFIGS: WizardConfig[] = HOST_IDS.flatMap((host): WizardConfig[] =>
  host === 'aks'
    ? (['workload', 'kubelet'] as const).map((aksIdentity) => ({ ...defaultConfig(), host, aksIdentity }))
    : (['system', 'user'] as const).map((identity) => ({ ...defaultConfig(), host, identity })),
);

describe('example values', () => {
  it.each(HOST_CONFIGS.map((config) => [`${config.host} ${config.identity}/${config.aksIdentity}`, config]))(
    'fill every required field on %s with a valid example (Container Instances: but its location)',
    (_, config) => {
      const errors = validateConfig(config);
      expect(Object.keys(errors)).toEqual(config.host === 'aci' ? ['location'] : []);
      const held = heldExamples(config).map((example) => example.path);
      expect(held).toEqual(
        detailFields(config)
          .map((field) => field.path)
          .filter((path) => fieldExample(config, path) !== undefined),
      );
      // Every required field but the real values (the namespace `default`, the component's name
      // `azurekeyvault`) and the location; the optional app id of VM and VMSS too, which the user may empty.
      const required = detailFields(config)
        .filter((field) => field.required)
        .map((field) => field.path)
        .filter((path) => !['location', 'namespace'].includes(path) && !path.endsWith('.name'));
      expect(held.filter((path) => !required.includes(path))).toEqual(
        config.host === 'vm' || config.host === 'vmss' ? ['appId'] : [],
      );
      expect(required.filter((path) => !held.includes(path))).toEqual([]);
    },
  );

  it('are plainly examples: each has an example part, but the secret store’s vault of Dapr’s docs', () => {
    const values = [
      ...Object.values(HOST_FIELD_EXAMPLES),
      ...COMPONENTS.flatMap((spec) => spec.fields.flatMap((field: ComponentField) => field.example ?? [])),
    ];
    expect(values.filter((value) => !/example/i.test(value))).toEqual(['mykeyvault']);
  });

  it('exist for every required component field, valid for its rule, and never for an optional one', () => {
    for (const spec of COMPONENTS) {
      for (const field of spec.fields as readonly ComponentField[]) {
        const where = `${spec.type} ${spec.version} ${field.key}`;
        if (!field.required) {
          expect(field.example, where).toBeUndefined();
          continue;
        }
        expect(field.example, where).toBeDefined();
        expect(NAMING_RULES[field.rule].pattern.test(field.example ?? ''), where).toBe(true);
      }
    }
  });

  it('build every output of every component at once, each marked', () => {
    for (const type of COMPONENT_TYPES) {
      for (const version of componentVersions(type)) {
        const config = {
          ...defaultConfig(),
          host: 'vm' as const,
          components: [defaultComponent(type, version)],
        };
        const output = generate(config);
        expect(output.pending, `${type} ${version}`).toEqual([]);
        const yaml = output.files.find((file) => file.id === 'component-yaml')?.text ?? '';
        expect(yaml.split('\n')[0], `${type} ${version}`).toMatch(/^# Example values, not yours/);
      }
    }
  });

  it('stop the script first, naming each field and value', () => {
    const script = generate(defaultConfig()).files.find((file) => file.id === 'cli-bash')?.text ?? '';
    // The blocks: header, values, shell options, the dry-run functions, then the steps.
    const blocks = script.split('\n\n');
    const firstStep = blocks[blocks.findIndex((block) => block.startsWith('# With DRY_RUN=1')) + 1] ?? '';
    expect(firstStep).toMatch(/^# Stop:/);
    for (const example of heldExamples(defaultConfig())) {
      expect(firstStep).toContain(`${example.label} (${example.value})`);
    }
    expect(firstStep.split('\n').at(-1)).toBe('exit 1');
  });

  it('stop being examples as soon as the value changes, even to an empty one', () => {
    const config = { ...defaultConfig(), resourceGroup: 'rg-orders' };
    expect(holdsExample(config, 'resourceGroup')).toBe(false);
    expect(holdsExample({ ...config, resourceGroup: '' }, 'resourceGroup')).toBe(false);
    expect(holdsExample(config, 'hostName')).toBe(true);
    expect(fieldExample(config, 'components.0.metadata.vaultName')).toBe('mykeyvault');
    expect(fieldExample(config, 'components.0.name')).toBeUndefined();
  });

  it('name the component in their label when there are several', () => {
    const config = {
      ...defaultConfig(),
      components: [
        defaultComponent('secretstores.azure.keyvault'),
        defaultComponent('state.azure.blobstorage'),
      ],
    };
    expect(heldExamples(config).map((example) => example.label)).toContain(
      'Storage account name of statestore',
    );
  });

  it('open the same way from a share link, written out or left out', () => {
    expect(toShareHash(defaultConfig())).toBe('');
    const spelledOut = `#resourceGroup=${HOST_FIELD_EXAMPLES.resourceGroup}&m.vaultName=mykeyvault`;
    expect(parseShareLink('', spelledOut).config).toEqual(defaultConfig());
    expect(parseShareLink('', '').config).toEqual(defaultConfig());
  });

  it('keep an emptied field empty through the share link', () => {
    const config = { ...defaultConfig(), host: 'vm' as const, appId: '' };
    const hash = toShareHash(config);
    expect(hash).toBe('host=vm&appId=');
    expect(parseShareLink('', `#${hash}`).config).toEqual(config);
  });
});
