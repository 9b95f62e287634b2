// The script steps the IaC files list: a step whose title ends in a colon comes with its command (the scale
// set's rollout), so that a user of the IaC files, who does not run the script, is told what to run.
import { describe, expect, it } from 'vitest';
import { parseShareLink } from '../../model/url-state';
import { iacFiles } from '../iac-outputs';
import { loadGoldenScenarios } from '../../test-support/golden';

const VMSS =
  'host=vmss&identity=user&resourceGroup=rg-orders&hostName=vmss-orders&identityName=id-orders&m.vaultName=kv-orders';

describe('the script steps in the IaC files', () => {
  it('VMSS: both give the rollout command and the restart warning', () => {
    const config = parseShareLink('', VMSS).config;
    for (const file of [...iacFiles(config, 'bicep'), ...iacFiles(config, 'terraform')]) {
      if (file.id === 'bicep-parameters') continue;
      expect(file.text).toContain(
        "az vmss update-instances --name vmss-orders --resource-group rg-orders --instance-ids '*'",
      );
      expect(file.text).toContain('plan for a restart');
      // The script only prints how the files reach the instances.
      expect(file.text).toContain(
        '- Yours to do (the script only prints how): Put the component file where Dapr on the scale set reads it.',
      );
    }
  });

  for (const scenario of loadGoldenScenarios()) {
    for (const name of ['main.bicep', 'main.tf']) {
      const text = scenario.iacOutputs[name];
      if (text === undefined) continue;
      it(`${scenario.name}/${name}: no listed step ends in a colon without what follows it`, () => {
        const lines = text.split('\n');
        const bare = lines.filter(
          (line, index) =>
            /^(\/\/|#) {3}- .*:$/.test(line) && !/^(\/\/|#) {7}\S/.test(lines[index + 1] ?? ''),
        );
        expect(bare).toEqual([]);
      });
    }
  }
});
