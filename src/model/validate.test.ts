import { describe, expect, it } from 'vitest';
import { NAMING_RULES } from '../catalog/naming-rules';
import { defaultComponent, defaultConfig, type WizardConfig } from './config';
import { detailFields } from './fields';
import { validateConfig, whatIsWrong } from './validate';

const valid = (overrides: Partial<WizardConfig>): WizardConfig => ({
  ...defaultConfig(),
  resourceGroup: 'rg',
  hostName: 'host1',
  ...overrides,
});

describe('naming rules', () => {
  const cases: [keyof typeof NAMING_RULES, string[], string[]][] = [
    [
      'keyVaultName',
      ['kv1', 'my-vault-01', 'a'.repeat(24)],
      ['kv', '1vault', 'vault-', 'my--vault', 'a'.repeat(25), 'kv_1'],
    ],
    ['resourceGroup', ['rg', 'rg.(a)_b-c', 'x'.repeat(90)], ['rg.', 'r g', 'x'.repeat(91), 'rg$']],
    ['identityName', ['id1', 'my_identity-1'], ['id', '-id1', 'id.1']],
    ['clientId', ['6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b'], ['6f1c2a3b', 'not-a-guid']],
    ['kubernetesNamespace', ['default', 'orders-1'], ['Orders', '-a', 'a.b', 'a'.repeat(64)]],
    ['serviceAccountName', ['orders-api', 'a.b'], ['Orders', 'a_b', '.a']],
    ['daprAppId', ['orders-api'], ['orders.api', 'Orders', 'a'.repeat(59)]],
    ['containerGroupName', ['orders-group'], ['Orders', 'a--b', '-a']],
    ['containerAppName', ['orders-api'], ['1orders', 'Orders', 'a', 'a--b']],
    ['location', ['westeurope', 'eastus2'], ['West Europe', 'west-europe']],
    [
      'dnsNameLabel',
      ['orders-api', 'abc', `a${'b'.repeat(62)}`],
      ['ab', '1orders', 'Orders', 'a-', `a${'b'.repeat(63)}`],
    ],
    [
      'environmentVariables',
      ['LOG_LEVEL=info', 'A=;B=x=y', '_X=a b ü'],
      ['LOG_LEVEL', '1A=x', 'A=x;', 'A=x;;B=y', 'A=x\nB=y', 'A-B=x', `A=${'x'.repeat(2000)}`],
    ],
  ];
  for (const [rule, good, bad] of cases) {
    it(`${rule} accepts ${good.length} and rejects ${bad.length} examples`, () => {
      for (const value of good) expect(NAMING_RULES[rule].pattern.test(value), value).toBe(true);
      for (const value of bad) expect(NAMING_RULES[rule].pattern.test(value), value).toBe(false);
    });
  }
});

describe('validateConfig', () => {
  it('passes a complete VM configuration', () => {
    expect(validateConfig(valid({ host: 'vm' }))).toEqual({});
  });

  it('asks AKS Workload ID for the identity, the service account, the Deployment and the app id', () => {
    expect(
      Object.keys(
        validateConfig(
          valid({ host: 'aks', identityName: '', serviceAccount: '', deployment: '', appId: '' }),
        ),
      ).sort(),
    ).toEqual(['appId', 'deployment', 'identityName', 'serviceAccount']);
  });

  it('checks the Deployment as a Kubernetes name, on AKS only', () => {
    const aks = valid({
      host: 'aks',
      identityName: 'id-orders',
      serviceAccount: 'orders-api',
      appId: 'orders-api',
    });
    expect(validateConfig({ ...aks, deployment: 'orders-api' })).toEqual({});
    expect(Object.keys(validateConfig({ ...aks, deployment: 'Orders_API' }))).toEqual(['deployment']);
    expect(Object.keys(validateConfig({ ...aks, aksIdentity: 'kubelet', deployment: '' }))).toEqual([
      'deployment',
    ]);
    expect(validateConfig(valid({ host: 'vm', deployment: 'Not A Name' }))).toEqual({});
  });

  it('asks ACI for location, image and app id; the client id only for user-assigned identities', () => {
    const paths = (config: WizardConfig): string[] => detailFields(config).map((field) => field.path);
    expect(paths(valid({ host: 'aci' }))).toEqual(
      expect.arrayContaining(['location', 'image', 'appPort', 'appId']),
    );
    expect(paths(valid({ host: 'vm' }))).not.toContain('clientId');
    expect(paths(valid({ host: 'vm', identity: 'user' }))).toContain('clientId');
    expect(paths(valid({ host: 'aks', aksIdentity: 'kubelet' }))).not.toContain('identityName');
  });

  it('asks ACI for the app port once the group gets a public IP, and for each variable once', () => {
    const aci = valid({ host: 'aci', location: 'westeurope', appId: 'orders', image: 'nginx' });
    expect(validateConfig(aci)).toEqual({});
    expect(validateConfig({ ...aci, dnsNameLabel: 'orders-api' })).toEqual({
      appPort: 'App port is required.',
    });
    expect(validateConfig({ ...aci, envVars: 'A=1;B=2;A=3' })).toEqual({
      envVars: 'A is set twice: keep one.',
    });
  });

  it('names the rule beside the field, and flags stray spaces', () => {
    const config = valid({ host: 'vm', resourceGroup: ' rg' });
    config.components[0]!.metadata.vaultName = 'my--vault';
    const errors = validateConfig(config);
    expect(errors['components.0.metadata.vaultName']).toMatch(/no '--'/);
    expect(errors.resourceGroup).toMatch(/spaces/);
  });

  it('asks components for distinct names', () => {
    const config = valid({ host: 'vm' });
    config.components.push(defaultComponent('crypto.azure.keyvault', 'v1', 'azurekeyvault'));
    config.components[1]!.metadata.vaultName = 'kv2';
    const message = 'Another component is also named “azurekeyvault”: each component needs its own name.';
    expect(validateConfig(config)).toEqual({
      'components.0.name': message,
      'components.1.name': message,
    });
  });

  it('says what is wrong with the value before the rule: its length, or the character not allowed', () => {
    const config = valid({ host: 'vm', resourceGroup: 'rg$', hostName: 'x'.repeat(70) });
    config.components[0]!.metadata.vaultName = 'Kv';
    config.components[0]!.name = 'Secrets';
    const errors = validateConfig(config);
    expect(errors.resourceGroup).toBe(`“$” is not allowed. ${NAMING_RULES.resourceGroup.message}`);
    expect(errors.hostName).toBe(`70 characters, 6 over the limit of 64. ${NAMING_RULES.vmName.message}`);
    expect(errors['components.0.metadata.vaultName']).toBe(
      `2 characters, fewer than the 3 needed. ${NAMING_RULES.keyVaultName.message}`,
    );
    expect(errors['components.0.name']).toBe(
      `“S” is not allowed (use lowercase). ${NAMING_RULES.daprComponentName.message}`,
    );
    // A fault of place has nothing to add: the rule says it.
    expect(validateConfig(valid({ host: 'vm', resourceGroup: 'rg.' })).resourceGroup).toBe(
      NAMING_RULES.resourceGroup.message,
    );
    expect(validateConfig(valid({ host: 'vm', location: 'West Europe', identity: 'user' })).location).toBe(
      `“W” is not allowed (use lowercase). ${NAMING_RULES.location.message}`,
    );
  });

  it('says a value holds a line break, and shows it with the break', () => {
    const errors = validateConfig(valid({ host: 'vm', resourceGroup: 'rg\nprod' }));
    expect(errors.resourceGroup).toBe(
      'This value holds a line break, which the field cannot show: “rg⏎prod”. Type it again on one line.',
    );
  });
});

describe('whatIsWrong, for the rules that now say it first', () => {
  const cases: [keyof typeof NAMING_RULES, string, string][] = [
    ['dnsNameLabel', 'orders web', 'A space is not allowed.'],
    ['dnsNameLabel', 'ab', '2 characters, fewer than the 3 needed.'],
    ['postgresNotifyChannel', 'config-changes', '“-” is not allowed.'],
    ['cosmosDatabaseId', 'orders/2024', '“/” is not allowed.'],
    ['cosmosContainerId', 'x'.repeat(300), '300 characters, 45 over the limit of 255.'],
    ['text', 'x'.repeat(257), '257 characters, 1 over the limit of 256.'],
  ];
  for (const [rule, value, first] of cases) {
    it(`${rule}: ${first}`, () => {
      expect(NAMING_RULES[rule].pattern.test(value)).toBe(false);
      expect(whatIsWrong(NAMING_RULES[rule], value)).toBe(first);
    });
  }
});
