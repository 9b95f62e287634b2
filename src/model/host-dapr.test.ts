import { describe, expect, it } from 'vitest';
import { COMPONENT_TYPES, componentVersions } from '../catalog/components';
import { HOST_IDS } from '../catalog/hosts';
import { defaultComponent, defaultConfig, type WizardConfig } from './config';
import {
  componentWarnings,
  configDaprNeed,
  defaultComponentOn,
  defaultVersionOn,
  versionDaprLabel,
  versionUnavailableReason,
} from './host-dapr';
import { parseShareLink, toShareHash } from './url-state';
import { validateConfig } from './validate';

const SQL_V2_ON_ACA =
  'Container Apps runs Dapr 1.16.4 (microsoft/azure-container-apps#1676), which cannot load state.sqlserver v2: it needs Dapr 1.17 or later.';

const acaConfig = (overrides: Partial<WizardConfig> = {}): WizardConfig => ({
  ...defaultConfig(),
  host: 'aca',
  resourceGroup: 'rg',
  hostName: 'orders-api',
  environment: 'env-orders',
  appId: 'orders-api',
  ...overrides,
});

describe('defaultVersionOn', () => {
  it('is state.sqlserver v1 on Container Apps (1.16.4 does not register v2) and v2 everywhere else', () => {
    expect(defaultVersionOn('aca', 'state.sqlserver')).toBe('v1');
    for (const host of HOST_IDS.filter((id) => id !== 'aca'))
      expect(defaultVersionOn(host, 'state.sqlserver'), host).toBe('v2');
    expect(defaultComponentOn('aca', 'state.sqlserver').version).toBe('v1');
  });

  it('is the recommended version for every other type on every host', () => {
    for (const host of HOST_IDS)
      for (const type of COMPONENT_TYPES.filter((candidate) => candidate !== 'state.sqlserver'))
        expect(defaultVersionOn(host, type), `${type} on ${host}`).toBe(componentVersions(type)[0]);
  });

  it('is never a version the host cannot load', () => {
    for (const host of HOST_IDS)
      for (const type of COMPONENT_TYPES)
        expect(
          versionUnavailableReason(host, { type, version: defaultVersionOn(host, type) }),
        ).toBeUndefined();
  });
});

describe('a version the host cannot load', () => {
  it('from a share link: kept, and the version gets the reason as its error', () => {
    const { config, linkErrors } = parseShareLink(
      '',
      '#host=aca&resourceGroup=rg&hostName=orders-api&environment=env-orders&appId=orders-api&component=state.sqlserver&version=v2&m.host=sql.database.windows.net&m.database=orders',
    );
    expect(config.components[0]?.version).toBe('v2');
    expect(linkErrors).toEqual({});
    expect(validateConfig(config)).toEqual({ 'components.0.version': SQL_V2_ON_ACA });
  });

  it('from the form: switching the host to Container Apps flags a chosen v2', () => {
    const onAks: WizardConfig = {
      ...acaConfig({ host: 'aks' }),
      components: [defaultComponent('state.sqlserver', 'v2')],
    };
    expect(validateConfig(onAks)['components.0.version']).toBeUndefined();
    expect(validateConfig({ ...onAks, host: 'aca' })['components.0.version']).toBe(SQL_V2_ON_ACA);
  });

  it('without a version in the link, Container Apps reads v1 and writes no version back', () => {
    const { config } = parseShareLink('', '#host=aca&component=state.sqlserver');
    expect(config.components[0]?.version).toBe('v1');
    expect(toShareHash(config)).not.toContain('version=');
    const { config: onAks } = parseShareLink('', '#component=state.sqlserver');
    expect(onAks.components[0]?.version).toBe('v2');
    expect(toShareHash({ ...onAks, components: [defaultComponent('state.sqlserver', 'v1')] })).toContain(
      'version=v1',
    );
  });

  it('an unknown version keeps the host default and says so', () => {
    const { config, linkErrors } = parseShareLink('', '#host=aca&component=state.sqlserver&version=v9');
    expect(config.components[0]?.version).toBe('v1');
    expect(linkErrors.version).toBe('The link\'s version "v9" is not one of: v2, v1. Kept v1.');
  });
});

describe('fields the host does not read', () => {
  it('notifyChannel on Container Apps is an error on the field; on ACI it is fine', () => {
    const component = {
      ...defaultComponent('configuration.postgresql'),
      metadata: { host: 'pg-orders.postgres.database.azure.com', database: 'orders', table: 'appconfig' },
    };
    const withChannel = { ...component, metadata: { ...component.metadata, notifyChannel: 'config' } };
    expect(validateConfig(acaConfig({ components: [component] }))).toEqual({});
    expect(validateConfig(acaConfig({ components: [withChannel] }))).toEqual({
      'components.0.metadata.notifyChannel':
        'Container Apps runs Dapr 1.16.4 (microsoft/azure-container-apps#1676); notifyChannel is read from Dapr 1.18: leave it empty here.',
    });
    const onAci = acaConfig({ host: 'aci', image: 'nginx', appPort: '80', components: [withChannel] });
    expect(validateConfig(onAci)['components.0.metadata.notifyChannel']).toBeUndefined();
  });
});

describe('componentWarnings', () => {
  it('flags alpha components and the lock API on Container Apps only', () => {
    expect(componentWarnings('aca', { type: 'configuration.azure.appconfig', version: 'v1' })).toHaveLength(
      1,
    );
    expect(componentWarnings('aca', { type: 'lock.redis', version: 'v1' })).toHaveLength(2);
    expect(componentWarnings('aca', { type: 'state.redis', version: 'v1' })).toEqual([]);
    expect(componentWarnings('aks', { type: 'lock.redis', version: 'v1' })).toEqual([]);
  });
});

describe('configDaprNeed', () => {
  it('is the newest over components, set fields and the identity', () => {
    const keyVaultOnVm: WizardConfig = { ...defaultConfig(), host: 'vm' };
    expect(configDaprNeed(keyVaultOnVm)).toEqual({
      version: '1.0',
      reason: 'secretstores.azure.keyvault v1 is registered from Dapr 1.0',
    });
    // Workload ID (the AKS default) needs 1.11.
    expect(configDaprNeed(defaultConfig())).toEqual({
      version: '1.11',
      reason: 'Microsoft Entra Workload ID (recommended) is supported from Dapr 1.11',
    });
    const withRedisAndSql: WizardConfig = {
      ...defaultConfig(),
      components: [defaultComponent('state.redis'), defaultComponent('state.sqlserver', 'v2')],
    };
    expect(configDaprNeed(withRedisAndSql)?.version).toBe('1.17');
    const withChannel: WizardConfig = {
      ...defaultConfig(),
      components: [
        { ...defaultComponent('configuration.postgresql'), metadata: { notifyChannel: 'config' } },
      ],
    };
    expect(configDaprNeed(withChannel)).toEqual({
      version: '1.18',
      reason: 'configuration.postgresql v1 reads notifyChannel from Dapr 1.18',
    });
  });
});

describe('versionDaprLabel', () => {
  it('shows the minimum under managed identity', () => {
    expect(versionDaprLabel('state.sqlserver', 'v2')).toBe('Dapr ≥ 1.17');
    expect(versionDaprLabel('state.sqlserver', 'v1')).toBe('Dapr ≥ 1.11');
    expect(versionDaprLabel('state.redis', 'v1')).toBe('Dapr ≥ 1.14');
  });
});
