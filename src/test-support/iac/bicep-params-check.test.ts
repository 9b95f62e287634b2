import { describe, expect, it } from 'vitest';
import { checkBicepParams } from './bicep-params-check';

const MAIN = `param location string = resourceGroup().location
param vaultName string
param replicas int = 1
@allowed([
  'default'
  'orders'
])
param namespace string = 'default'
`;

describe('checkBicepParams', () => {
  it('passes values for declared parameters of their type', () => {
    expect(
      checkBicepParams(
        "using 'main.bicep'\n\nparam vaultName = 'kv-orders'\nparam namespace = 'orders'\n",
        MAIN,
      ),
    ).toEqual([]);
  });

  it('reports a missing using, an undeclared parameter, a wrong type, a value outside @allowed', () => {
    expect(
      checkBicepParams(
        "param vaultName = 'kv'\nparam vault = 'kv'\nparam replicas = '2'\nparam namespace = 'prod'\n",
        MAIN,
      ),
    ).toEqual([
      "line 1: a .bicepparam file starts with using '<file>.bicep'",
      'line 2: param vault is not declared in the Bicep file',
      'line 3: param replicas is declared int, given string',
      'line 4: param namespace = "prod" is not in its @allowed list',
    ]);
  });

  it('reports a required parameter left out, and a value that names another symbol', () => {
    expect(checkBicepParams("using 'main.bicep'\nparam location = region\n", MAIN)).toEqual([
      "line 2: 'region' is not declared",
      'param vaultName has no default and no value here',
    ]);
  });
});
