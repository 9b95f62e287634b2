/**
 * The Details step's fields: which ones a configuration asks for, whether each is required, and the
 * naming rule it is checked against. The UI renders this list; validation and the share link read it too.
 */
import { componentSpec } from '../catalog/components';
import type { ComponentConfig } from './config';
import { hostSpec } from '../catalog/hosts';
import type { NamingRuleId } from '../catalog/naming-rules';
import { createsUserIdentity, effectiveIdentity, type WizardConfig } from './config';

export type TextFieldId =
  | 'resourceGroup'
  | 'subscription'
  | 'location'
  | 'hostName'
  | 'environment'
  | 'namespace'
  | 'serviceAccount'
  | 'deployment'
  | 'appId'
  | 'identityName'
  | 'clientId'
  | 'image'
  | 'appPort'
  | 'dnsNameLabel'
  | 'envVars';

/** A form path: a top-level text field, or a component's name, version, resource group or metadata value. */
export type FieldPath =
  | TextFieldId
  | `components.${number}.name`
  | `components.${number}.version`
  | `components.${number}.resourceGroup`
  | `components.${number}.metadata.${string}`;

export type FieldGroup = 'Azure' | 'Identity' | 'Kubernetes' | 'Dapr' | 'Component';

export interface FieldView {
  readonly path: FieldPath;
  readonly group: FieldGroup;
  readonly label: string;
  readonly help: string;
  readonly required: boolean;
  readonly rule: NamingRuleId;
  readonly placeholder?: string;
  /** Set on a component's fields: its position in the configuration. */
  readonly componentIndex?: number;
  /** Optional component fields shown behind "More options". */
  readonly more?: boolean;
}

/** The fields this configuration needs, in the order the Details step shows them. */
export function detailFields(config: WizardConfig): FieldView[] {
  const host = hostSpec(config.host);
  const identity = effectiveIdentity(config);
  const fields: FieldView[] = [
    {
      path: 'resourceGroup',
      group: 'Azure',
      label: 'Resource group',
      help: `The resource group of the ${host.noun}${createsUserIdentity(config) ? ' and the identity' : ''}.`,
      required: true,
      rule: 'resourceGroup',
      placeholder: 'my-resource-group',
    },
    {
      path: 'subscription',
      group: 'Azure',
      label: 'Subscription (optional)',
      help: 'Id or name; leave empty to use the Azure CLI’s current subscription.',
      required: false,
      rule: 'subscription',
    },
    {
      path: 'hostName',
      group: 'Azure',
      label: host.hostNameLabel,
      help:
        host.id === 'aci'
          ? 'The container group the script creates (or recreates).'
          : 'An existing resource.',
      required: true,
      rule: host.hostNameRule,
    },
  ];
  // Container Apps and function apps on Container Apps: Dapr components belong to the environment.
  if (host.format === 'container-apps') {
    fields.push({
      path: 'environment',
      group: 'Azure',
      label: 'Container Apps environment',
      help: `The environment the ${host.noun} runs in; Dapr components belong to it.`,
      required: true,
      rule: 'containerAppsEnvironment',
    });
  }
  if (config.host === 'aci' || createsUserIdentity(config)) {
    fields.push({
      path: 'location',
      group: 'Azure',
      label: config.host === 'aci' ? 'Location' : 'Location (optional)',
      help:
        config.host === 'aci'
          ? 'Region of the container group, such as westeurope.'
          : 'Region for a new identity; empty uses the resource group’s region.',
      required: config.host === 'aci',
      rule: 'location',
      placeholder: 'westeurope',
    });
  }
  if (createsUserIdentity(config)) {
    fields.push({
      path: 'identityName',
      group: 'Identity',
      label: 'User-assigned identity name',
      help: 'Created by the script if it does not exist yet, in the resource group above.',
      required: true,
      rule: 'identityName',
      placeholder: 'my-app-identity',
    });
  }
  if (identity !== 'system') {
    fields.push({
      path: 'clientId',
      group: 'Identity',
      label: 'Client id (optional)',
      help: 'When known, it is written into the output; otherwise the script looks it up.',
      required: false,
      rule: 'clientId',
    });
  }
  if (config.host === 'aks') {
    fields.push({
      path: 'namespace',
      group: 'Kubernetes',
      label: 'Namespace',
      help: 'Where the app and the component live.',
      required: true,
      rule: 'kubernetesNamespace',
    });
    if (identity === 'workload') {
      fields.push({
        path: 'serviceAccount',
        group: 'Kubernetes',
        label: 'Service account',
        help: 'The ServiceAccount the app’s pods run as; the federated credential trusts exactly this one.',
        required: true,
        rule: 'serviceAccountName',
        placeholder: 'my-app',
      });
    }
    // A Deployment's name is a DNS subdomain, as a ServiceAccount's (Kubernetes docs, "Object Names and IDs").
    fields.push({
      path: 'deployment',
      group: 'Kubernetes',
      label: 'Deployment',
      help: 'The app’s Deployment: the script patches its pod template (Dapr annotations, and the ServiceAccount for Workload ID), and its pods restart.',
      required: true,
      rule: 'serviceAccountName',
      placeholder: 'my-app',
    });
  }
  fields.push({
    path: 'appId',
    group: 'Dapr',
    label: appIdRequired(config) ? 'Dapr app id' : 'Dapr app id (optional)',
    help: 'The component is scoped to this app id, so no other app loads it.',
    required: appIdRequired(config),
    rule: 'daprAppId',
    placeholder: 'my-app',
  });
  if (config.host === 'aci') {
    fields.push(
      {
        path: 'image',
        group: 'Dapr',
        label: 'App container image',
        help: 'A public image (the group pulls it without registry credentials); daprd runs beside it.',
        required: true,
        rule: 'containerImage',
        placeholder: 'myregistry.azurecr.io/my-app:1.0',
      },
      {
        path: 'appPort',
        group: 'Dapr',
        label: config.dnsNameLabel === '' ? 'App port (optional)' : 'App port',
        help: 'The port your app listens on, if Dapr should call it; with a public IP, the port it exposes.',
        required: config.dnsNameLabel !== '',
        rule: 'port',
      },
      {
        path: 'dnsNameLabel',
        group: 'Azure',
        label: 'Public DNS name label (optional)',
        help:
          'Gives the group a public IP address with this name, unique in the region, exposing only the app port ' +
          '(never the Dapr API). Empty: no public IP; the app is reached only from inside the group.',
        required: false,
        rule: 'dnsNameLabel',
      },
      {
        path: 'envVars',
        group: 'Dapr',
        label: 'App environment variables (optional)',
        help:
          "NAME=value pairs separated by ';'. Not for secrets: the values are stored in plain text in the " +
          'group and shown by az container show; keep secrets in a Dapr secret store.',
        required: false,
        rule: 'environmentVariables',
        placeholder: 'LOG_LEVEL=info;MODE=worker',
      },
    );
  }
  // Web App: the daprd sidecar's start-up command names the main container's port when Dapr calls the app;
  // Container Apps: az containerapp dapr enable --dapr-app-port; VM and VMSS: dapr run --app-port (dapr/docs
  // daprdocs/content/en/reference/cli/dapr-run.md). Without it Dapr delivers no subscribed messages or
  // input-binding events (dapr/dapr cmd/daprd/options/options.go: --app-port, empty by default).
  if (
    config.host === 'webapp' ||
    config.host === 'aca' ||
    config.host === 'aks' ||
    config.host === 'vm' ||
    config.host === 'vmss'
  ) {
    fields.push({
      path: 'appPort',
      group: 'Dapr',
      label: 'App port (optional)',
      help:
        config.host === 'webapp'
          ? 'The port your main container listens on (80 or 8080 on App Service), if Dapr should call it: needed to receive subscribed messages and input-binding events.'
          : config.host === 'aks'
            ? 'The port your app listens on, if Dapr should call it (the dapr.io/app-port annotation): needed to receive subscribed messages and input-binding events.'
            : config.host === 'vm' || config.host === 'vmss'
              ? 'The port your app listens on, if Dapr should call it (dapr run --app-port): needed to receive subscribed messages and input-binding events.'
              : 'The port your app listens on, if Dapr should call it: needed to receive subscribed messages and input-binding events.',
      required: false,
      rule: 'port',
    });
  }
  config.components.forEach((component, index) => fields.push(...componentFields(component, index)));
  return fields;
}

/** A component's own fields: its name, the resource group of its resources, its metadata. */
export function componentFields(component: ComponentConfig, index: number): FieldView[] {
  const spec = componentSpec(component.type, component.version);
  const prefix = `components.${index}` as const;
  const fields: FieldView[] = [
    {
      path: `${prefix}.name`,
      group: 'Component',
      label: 'Component name',
      help: 'The name your app uses to call the component.',
      required: true,
      rule: 'daprComponentName',
      componentIndex: index,
    },
  ];
  for (const field of spec.fields) {
    fields.push({
      path: `${prefix}.metadata.${field.key}`,
      group: 'Component',
      label: field.required ? field.label : `${field.label} (optional)`,
      help: field.help,
      required: field.required,
      rule: field.rule,
      componentIndex: index,
      ...(field.required ? {} : { more: true }),
      ...(field.placeholder === undefined ? {} : { placeholder: field.placeholder }),
    });
  }
  if (spec.resources.some((resource) => resource.needsResourceGroup)) {
    fields.push({
      path: `${prefix}.resourceGroup`,
      group: 'Component',
      label: 'Resource group of its Azure resources (optional)',
      help: 'Leave empty when they are in the resource group above.',
      required: false,
      rule: 'resourceGroup',
      componentIndex: index,
      more: true,
    });
  }
  return fields;
}

/**
 * AKS needs the app id for the pod annotation, ACI for the daprd container's --app-id, Container Apps to turn
 * Dapr on for the app (az containerapp dapr enable --dapr-app-id).
 */
function appIdRequired(config: WizardConfig): boolean {
  // The daprd start-up command (Web App) and the function app's Dapr settings name the app id too.
  return (
    config.host === 'aks' ||
    config.host === 'aci' ||
    config.host === 'aca' ||
    config.host === 'webapp' ||
    config.host === 'functionapp'
  );
}

/** The value at a form path. */
export function fieldValue(config: WizardConfig, path: FieldPath): string {
  const parts = path.split('.');
  if (parts[0] !== 'components') return config[path as TextFieldId];
  const component = config.components[Number(parts[1])];
  if (!component) return '';
  if (parts[2] === 'metadata') return component.metadata[parts.slice(3).join('.')] ?? '';
  if (parts[2] === 'version') return component.version;
  return parts[2] === 'name' ? component.name : component.resourceGroup;
}

/** Sets the value at a form path (the counterpart of fieldValue), in place. */
export function setFieldValue(config: WizardConfig, path: FieldPath, value: string): void {
  const parts = path.split('.');
  if (parts[0] !== 'components') {
    config[path as TextFieldId] = value;
    return;
  }
  const component = config.components[Number(parts[1])];
  if (!component) return;
  if (parts[2] === 'metadata') component.metadata[parts.slice(3).join('.')] = value;
  else if (parts[2] === 'version') component.version = value;
  else if (parts[2] === 'name') component.name = value;
  else component.resourceGroup = value;
}
