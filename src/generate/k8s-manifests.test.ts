import { describe, expect, it } from 'vitest';
import { parseShareLink } from '../model/url-state';
import { buildAzScript } from './az-script';
import { generate } from './index';
import { CONFIG_HASH_ANNOTATION, buildPodTemplatePatch, configFilesHash } from './k8s-manifests';
import type { Command, Script, Word, WriteFile } from './script-model';

const WORKLOAD =
  'host=aks&resourceGroup=rg-orders&hostName=aks-prod&identityName=id-orders&namespace=orders' +
  '&serviceAccount=orders-api&deployment=orders-web&appId=orders-api&appPort=8080&m.vaultName=kv-orders';
const KUBELET =
  'host=aks&aksIdentity=kubelet&resourceGroup=rg-orders&hostName=aks-prod&namespace=orders' +
  '&deployment=orders-web&appId=orders-api&m.vaultName=kv-orders';

const configOf = (hash: string) => parseShareLink('', `#${hash}`).config;

function wordText(word: Word, values: ReadonlyMap<string, string>): string {
  if (typeof word === 'string') return word;
  if ('variable' in word) return values.get(word.variable) ?? `$${word.variable}`;
  return word.join.map((part) => wordText(part, values)).join('');
}

/** Each command of the script as one line, with the script's own variables filled in. */
function commandLines(script: Script): string[] {
  const values = new Map(script.variables.map(({ name, value }) => [name, value]));
  const lines = script.steps.flatMap((step) => step.lines);
  const commands = lines.flatMap((line): Command[] =>
    line.kind === 'command' ? [line] : line.kind === 'retry' ? [line.command] : [],
  );
  return commands.map((command) => command.argv.map((word) => wordText(word, values)).join(' '));
}

function writtenFile(script: Script, path: string): string | undefined {
  const files = script.steps.flatMap((step) =>
    step.lines.filter((line): line is WriteFile => line.kind === 'write-file'),
  );
  return files.find((file) => file.path === path)?.content;
}

/** An output's text split into its comment heading and the file below it. */
function parts(text: string): { heading: string[]; body: string } {
  const lines = text.split('\n');
  const firstBodyLine = lines.findIndex((line) => !line.startsWith('#'));
  return { heading: lines.slice(0, firstBodyLine), body: lines.slice(firstBodyLine).join('\n') };
}

describe('the Kubernetes outputs', () => {
  it('are the ServiceAccount and the Deployment patch on Workload ID, each as the script writes it', () => {
    const config = configOf(WORKLOAD);
    const files = generate(config).files.filter((file) => file.id.startsWith('k8s-'));
    expect(files.map((file) => [file.id, file.fileName])).toEqual([
      ['k8s-service-account', 'serviceaccount.yaml'],
      ['k8s-deployment-patch', 'deployment-patch.yaml'],
    ]);
    const script = buildAzScript(config);
    const commands = commandLines(script);
    for (const file of files) {
      const { heading, body } = parts(file.text);
      expect(body).toBe(writtenFile(script, `components/${file.fileName}`));
      // The command in the heading is one the script runs, with the values it holds.
      const shown = heading.find((line) => line.startsWith('#   '))?.slice(4);
      expect(commands).toContain(shown);
    }
  });

  it('carry the Dapr annotations (app port when set) and the Workload ID label and ServiceAccount', () => {
    const patch = generate(configOf(WORKLOAD)).files.find((file) => file.id === 'k8s-deployment-patch');
    expect(patch?.text).toContain(
      '#   kubectl patch deployment orders-web --namespace orders --type strategic --patch-file components/deployment-patch.yaml',
    );
    expect(patch?.text).toContain('azure.workload.identity/use: "true"');
    expect(patch?.text).toContain('dapr.io/app-port: "8080"');
    expect(patch?.text).toContain('serviceAccountName: orders-api');
  });

  it('are the Deployment patch alone with the kubelet identity, with no ServiceAccount or label', () => {
    const files = generate(configOf(KUBELET)).files.filter((file) => file.id.startsWith('k8s-'));
    expect(files.map((file) => file.id)).toEqual(['k8s-deployment-patch']);
    expect(files[0]?.text).not.toContain('azure.workload.identity');
    expect(files[0]?.text).not.toContain('serviceAccountName');
    expect(files[0]?.text).not.toContain('dapr.io/app-port');
  });

  it('wait for a valid Deployment name before the patch is offered, and the script patches that Deployment', () => {
    const config = { ...configOf(WORKLOAD), deployment: 'Orders_Web' };
    const output = generate(config);
    expect(output.files.map((file) => file.id)).not.toContain('k8s-deployment-patch');
    expect(output.pending.find((file) => file.id === 'k8s-deployment-patch')?.blockedBy).toEqual([
      'deployment',
    ]);
    expect(commandLines(buildAzScript(configOf(WORKLOAD)))).toContain(
      'kubectl rollout status deployment orders-web --namespace orders --timeout 10m',
    );
  });

  describe('the config-hash annotation that rolls the pods when a file daprd reads changes', () => {
    const annotations = (hash: string): Record<string, unknown> => {
      const patch = buildPodTemplatePatch(configOf(hash)) as {
        spec: { template: { metadata: { annotations: Record<string, unknown> } } };
      };
      return patch.spec.template.metadata.annotations;
    };

    // That applying the same patch again leaves the Deployment (and its pods) as they were is rerun.test.ts's
    // to show, against the fake kubectl; here, that a re-run writes the same patch.
    it('is a SHA-256 of the files, and the same patch text for the same entries in another order', () => {
      const reordered = WORKLOAD.split('&').reverse().join('&');
      expect(reordered).not.toBe(WORKLOAD);
      expect(annotations(WORKLOAD)[CONFIG_HASH_ANNOTATION]).toBe(configFilesHash(configOf(WORKLOAD)));
      expect(configFilesHash(configOf(WORKLOAD))).toMatch(/^[0-9a-f]{64}$/);
      const patchText = (hash: string) =>
        generate(configOf(hash)).files.find((file) => file.id === 'k8s-deployment-patch')?.text;
      expect(patchText(WORKLOAD)).toContain(CONFIG_HASH_ANNOTATION);
      expect(patchText(reordered)).toBe(patchText(WORKLOAD));
    });

    it('changes with component metadata and with the client id in the ServiceAccount', () => {
      const base = configFilesHash(configOf(WORKLOAD));
      expect(configFilesHash(configOf(WORKLOAD.replace('kv-orders', 'kv-orders2')))).not.toBe(base);
      expect(configFilesHash(configOf(`${WORKLOAD}&clientId=00000000-0000-0000-0000-00000000000a`))).not.toBe(
        base,
      );
    });

    it('is in the Deployment patch file the script writes', () => {
      const patch = generate(configOf(KUBELET)).files.find((file) => file.id === 'k8s-deployment-patch');
      expect(patch?.text).toContain(`${CONFIG_HASH_ANNOTATION}: ${configFilesHash(configOf(KUBELET))}`);
    });
  });
});
