// Every catalog component, with every answer to its choices, renders as Bicep and Terraform that pass the schema
// checkers, on a host of each component format (AKS with Workload ID, Container Apps with a user-assigned
// identity, a VM with its system-assigned one): a resource type missing from resource-types.ts, or a grant or
// component the renderers write wrongly, fails here even for a component no golden scenario uses.
import { describe, expect, it } from 'vitest';
import { COMPONENTS } from '../../catalog/components';
import type { ComponentField, ComponentSpec } from '../../catalog/component-spec';
import { defaultConfig, type WizardConfig } from '../../model/config';
import { checkBicep, checkTerraform } from '../../test-support/iac';
import { iacFiles } from '../iac-outputs';

// A valid value for the rules whose fields carry neither a placeholder nor an example (as never-emitted.test.ts).
const SAMPLE_BY_RULE: Readonly<Record<string, string>> = {
  duration: '30s',
  boolean: 'true',
  integer: '5',
  sqlIdentifier: 'dapr_state',
  text: 'orders',
};

const sampleFor = (field: ComponentField): string =>
  field.placeholder ?? field.example ?? SAMPLE_BY_RULE[field.rule] ?? 'orders';

function answerSets(spec: ComponentSpec): Record<string, string>[] {
  return (spec.choices ?? []).reduce<Record<string, string>[]>(
    (all, choice) =>
      all.flatMap((partial) => choice.options.map((option) => ({ ...partial, [choice.key]: option.id }))),
    [{}],
  );
}

const HOSTS: readonly Partial<WizardConfig>[] = [
  { host: 'aks', aksIdentity: 'workload', serviceAccount: 'orders-sa' },
  { host: 'aca', identity: 'user', environment: 'env-orders' },
  { host: 'vm', identity: 'system' },
];

describe('every catalog component as IaC', () => {
  for (const spec of COMPONENTS) {
    it(`${spec.type} ${spec.version}: Bicep and Terraform pass the checkers on AKS, Container Apps and a VM`, async () => {
      for (const host of HOSTS) {
        for (const choices of answerSets(spec)) {
          const config: WizardConfig = {
            ...defaultConfig(),
            ...host,
            resourceGroup: 'rg-orders',
            hostName: 'orders',
            appId: 'orders-api',
            identityName: 'id-orders',
            components: [
              {
                type: spec.type,
                version: spec.version,
                name: spec.defaultName,
                resourceGroup: '',
                metadata: Object.fromEntries(spec.fields.map((field) => [field.key, sampleFor(field)])),
                choices,
              },
            ],
          };
          const where = `${config.host} ${JSON.stringify(choices)}`;
          const [bicep] = iacFiles(config, 'bicep');
          const [terraform] = iacFiles(config, 'terraform');
          expect(checkBicep(bicep?.text ?? ''), where).toEqual([]);
          expect(await checkTerraform(terraform?.text ?? ''), where).toEqual([]);
          // Each grant is in the file, or named as the script step that makes it (a database's own users).
          for (const text of [bicep?.text ?? '', terraform?.text ?? '']) {
            expect(text, where).toMatch(
              /roleAssignments|azurerm_role_assignment|sqlRoleAssignments|cosmosdb_sql_role|accessPolic|access_policy|Not here \(a grant inside the database/,
            );
          }
        }
      }
    });
  }
});
