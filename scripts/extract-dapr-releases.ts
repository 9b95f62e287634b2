/**
 * Reads dapr/dapr and dapr/components-contrib (bare git clones) at every minor release tag and writes, for
 * each component version the catalog offers, the facts src/catalog/dapr-versions.test.ts checks the catalog
 * against, into src/test-support/dapr-releases.json:
 * - registered: the first v1.N.0 whose cmd/daprd registers the type and version (cmd/daprd/components/*.go,
 *   cmd/daprd/main.go before v1.9.0);
 * - entraId: the first v1.N.0 whose components-contrib (the version its go.mod pins) has the Entra ID code
 *   the catalog entry relies on (PROBES below);
 * - status: the `status` of the component's metadata.yaml in the components-contrib the newest tag pins;
 * - fields: for catalog fields with a minimum, the first v1.N.0 whose metadata.yaml lists the field.
 * Usage: DAPR_GIT=<dapr.git> CONTRIB_GIT=<components-contrib.git> npx tsx scripts/extract-dapr-releases.ts
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { COMPONENTS } from '../src/catalog/components';

const DAPR_GIT = process.env.DAPR_GIT ?? '/work/.mirror/dapr+dapr/repo';
const CONTRIB_GIT = process.env.CONTRIB_GIT ?? '/work/.mirror/dapr+components-contrib/repo';
const LAST_MINOR = 18;
const TAGS = Array.from({ length: LAST_MINOR + 1 }, (_, minor) => `v1.${minor}.0`);

function git(repo: string, ...args: string[]): string {
  try {
    return execFileSync('git', ['-C', repo, ...args], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
  } catch {
    return '';
  }
}

/** Building block of a registration file: binding_azure_eventhubs.go -> bindings. */
function fileBlock(file: string): string {
  const base = file.slice(file.lastIndexOf('/') + 1);
  const block = base.split('_')[0] ?? '';
  return block === 'binding' ? 'bindings' : block;
}

/** "state.sqlserver v2" for every type and version a release registers. */
function registrations(tag: string): Set<string> {
  const found = new Set<string>();
  const files = git(DAPR_GIT, 'ls-tree', '--name-only', tag, 'cmd/daprd/components/')
    .split('\n')
    .filter((file) => file.endsWith('.go') && !file.endsWith('_test.go'));
  if (files.length === 0) {
    // Before v1.9.0 every component is registered in main.go: state_loader.New("redis", ...).
    const main = git(DAPR_GIT, 'show', `${tag}:cmd/daprd/main.go`);
    for (const match of main.matchAll(/(\w+)_loader\.New(?:Input|Output)?\("([^"]+)"/g))
      found.add(`${match[1]}.${match[2]} v1`);
    return found;
  }
  for (const file of files) {
    const block = fileBlock(file);
    const source = git(DAPR_GIT, 'show', `${tag}:${file}`);
    const init = source.slice(source.indexOf('func init()'));
    const versioned = [...init.matchAll(/RegisterComponentWithVersions\("([^"]+)",([\s\S]*?)\n\t\}\)/g)];
    for (const match of versioned) {
      for (const version of (match[2] ?? '').matchAll(/Version: "(v\d+)"/g))
        found.add(`${block}.${match[1]} ${version[1]}`);
    }
    if (versioned.length > 0) continue;
    // Unversioned: every string literal of the Register calls is a name (aliases included), version v1.
    for (const name of init.matchAll(/"([a-z0-9][a-z0-9.-]*)"/g)) found.add(`${block}.${name[1]} v1`);
  }
  return found;
}

/** The components-contrib revision a dapr/dapr tag builds with (go.mod; a pseudo-version names a commit). */
function contribRef(tag: string): string {
  const goMod = git(DAPR_GIT, 'show', `${tag}:go.mod`);
  const version = /^\s*github\.com\/dapr\/components-contrib (\S+)/m.exec(goMod)?.[1] ?? '';
  return /-([0-9a-f]{12})$/.exec(version)?.[1] ?? version;
}

interface Probe {
  /** Where the Entra ID code lives across releases. */
  readonly paths: readonly string[];
  /** What marks it: the shared Azure auth import, or the metadata key the catalog emits. */
  readonly pattern: string;
  /** metadata.yaml directory, for status and field listings. */
  readonly metadata: string;
}

const AZURE_AUTH = 'authentication/azure|NewMSIConfig|azidentity|ManagedIdentityCredential|component/azure/';
const probe = (metadata: string, paths: readonly string[] = [metadata], pattern = AZURE_AUTH): Probe => ({
  paths,
  pattern,
  metadata,
});
/** The components that import Dapr's PostgreSQL Entra ID code (useAzureAD) directly or through shared code. */
const POSTGRES_AAD = 'authentication/postgresql';
const POSTGRES_STATE = ['state/postgresql', 'internal/component/postgresql', 'common/component/postgresql'];
const REDIS_ENTRA = probe(
  'state/redis',
  ['internal/component/redis', 'common/component/redis'],
  'useEntraID',
);

const PROBES: Readonly<Record<string, Probe>> = {
  'secretstores.azure.keyvault v1': probe('secretstores/azure/keyvault'),
  'crypto.azure.keyvault v1': probe('crypto/azure/keyvault'),
  'state.azure.blobstorage v2': probe('state/azure/blobstorage/v2', ['state/azure/blobstorage']),
  'state.azure.blobstorage v1': probe('state/azure/blobstorage/v1', ['state/azure/blobstorage']),
  'bindings.azure.blobstorage v1': probe('bindings/azure/blobstorage'),
  'state.azure.tablestorage v1': probe('state/azure/tablestorage'),
  'bindings.azure.storagequeues v1': probe('bindings/azure/storagequeues'),
  'pubsub.azure.servicebus.queues v1': probe('pubsub/azure/servicebus/queues', ['pubsub/azure/servicebus']),
  'pubsub.azure.servicebus.topics v1': probe('pubsub/azure/servicebus/topics', ['pubsub/azure/servicebus']),
  'bindings.azure.servicebus.queues v1': probe('bindings/azure/servicebusqueues'),
  'pubsub.azure.eventhubs v1': probe('pubsub/azure/eventhubs'),
  'bindings.azure.eventhubs v1': probe('bindings/azure/eventhubs'),
  'state.azure.cosmosdb v1': probe('state/azure/cosmosdb'),
  'bindings.azure.cosmosdb v1': probe('bindings/azure/cosmosdb'),
  'configuration.azure.appconfig v1': probe('configuration/azure/appconfig'),
  'bindings.azure.openai v1': probe('bindings/azure/openai'),
  'bindings.azure.signalr v1': probe('bindings/azure/signalr'),
  'state.postgresql v2': probe('state/postgresql/v2', POSTGRES_STATE, POSTGRES_AAD),
  'state.postgresql v1': probe('state/postgresql/v1', POSTGRES_STATE, POSTGRES_AAD),
  'bindings.postgresql v1': probe('bindings/postgres', ['bindings/postgres'], POSTGRES_AAD),
  'configuration.postgresql v1': probe('configuration/postgres', ['configuration/postgres'], POSTGRES_AAD),
  'state.sqlserver v2': probe(
    'state/sqlserver/v2',
    ['state/sqlserver', 'common/authentication/sqlserver'],
    '"useAzureAD"',
  ),
  'state.sqlserver v1': probe(
    'state/sqlserver',
    ['state/sqlserver', 'common/authentication/sqlserver'],
    '"useAzureAD"',
  ),
  'state.redis v1': REDIS_ENTRA,
  'pubsub.redis v1': { ...REDIS_ENTRA, metadata: 'pubsub/redis' },
  'bindings.redis v1': { ...REDIS_ENTRA, metadata: 'bindings/redis' },
  'configuration.redis v1': { ...REDIS_ENTRA, metadata: 'configuration/redis' },
  'lock.redis v1': { ...REDIS_ENTRA, metadata: 'lock/redis' },
};

const releases = TAGS.map((tag) => ({ tag, registered: registrations(tag), contrib: contribRef(tag) }));
const minor = (tag: string): string => tag.slice(1, tag.lastIndexOf('.'));
const newestContrib = releases.at(-1)?.contrib ?? '';

const components = COMPONENTS.map((spec) => {
  const key = `${spec.type} ${spec.version}`;
  const entry = PROBES[key];
  if (!entry) throw new Error(`No probe for ${key}: add one to scripts/extract-dapr-releases.ts`);
  const registered = releases.find((release) => release.registered.has(key));
  const entraId = releases.find(
    (release) =>
      git(
        CONTRIB_GIT,
        'grep',
        '-l',
        '-E',
        entry.pattern,
        release.contrib,
        '--',
        ...entry.paths,
        ':!*_test.go',
      ) !== '',
  );
  const metadataAt = (ref: string): string =>
    git(CONTRIB_GIT, 'show', `${ref}:${entry.metadata}/metadata.yaml`);
  const status = /^status:\s*"?(\w+)"?/m.exec(metadataAt(newestContrib))?.[1];
  const fields = Object.fromEntries(
    spec.fields
      .filter((field) => 'minDapr' in field && field.minDapr !== undefined)
      .map((field) => {
        const listed = releases.find((release) =>
          new RegExp(`^\\s*- name: "?${field.key}"?\\s*$`, 'm').test(metadataAt(release.contrib)),
        );
        return [field.key, listed ? minor(listed.tag) : null];
      }),
  );
  return {
    key,
    registered: registered ? minor(registered.tag) : null,
    entraId: entraId ? minor(entraId.tag) : null,
    status: status ?? null,
    fields,
  };
});

const facts = {
  source: `dapr/dapr ${git(DAPR_GIT, 'rev-parse', 'HEAD').trim()} tags ${TAGS[0]}..${TAGS.at(-1)}; dapr/components-contrib ${git(CONTRIB_GIT, 'rev-parse', 'HEAD').trim()} at the versions those tags pin`,
  components,
};
writeFileSync(
  new URL('../src/test-support/dapr-releases.json', import.meta.url),
  `${JSON.stringify(facts, null, 1)}\n`,
);
