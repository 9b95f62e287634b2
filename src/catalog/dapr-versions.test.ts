import { describe, expect, it } from 'vitest';
import releases from '../test-support/dapr-releases.json';
import type { ComponentSpec } from './component-spec';
import { COMPONENTS, componentSpec } from './components';
import { ACI_DAPR_VERSION, CONTAINER_APPS_DAPR_VERSION, DAPRD_IMAGE, type DaprVersion } from './dapr';
import {
  compareDaprVersions,
  componentAvailability,
  componentDaprNeeds,
  componentMinDapr,
  fieldUnreadReason,
  hostDapr,
  satisfiesDapr,
  strictestNeed,
} from './dapr-versions';
import { HOST_IDS } from './hosts';
import { AKS_IDENTITY_OPTIONS, IDENTITY_OPTIONS } from './identities';

interface ReleaseFacts {
  key: string;
  registered: string | null;
  entraId: string | null;
  status: string | null;
  fields: Record<string, string | null>;
}

const extracted = new Map((releases.components as ReleaseFacts[]).map((facts) => [facts.key, facts]));

function newer(a: string, b: string | null): string {
  return b !== null && compareDaprVersions(b as DaprVersion, a as DaprVersion) > 0 ? b : a;
}

describe('every component version against dapr/dapr and components-contrib (src/test-support/dapr-releases.json)', () => {
  for (const spec of COMPONENTS as readonly ComponentSpec[]) {
    const key = `${spec.type} ${spec.version}`;
    it(key, () => {
      const facts = extracted.get(key);
      if (!facts) throw new Error(`${key} is not in the extract: run scripts/extract-dapr-releases.ts`);
      expect(spec.minDapr, 'first release registering it').toBe(facts.registered);
      expect(componentMinDapr(spec), 'registered and signing in with Entra ID').toBe(
        newer(spec.minDapr, facts.entraId),
      );
      // entraIdMinDapr says something only where it is newer than the registration.
      if (spec.entraIdMinDapr !== undefined)
        expect(compareDaprVersions(spec.entraIdMinDapr, spec.minDapr)).toBeGreaterThan(0);
      expect(spec.status, 'metadata.yaml status').toBe(facts.status);
      for (const field of spec.fields.filter((candidate) => candidate.minDapr !== undefined))
        expect(field.minDapr, `${field.key}: first release listing it`).toBe(facts.fields[field.key]);
    });
  }
});

describe('the minimums read by hand in the sources', () => {
  it.each([
    // dapr/dapr cmd/daprd/components/state_sqlserver.go: v2 first at v1.17.0, absent at v1.16.4.
    ['state.sqlserver', 'v2', '1.17'],
    // useAzureAD in state/sqlserver/metadata.go from components-contrib v1.11.0-rc.11 (dapr v1.11.0).
    ['state.sqlserver', 'v1', '1.11'],
    // state_azure_blobstorage.go and state_postgres.go: v2 first at v1.13.0.
    ['state.azure.blobstorage', 'v2', '1.13'],
    ['state.postgresql', 'v2', '1.13'],
    // PostgreSQL useAzureAD from components-contrib v1.12.0-rc.4 (dapr v1.12.0).
    ['state.postgresql', 'v1', '1.12'],
    ['configuration.postgresql', 'v1', '1.12'],
    // Redis useEntraID: common/component/redis/settings.go in components-contrib v1.14.0-rc.6 (dapr v1.14.0).
    ['state.redis', 'v1', '1.14'],
    ['lock.redis', 'v1', '1.14'],
    // crypto.azure.keyvault and bindings.azure.openai are registered from v1.11.0 and v1.12.0.
    ['crypto.azure.keyvault', 'v1', '1.11'],
    ['bindings.azure.openai', 'v1', '1.12'],
  ] as const)('%s %s needs Dapr %s', (type, version, expected) => {
    expect(componentMinDapr(componentSpec(type, version))).toBe(expected);
  });

  it('configuration.postgresql reads notifyChannel from Dapr 1.18 (components-contrib ee5e0302c)', () => {
    const field = componentSpec('configuration.postgresql').fields.find(
      (candidate) => candidate.key === 'notifyChannel',
    );
    expect(field?.required).toBe(false);
    expect(field?.minDapr).toBe('1.18');
  });

  it('Workload ID needs Dapr 1.11 (docs/release_notes/v1.11.0.md); the other identities have no minimum', () => {
    expect(AKS_IDENTITY_OPTIONS.find((option) => option.id === 'workload')?.minDapr).toBe('1.11');
    expect(AKS_IDENTITY_OPTIONS.find((option) => option.id === 'kubelet')?.minDapr).toBeUndefined();
    for (const option of IDENTITY_OPTIONS) expect(option.minDapr).toBeUndefined();
  });

  it('only state.azure.blobstorage v1 is deprecated (the only Deprecated entry in cmd/daprd/components)', () => {
    const deprecated = COMPONENTS.filter((spec: ComponentSpec) => spec.deprecated !== undefined);
    expect(deprecated.map((spec) => `${spec.type} ${spec.version}`)).toEqual(['state.azure.blobstorage v1']);
  });
});

describe('compareDaprVersions', () => {
  it('compares numerically, part by part, a missing patch as 0', () => {
    expect(compareDaprVersions('1.9', '1.10')).toBeLessThan(0);
    expect(compareDaprVersions('1.16.4', '1.17')).toBeLessThan(0);
    expect(compareDaprVersions('1.18.3', '1.18')).toBeGreaterThan(0);
    expect(compareDaprVersions('1.17', '1.17.0')).toBe(0);
    expect(satisfiesDapr('1.16.4', '1.16')).toBe(true);
    expect(satisfiesDapr('1.16.4', '1.17')).toBe(false);
  });
});

describe('componentDaprNeeds and strictestNeed', () => {
  it('names the registration, the Entra ID sign-in and only the set fields that are newer', () => {
    const spec = componentSpec('configuration.postgresql');
    expect(strictestNeed(componentDaprNeeds(spec, ['host', 'table']))).toEqual({
      version: '1.12',
      reason: 'configuration.postgresql v1 signs in with Entra ID from Dapr 1.12',
    });
    expect(strictestNeed(componentDaprNeeds(spec, ['notifyChannel']))).toEqual({
      version: '1.18',
      reason: 'configuration.postgresql v1 reads notifyChannel from Dapr 1.18',
    });
  });

  it('keeps the first of equal needs and returns undefined for none', () => {
    const first = { version: '1.14', reason: 'first' } as const;
    expect(strictestNeed([first, { version: '1.14', reason: 'second' }])).toBe(first);
    expect(strictestNeed([])).toBeUndefined();
  });
});

describe('hostDapr', () => {
  it('knows the managed Container Apps release and the ACI pin, nothing where the user installs Dapr', () => {
    expect(hostDapr('aca')?.version).toBe(CONTAINER_APPS_DAPR_VERSION);
    expect(CONTAINER_APPS_DAPR_VERSION).toBe('1.16.4');
    expect(hostDapr('aci')?.version).toBe(ACI_DAPR_VERSION);
    expect(DAPRD_IMAGE.endsWith(`:${ACI_DAPR_VERSION}`)).toBe(true);
    for (const host of ['aks', 'webapp', 'functionapp', 'vm', 'vmss'] as const)
      expect(hostDapr(host)).toBeUndefined();
  });
});

describe('componentAvailability', () => {
  it('on Container Apps, state.sqlserver v2 cannot load (Dapr 1.16.4), v1 can', () => {
    const v2 = componentAvailability(componentSpec('state.sqlserver', 'v2'), 'aca');
    expect(v2).toEqual({
      status: 'unavailable',
      reason:
        'Container Apps runs Dapr 1.16.4 (microsoft/azure-container-apps#1676), which cannot load state.sqlserver v2: it needs Dapr 1.17 or later.',
    });
    expect(componentAvailability(componentSpec('state.sqlserver', 'v1'), 'aca').status).toBe('available');
  });

  it('on Container Apps, warns for exactly the alpha components, and twice for the lock API', () => {
    const warned = COMPONENTS.filter(
      (spec: ComponentSpec) => componentAvailability(spec, 'aca').status === 'warning',
    ).map((spec) => spec.type);
    expect(warned.sort()).toEqual(
      [
        'bindings.azure.openai',
        'bindings.azure.signalr',
        'configuration.azure.appconfig',
        'crypto.azure.keyvault',
        'lock.redis',
      ].sort(),
    );
    const lock = componentAvailability(componentSpec('lock.redis'), 'aca');
    expect(lock.status === 'warning' && lock.reasons).toEqual([
      'Container Apps supports only stable Dapr components (container-apps/dapr-overview.md); lock.redis is alpha in Dapr (its metadata.yaml): it may load, but without platform support.',
      'Container Apps announced that it will disable the experimental lock/unlock API (microsoft/azure-container-apps#1478).',
    ]);
  });

  it('checks ACI against its daprd pin: every catalog component loads on 1.18.3, a newer one would not', () => {
    for (const spec of COMPONENTS as readonly ComponentSpec[])
      expect(componentAvailability(spec, 'aci').status, spec.type).toBe('available');
    const future: ComponentSpec = { ...componentSpec('state.sqlserver', 'v2'), minDapr: '1.19' };
    expect(componentAvailability(future, 'aci')).toEqual({
      status: 'unavailable',
      reason: `The ACI sidecar runs ${DAPRD_IMAGE}, which cannot load state.sqlserver v2: it needs Dapr 1.19 or later.`,
    });
    expect(componentAvailability(future, 'aks').status).toBe('available');
  });

  it('blocks nothing and warns for nothing where the user installs Dapr', () => {
    for (const host of HOST_IDS.filter((id) => id !== 'aca' && id !== 'aci'))
      for (const spec of COMPONENTS as readonly ComponentSpec[])
        expect(componentAvailability(spec, host).status).toBe('available');
  });
});

describe('fieldUnreadReason', () => {
  const notifyChannel = componentSpec('configuration.postgresql').fields.find(
    (field) => field.key === 'notifyChannel',
  );
  it('says that Container Apps (1.16.4) does not read notifyChannel; ACI (1.18.3) and AKS do', () => {
    if (!notifyChannel) throw new Error('configuration.postgresql has no notifyChannel field');
    expect(fieldUnreadReason(notifyChannel, 'aca')).toBe(
      'Container Apps runs Dapr 1.16.4 (microsoft/azure-container-apps#1676); notifyChannel is read from Dapr 1.18: leave it empty here.',
    );
    expect(fieldUnreadReason(notifyChannel, 'aci')).toBeUndefined();
    expect(fieldUnreadReason(notifyChannel, 'aks')).toBeUndefined();
  });
});
