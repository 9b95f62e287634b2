import { describe, expect, it } from 'vitest';
import { parseShareLink } from '../../model/url-state';
import { planCaveats } from './caveats';

const caveats = (link: string) => planCaveats(parseShareLink('', link).config);
const REDIS =
  'component=state.redis&name=redis-state&m.redisHost=redis-orders.redis.cache.usgovcloudapi.net%3A6380';

describe('caveats said before any change', () => {
  it('names alpha components and the lock API on Container Apps only', () => {
    const link =
      'component=lock.redis&m.redisHost=redis-orders.redis.cache.windows.net%3A6380&c2.component=secretstores.azure.keyvault&c2.m.vaultName=kv-orders';
    const onAca = caveats(`host=aca&${link}`);
    expect(onAca.map((caveat) => caveat.component)).toEqual(['lockstore']);
    expect(onAca[0]?.reasons.join(' ')).toMatch(/alpha.*lock\/unlock API/s);
    expect(caveats(`host=aks&${link}`)).toEqual([]);
  });

  it('says the Redis audience is unconfirmed in Azure Government, and only there', () => {
    const government = caveats(`cloud=usgovernment&host=vm&${REDIS}`);
    expect(government).toHaveLength(1);
    expect(government[0]?.reasons[0]).toContain('https://redis.azure.com/.default');
    expect(caveats(`host=vm&${REDIS.replace('usgovcloudapi.net', 'windows.net')}`)).toEqual([]);
  });
});
