/**
 * Azure Cache for Redis: the state store, pub/sub, binding, configuration store and lock, all through one
 * client whose Entra ID access is a Redis data access policy, not Azure RBAC.
 * Sources: ../shared/domain/dapr-components.md sections 3-4; dapr/components-contrib
 * common/component/redis/{settings.go, redis.go} and each metadata.yaml named below; dapr/docs setup-redis.md.
 */
import type { ComponentField, ComponentSpec, Grant, ResourceRef } from '../component-spec';

/** `az redis show --name --resource-group` (azure-cli 2.45 help); the name is the host's first label. */
const REDIS_CACHE: ResourceRef = {
  id: 'cache',
  title: 'Azure Cache for Redis',
  field: 'redisHost',
  nameFrom: 'first-label',
  showCommand: ['redis', 'show'],
  needsResourceGroup: true,
  variable: 'REDIS_CACHE',
  // Access policies only sign in users when Entra authentication is on: redisConfiguration.aadEnabled reads
  // "true" once it is, and the CLI's own scenario test turns it off with --set redisConfiguration.aadEnabled=false
  // (Azure/azure-cli redis/tests/latest/test_redis_scenario.py, test_redis_cache_authentication).
  precondition: {
    query: 'redisConfiguration.aadEnabled',
    expected: 'true',
    message:
      // <name> and <resource-group> are this cache's in the script (setup/preflight.ts pasteableMessage).
      'Turn on Microsoft Entra authentication on the cache first (the cache restarts): az redis update --name <name> --resource-group <resource-group> --set redisConfiguration.aadEnabled=true.',
    entry: 'redis-entra-auth-off',
  },
};

const REDIS_HOST: ComponentField = {
  key: 'redisHost',
  label: 'Redis host and port',
  help: 'The cache host with the TLS port 6380, e.g. mycache.redis.cache.windows.net:6380; Entra authentication must be on.',
  required: true,
  rule: 'redisHost',
  placeholder: 'mycache.redis.cache.windows.net:6380',
  example: 'example-redis.redis.cache.windows.net:6380',
};

/**
 * useEntraID makes Dapr authenticate with a token (the token's object id is the Redis user), and Entra ID
 * needs TLS (common/component/redis/redis.go; dapr-components.md section 3).
 */
const REDIS_ENTRA = { useEntraID: 'true', enableTLS: 'true' } as const;

/** The Dapr docs say the identity needs the Data Owner access policy (RedisDataOwner) (setup-redis.md). */
const REDIS_GRANT: Grant = { kind: 'redis-access-policy', policy: 'Data Owner', resource: 'cache' };

const REDIS_DB: ComponentField = {
  // redisDB: database number, default 0 (metadata.yaml).
  key: 'redisDB',
  label: 'Database number',
  help: 'The Redis database to use, default 0.',
  required: false,
  rule: 'integer',
};

/**
 * useEntraID is read from Dapr 1.14: common/component/redis/settings.go in components-contrib v1.14.0-rc.6, the
 * version dapr/dapr v1.14.0 pins in go.mod (absent at v1.13.x).
 */
const REDIS_ENTRA_MIN_DAPR = '1.14';
/** Each Redis component PINGs the cache as it loads, which signs in first with the Entra token. */
const REDIS_PING_IN_INIT = {
  source:
    'dapr/components-contrib (c23900d2) state/redis/redis.go, pubsub/redis/redis.go, bindings/redis/redis.go, configuration/redis/redis.go Init and lock/redis/standalone.go InitLockStore (client.PingResult)',
} as const;

function redisComponent<Type extends string>(
  type: Type,
  title: string,
  summary: string,
  defaultName: string,
  optional: readonly ComponentField[],
  registered: Pick<ComponentSpec, 'minDapr' | 'status'>,
): ComponentSpec & { readonly type: Type } {
  return {
    type,
    version: 'v1',
    ...registered,
    entraIdMinDapr: REDIS_ENTRA_MIN_DAPR,
    initSignIn: REDIS_PING_IN_INIT,
    title,
    summary,
    defaultName,
    fixedMetadata: REDIS_ENTRA,
    fields: [REDIS_HOST, ...optional],
    resources: [REDIS_CACHE],
    grants: [REDIS_GRANT],
  };
}

export const REDIS_COMPONENTS = [
  // state/redis, pubsub/redis, bindings/redis, configuration/redis, lock/redis metadata.yaml; lock.redis lacks
  // the azuread profile in metadata.yaml but shares the Entra ID code (dapr-components.md section 4).
  redisComponent(
    'state.redis',
    'Azure Cache for Redis state store',
    // Summary: what dapr/docs daprdocs/content/en/reference/components-reference/supported-state-stores/setup-redis.md says it does.
    'Keep Dapr state in Azure Cache for Redis.',
    'statestore',
    [REDIS_DB],
    // Registered from Dapr 1.0 (dapr/dapr cmd/daprd/main.go at v1.0.0); state/redis/metadata.yaml.
    { minDapr: '1.0', status: 'stable' },
  ),
  redisComponent(
    'pubsub.redis',
    'Azure Cache for Redis pub/sub (Streams)',
    // Summary: what dapr/docs daprdocs/content/en/reference/components-reference/supported-pubsub/setup-redis-pubsub.md (Redis Streams) says it does.
    'Publish and subscribe through Redis Streams.',
    'pubsub',
    [
      {
        // consumerID: the consumer group, defaults to the app id (metadata.yaml).
        key: 'consumerID',
        label: 'Consumer group',
        help: 'Defaults to the app id.',
        required: false,
        rule: 'text',
      },
    ],
    // Registered from Dapr 1.0 (dapr/dapr cmd/daprd/main.go at v1.0.0); pubsub/redis/metadata.yaml.
    { minDapr: '1.0', status: 'stable' },
  ),
  redisComponent(
    'bindings.redis',
    'Azure Cache for Redis binding',
    // Summary: what dapr/docs daprdocs/content/en/reference/components-reference/supported-bindings/redis.md (Binding support: create, get, delete) says it does.
    'Create, get and delete keys in Azure Cache for Redis (output binding).',
    'redis-binding',
    [],
    // Registered from Dapr 1.0 (dapr/dapr cmd/daprd/main.go at v1.0.0); bindings/redis/metadata.yaml.
    { minDapr: '1.0', status: 'stable' },
  ),
  redisComponent(
    'configuration.redis',
    'Azure Cache for Redis configuration store',
    // Summary: what dapr/docs daprdocs/content/en/reference/components-reference/supported-configuration-stores/redis-configuration-store.md says it does.
    'Read and subscribe to configuration items kept in Redis.',
    'configstore',
    [REDIS_DB],
    // Registered from Dapr 1.5 (dapr/dapr cmd/daprd/main.go at v1.5.0); configuration/redis/metadata.yaml.
    { minDapr: '1.5', status: 'stable' },
  ),
  redisComponent(
    'lock.redis',
    'Azure Cache for Redis lock',
    // Summary: what dapr/docs daprdocs/content/en/reference/components-reference/supported-locks/redis-lock.md says it does.
    'Distributed locks held in Azure Cache for Redis.',
    'lockstore',
    [],
    // Registered from Dapr 1.8 (dapr/dapr cmd/daprd/main.go at v1.8.0); lock/redis/metadata.yaml says alpha.
    { minDapr: '1.8', status: 'alpha' },
  ),
] as const satisfies readonly ComponentSpec[];
