import { describe, expect, it } from 'vitest';
import { defaultComponent, defaultConfig, type WizardConfig } from '../model/config';
import { parseShareLink, toShareHash } from '../model/url-state';
import { validateConfig } from '../model/validate';
import { buildAzScript } from '../generate/az-script';
import { componentMetadata } from '../generate/component';
import { commandsOf } from '../generate/script-queries';
import { CLOUD_IDS, cloudOfHostName, cloudSpec, wrongCloudReason, type CloudId } from './clouds';

const SQL_HOSTS: Record<CloudId, string> = {
  public: 'sql-orders.database.windows.net',
  china: 'sql-orders.database.chinacloudapi.cn',
  usgovernment: 'sql-orders.database.usgovcloudapi.net',
};

function sqlConfig(cloud: CloudId, host: string): WizardConfig {
  const config = defaultConfig();
  config.cloud = cloud;
  config.resourceGroup = 'rg-orders';
  config.hostName = 'aks-prod';
  config.identityName = 'id-orders';
  config.serviceAccount = 'orders-api';
  const sql = defaultComponent('state.sqlserver');
  sql.metadata.host = host;
  sql.metadata.database = 'orders';
  config.components = [sql];
  return config;
}

describe('clouds', () => {
  it('tells the cloud of each host name by its suffix', () => {
    for (const cloud of CLOUD_IDS) expect(cloudOfHostName('sql', SQL_HOSTS[cloud])).toBe(cloud);
    expect(cloudOfHostName('cosmos', 'https://acct.documents.azure.us:443/')).toBe('usgovernment');
    expect(cloudOfHostName('redis', 'cache.redis.cache.chinacloudapi.cn:6380')).toBe('china');
    expect(cloudOfHostName('sql', 'sql-orders.example.com')).toBeUndefined();
  });

  it('accepts only the chosen cloud’s host names, and says which cloud another one belongs to', () => {
    for (const chosen of CLOUD_IDS) {
      for (const other of CLOUD_IDS) {
        const error = validateConfig(sqlConfig(chosen, SQL_HOSTS[other]))['components.0.metadata.host'];
        if (chosen === other) expect(error).toBeUndefined();
        else expect(error).toContain(`belongs to ${cloudSpec(other).title}`);
      }
    }
  });

  it('names no sovereign host for a service without a sourced suffix', () => {
    expect(wrongCloudReason('openAi', 'https://oai.openai.azure.com/', 'china')).toContain('knows no');
  });

  it('writes azureEnvironment for a sovereign cloud only', () => {
    const environment = (cloud: CloudId) => {
      const config = sqlConfig(cloud, SQL_HOSTS[cloud]);
      const component = config.components[0];
      if (!component) throw new Error('no component');
      return componentMetadata(config, component).find((item) => item.name === 'azureEnvironment')?.value;
    };
    expect(environment('public')).toBeUndefined();
    expect(environment('china')).toBe('AzureChinaCloud');
    expect(environment('usgovernment')).toBe('AzureUSGovernmentCloud');
  });

  it('sets the CLI to a sovereign cloud before any other az command, and leaves the public cloud alone', () => {
    const firstCommand = (cloud: CloudId) =>
      JSON.stringify(
        commandsOf(buildAzScript(sqlConfig(cloud, SQL_HOSTS[cloud]))).find(
          (command) => command.argv[0] === 'az',
        ),
      );
    expect(firstCommand('china')).toContain('AzureChinaCloud');
    expect(firstCommand('usgovernment')).toContain('AzureUSGovernment');
    expect(firstCommand('public')).not.toContain('cloud');
  });

  it('round-trips the cloud through the share link, and keeps the default for old and wrong links', () => {
    const config = sqlConfig('china', SQL_HOSTS.china);
    expect(toShareHash(config)).toContain('cloud=china');
    expect(parseShareLink('', toShareHash(config)).config.cloud).toBe('china');
    expect(parseShareLink('', 'host=aks').config.cloud).toBe('public');
    const wrong = parseShareLink('', 'cloud=germany');
    expect(wrong.config.cloud).toBe('public');
    expect(wrong.linkErrors.cloud).toContain('germany');
    expect(toShareHash(sqlConfig('public', SQL_HOSTS.public))).not.toContain('cloud=');
  });
});
