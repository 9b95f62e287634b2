/**
 * YAML texts read with PyYAML's safe_load_all, the parser `az containerapp env dapr-component set --yaml` and
 * `az container create --file` use (containerapp/_utils.py load_yaml_file, container/custom.py). It resolves
 * plain scalars by YAML 1.1 rules (yes/no/on/off are booleans, 0755 is octal, 2021-10-01 a date), as the
 * go-yaml behind kubectl and daprd does for booleans, while js-yaml, which the checks parse with, follows
 * YAML 1.2. Where the two disagree, the schema checks would be judging a value the readers never see.
 *
 * PyYAML comes with Debian's azure-cli (python3-yaml), which .ci/run installs.
 */
import { spawnSync } from 'node:child_process';

// Values JSON cannot carry (a date, bytes) come back tagged, so they differ from anything js-yaml produces.
const PROGRAM = `
import json, sys, yaml
def tagged(value):
    return {"python": type(value).__name__, "value": str(value)}
texts = json.load(sys.stdin)
out = [[d for d in yaml.safe_load_all(t) if d is not None] for t in texts]
json.dump(out, sys.stdout, default=tagged)
`;

/** Whether python3 with PyYAML is on PATH. */
export function pyYamlFound(): boolean {
  return spawnSync('python3', ['-c', 'import yaml'], { encoding: 'utf8' }).status === 0;
}

/** The non-empty documents of each text, as PyYAML reads them. */
export function loadAllWithPyYaml(texts: readonly string[]): unknown[][] {
  const result = spawnSync('python3', ['-c', PROGRAM], { input: JSON.stringify(texts), encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`PyYAML failed: ${result.stderr}`);
  return JSON.parse(result.stdout) as unknown[][];
}
