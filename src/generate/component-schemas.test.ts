/**
 * Every golden component file, and every component and container group file the golden scripts write, against
 * the schema of the program that reads it (src/test-support/schemas/): Dapr's Component CRD for Kubernetes and
 * self-hosted daprd, the DaprComponent model of @azure/arm-appcontainers for Container Apps, and the
 * ContainerGroup model of @azure/arm-containerinstance for `az container create --file`.
 */
import { describe, expect, it } from 'vitest';
import { hostSpec } from '../catalog/hosts';
import { parseShareLink } from '../model/url-state';
import { loadGoldenScenarios } from '../test-support/golden';
import { checkAciContainerGroup } from '../test-support/schemas/aci-container-group';
import { checkContainerAppsComponent } from '../test-support/schemas/container-apps-component';
import { checkDaprComponent } from '../test-support/schemas/dapr-component-crd';
import {
  scenarioDocuments,
  yamlDocuments,
  type ScenarioDocuments,
  type SchemaName,
} from '../test-support/schemas/golden-documents';
import { loadAllWithPyYaml, pyYamlFound } from '../test-support/schemas/pyyaml';
import { ACI_GROUP_FILE } from './aci-group';

const CHECKS: Readonly<Record<SchemaName, (document: unknown) => string[]>> = {
  'dapr-component': checkDaprComponent,
  'container-apps-component': checkContainerAppsComponent,
  'aci-container-group': checkAciContainerGroup,
};

const scenarios = loadGoldenScenarios();
const hostOf = (link: string) => parseShareLink('', link).config.host;

/** Each scenario's documents, collected once (the script's blocks run once) for both tests below. */
const collected = new Map<string, ScenarioDocuments>();
function documentsOf(scenario: (typeof scenarios)[number]): ScenarioDocuments {
  let result = collected.get(scenario.name);
  if (!result) {
    result = scenarioDocuments(scenario, hostSpec(hostOf(scenario.link)).format, ACI_GROUP_FILE);
    collected.set(scenario.name, result);
  }
  return result;
}

describe('golden component YAML against the schemas its readers use', () => {
  for (const scenario of scenarios) {
    it(
      scenario.name,
      () => {
        const host = hostOf(scenario.link);
        const { format } = hostSpec(host);
        const { documents, scriptFiles } = documentsOf(scenario);

        // The cut-out of the script found the file of every component, and ACI's group file.
        const components = Object.keys(scenario.outputs)
          .filter((file) => /^component-.+\.yaml$/.test(file))
          .map((file) => `components/${file.slice('component-'.length)}`);
        expect(components.length).toBeGreaterThan(0);
        if (scenario.outputs['setup.sh'] !== undefined) {
          expect(scriptFiles).toEqual(expect.arrayContaining(components));
          if (host === 'aci') expect(scriptFiles).toContain(`components/${ACI_GROUP_FILE}`);
        }

        // Each component is checked in its golden file and where the script writes it, on ACI also inside the
        // group's secret volume.
        const expectedChecks: Record<SchemaName, number> = {
          'dapr-component': 0,
          'container-apps-component': 0,
          'aci-container-group': 0,
        };
        for (const document of documents) expectedChecks[document.schema]++;
        if (format === 'container-apps')
          expect(expectedChecks['container-apps-component']).toBeGreaterThan(0);
        else expect(expectedChecks['dapr-component']).toBeGreaterThanOrEqual(components.length);
        if (host === 'aci') expect(expectedChecks['aci-container-group']).toBe(1);

        const problems = documents.flatMap(({ where, schema, document }) =>
          CHECKS[schema](document).map((problem) => `${where} (${schema}): ${problem}`),
        );
        expect(problems).toEqual([]);
        // Each scenario runs Bash once; on a loaded machine that takes seconds.
      },
      30_000,
    );
  }

  // The checks above parse with js-yaml; the az CLI parses these files with PyYAML (YAML 1.1).
  it('PyYAML, the parser of the az CLI, reads every checked file as js-yaml does', () => {
    const texts = scenarios.flatMap((scenario) => documentsOf(scenario).texts);
    expect(texts.length).toBeGreaterThan(0);
    if (!pyYamlFound()) {
      if (process.env.CI)
        throw new Error('CI is set but python3 with PyYAML is not on PATH (apt-get install python3-yaml)');
      console.log(
        `python3 with PyYAML not found: ${texts.length} YAML files not compared (apt-get install python3-yaml)`,
      );
      return;
    }
    const read = loadAllWithPyYaml(texts.map(({ text }) => text));
    texts.forEach(({ where, text }, index) => {
      expect(read[index], where).toEqual(yamlDocuments(text));
    });
  }, 60_000);
});
