/**
 * Hostile values for the shell-safety test (src/generate/shell-safety.test.ts): text that means something to
 * Bash, printf, here-documents, YAML or a terminal, and configurations with every free-text field made of it
 * (validation bypassed).
 */
import fc from 'fast-check';
import { load } from 'js-yaml';
import { COMPONENTS, type ComponentType } from '../catalog/components';
import { type HostId } from '../catalog/hosts';
import { AKS_IDENTITY_KINDS, IDENTITY_KINDS } from '../catalog/identities';
import { defaultConfig, type ComponentConfig, type WizardConfig } from '../model/config';
import type { ComponentSpec } from '../catalog/component-spec';
import type { CapturedQuery } from './shell-stand-ins';
import { asBytes } from './shell-harness';

// ---------------------------------------------------------------------------------------------------------
// Arbitrary values.

/** Pieces that mean something to Bash, printf, here-documents, YAML or the reader's terminal. */
const FRAGMENTS = [
  "'",
  '"',
  '`',
  '\\',
  '$',
  '$(touch pwned)',
  '`touch pwned`',
  '${HOME}',
  '$((6*7))',
  '$PATH',
  "'; touch pwned; '",
  '"; touch pwned; "',
  '; touch pwned',
  '&& az pwned',
  '| touch pwned',
  '\ntouch pwned\n',
  '\r\ntouch pwned\r\n',
  '\n',
  '\r',
  '\t',
  ' ',
  '%s',
  '%d',
  '%n',
  '%%',
  '%b',
  '\\n',
  '\\c',
  '\\x41',
  '\\0101',
  '!',
  '!!',
  '*',
  '?',
  '[',
  '~',
  '#',
  '-',
  '--',
  '--query',
  '-o',
  'YAML',
  '\nYAML\n',
  'EOF',
  '<<',
  '>',
  '{a,b}',
  ': ',
  '- ',
  '&a',
  '*a',
  'null',
  'true',
  '0x1F',
  '1e3',
  '=',
  '👩‍💻',
  '🐉',
  'שלום',
  'مرحبا',
  '\u202e',
  '\u200f',
  '\u2028',
  '\u2029',
  '\u0085',
  '\ufeff',
  '\x7f',
  '\x1b[31m',
  '\x01',
];

const withoutNul = (text: string): string => text.replace(/\0/g, '');

const shortHostile = fc
  .oneof(
    {
      weight: 4,
      arbitrary: fc
        .array(
          fc.oneof(
            { weight: 3, arbitrary: fc.constantFrom(...FRAGMENTS) },
            { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 6 }) },
            { weight: 1, arbitrary: fc.string({ maxLength: 6 }) },
          ),
          { minLength: 1, maxLength: 8 },
        )
        .map((parts) => parts.join('')),
    },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 40 }) },
  )
  .map(withoutNul)
  .filter((text) => text !== '');

/** At most this many UTF-8 bytes, cut at a code point. */
function cutToBytes(text: string, bytes: number): string {
  const points = [...text];
  while (Buffer.byteLength(points.join('')) > bytes)
    points.splice(-Math.max(1, Math.floor(points.length / 8)));
  return points.join('');
}

/**
 * A long value: up to 6000 bytes. The Azure SQL statement repeats the identity name six times, doubling its
 * quotes, and Linux refuses any single argument over 128 kB (E2BIG), which is no quoting question.
 */
const longHostile = fc
  .tuple(fc.constantFrom(...FRAGMENTS, 'x'), fc.integer({ min: 200, max: 1500 }))
  .map(([fragment, count]) => cutToBytes(fragment.repeat(count), 6000));

/** Any value: mostly short hostile text, sometimes a long one. */
const hostile = fc.oneof({ weight: 8, arbitrary: shortHostile }, { weight: 1, arbitrary: longHostile });

/**
 * Whether a value the script writes into a YAML line with printf ('  value: %s', '    %s: {}') reads back as
 * itself. A captured id that Azure would never print (a '#', a ': ', a leading '*') breaks the YAML, which is
 * no quoting question; the answers that go into files are drawn from the values that survive.
 */
function survivesYamlLine(text: string): boolean {
  try {
    const asValue = JSON.stringify(load(`value: ${text}`));
    const asKey = JSON.stringify(load(`${text}: {}`));
    return asValue === JSON.stringify({ value: text }) && asKey === JSON.stringify({ [text]: {} });
  } catch {
    return false;
  }
}

/**
 * Text Bash changes when a variable holding it is left unquoted: word splitting on blanks, globbing (the
 * working directory holds "components"), yet each is a plain YAML scalar.
 */
const UNQUOTED_TRAPS = ['c*', 'compo?ents', 'comp[o]nents', 'x y', 'x  y', 'x\ty', 'x * y', 'a b c'];

/** A captured value the script also writes into a file: hostile, but a plain YAML scalar. */
const capturedForFile = fc.oneof(
  { weight: 1, arbitrary: fc.constantFrom(...UNQUOTED_TRAPS) },
  { weight: 2, arbitrary: hostile.map(asBytes).filter(survivesYamlLine) },
);
/** A captured value that only goes into command words: anything. */
const capturedForWords = fc.oneof(
  { weight: 1, arbitrary: fc.constantFrom(...UNQUOTED_TRAPS) },
  { weight: 2, arbitrary: hostile.map(asBytes) },
);

/**
 * Principal ids are lower-case GUIDs, and the script compares PostgreSQL's upper-case report of one in lower
 * case (ASCII only, as tr does): hostile ones stay hostile, in lower case.
 */
const principalForWords = capturedForWords.map((text) => text.replace(/[A-Z]/g, (c) => c.toLowerCase()));

/** What the stand-ins answer to the captured queries: resource ids and client ids end up in files. */
export const capturedAnswers: fc.Arbitrary<Record<CapturedQuery, string>> = fc.record({
  // A resource id is never empty (the function app's check stops on an empty environment id).
  id: capturedForFile.filter((text) => text.replace(/\n+$/, '') !== ''),
  principalId: principalForWords,
  systemAssignedIdentity: principalForWords,
  'identity.principalId': principalForWords,
  'identityProfile.kubeletidentity.objectId': principalForWords,
  'oidcIssuerProfile.issuerUrl': capturedForWords,
  'user.name': capturedForWords,
  accessToken: capturedForWords,
  clientId: capturedForFile,
});

const optional = (value: fc.Arbitrary<string>): fc.Arbitrary<string> =>
  fc.oneof({ weight: 1, arbitrary: fc.constant('') }, { weight: 3, arbitrary: value });

/** Names become file names (components/<name>.yaml): no '/', and short enough for the file system. */
const componentName = shortHostile
  .map((text) => {
    return cutToBytes(text.replace(/\//g, '|'), 200);
  })
  .filter((name) => name !== '');

/**
 * A resource's name is its field's first DNS label: a value starting with '.', ':' or '/' names nothing,
 * and the script (valid input never does this) would stop at the unset variable. Such fields get a letter first.
 */
function resourceFields(spec: ComponentSpec): Map<string, 'value' | 'first-label'> {
  return new Map(spec.resources.map((resource) => [resource.field, resource.nameFrom]));
}

function componentArbitrary(spec: ComponentSpec): fc.Arbitrary<ComponentConfig> {
  const named = resourceFields(spec);
  const metadata = Object.fromEntries(
    spec.fields.map((field) => {
      const nameFrom = named.get(field.key);
      const value =
        nameFrom === 'first-label'
          ? hostile.map((text) => `a${text}`)
          : nameFrom === 'value' || field.required
            ? hostile
            : optional(hostile);
      // The Cosmos DB partition key is compared with the container's path the stand-in prints: as for the
      // client id, $(...) drops trailing newlines, so no answer could match one (the page refuses line
      // breaks in every field: model/validate.ts).
      return [
        field.key,
        field.key === 'partitionKey' ? value.map((text) => text.replace(/\n+$/, '')) : value,
      ];
    }),
  );
  const choices = Object.fromEntries(
    (spec.choices ?? []).map((choice) => [
      choice.key,
      fc.constantFrom(...choice.options.map((option) => option.id)),
    ]),
  );
  return fc
    .record({
      name: componentName,
      resourceGroup: optional(hostile),
      metadata: fc.record(metadata),
      choices: fc.record(choices),
    })
    .map((parts) => ({ type: spec.type as ComponentType, version: spec.version, ...parts }));
}

const specOf = (type: string, version?: string): ComponentSpec => {
  const spec = COMPONENTS.find(
    (candidate) => candidate.type === type && (version === undefined || candidate.version === version),
  );
  if (!spec) throw new Error(`no catalog entry ${type} ${version ?? ''}`);
  return spec;
};

const KEY_VAULT = specOf('secretstores.azure.keyvault');
const SERVICE_BUS = specOf('pubsub.azure.servicebus.topics');
const POSTGRES = specOf('state.postgresql', 'v2');
const AZURE_SQL = specOf('state.sqlserver', 'v2');
const REDIS = specOf('state.redis');

const mixOf = (...specs: ComponentSpec[]): fc.Arbitrary<ComponentConfig[]> =>
  fc.tuple(...specs.map(componentArbitrary));

/** The named mixes, and any one to four components of the catalog. */
const components: fc.Arbitrary<ComponentConfig[]> = fc
  .oneof(
    mixOf(KEY_VAULT),
    mixOf(SERVICE_BUS),
    mixOf(POSTGRES),
    mixOf(AZURE_SQL),
    mixOf(REDIS),
    mixOf(KEY_VAULT, SERVICE_BUS, POSTGRES, AZURE_SQL, REDIS),
    fc.array(
      fc.constantFrom(...COMPONENTS).chain((spec) => componentArbitrary(spec)),
      { minLength: 1, maxLength: 4 },
    ),
  )
  // One file per component: two components of one name are a validation error, not a quoting question.
  .filter((list) => new Set(list.map((component) => component.name)).size === list.length);

/** A configuration with every free-text field hostile, built directly: validation is bypassed. */
export function configArbitrary(host: HostId): fc.Arbitrary<WizardConfig> {
  return fc
    .record({
      identity: fc.constantFrom(...IDENTITY_KINDS),
      aksIdentity: fc.constantFrom(...AKS_IDENTITY_KINDS),
      resourceGroup: hostile,
      subscription: optional(hostile),
      location: host === 'aci' ? hostile : optional(hostile),
      hostName: hostile,
      environment: hostile,
      namespace: hostile,
      serviceAccount: hostile,
      deployment: hostile,
      // A function app's Dapr app id is compared with the one the stand-in prints: as for the client id,
      // $(...) drops trailing newlines.
      appId:
        host === 'functionapp' || host === 'aca'
          ? hostile.map((text) => text.replace(/\n+$/, ''))
          : host === 'aks' || host === 'aci' || host === 'webapp'
            ? hostile
            : optional(hostile),
      identityName: hostile,
      // The stand-in prints the typed id; $(...) would drop trailing newlines from any real output too.
      clientId: optional(hostile.map((text) => text.replace(/\n+$/, '')).filter((text) => text !== '')),
      image: hostile,
      appPort: optional(hostile),
      dnsNameLabel: optional(hostile),
      envVars: optional(hostile),
      components,
    })
    .map((fields) => ({ ...defaultConfig(), host, ...fields }));
}
