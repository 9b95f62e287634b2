import { describe, expect, it } from 'vitest';
import { parseShareLink } from '../../model/url-state';
import { buildPlan } from '../plan/build-plan';
import { toBash } from '../to-bash';
import { buildTeardownScript } from './teardown-script';

const teardown = (link: string) => toBash(buildTeardownScript(buildPlan(parseShareLink('', link).config)));
const VM_USER =
  'host=vm&identity=user&resourceGroup=rg-orders&hostName=vm-orders&identityName=id-orders&m.vaultName=kv-orders';

describe('taking a user-assigned identity off the host', () => {
  it('says that an identity which existed before stays attached, with the command to take it off', () => {
    const script = teardown(`${VM_USER}&clientId=6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b`);
    expect(script).toContain('so it stays attached to the VM, though the setup attached it');
    expect(script).toContain(
      'az vm identity remove --name ${VM_NAME} --resource-group ${RESOURCE_GROUP} --identities ${IDENTITY_ID}',
    );
  });

  it('says nothing of it when the setup creates the identity (the teardown then detaches it)', () => {
    expect(teardown(VM_USER)).not.toContain('stays attached to the VM, though');
  });
});
