/**
 * No output carries a tenant id, a secret or a certificate: checked through generate(), the page's own entry
 * point, for every catalog component (every field filled, every answer to its choices) on every host and
 * identity, with the client id typed and looked up. A wrong fact in one component's entry fails here even when
 * the golden files were rewritten to match it.
 */
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { COMPONENTS, type ComponentType } from '../catalog/components';
import type { ComponentField, ComponentSpec } from '../catalog/component-spec';
import { HOST_IDS, type HostId } from '../catalog/hosts';
import { AKS_IDENTITY_KINDS, IDENTITY_KINDS } from '../catalog/identities';
import { NAMING_RULES, type NamingRuleId } from '../catalog/naming-rules';
import { defaultConfig, type ComponentConfig, type WizardConfig } from '../model/config';
import { NEVER_EMITTED } from '../test-support/never-emitted';
import { generate, type OutputFile } from './index';
import { unreadFieldReasons, versionUnavailableReason } from '../model/host-dapr';

/** A valid value for the rules whose fields carry neither a placeholder nor an example. */
const SAMPLE_BY_RULE: Partial<Record<NamingRuleId, string>> = {
  duration: '30s',
  boolean: 'true',
  integer: '5',
  sqlIdentifier: 'dapr_state',
  text: 'orders',
};

function sampleFor(field: ComponentField): string {
  const value = field.placeholder ?? field.example ?? SAMPLE_BY_RULE[field.rule];
  if (value === undefined) throw new Error(`no sample for ${field.key} (rule ${field.rule})`);
  return value;
}

/** Every combination of the component's choice answers. */
function answerSets(spec: ComponentSpec): Record<string, string>[] {
  return (spec.choices ?? []).reduce<Record<string, string>[]>(
    (all, choice) =>
      all.flatMap((partial) => choice.options.map((option) => ({ ...partial, [choice.key]: option.id }))),
    [{}],
  );
}

/** The component with every field filled, once per combination of answers. */
function filledComponents(spec: ComponentSpec): ComponentConfig[] {
  const metadata = Object.fromEntries(spec.fields.map((field) => [field.key, sampleFor(field)]));
  return answerSets(spec).map((choices) => ({
    type: spec.type as ComponentType,
    version: spec.version,
    name: spec.defaultName,
    resourceGroup: '',
    metadata,
    choices,
  }));
}

/** Valid host values, on every host and identity, with the client id typed and left for the script. */
function hostConfigs(): WizardConfig[] {
  return HOST_IDS.flatMap((host: HostId) =>
    (host === 'aks' ? AKS_IDENTITY_KINDS : IDENTITY_KINDS).flatMap((kind) =>
      ['', '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b'].map((clientId): WizardConfig => ({
        ...defaultConfig(),
        host,
        ...(host === 'aks' ? { aksIdentity: kind as WizardConfig['aksIdentity'] } : {}),
        ...(host === 'aks' ? {} : { identity: kind as WizardConfig['identity'] }),
        resourceGroup: 'rg-orders',
        location: 'westeurope',
        hostName: 'orders',
        environment: 'env-orders',
        serviceAccount: 'orders-sa',
        appId: 'orders-api',
        identityName: 'id-orders',
        clientId,
        image: 'nginx',
        appPort: '8080',
      })),
    ),
  );
}

/** The metadata names of one component file: Dapr's Component (spec.metadata) or Container Apps' (metadata). */
function metadataNames(file: OutputFile): string[] {
  const document = load(file.text) as { spec?: { metadata?: unknown }; metadata?: unknown };
  const items = Array.isArray(document.spec?.metadata) ? document.spec.metadata : document.metadata;
  if (!Array.isArray(items)) throw new Error(`${file.fileName} has no metadata list:\n${file.text}`);
  return items.map((item) => (item as { name: string }).name);
}

const FORBIDDEN_LINE = new RegExp(`\\bname: (?:${NEVER_EMITTED.join('|')})\\b`);

describe('no output carries a tenant id, a secret or a certificate', () => {
  it('has a valid sample for every field it fills', () => {
    for (const spec of COMPONENTS)
      for (const field of spec.fields)
        expect(NAMING_RULES[field.rule].pattern.test(sampleFor(field)), `${spec.type} ${field.key}`).toBe(
          true,
        );
  });

  for (const spec of COMPONENTS as readonly ComponentSpec[]) {
    it(`${spec.type} ${spec.version}, on every host and identity`, () => {
      for (const host of hostConfigs()) {
        for (const filled of filledComponents(spec)) {
          // A version the host cannot load yields no file (its error says why); a field the host's Dapr
          // does not read is an error too, so it is left empty there.
          if (versionUnavailableReason(host.host, filled) !== undefined) {
            const withheld = generate({ ...host, components: [filled] }).files;
            expect(withheld.filter((file) => file.id === 'component-yaml')).toEqual([]);
            continue;
          }
          const unread = unreadFieldReasons(host.host, filled);
          const metadata = Object.fromEntries(
            Object.entries(filled.metadata).filter(([key]) => !(key in unread)),
          );
          const component = { ...filled, metadata };
          const config = { ...host, components: [component] };
          const where = `${config.host}/${config.host === 'aks' ? config.aksIdentity : config.identity} ${JSON.stringify(component.choices)} clientId=${config.clientId || 'looked up'}`;
          const output = generate(config);
          const files = output.files.filter((file) => file.id === 'component-yaml');
          // Every value above is valid, so the file must be there: a blocked output would check nothing.
          expect(files.length, `${where}: ${JSON.stringify(output.pending)}`).toBe(1);
          for (const file of files)
            expect(
              metadataNames(file).filter((name) => NEVER_EMITTED.includes(name)),
              where,
            ).toEqual([]);
          // The script writes the same files from here-documents; the manifests carry no metadata of their own.
          for (const file of output.files)
            expect(
              file.text.split('\n').filter((line) => FORBIDDEN_LINE.test(line)),
              `${where} ${file.id}`,
            ).toEqual([]);
        }
      }
    });
  }
});
