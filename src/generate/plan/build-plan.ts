/** config -> DeploymentPlan: the one place that reads the form's config for the setup's outputs. */
import { cloudSpec } from '../../catalog/clouds';
import { componentSpec } from '../../catalog/components';
import type { DaprVersion } from '../../catalog/dapr';
import { compareDaprVersions } from '../../catalog/dapr-versions';
import { hostSpec } from '../../catalog/hosts';
import { AKS_IDENTITY_OPTIONS, IDENTITY_OPTIONS } from '../../catalog/identities';
import {
  createsUserIdentity,
  effectiveIdentity,
  identityDisplayName,
  type ComponentConfig,
  type WizardConfig,
} from '../../model/config';
import { heldExamples } from '../../model/examples';
import { configDaprNeed } from '../../model/host-dapr';
import { aciFixedSettings, buildAciGroup } from '../aci-group';
import { buildComponent, componentYaml } from '../component';
import { buildPodTemplatePatch, buildServiceAccount } from '../k8s-manifests';
import { componentBase64Marker } from '../markers';
import { planResources } from '../resources';
import type { DeploymentPlan, PlannedIdentity, PlannedKubernetes } from './deployment-plan';
import { planCaveats } from './caveats';
import { planEntityChecks } from './entity-checks';

/** Folder the script writes its files into. */
export const FILES_DIR = 'components';

export function componentFilePath(component: Pick<ComponentConfig, 'name'>): string {
  return `${FILES_DIR}/${component.name}.yaml`;
}

/**
 * The federated credential's name must match ^[a-zA-Z0-9][a-zA-Z0-9-_]{2,119}$ (federated_credential/_create.py);
 * namespace and ServiceAccount names are lowercase DNS names whose dots become '-'.
 */
export function federatedCredentialName(config: WizardConfig): string {
  return `dapr-${config.namespace}-${config.serviceAccount}`.replace(/\./g, '-').slice(0, 120);
}

function plannedIdentity(config: WizardConfig): PlannedIdentity {
  const kind = effectiveIdentity(config);
  const options = config.host === 'aks' ? AKS_IDENTITY_OPTIONS : IDENTITY_OPTIONS;
  return {
    kind,
    title: options.find((option) => option.id === kind)?.title ?? kind,
    ...(createsUserIdentity(config)
      ? { userAssigned: { name: config.identityName, location: config.location } }
      : {}),
    displayName: identityDisplayName(config),
    clientId: config.clientId,
  };
}

function plannedKubernetes(config: WizardConfig): PlannedKubernetes {
  return {
    namespace: config.namespace,
    deployment: config.deployment,
    ...(effectiveIdentity(config) === 'workload'
      ? {
          workloadIdentity: {
            serviceAccountName: config.serviceAccount,
            federatedCredentialName: federatedCredentialName(config),
            serviceAccount: buildServiceAccount(config),
          },
        }
      : {}),
    podTemplatePatch: buildPodTemplatePatch(config),
  };
}

/** ACI: each component file goes into the group's secret volume under its own name. */
function plannedContainerGroup(config: WizardConfig): DeploymentPlan['containerGroup'] {
  const secretFiles: Record<string, string> = {};
  const encodedComponents = config.components.map((component, index) => {
    secretFiles[`${component.name}.yaml`] = componentBase64Marker(index + 1);
    return { position: index + 1, path: componentFilePath(component) };
  });
  return {
    group: buildAciGroup(config, secretFiles),
    encodedComponents,
    fixedSettings: aciFixedSettings(),
    dnsNameLabel: config.dnsNameLabel,
  };
}

/**
 * Dapr supports its current minor release and the two before it (dapr/docs
 * daprdocs/content/en/operations/support/support-release-policy.md); the newest is 1.18 (the ACI pin, 1.18.3,
 * src/catalog/dapr.ts), so 1.16 is the oldest a host should run. A need no newer than that is not checked: any
 * supported Dapr meets it.
 */
export const OLDEST_SUPPORTED_DAPR: DaprVersion = '1.16';

/** The configuration's Dapr need, when a supported Dapr might not meet it. */
function checkedDaprNeed(config: WizardConfig): Pick<DeploymentPlan, 'daprNeed'> {
  const need = configDaprNeed(config);
  return need !== undefined && compareDaprVersions(need.version, OLDEST_SUPPORTED_DAPR) > 0
    ? { daprNeed: need }
    : {};
}

/** Whether the component's Init calls Azure with these metadata values (catalog initSignIn). */
function loadProvesSignIn(component: ComponentConfig): boolean {
  const initSignIn = componentSpec(component.type, component.version).initSignIn;
  if (initSignIn === undefined) return false;
  const skipped = Object.entries(initSignIn.skippedWhen ?? {});
  return !(skipped.length > 0 && skipped.every(([key, value]) => component.metadata[key] === value));
}

/** The resolved plan for a configuration; renderers read only this. */
export function buildPlan(config: WizardConfig): DeploymentPlan {
  const host = hostSpec(config.host);
  const { resources, grants } = planResources(config);
  return {
    cloud: cloudSpec(config.cloud),
    host,
    identity: plannedIdentity(config),
    subscription: config.subscription,
    resourceGroup: config.resourceGroup,
    hostName: config.hostName,
    appId: config.appId,
    appPort: config.appPort,
    environment: config.environment,
    ...(host.id === 'aks' ? { kubernetes: plannedKubernetes(config) } : {}),
    ...(host.id === 'aci' ? { containerGroup: plannedContainerGroup(config) } : {}),
    resources,
    grants,
    entityChecks: planEntityChecks(config, resources),
    caveats: planCaveats(config),
    components: config.components.map((component) => ({
      name: component.name,
      title: componentSpec(component.type, component.version).title,
      path: componentFilePath(component),
      yaml: componentYaml(config, component),
      document: buildComponent(config, component),
      loadProvesSignIn: loadProvesSignIn(component),
    })),
    ...checkedDaprNeed(config),
    exampleValues: heldExamples(config).map(({ label, value }) => ({ label, value })),
  };
}
