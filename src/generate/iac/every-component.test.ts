// Every catalog component, with every answer to its choices, renders as Bicep and Terraform that pass the schema
// checkers, on a host of each component format (AKS with Workload ID, Container Apps with a user-assigned
// identity, a VM with its system-assigned one): a resource type missing from resource-types.ts, or a grant or
// component the renderers write wrongly, fails here even for a component no golden scenario uses. Each runs with
// its resources in the host's resource group and in another one, where Bicep's grants move into a module.
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

/** The component's resources in the host's group, or in another one (Bicep grants them from a module there). */
const COMPONENT_GROUPS = ['', 'rg-data'] as const;

/** main.bicep, and its modules by the path its module statements name. */
function bicepFiles(config: WizardConfig): { main: string; modules: Record<string, string> } {
  const files = iacFiles(config, 'bicep');
  return {
    main: files.find((file) => file.id === 'bicep')?.text ?? '',
    modules: Object.fromEntries(
      files
        .filter((file) => file.id === 'bicep-module')
        .map((file) => [file.path.replace(/^infra\//, ''), file.text]),
    ),
  };
}

describe('every catalog component as IaC', () => {
  for (const spec of COMPONENTS) {
    it(`${spec.type} ${spec.version}: Bicep and Terraform pass the checkers on AKS, Container Apps and a VM, in the host's group or another`, async () => {
      for (const host of HOSTS) {
        for (const [choices, componentGroup] of answerSets(spec).flatMap((answers) =>
          COMPONENT_GROUPS.map((group) => [answers, group] as const),
        )) {
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
                resourceGroup: componentGroup,
                metadata: Object.fromEntries(spec.fields.map((field) => [field.key, sampleFor(field)])),
                choices,
              },
            ],
          };
          const where = `${config.host} ${JSON.stringify(choices)} ${componentGroup || 'host group'}`;
          const bicep = bicepFiles(config);
          const [terraform] = iacFiles(config, 'terraform');
          expect(checkBicep(bicep.main, bicep.modules), where).toEqual([]);
          expect(await checkTerraform(terraform?.text ?? ''), where).toEqual([]);
          // In another group, main.bicep neither references nor grants anything there: its module does.
          const granted = Object.values(bicep.modules).join('\n');
          if (componentGroup !== '' && !bicep.main.includes('Not here (a grant inside the database')) {
            expect(Object.keys(bicep.modules), where).toEqual(['modules/grants-rg-data.bicep']);
            expect(bicep.main, where).not.toMatch(/ in rg-data\.\n/);
            expect(granted, where).toMatch(/ existing = \{/);
          }
          // Each grant is in the files, or named as the script step that makes it (a database's own users).
          for (const text of [bicep.main + granted, terraform?.text ?? '']) {
            expect(text, where).toMatch(
              /roleAssignments|azurerm_role_assignment|sqlRoleAssignments|cosmosdb_sql_role|accessPolic|access_policy|Not here \(a grant inside the database/,
            );
          }
        }
      }
    });
  }
});
