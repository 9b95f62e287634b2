import { describe, expect, it } from 'vitest';
import { parseShareLink } from '../../model/url-state';
import { buildSetupScript } from '../az-script';
import { buildPlan } from '../plan/build-plan';
import { toBash } from '../to-bash';

describe('a typed client id', () => {
  it('is compared with the one az prints in lower case, whatever case it was typed in', () => {
    const typed = '6F1C2A3B-4D5E-4F60-8A7B-9C0D1E2F3A4B';
    const link = `host=vm&identity=user&resourceGroup=rg-orders&hostName=vm-orders&identityName=id-orders&clientId=${typed}&m.vaultName=kv-orders`;
    const script = toBash(buildSetupScript(buildPlan(parseShareLink('', link).config)));
    const guards = script.split('\n').filter((line) => line.includes('"$CLIENT_ID" !='));
    expect(guards).toEqual([`if [ "$CLIENT_ID" != ${typed.toLowerCase()} ]; then`]);
  });
});
