import { describe, expect, it } from 'vitest';
import { parseShareLink } from '../../model/url-state';
import { buildPlan } from '../plan/build-plan';
import {
  CLI_UPGRADE_ADVICE,
  cliRequirement,
  compareVersions,
  grantCliNeed,
  needsAzureCli,
} from './cli-minimum';

const REDIS = 'component=state.redis&name=redis-state&m.redisHost=redis-orders.redis.cache.windows.net:6380';
const plan = (link: string) => buildPlan(parseShareLink('', link).config);

describe('the Azure CLI minimum', () => {
  it('compares releases as numbers', () => {
    expect(compareVersions('2.9', '2.57')).toBeLessThan(0);
    expect(compareVersions('2.70', '2.57')).toBeGreaterThan(0);
    expect(compareVersions('2.57', '2.57.0')).toBe(0);
  });

  it('asks 2.57 for a Redis data access policy, and nothing more for the other grants', () => {
    expect(grantCliNeed(plan(`host=vm&${REDIS}`))?.version).toBe('2.57');
    expect(grantCliNeed(plan('host=vm&component=secretstores.azure.keyvault'))).toBeUndefined();
  });

  it('raises a lower host minimum, keeping what else the host asks for, and the upgrade advice once', () => {
    const need = { version: '2.57', command: '`az redis access-policy-assignment`' };
    const raised = `Needs Azure CLI 2.57 or later (the first with \`az redis access-policy-assignment\`). ${CLI_UPGRADE_ADVICE}.`;
    expect(cliRequirement(needsAzureCli('2.53', 'containerapp commands in the core CLI'), need)).toBe(raised);
    expect(cliRequirement(undefined, need)).toBe(raised);
    expect(
      cliRequirement(`${needsAzureCli('2.47', '--enable-workload-identity')} Also kubelogin.`, need),
    ).toBe(`${raised} Also kubelogin.`);
    expect(cliRequirement('Only kubelogin.', need)).toBe(`${raised} Only kubelogin.`);
    const webApp = needsAzureCli('2.70', 'the first with `az webapp sitecontainers`');
    expect(cliRequirement(webApp, need)).toBe(webApp);
    expect(cliRequirement('Needs Azure CLI 2.53 or later (x).', undefined)).toBe(
      'Needs Azure CLI 2.53 or later (x).',
    );
  });
});
