/**
 * The teardown's own account of itself matches what it does, for every golden scenario and for a kubelet
 * identity with an Azure SQL user: the header promises the identity's removal only when an option asks for
 * it, names the tag only when the script reads it, tells of the federated credential only where it deletes
 * one, and the SQL step names the command that read the client id it matches the user by.
 */
import { describe, expect, it } from 'vitest';
import { parseShareLink } from '../../model/url-state';
import { loadGoldenScenarios } from '../../test-support/golden';
import { buildPlan } from '../plan/build-plan';
import { toBash } from '../to-bash';
import { buildTeardownScript } from './teardown-script';

const KUBELET_SQL =
  'host=aks&aksIdentity=kubelet&resourceGroup=rg-orders&hostName=aks-prod&namespace=orders&deployment=orders-api&appId=orders-api&component=state.sqlserver&name=sql-state&m.host=sql-orders.database.windows.net&m.database=orders';

const links = [
  ...loadGoldenScenarios().map((scenario) => ({ name: scenario.name, link: scenario.link })),
  { name: 'kubelet with an Azure SQL user', link: KUBELET_SQL },
];

function teardownOf(link: string) {
  const script = buildTeardownScript(buildPlan(parseShareLink('', link).config));
  const text = toBash(script);
  const header = text
    .split('\n')
    .filter((line) => line.startsWith('# '))
    .map((line) => line.slice(2))
    .join(' ');
  return { script, text, header };
}

const REMOVALS_ASKED_FOR = ['DELETE_IDENTITY', 'REMOVE_SYSTEM_IDENTITY', 'DELETE_CONTAINER_GROUP'];

describe('teardown header and messages', () => {
  for (const { name, link } of links) {
    it(`${name}: says what it does with the identity, the tag and the federated credential`, () => {
      const { script, text, header } = teardownOf(link);
      // An option that removes the identity when asked: DELETE_IDENTITY with a client id entered is read only
      // to answer that nothing is deleted.
      const options = (script.options ?? []).map((option) => option.name);
      const asks = REMOVALS_ASKED_FOR.some(
        (name) =>
          options.includes(name) && (name !== 'DELETE_IDENTITY' || text.includes('az identity delete')),
      );
      // On ACI the ask is the group's: its system identity goes with it.
      const promises =
        header.includes('the identity only if asked') ||
        header.includes('identity only with the group (DELETE_CONTAINER_GROUP=1)');
      expect(promises, 'identity only if asked').toBe(asks);
      const readsTag = text.includes('IDENTITY_CREATED_BY=$(');
      expect(header.includes('and an identity its tag'), 'tag').toBe(readsTag);
      const deletesCredential = text.includes('az identity federated-credential delete');
      expect(header.includes('The federated credential carries no mark'), 'federated credential').toBe(
        deletesCredential,
      );
    });

    it(`${name}: the SQL step names the command that read the client id`, () => {
      const { text } = teardownOf(link);
      for (const match of text.matchAll(/client id could not be read \((az [a-z ]+), above\)/g)) {
        const read = text.lastIndexOf(`CLIENT_ID=$(${match[1] ?? ''}`, match.index);
        expect(read, `${match[1] ?? ''} reads CLIENT_ID before the message`).toBeGreaterThan(-1);
      }
    });
  }

  it('covers each way the client id is read (az ad sp show, az identity list, az aks show)', () => {
    const sources = new Set(
      links.flatMap(({ link }) =>
        [...teardownOf(link).text.matchAll(/client id could not be read \((az [a-z ]+), above\)/g)].map(
          (match) => match[1],
        ),
      ),
    );
    expect([...sources].sort()).toEqual(['az ad sp show', 'az aks show', 'az identity list']);
  });
});
