/**
 * The lookups before any change: a precondition's fix names the resource (pasteable), and the Redis data
 * access policy commands, which the installed 2.45 lacks, are probed before the first change.
 */
import { describe, expect, it } from 'vitest';
import { parseShareLink } from '../../model/url-state';
import { buildSetupScript } from '../az-script';
import { buildPlan } from '../plan/build-plan';
import { commandEffect, commandsOf } from '../script-queries';
import { toBash } from '../to-bash';

const LINK =
  'host=vm&resourceGroup=rg-orders&hostName=vm-orders&appId=orders-api&component=state.postgresql&name=pg-state&m.host=pg-orders.postgres.database.azure.com&m.database=orders&c2.component=state.redis&c2.name=redis-state&c2.m.redisHost=redis-orders.redis.cache.windows.net:6380&c2.rg=rg-cache';

const script = buildSetupScript(buildPlan(parseShareLink('', LINK).config));

describe('preflight', () => {
  it('probes az redis access-policy-assignment before any change', () => {
    const commands = commandsOf(script);
    const words = commands.map((line) => line.argv.filter((word) => typeof word === 'string').join(' '));
    const probe = words.findIndex((text) => text.startsWith('az redis access-policy-assignment list'));
    const firstChange = commands.findIndex((line) => commandEffect(line) === 'changing');
    expect(probe).toBeGreaterThanOrEqual(0);
    expect(firstChange).toBeGreaterThan(probe);
  });

  it("names each resource's name and group in its precondition's fix", () => {
    const text = toBash(script);
    expect(text).toContain(
      'az postgres flexible-server update --name pg-orders --resource-group rg-orders --microsoft-entra-auth Enabled',
    );
    expect(text).toContain(
      'az redis update --name redis-orders --resource-group rg-cache --set redisConfiguration.aadEnabled=true',
    );
    expect(text).not.toContain('--name <name>');
  });
});
