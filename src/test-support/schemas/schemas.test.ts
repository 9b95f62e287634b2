/**
 * The schema checks themselves: each accepts a document of the shape the wizard writes and rejects one that
 * is wrong in one way (an unknown key, a wrong type, a missing field), and the extracts match what the
 * generator emits.
 */
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { ACI_DAPR_VERSION } from '../../catalog/dapr';
import { ACI_API_VERSION } from '../../generate/aci-group';
import { aciContainerGroupModel, checkAciContainerGroup } from './aci-container-group';
import { checkContainerAppsComponent, containerAppsModelSource } from './container-apps-component';
import { checkDaprComponent, componentCrd, componentJsonSchema } from './dapr-component-crd';
import { yamlDocuments } from './golden-documents';
import { loadAllWithPyYaml, pyYamlFound } from './pyyaml';
import { fileWritingBlocks, filesWrittenByScript } from './script-files';

/** A copy of a parsed document with one change at a dotted path (`spec.metadata.0.value`); undefined deletes. */
function changed(document: unknown, path: string, value: unknown): unknown {
  const copy = structuredClone(document) as Record<string, unknown>;
  const keys = path.split('.');
  let parent: Record<string, unknown> = copy;
  for (const key of keys.slice(0, -1)) parent = parent[key] as Record<string, unknown>;
  const last = keys.at(-1)!;
  if (value === undefined) delete parent[last];
  else parent[last] = value;
  return copy;
}

describe('Dapr Component CRD', () => {
  const component = load(`
apiVersion: dapr.io/v1alpha1
kind: Component
metadata:
  name: azurekeyvault
  namespace: orders
spec:
  type: secretstores.azure.keyvault
  version: v1
  metadata:
  - name: vaultName
    value: kv-orders
scopes:
- orders-api
`);

  it('is extracted at the release of the daprd image the wizard emits', () => {
    expect(componentCrd.source.tag).toBe(`v${ACI_DAPR_VERSION}`);
    expect(componentCrd.versions.map((version) => `${componentCrd.group}/${version.name}`)).toEqual([
      'dapr.io/v1alpha1',
    ]);
  });

  it('accepts a component of the shape the wizard writes', () => {
    expect(checkDaprComponent(component)).toEqual([]);
  });

  it('takes any JSON as a metadata value (x-kubernetes-preserve-unknown-fields), as Dapr does', () => {
    expect(checkDaprComponent(changed(component, 'spec.metadata.0.value', { nested: [1, true] }))).toEqual(
      [],
    );
  });

  it('rejects an unknown field at each level, as kubectl apply --validate=strict does', () => {
    expect(checkDaprComponent(changed(component, 'spec.metdata', []))).toEqual([
      '/spec: unknown field "metdata"',
    ]);
    expect(checkDaprComponent(changed(component, 'spec.metadata.0.valueFrom', 'x'))).toEqual([
      '/spec/metadata/0: unknown field "valueFrom"',
    ]);
    expect(checkDaprComponent(changed(component, 'scope', ['orders-api']))).toEqual([
      '(document): unknown field "scope"',
    ]);
  });

  it('rejects a wrong type and a missing required field', () => {
    expect(checkDaprComponent(changed(component, 'spec.version', 1))).toEqual([
      '/spec/version: must be string',
    ]);
    expect(checkDaprComponent(changed(component, 'scopes', 'orders-api'))).toEqual([
      '/scopes: must be array',
    ]);
    expect(checkDaprComponent(changed(component, 'spec.version', undefined))).toEqual([
      "/spec: must have required property 'version'",
    ]);
  });

  it('rejects what daprd would skip or refuse: another apiVersion or kind, a name that is no path segment', () => {
    expect(checkDaprComponent(changed(component, 'apiVersion', 'dapr.io/v1'))).toHaveLength(1);
    expect(checkDaprComponent(changed(component, 'kind', 'Configuration'))).toHaveLength(1);
    expect(checkDaprComponent(changed(component, 'metadata.name', 'a/b'))).toHaveLength(1);
    expect(checkDaprComponent(changed(component, 'metadata.name', '..'))).toHaveLength(1);
    expect(checkDaprComponent(changed(component, 'metadata', {}))).toEqual([
      "/metadata: must have required property 'name'",
    ]);
  });

  it('stops on a Kubernetes keyword it does not translate instead of ignoring it', () => {
    const version = {
      name: 'v1alpha1',
      openAPIV3Schema: { type: 'object', properties: { port: { 'x-kubernetes-int-or-string': true } } },
    };
    expect(() => componentJsonSchema(version)).toThrow(/x-kubernetes-int-or-string/);
  });
});

describe('Container Apps DaprComponent', () => {
  const component = load(`
componentType: secretstores.azure.keyvault
version: v1
metadata:
- name: vaultName
  value: kv-orders
- name: azureClientId
  value: 6f0c9e21-3d4b-4a5c-8e7f-1a2b3c4d5e6f
scopes:
- orders-api
`);

  it('is the model of the pinned @azure/arm-appcontainers', () => {
    expect(containerAppsModelSource()).toMatch(
      /^@azure\/arm-appcontainers@\d+\.\d+\.\d+ DaprComponent \(\d{4}-\d{2}-\d{2}\)$/,
    );
  });

  it('accepts a component of the shape the wizard writes', () => {
    expect(checkContainerAppsComponent(component)).toEqual([]);
  });

  it('rejects a key the model lacks (the CLI would drop it), such as the Kubernetes form', () => {
    expect(checkContainerAppsComponent(changed(component, 'type', 'secretstores.azure.keyvault'))).toEqual([
      '$.type: not a property of the model (it has componentType, version, ignoreErrors, initTimeout, secrets, secretStoreComponent, metadata, scopes, provisioningState, deploymentErrors)',
    ]);
    expect(checkContainerAppsComponent(changed(component, 'metadata.0.secretKeyRef', { name: 'x' }))).toEqual(
      ['$.metadata[0].secretKeyRef: not a property of the model (it has name, value, secretRef)'],
    );
  });

  it('rejects a wrong type, a read-only key and a missing componentType', () => {
    expect(checkContainerAppsComponent(changed(component, 'metadata.0.value', 8080))).toEqual([
      '$.metadata[0].value: number, the model has a string',
    ]);
    expect(checkContainerAppsComponent(changed(component, 'ignoreErrors', 'false'))).toEqual([
      '$.ignoreErrors: string, the model has a boolean',
    ]);
    expect(checkContainerAppsComponent(changed(component, 'provisioningState', 'Succeeded'))).toEqual([
      '$.provisioningState: read-only in the model, set by the service',
    ]);
    expect(checkContainerAppsComponent(changed(component, 'componentType', undefined))).toEqual([
      '$.componentType: missing (Dapr loads no component without it)',
    ]);
  });
});

describe('ACI ContainerGroup', () => {
  const group = load(`
apiVersion: "${ACI_API_VERSION}"
location: westeurope
name: orders-group
type: Microsoft.ContainerInstance/containerGroups
identity:
  type: SystemAssigned
properties:
  osType: Linux
  restartPolicy: Always
  ipAddress:
    type: Public
    dnsNameLabel: orders
    ports:
    - protocol: TCP
      port: 8080
  containers:
  - name: daprd
    properties:
      image: ghcr.io/dapr/daprd:1.18.3
      command: [/daprd, --app-id, orders-api]
      resources:
        requests:
          cpu: 0.5
          memoryInGB: 0.5
      volumeMounts:
      - name: components
        mountPath: /components
        readOnly: true
  volumes:
  - name: components
    secret:
      azurekeyvault.yaml: YXBpVmVyc2lvbjogZGFwci5pby92MWFscGhhMQo=
`);

  it('is the model at the API version the generated file declares', () => {
    expect(aciContainerGroupModel.apiVersion).toBe(ACI_API_VERSION);
    expect(`${aciContainerGroupModel.package}@${aciContainerGroupModel.version}`).toBe(
      '@azure/arm-containerinstance@9.0.0',
    );
  });

  it('accepts a group of the shape the wizard writes', () => {
    expect(checkAciContainerGroup(group)).toEqual([]);
  });

  it('rejects a key the model lacks, and one the CLI never sends', () => {
    expect(checkAciContainerGroup(changed(group, 'properties.containers.0.properties.env', []))).toEqual([
      '$.properties.containers[0].properties.env: not a property of the model (it has image, command, ports, environmentVariables, instanceView, resources, volumeMounts, livenessProbe, readinessProbe)',
    ]);
    expect(checkAciContainerGroup(changed(group, 'zones', ['1']))).toEqual([
      '$.zones: az container create --file drops it (a generic resource has no such key)',
    ]);
  });

  it('rejects a wrong type, a value outside the enum, a missing required field and another API version', () => {
    expect(
      checkAciContainerGroup(
        changed(group, 'properties.containers.0.properties.resources.requests.cpu', '1'),
      ),
    ).toEqual([
      '$.properties.containers[0].properties.resources.requests.cpu: string, the model has a number',
    ]);
    expect(checkAciContainerGroup(changed(group, 'identity.type', 'Systemassigned'))).toEqual([
      '$.identity.type: "Systemassigned" is not one of the model\'s values "SystemAssigned", "UserAssigned", "SystemAssigned, UserAssigned", "None"',
    ]);
    expect(
      checkAciContainerGroup(changed(group, 'properties.containers.0.properties.image', undefined)),
    ).toEqual(['$.properties.containers[0].properties.image: required by the model, missing']);
    expect(checkAciContainerGroup(changed(group, 'apiVersion', '2023-05-01'))).toEqual([
      `$.apiVersion: "2023-05-01", the model checked is ${ACI_API_VERSION}`,
    ]);
  });
});

describe('files a setup script writes', () => {
  const script = [
    'VAULT_ID=$(az keyvault show --name kv --query id -o tsv)',
    'mkdir -p components',
    "cat > components/plain.yaml <<'YAML'",
    'a: 1',
    'YAML',
    '{',
    "cat <<'YAML'",
    'metadata:',
    'YAML',
    `printf '  clientId: %s\\n' "$CLIENT_ID"`,
    '} > components/with-id.yaml',
    "ENCODED=$(base64 < components/plain.yaml | tr -d '\\n')",
    'echo "$VAULT_ID"',
  ].join('\n');

  it('cuts out only the file-writing blocks', () => {
    const program = fileWritingBlocks(script);
    expect(program).not.toContain('az keyvault');
    expect(program).not.toContain('echo');
    expect(program).toContain('ENCODED=$(base64');
  });

  it('writes them with real Bash and the looked-up stand-ins', () => {
    expect(filesWrittenByScript(script)).toEqual({
      'components/plain.yaml': 'a: 1\n',
      'components/with-id.yaml': 'metadata:\n  clientId: 6f0c9e21-3d4b-4a5c-8e7f-1a2b3c4d5e6f\n',
    });
  });

  it('fails on a variable it has no stand-in for', () => {
    expect(() => filesWrittenByScript(script.replace('$CLIENT_ID', '$PRINCIPAL_ID'))).toThrow(/PRINCIPAL_ID/);
  });
});

describe('PyYAML comparison', () => {
  it('tells a YAML 1.1 boolean and date from the strings js-yaml reads', () => {
    if (!pyYamlFound()) {
      if (process.env.CI) throw new Error('CI is set but python3 with PyYAML is not on PATH');
      console.log('python3 with PyYAML not found: the comparison is not exercised');
      return;
    }
    const text = 'enabled: on\n---\napiVersion: 2021-10-01\n';
    expect(loadAllWithPyYaml([text])).toEqual([
      [{ enabled: true }, { apiVersion: { python: 'date', value: '2021-10-01' } }],
    ]);
    expect(yamlDocuments(text)[0]).toEqual({ enabled: 'on' });
  });
});
