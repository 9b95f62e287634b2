// Every golden scenario with a setup script has its Bicep and Terraform files, produced exactly, and each one
// passes the schema checkers (src/test-support/iac): Bicep against the pinned @azure/arm-* models, Terraform
// through HashiCorp's HCL parser against the azurerm / kubernetes provider schema extract.
import { describe, expect, it } from 'vitest';
import { parseShareLink } from '../../model/url-state';
import { checkBicep, checkTerraform } from '../../test-support/iac';
import {
  goldenBicepModules,
  goldenFileName,
  IAC_GOLDEN_FILES,
  loadGoldenScenarios,
} from '../../test-support/golden';
import { iacFiles } from '../iac-outputs';
import { parseBicep } from '../../test-support/iac/bicep-parse';

const scenarios = loadGoldenScenarios();
const withScript = scenarios.filter((scenario) => scenario.outputs['setup.sh'] !== undefined);

/**
 * main.parameters.json against main.bicep: the deploymentParameters shape, every value for a declared string
 * parameter, and every parameter without a default given one (the checks checkBicepParams makes of a .bicepparam).
 */
function checkParametersJson(json: string, bicep: string): string[] {
  const file = JSON.parse(json) as {
    $schema?: string;
    contentVersion?: string;
    parameters?: Record<string, unknown>;
  };
  const problems: string[] = [];
  if (file.$schema !== 'https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#')
    problems.push('$schema is not the deploymentParameters schema');
  if (file.contentVersion !== '1.0.0.0') problems.push('contentVersion is not 1.0.0.0');
  const declared = parseBicep(bicep).flatMap((statement) => (statement.kind === 'param' ? [statement] : []));
  const values = file.parameters ?? {};
  for (const [name, entry] of Object.entries(values)) {
    const declaration = declared.find((statement) => statement.name === name);
    if (!declaration) problems.push(`${name} is not a parameter of main.bicep`);
    const value = (entry as { value?: unknown }).value;
    if (declaration?.type === 'string' && typeof value !== 'string') problems.push(`${name} is not a string`);
  }
  for (const declaration of declared) {
    if (!declaration.value && !(declaration.name in values))
      problems.push(`${declaration.name} has no value`);
  }
  return problems;
}

describe('IaC golden files', () => {
  it('exist for every scenario with a setup script, and only there', () => {
    for (const scenario of scenarios) {
      // Beside the three files every scenario has, the Bicep modules of those with grants in other groups.
      const fixed = Object.keys(scenario.iacOutputs).filter((file) => IAC_GOLDEN_FILES.includes(file));
      const expected = scenario.outputs['setup.sh'] === undefined ? [] : [...IAC_GOLDEN_FILES].sort();
      expect(fixed.sort(), scenario.name).toEqual(expected);
      if (scenario.outputs['setup.sh'] === undefined)
        expect(Object.keys(scenario.iacOutputs), scenario.name).toEqual([]);
    }
  });

  for (const scenario of withScript) {
    it(`${scenario.name}: produces exactly the golden main.bicep, main.parameters.json, main.tf and Bicep modules`, () => {
      const config = parseShareLink('', scenario.link).config;
      const produced = Object.fromEntries(
        [...iacFiles(config, 'bicep'), ...iacFiles(config, 'terraform')].map((file) => [
          goldenFileName(file),
          file.text,
        ]),
      );
      expect(Object.keys(produced).sort()).toEqual(Object.keys(scenario.iacOutputs).sort());
      for (const [file, text] of Object.entries(scenario.iacOutputs)) {
        expect(produced[file], `${scenario.name}/${file}`).toBe(text);
      }
    });

    it(`${scenario.name}: the golden Bicep and its modules fit the ARM models, its parameters file fits it`, () => {
      const bicep = scenario.iacOutputs['main.bicep'] ?? '';
      expect(checkBicep(bicep, goldenBicepModules(scenario.iacOutputs))).toEqual([]);
      expect(checkParametersJson(scenario.iacOutputs['main.parameters.json'] ?? '', bicep)).toEqual([]);
    });

    it(`${scenario.name}: the golden Terraform fits the provider schemas`, async () => {
      expect(await checkTerraform(scenario.iacOutputs['main.tf'] ?? '')).toEqual([]);
    });
  }
});
