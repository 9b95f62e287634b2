// The Web App's daprd sidecar in main.bicep is the container the golden setup script's
// `az webapp sitecontainers create` makes: read from both golden files, the same name, image, port, start-up
// command and main flag. Only Web App scenarios declare it, and their Bicep no longer lists that script step
// while their Terraform (azurerm has no site-container resource) still does.
import { describe, expect, it } from 'vitest';
import { loadGoldenScenarios } from '../../test-support/golden';
import { parseBicep, type Expr } from '../../test-support/iac/bicep-parse';

const SIDECAR_TYPE = 'Microsoft.Web/sites/sitecontainers';
const scenarios = loadGoldenScenarios().filter((scenario) => scenario.iacOutputs['main.bicep'] !== undefined);

/** The literal value of a Bicep expression (string, bool), or undefined. */
function literal(expr: Expr | undefined): unknown {
  if (expr?.kind === 'string' && expr.parts.every((part) => typeof part === 'string'))
    return expr.parts.join('');
  if (expr?.kind === 'bool') return expr.value;
  return undefined;
}

/** The sidecar resource's name and properties in main.bicep, as plain values. */
function bicepSidecar(bicep: string): Record<string, unknown> | undefined {
  const resource = parseBicep(bicep).find(
    (statement) => statement.kind === 'resource' && statement.type === SIDECAR_TYPE,
  );
  if (resource?.kind !== 'resource' || resource.body.kind !== 'object') return undefined;
  const entries = resource.body.entries;
  const properties = entries.find((entry) => entry.key === 'properties')?.value;
  return {
    name: literal(entries.find((entry) => entry.key === 'name')?.value),
    ...Object.fromEntries(
      (properties?.kind === 'object' ? properties.entries : []).map((entry) => [
        entry.key,
        literal(entry.value),
      ]),
    ),
  };
}

/** The flags of the script's `az webapp sitecontainers create` command (its continued lines joined). */
function scriptSidecar(script: string): Record<string, unknown> | undefined {
  const start = script.indexOf('az webapp sitecontainers create');
  if (start < 0) return undefined;
  const command = script.slice(start, script.indexOf(' -o none', start)).replace(/ \\\n\s*/g, ' ');
  const flag = (name: string): string | undefined =>
    new RegExp(`${name} ('[^']*'|\\S+)`).exec(command)?.[1]?.replace(/^'|'$/g, '');
  return {
    name: flag('--container-name'),
    image: flag('--image'),
    isMain: flag('--is-main') === 'true',
    targetPort: flag('--target-port'),
    startUpCommand: flag('--startup-cmd'),
    // create_webapp_sitecontainers sends Anonymous when neither an identity nor registry credentials are given.
    authType:
      (flag('--system-assigned-identity') ?? flag('--user-assigned-identity') ?? flag('--registry-username'))
        ? 'not anonymous'
        : 'Anonymous',
  };
}

describe('the Web App daprd sidecar in Bicep', () => {
  for (const scenario of scenarios) {
    const bicep = scenario.iacOutputs['main.bicep'] ?? '';
    const isWebApp = /^host=webapp(&|$)/.test(scenario.link);
    it(`${scenario.name}: ${isWebApp ? 'declares the sidecar the setup script makes' : 'declares no sidecar'}`, () => {
      if (!isWebApp) {
        expect(bicepSidecar(bicep)).toBeUndefined();
        return;
      }
      const expected = scriptSidecar(scenario.outputs['setup.sh'] ?? '');
      expect(expected?.image).toMatch(/^ghcr\.io\/dapr\/daprd:/);
      expect(bicepSidecar(bicep)).toEqual(expected);
      // The script's sidecar step is the resource in Bicep; Terraform still names it as the script's.
      expect(bicep).not.toContain('  - Add daprd as a sidecar container');
      expect(scenario.iacOutputs['main.tf']).toContain('#   - Add daprd as a sidecar container');
    });
  }
});
