import { describe, expect, it } from 'vitest';
import { goldenFileName, goldenMeta, loadGoldenScenarios } from '../test-support/golden';
import { parseShareLink } from '../model/url-state';
import { generate } from './index';

const scenarios = loadGoldenScenarios();

describe('golden scenarios', () => {
  it('cover every host and identity', () => {
    const covered = new Set(
      scenarios.map((scenario) => {
        const { config } = parseShareLink('', scenario.link);
        return `${config.host}:${config.host === 'aks' ? config.aksIdentity : config.identity}`;
      }),
    );
    for (const expected of [
      'aks:workload',
      'aks:kubelet',
      ...['aca', 'webapp', 'functionapp', 'vm', 'vmss', 'aci'].flatMap((host) => [
        `${host}:system`,
        `${host}:user`,
      ]),
    ]) {
      expect(covered, expected).toContain(expected);
    }
  });

  for (const scenario of scenarios) {
    it(`${scenario.name}: the link is valid and produces exactly the golden files`, () => {
      const parsed = parseShareLink('', scenario.link);
      expect(parsed.linkErrors).toEqual({});
      const produced = Object.fromEntries(
        generate(parsed.config, goldenMeta(scenario.link)).files.map((file) => [
          goldenFileName(file),
          file.text,
        ]),
      );
      expect(Object.keys(produced).sort()).toEqual(Object.keys(scenario.outputs).sort());
      for (const [file, text] of Object.entries(scenario.outputs)) {
        expect(produced[file], `${scenario.name}/${file}`).toBe(text);
      }
    });
  }
});
