import { describe, expect, it } from 'vitest';
import { defaultComponent, defaultConfig } from './config';
import { parseShareLink, toShareHash } from './url-state';
import { validateConfig } from './validate';

describe('share link', () => {
  it('writes nothing for the defaults', () => {
    expect(toShareHash(defaultConfig())).toBe('');
  });

  it('round-trips a configuration through the hash', () => {
    const config = {
      ...defaultConfig(),
      host: 'aca' as const,
      identity: 'user' as const,
      resourceGroup: 'rg (test)',
      subscription: 'Contoso Production',
      hostName: 'orders-api',
      environment: 'env-orders',
      identityName: 'id-orders',
      appId: 'orders-api',
      components: [
        {
          ...defaultComponent('secretstores.azure.keyvault'),
          metadata: { vaultName: 'kv-orders' },
          choices: { kvModel: 'accesspolicy' },
        },
        {
          ...defaultComponent('crypto.azure.keyvault'),
          name: 'crypto',
          resourceGroup: 'rg-keys',
          metadata: { vaultName: 'kv-keys', requestTimeout: '10s' },
        },
        defaultComponent('secretstores.azure.keyvault', 'v1', 'second-secrets'),
      ],
    };
    const hash = toShareHash(config);
    expect(hash).toContain('kvModel=accesspolicy');
    expect(hash).toContain('c2.component=crypto.azure.keyvault');
    expect(hash).toContain('c3.name=second-secrets');
    expect(hash).not.toContain('+');
    expect(parseShareLink('', `#${hash}`)).toEqual({ config, linkErrors: {} });
  });

  it('writes only non-default values of the fields the configuration asks for', () => {
    const config = { ...defaultConfig(), host: 'vm' as const, environment: 'ignored-on-vm', hostName: 'vm1' };
    expect(toShareHash(config)).toBe('host=vm&hostName=vm1');
  });

  it('reads the query string too, and the hash wins', () => {
    const { config } = parseShareLink('?host=aci&resourceGroup=from-query', '#host=vmss');
    expect(config.host).toBe('vmss');
    expect(config.resourceGroup).toBe('from-query');
  });

  it('ignores unknown keys and metadata the component does not declare', () => {
    const { config, linkErrors } = parseShareLink(
      '',
      '#evil=1&m.azureTenantId=x&m.vaultName=kv1&__proto__=x&c2.m.x=1',
    );
    expect(linkErrors).toEqual({});
    expect(config.components).toHaveLength(1);
    expect(config.components[0]?.metadata).toEqual({ vaultName: 'kv1' });
    expect(config).not.toHaveProperty('evil');
  });

  it('keeps the default and reports a choice outside its options', () => {
    const { config, linkErrors } = parseShareLink(
      '',
      '#host=mainframe&kvModel=both&c2.component=nope&component=also-nope',
    );
    expect(config.host).toBe('aks');
    expect(config.components.map((component) => component.type)).toEqual(['secretstores.azure.keyvault']);
    expect(linkErrors.host).toMatch(/not one of: aks, aca, webapp/);
    expect(linkErrors.kvModel).toMatch(/not one of: rbac, accesspolicy/);
    expect(linkErrors['c2.component']).toMatch(/not one of/);
    expect(linkErrors.component).toMatch(/Kept secretstores.azure.keyvault/);
  });

  it('keeps bad text values so the field shows why, and cuts huge ones', () => {
    const { config } = parseShareLink(
      '',
      `#host=vm&resourceGroup=${encodeURIComponent('a$(b)')}&hostName=${'x'.repeat(5000)}`,
    );
    expect(config.resourceGroup).toBe('a$(b)');
    expect(config.hostName).toHaveLength(1000);
    expect(validateConfig(config)).toMatchObject({
      resourceGroup: expect.stringContaining('1-90') as string,
      hostName: expect.stringContaining('1-64') as string,
    });
  });

  it('survives broken percent-encoding', () => {
    expect(() => parseShareLink('', '#host=vm&resourceGroup=%E0%A4%A&name=%')).not.toThrow();
  });
});
