// The main.tf header must name, for import, every resource the file creates: after the setup script ran, each
// exists already and azurerm / kubernetes refuse to create it. Read from the golden files, so a resource added
// to the renderer without an import line fails here.
import { describe, expect, it } from 'vitest';
import { loadGoldenScenarios } from '../../test-support/golden';

const RESOURCE_BLOCK = /^resource "([a-z0-9_]+)" "([a-z0-9_]+)"/gm;

describe('main.tf import list', () => {
  for (const scenario of loadGoldenScenarios()) {
    const tf = scenario.iacOutputs['main.tf'];
    if (tf === undefined) continue;
    it(`${scenario.name}: lists every resource it creates, once, with an id`, () => {
      const header = tf.slice(0, tf.indexOf('terraform {'));
      const created = [...tf.matchAll(RESOURCE_BLOCK)].map((match) => `${match[1]}.${match[2]}`);
      const listed = [...header.matchAll(/^# {3}([a-z0-9_]+\.[a-z0-9_]+)\n# {5}\S/gm)].map((m) => m[1]);
      expect(listed.sort()).toEqual(created.sort());
    });
  }
});
