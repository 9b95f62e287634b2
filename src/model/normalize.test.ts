import { describe, expect, it } from 'vitest';
import { normalizeFieldValue } from './normalize';

describe('normalizeFieldValue', () => {
  it('takes the vault name from a vault URL of any cloud', () => {
    expect(normalizeFieldValue('keyVaultName', 'https://kv-orders.vault.azure.net/')).toBe('kv-orders');
    expect(normalizeFieldValue('keyVaultName', 'https://kv-orders.vault.azure.net:443/secrets/db')).toBe(
      'kv-orders',
    );
    expect(normalizeFieldValue('keyVaultName', 'kv-orders.vault.usgovcloudapi.net')).toBe('kv-orders');
    expect(normalizeFieldValue('keyVaultName', 'https://kv-orders.vault.example.com/')).toBeUndefined();
  });

  it('gives a bare Service Bus or Event Hubs namespace its host name, and unwraps an endpoint', () => {
    expect(normalizeFieldValue('serviceBusNamespaceFqdn', 'sb-orders')).toBe(
      'sb-orders.servicebus.windows.net',
    );
    expect(normalizeFieldValue('serviceBusNamespaceFqdn', 'sb://sb-orders.servicebus.windows.net/')).toBe(
      'sb-orders.servicebus.windows.net',
    );
    expect(normalizeFieldValue('eventHubsNamespace', 'eh-orders')).toBe('eh-orders.servicebus.windows.net');
    // Too short for a namespace: left for the rule to explain.
    expect(normalizeFieldValue('serviceBusNamespaceFqdn', 'sb')).toBeUndefined();
  });

  it('turns a region display name into its name', () => {
    expect(normalizeFieldValue('location', 'West Europe')).toBe('westeurope');
    expect(normalizeFieldValue('location', '(Europe) West Europe')).toBe('westeurope');
    expect(normalizeFieldValue('location', 'East US 2')).toBe('eastus2');
    expect(normalizeFieldValue('location', 'westeurope')).toBeUndefined();
    expect(normalizeFieldValue('location', 'west-europe')).toBeUndefined();
  });

  it('takes the account name from a storage endpoint of any service and cloud', () => {
    expect(normalizeFieldValue('storageAccountName', 'https://storders.blob.core.windows.net/')).toBe(
      'storders',
    );
    expect(
      normalizeFieldValue('storageAccountName', 'https://storders.queue.core.chinacloudapi.cn/jobs'),
    ).toBe('storders');
    expect(normalizeFieldValue('storageAccountName', 'https://storders.blob.example.com/')).toBeUndefined();
  });

  it('gives bare server and cache names their host names, and unwraps what the portal gives', () => {
    expect(normalizeFieldValue('sqlServerHost', 'tcp:sql-orders.database.windows.net,1433')).toBe(
      'sql-orders.database.windows.net',
    );
    expect(normalizeFieldValue('sqlServerHost', 'sql-orders')).toBe('sql-orders.database.windows.net');
    expect(normalizeFieldValue('postgresHost', 'pg-orders')).toBe('pg-orders.postgres.database.azure.com');
    expect(normalizeFieldValue('redisHost', 'redis-orders.redis.cache.windows.net')).toBe(
      'redis-orders.redis.cache.windows.net:6380',
    );
    expect(normalizeFieldValue('redisHost', 'redis-orders')).toBe(
      'redis-orders.redis.cache.windows.net:6380',
    );
    // The non-TLS port is a choice the rule explains, not one to rewrite.
    expect(normalizeFieldValue('redisHost', 'redis-orders.redis.cache.windows.net:6379')).toBeUndefined();
    expect(normalizeFieldValue('sqlServerHost', 'Not A Server')).toBeUndefined();
  });

  it('trims surrounding spaces, and leaves a valid or hopeless value alone', () => {
    expect(normalizeFieldValue('resourceGroup', '  rg-orders ')).toBe('rg-orders');
    expect(normalizeFieldValue('resourceGroup', 'rg-orders')).toBeUndefined();
    expect(normalizeFieldValue('resourceGroup', 'rg orders')).toBeUndefined();
    expect(normalizeFieldValue('resourceGroup', '   ')).toBeUndefined();
  });
});
