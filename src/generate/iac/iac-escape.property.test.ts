// Hostile values in every free-text field the IaC outputs carry (names, app id, namespace, a component's
// metadata) cannot break out of a string or a comment in either renderer: the file still passes its checker,
// declares exactly the statements and blocks it declares for a plain value, and reads the value back unchanged.
import { parse } from '@cdktf/hcl2json';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { WizardConfig } from '../../model/config';
import { parseShareLink } from '../../model/url-state';
import { loadGoldenScenarios } from '../../test-support/golden';
import { checkBicep, checkTerraform } from '../../test-support/iac';
import { parseBicep, type Expr, type Statement } from '../../test-support/iac/bicep-parse';
import { buildPlan } from '../plan/build-plan';
import { renderBicep } from './bicep/main-bicep';
import { renderTerraform } from './terraform/main-tf';

// Text a user might type, weighted to the characters that matter to Bicep, HCL and their comments.
const hostile = fc.string({
  unit: fc.oneof(
    fc.constantFrom(
      "'",
      '"',
      '\\',
      '$',
      '{',
      '}',
      '%',
      '${',
      '%{',
      '\n',
      '\r',
      '\t',
      '#',
      '//',
      '/*',
      '*/',
      '\u2028',
    ),
    fc.string({ minLength: 1, maxLength: 1 }),
  ),
  minLength: 1,
  maxLength: 30,
});

/** Scenarios that between them reach every host format, both identity kinds, and every ARM grant kind. */
const BASES = ['aca-user', 'aks-workload', 'vm-system', 'grants-redis-cosmos', 'aci-user-accesspolicy'];
const scenarios = loadGoldenScenarios().filter((scenario) => BASES.includes(scenario.name));

/** The config with one value in every free-text field the IaC files carry (the first component's vault too). */
function withValue(config: WizardConfig, value: string): WizardConfig {
  return {
    ...config,
    resourceGroup: value,
    hostName: value,
    identityName: config.identityName === '' ? '' : value,
    environment: config.environment === '' ? '' : value,
    appId: value,
    namespace: value,
    serviceAccount: config.serviceAccount === '' ? '' : value,
    components: config.components.map((component) => ({
      ...component,
      metadata: Object.fromEntries(Object.entries(component.metadata).map(([key]) => [key, value])),
    })),
  };
}

const shape = (statements: Statement[]): string[] =>
  statements.map((s) => `${s.kind} ${'name' in s ? s.name : ''}`);

/** Every string literal in an expression tree. */
function literals(expr: Expr | undefined): string[] {
  if (!expr) return [];
  if (expr.kind === 'string')
    return expr.parts.every((p) => typeof p === 'string') ? [expr.parts.join('')] : [];
  return Object.values(expr).flatMap((child) =>
    Array.isArray(child)
      ? child.flatMap((item) =>
          item && typeof item === 'object' && 'kind' in item
            ? literals(item as Expr)
            : literals((item as { value?: Expr }).value),
        )
      : child && typeof child === 'object' && 'kind' in child
        ? literals(child as Expr)
        : [],
  );
}

/** The top-level blocks of a Terraform file, by type and labels. */
function blocksOf(parsed: Record<string, unknown>): string[] {
  return Object.entries(parsed).flatMap(([type, value]) =>
    type === 'resource' || type === 'data'
      ? Object.entries(value as Record<string, Record<string, unknown>>).flatMap(([kind, named]) =>
          Object.keys(named).map((name) => `${type} ${kind} ${name}`),
        )
      : [type],
  );
}

/** The config with its components' resources in the resource group `group` (Bicep: a grants module there). */
function inGroup(config: WizardConfig, group: string): WizardConfig {
  return {
    ...config,
    components: config.components.map((component) => ({ ...component, resourceGroup: group })),
  };
}

describe('hostile values in the IaC outputs', () => {
  it('a hostile resource group of the components stays inside its strings, and its module file name is safe', () => {
    const base = parseShareLink(
      '',
      scenarios.find((s) => s.name === 'grants-redis-cosmos')?.link ?? '',
    ).config;
    const withoutModules = (statements: Statement[]): string[] =>
      shape(statements.filter((statement) => statement.kind !== 'module'));
    const plain = renderBicep(buildPlan(inGroup(base, 'plain')));
    fc.assert(
      fc.property(hostile, (value) => {
        fc.pre(value !== base.resourceGroup);
        const { bicep, modules } = renderBicep(buildPlan(inGroup(base, value)));
        const files = Object.fromEntries(modules.map((module) => [module.path, module.text]));
        expect(checkBicep(bicep, files)).toEqual([]);
        expect(modules.map((module) => module.path)).toEqual([
          expect.stringMatching(/^modules\/grants-[a-z0-9-]+\.bicep$/),
        ]);
        const statements = parseBicep(bicep);
        expect(withoutModules(statements)).toEqual(withoutModules(parseBicep(plain.bicep)));
        const module = statements.find((statement) => statement.kind === 'module');
        expect(module && literals(module.body)).toContain(value);
        expect(shape(parseBicep(modules[0]?.text ?? ''))).toEqual(
          shape(parseBicep(plain.modules[0]?.text ?? '')),
        );
      }),
      { numRuns: 40 },
    );
  });

  for (const scenario of scenarios) {
    const base = parseShareLink('', scenario.link).config;
    const plain = withValue(base, 'plain');

    it(`${scenario.name}: Bicep with a hostile value in every field passes its check, declares the same statements and reads the value back`, () => {
      const expected = shape(parseBicep(renderBicep(buildPlan(plain)).bicep));
      fc.assert(
        fc.property(hostile, (value) => {
          const { bicep, parameters } = renderBicep(buildPlan(withValue(base, value)));
          expect(checkBicep(bicep)).toEqual([]);
          const statements = parseBicep(bicep);
          expect(shape(statements)).toEqual(expected);
          // The app id is a scope or a Dapr setting in every scenario, so it reads back as one literal. Not every
          // field reads back as it was: some names are derived from the value (cleaned for the service's rules).
          const found = statements.flatMap((s) =>
            'body' in s ? literals(s.body) : 'value' in s ? literals(s.value) : [],
          );
          const named = JSON.parse(parameters) as { parameters: Record<string, { value: string }> };
          expect([...found, ...Object.values(named.parameters).map((p) => p.value)]).toContain(value);
        }),
        { numRuns: 40 },
      );
    });

    it(`${scenario.name}: Terraform with a hostile value in every field passes its check, declares the same blocks and holds the value`, async () => {
      const expected = blocksOf(
        (await parse('main.tf', renderTerraform(buildPlan(plain)))) as Record<string, unknown>,
      );
      await fc.assert(
        fc.asyncProperty(hostile, async (value) => {
          const text = renderTerraform(buildPlan(withValue(base, value)));
          expect(await checkTerraform(text)).toEqual([]);
          const parsed = (await parse('main.tf', text)) as Record<string, unknown>;
          expect(blocksOf(parsed)).toEqual(expected);
          // hcl2json writes Terraform's JSON syntax, whose strings are templates too: a literal ${ or %{ stays doubled.
          const asJson = value.replace(/\$\{/g, () => '$${').replace(/%\{/g, () => '%%{');
          expect(JSON.stringify(parsed)).toContain(JSON.stringify(asJson).slice(1, -1));
        }),
        { numRuns: 25 },
      );
    });
  }
});
