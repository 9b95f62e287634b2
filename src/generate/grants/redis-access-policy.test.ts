import { describe, expect, it } from 'vitest';
import { redisAssignmentName } from './redis-access-policy';

/** The Redis API's accessPolicyAssignmentName rule (redis.json 2024-11-01): 3-63 characters, this pattern. */
const API_RULE = /^([a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]|[a-zA-Z0-9])$/;
const takenByApi = (name: string): boolean => name.length >= 3 && name.length <= 63 && API_RULE.test(name);

describe('redisAssignmentName', () => {
  it('keeps an identity name the Redis API takes as it is', () => {
    for (const name of ['id-orders', 'vm-orders', 'abc', 'A1-b2', 'x'.repeat(63)]) {
      expect(redisAssignmentName(name)).toBe(name);
    }
  });

  it('makes every identity name one the API takes: underscores, 128 characters, short, dashes at the ends', () => {
    const names = [
      'id_orders',
      'x'.repeat(128),
      'a',
      'ab',
      '-id-',
      '___',
      '_a_',
      'id.orders',
      `${'y'.repeat(60)}_z`,
    ];
    for (const name of names) {
      const derived = redisAssignmentName(name);
      expect(takenByApi(derived), `${name} -> ${derived}`).toBe(true);
    }
    expect(redisAssignmentName('id_orders')).toMatch(/^id-orders-[0-9a-f]{8}$/);
    expect(redisAssignmentName('___')).toMatch(/^[0-9a-f]{8}$/);
  });

  it('is stable, and keeps names that differ only where they were changed apart', () => {
    expect(redisAssignmentName('id_orders')).toBe(redisAssignmentName('id_orders'));
    expect(redisAssignmentName('id_orders')).not.toBe(redisAssignmentName('id-orders'));
    expect(redisAssignmentName('id_orders')).not.toBe(redisAssignmentName('id.orders'));
    const long = (last: string) => `${'z'.repeat(100)}${last}`;
    expect(redisAssignmentName(long('1'))).not.toBe(redisAssignmentName(long('2')));
  });
});
