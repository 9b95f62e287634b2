/**
 * Share links are data. Whatever a link holds (any text, broken percent-encoding, prototype keys, keys for
 * components that do not exist, huge values), reading it never throws and yields only what the wizard
 * knows: catalog hosts, identities, components, versions, choices and declared metadata. And every
 * configuration the wizard can hold survives the trip through its own link.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { COMPONENTS, COMPONENT_TYPES, componentSpec, componentVersions } from '../catalog/components';
import type { ComponentSpec } from '../catalog/component-spec';
import { CLOUD_IDS } from '../catalog/clouds';
import { HOST_IDS } from '../catalog/hosts';
import { AKS_IDENTITY_KINDS, IDENTITY_KINDS } from '../catalog/identities';
import { generate } from '../generate/index';
import { defaultConfig, type ComponentConfig, type WizardConfig } from './config';
import { detailFields } from './fields';
import {
  COMPONENT_KEYS,
  MAX_COMPONENTS,
  parseShareLink,
  TEXT_KEYS,
  toShareHash,
  type ParsedLink,
} from './url-state';

const SPECS: readonly ComponentSpec[] = COMPONENTS;
const CHOICE_KEYS = [...new Set(SPECS.flatMap((spec) => (spec.choices ?? []).map((choice) => choice.key)))];
const FIELD_KEYS = [...new Set(SPECS.flatMap((spec) => spec.fields.map((field) => field.key)))];
const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf'];
const MAX_VALUE_LENGTH = 1000;
const RUNS = 300;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

// ---------------------------------------------------------------------------------------------------------
// Hostile links.

/** Percent-encoding a decoder may choke on: cut sequences, overlong forms, surrogates, non-hex digits. */
const BROKEN_ENCODINGS = [
  '%',
  '%%',
  '%E0%A4%A',
  '%E0%A4',
  '%zz',
  '%C0%80',
  '%ED%A0%80',
  '%FF%FE',
  '%F4%90%80%80',
  '%00',
  '%2',
  '%u0041',
  '%25',
  '%26',
  '%3D',
  '%23',
];

const prefixes = fc.oneof(
  fc.constant(''),
  fc.integer({ min: -1, max: 1000 }).map((n) => `c${n}.`),
  fc.constantFrom('c999.', 'c01.', 'c2..', 'C2.', 'c.', 'c1e1.', '__proto__.', 'm.'),
);

/** Keys the wizard reads, keys it must ignore, and anything else. */
const linkKey = fc.oneof(
  fc.constantFrom('cloud', 'host', 'identity', 'aksIdentity', ...TEXT_KEYS, ...PROTOTYPE_KEYS),
  fc
    .tuple(
      prefixes,
      fc.oneof(
        fc.constantFrom(...COMPONENT_KEYS, ...CHOICE_KEYS, ...PROTOTYPE_KEYS),
        fc.constantFrom(...FIELD_KEYS, ...PROTOTYPE_KEYS, 'azureTenantId', 'x').map((key) => `m.${key}`),
      ),
    )
    .map(([prefix, key]) => prefix + key),
  fc.string({ unit: 'binary', maxLength: 12 }),
);

/** Values the wizard accepts for some key, markup and shell text, huge values, and anything else. */
const linkValue = fc.oneof(
  fc.constantFrom(
    ...HOST_IDS,
    ...IDENTITY_KINDS,
    ...AKS_IDENTITY_KINDS,
    ...COMPONENT_TYPES,
    'v1',
    'v2',
    'v9',
    'rbac',
    'accesspolicy',
    '<script>alert(1)</script>',
    '$(rm -rf ~)',
    '1',
    'true',
    '',
  ),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.string({ maxLength: 30 }),
  fc.constantFrom(...BROKEN_ENCODINGS),
  // A leading 'x' puts an emoji's first half at the cut.
  fc
    .tuple(
      fc.constantFrom('', 'x'),
      fc.constantFrom('x', '🐉', '%E0%A4%A', 'é'),
      fc.integer({ min: 500, max: 60_000 }),
    )
    .map(([lead, unit, count]) => lead + unit.repeat(count)),
);

/** Each pair written raw, percent-encoded, or half and half. */
const pair = fc
  .tuple(linkKey, linkValue, fc.constantFrom('raw', 'encoded', 'value-encoded'))
  .map(([key, value, style]) =>
    style === 'raw'
      ? `${key}=${value}`
      : style === 'encoded'
        ? `${encodeURIComponent(key)}=${encodeURIComponent(value)}`
        : `${key}=${encodeURIComponent(value)}`,
  );

const structuredLink = fc
  .tuple(
    fc.constantFrom('', '#', '?', '##'),
    fc.array(pair, { maxLength: 30 }),
    fc.constantFrom('&', ';', '&&'),
  )
  .map(([lead, pairs, separator]) => lead + pairs.join(separator));

/** A whole link part: structured pairs, plain strings, or one of the known troublemakers. */
const linkPart = fc.oneof(
  { weight: 4, arbitrary: structuredLink },
  { weight: 1, arbitrary: fc.string({ unit: 'binary' }) },
  { weight: 1, arbitrary: fc.string() },
  {
    weight: 1,
    arbitrary: fc.constantFrom('#%', '%', '#=', '#&&&', '#=x', '#__proto__[x]=1', ...BROKEN_ENCODINGS),
  },
);

/** Everything a parsed link may hold. */
function expectOnlyKnownValues({ config, linkErrors }: ParsedLink): void {
  expect(Object.getPrototypeOf(config)).toBe(Object.prototype);
  expect(Object.keys(config).sort()).toEqual(Object.keys(defaultConfig()).sort());
  expect(CLOUD_IDS).toContain(config.cloud);
  expect(HOST_IDS).toContain(config.host);
  expect(IDENTITY_KINDS).toContain(config.identity);
  expect(AKS_IDENTITY_KINDS).toContain(config.aksIdentity);
  for (const key of TEXT_KEYS) {
    expect(typeof config[key]).toBe('string');
    expect(config[key].length).toBeLessThanOrEqual(MAX_VALUE_LENGTH);
    // Well-formed text: a lone surrogate would turn into U+FFFD in the link the page writes back.
    expect(config[key]).not.toMatch(LONE_SURROGATE);
  }
  expect(config.components.length).toBeGreaterThanOrEqual(1);
  expect(config.components.length).toBeLessThanOrEqual(MAX_COMPONENTS);
  for (const component of config.components) {
    expect(COMPONENT_TYPES).toContain(component.type);
    expect(componentVersions(component.type)).toContain(component.version);
    const spec = componentSpec(component.type, component.version);
    expect(Object.keys(component).sort()).toEqual(
      ['choices', 'metadata', 'name', 'resourceGroup', 'type', 'version'].sort(),
    );
    expect(Object.getPrototypeOf(component.metadata)).toBe(Object.prototype);
    expect(Object.keys(component.metadata).sort()).toEqual(spec.fields.map((field) => field.key).sort());
    for (const value of [component.name, component.resourceGroup, ...Object.values(component.metadata)]) {
      expect(typeof value).toBe('string');
      expect(value.length).toBeLessThanOrEqual(MAX_VALUE_LENGTH);
      expect(value).not.toMatch(LONE_SURROGATE);
    }
    const choices = spec.choices ?? [];
    expect(Object.keys(component.choices).sort()).toEqual(choices.map((choice) => choice.key).sort());
    for (const choice of choices) {
      expect(choice.options.map((option) => option.id)).toContain(component.choices[choice.key]);
    }
  }
  // Complaints only about the keys whose values have a fixed list, each a plain sentence.
  const listKeys = new RegExp(
    `^(cloud|host|identity|aksIdentity|(c\\d+\\.)?(component|version|${CHOICE_KEYS.join('|')}))$`,
  );
  for (const [key, message] of Object.entries(linkErrors)) {
    expect(key).toMatch(listKeys);
    expect(typeof message).toBe('string');
  }
}

describe('a share link of any content', () => {
  it('is read without throwing, into known values only, and generates without throwing', () => {
    fc.assert(
      fc.property(linkPart, linkPart, (search, hash) => {
        const parsed = parseShareLink(search, hash);
        expectOnlyKnownValues(parsed);
        const output = generate(parsed.config);
        // The script appears only for a configuration without errors.
        const script = output.files.some((file) => file.id === 'cli-bash');
        expect(script).toBe(Object.keys(output.errors).length === 0);
      }),
      { numRuns: RUNS },
    );
  }, 60_000);

  it('reads the troublemakers named in the brief', () => {
    const links = [
      '#%',
      '#host=1',
      '#c2.component=<script>',
      '#c999.component=state.redis',
      '#__proto__=x&constructor=y&c2.__proto__=z&m.__proto__=1&prototype=2',
      `#m.vaultName=${'x'.repeat(50_000)}`,
      '#resourceGroup=%E0%A4%A',
      `#resourceGroup=${'x'.repeat(999)}🐉&c2.component=state.redis&c2.m.redisHost=${'x'.repeat(999)}🐉`,
      '#m.vaultName=$(rm -rf ~)',
      `#${Array.from({ length: 30 }, (_, i) => `c${i + 1}.component=state.redis`).join('&')}`,
    ];
    for (const link of links) {
      const parsed = parseShareLink('', link);
      expectOnlyKnownValues(parsed);
      expect(() => generate(parsed.config)).not.toThrow();
    }
    expect(parseShareLink('', links.at(-1) ?? '').config.components).toHaveLength(MAX_COMPONENTS);
  });

  it('reads the same after the page rewrites it (the address bar holds toShareHash of what was read)', () => {
    fc.assert(
      fc.property(linkPart, linkPart, (search, hash) => {
        const { config } = parseShareLink(search, hash);
        const again = parseShareLink('', `#${toShareHash(config)}`);
        expect(again.linkErrors).toEqual({});
        expect(again.config).toEqual(asked(config));
      }),
      { numRuns: RUNS },
    );
  }, 60_000);
});

/** The configuration as its link carries it: top-level text the configuration does not ask for is default. */
function asked(config: WizardConfig): WizardConfig {
  const paths = new Set<string>(detailFields(config).map((field) => field.path));
  const defaults = defaultConfig();
  const out: WizardConfig = { ...config };
  for (const key of TEXT_KEYS) if (!paths.has(key)) out[key] = defaults[key];
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Round trip.

/**
 * Text as the wizard holds it: any code points (no lone surrogates, which no input produces), at most the
 * link's 1000 UTF-16 units.
 */
const text = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ maxLength: 40 }),
  fc.constantFrom('', ' ', '+', '%20', '%', '&', '=', '#', '?', 'a&b=c', '\n', '🐉', 'mykeyvault', 'default'),
  fc.string({ unit: 'grapheme-ascii', minLength: 900, maxLength: MAX_VALUE_LENGTH }),
);

function componentArbitrary(spec: ComponentSpec): fc.Arbitrary<ComponentConfig> {
  return fc
    .record({
      name: fc.oneof(fc.constant(spec.defaultName), text),
      resourceGroup: text,
      metadata: fc.record(
        Object.fromEntries(
          spec.fields.map((field) => [field.key, fc.oneof(fc.constant(field.example ?? ''), text)]),
        ),
      ),
      choices: fc.record(
        Object.fromEntries(
          (spec.choices ?? []).map((choice) => [
            choice.key,
            fc.constantFrom(...choice.options.map((option) => option.id)),
          ]),
        ),
      ),
    })
    .map((parts) => ({ type: spec.type as ComponentConfig['type'], version: spec.version, ...parts }));
}

/** Any configuration the wizard can hold: the catalog's choices, 1 to MAX_COMPONENTS components, any text. */
const wizardConfig: fc.Arbitrary<WizardConfig> = fc
  .record({
    cloud: fc.constantFrom(...CLOUD_IDS),
    host: fc.constantFrom(...HOST_IDS),
    identity: fc.constantFrom(...IDENTITY_KINDS),
    aksIdentity: fc.constantFrom(...AKS_IDENTITY_KINDS),
    text: fc.record(
      Object.fromEntries(TEXT_KEYS.map((key) => [key, text])) as Record<
        (typeof TEXT_KEYS)[number],
        fc.Arbitrary<string>
      >,
    ),
    components: fc.oneof(
      fc.array(fc.constantFrom(...COMPONENTS).chain(componentArbitrary), { minLength: 1, maxLength: 4 }),
      fc.array(fc.constantFrom(...COMPONENTS).chain(componentArbitrary), {
        minLength: MAX_COMPONENTS - 1,
        maxLength: MAX_COMPONENTS,
      }),
    ),
  })
  // The link carries the top-level text fields the configuration asks for; the others stay default.
  .map(({ text: values, ...rest }) => asked({ ...defaultConfig(), ...values, ...rest }));

describe('a configuration the wizard can hold', () => {
  it('comes back unchanged from its share link', () => {
    fc.assert(
      fc.property(wizardConfig, (config) => {
        const hash = toShareHash(config);
        expect(hash).not.toMatch(/\+/);
        expect(parseShareLink('', `#${hash}`)).toEqual({ config, linkErrors: {} });
      }),
      { numRuns: RUNS },
    );
  }, 60_000);
});
