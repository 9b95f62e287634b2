import { describe, expect, it } from 'vitest';
import { checkBicep } from './bicep-check';

// A resource-group-scoped module holding one role assignment, deployed into another group by MAIN.
const MODULE = `targetScope = 'resourceGroup'

param granteePrincipalId string
param granteeResourceId string
param note string = 'kept'

resource vault 'Microsoft.KeyVault/vaults@2025-05-01' existing = {
  name: 'kv-orders'
}

resource vaultRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, granteeResourceId, '4633458b-17de-408a-b874-0445c86b69e6')
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '4633458b-17de-408a-b874-0445c86b69e6')
    principalId: granteePrincipalId
    principalType: 'ServicePrincipal'
  }
}
`;

const main = (
  body: string,
): string => `resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: 'id-orders'
  location: resourceGroup().location
}

module grants 'modules/grants.bicep' = {
${body}
}
`;

const GOOD_BODY = `  name: take('\${deployment().name}-grants', 64)
  scope: resourceGroup('rg-data')
  params: {
    granteePrincipalId: identity.properties.principalId
    granteeResourceId: identity.id
  }`;

describe('checkBicep with modules', () => {
  it('accepts a module statement that fits its file, and a module file that fits the models', () => {
    expect(checkBicep(main(GOOD_BODY), { 'modules/grants.bicep': MODULE })).toEqual([]);
  });

  it('reports a module file that is not given, and a given one no statement deploys', () => {
    expect(checkBicep(main(GOOD_BODY))).toEqual([
      "line 6: module grants: 'modules/grants.bicep' is not among the files given",
    ]);
    expect(
      checkBicep(main(GOOD_BODY), { 'modules/grants.bicep': MODULE, 'modules/other.bicep': MODULE }),
    ).toEqual(['modules/other.bicep is given but no module statement deploys it']);
  });

  it('reports an unknown parameter, a missing one and a literal of the wrong kind', () => {
    const body = GOOD_BODY.replace('granteeResourceId: identity.id', 'principal: identity.id').replace(
      'granteePrincipalId: identity.properties.principalId',
      'granteePrincipalId: 42',
    );
    expect(checkBicep(main(body), { 'modules/grants.bicep': MODULE })).toEqual([
      "line 10: module grants: 'granteePrincipalId' is a string parameter",
      "line 11: module grants: 'principal' is not a parameter of modules/grants.bicep",
      "line 6: module grants: parameter 'granteeResourceId' of modules/grants.bicep is not given",
    ]);
  });

  it('reports a scope that does not fit the module targetScope, and a key a module does not take', () => {
    const body =
      GOOD_BODY.replace("resourceGroup('rg-data')", 'subscription()') + "\n  location: 'westeurope'";
    expect(checkBicep(main(body), { 'modules/grants.bicep': MODULE })).toEqual([
      'line 13: module grants: location is not a module property',
      "line 8: module grants: its file's targetScope is 'resourceGroup', so scope must be a resourceGroup(...) call",
    ]);
  });

  it('checks the module file itself, its problems named by its path', () => {
    const broken = MODULE.replace("principalType: 'ServicePrincipal'", "principalType: 'Robot'");
    const problems = checkBicep(main(GOOD_BODY), { 'modules/grants.bicep': broken });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^modules\/grants\.bicep: line 17: properties\.principalType is 'Robot'/);
    expect(checkBicep(main(GOOD_BODY), { 'modules/grants.bicep': 'resource {' })).toEqual([
      expect.stringMatching(/^modules\/grants\.bicep: does not parse: /),
    ]);
  });
});
