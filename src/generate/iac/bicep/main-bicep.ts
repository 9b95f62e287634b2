/**
 * infra/main.bicep and infra/main.parameters.json from the deployment plan: the user-assigned identity when the
 * plan creates one, `existing` references for everything it does not create (the host, its Container Apps
 * environment, each granted resource), each grant ARM can make, the AKS federated credential and the Container
 * Apps components. What ARM cannot do is said in comments naming the setup script's steps.
 *
 * azd reads infra/main.bicep with infra/main.parameters.json (learn.microsoft.com/training/modules/
 * build-first-azd-template/4-create-infrastructure: "main.parameters.json - ... default values for important
 * template parameters"); the parameters file is the deploymentParameters schema
 * (learn.microsoft.com/azure/azure-resource-manager/templates/parameter-files).
 */
import { SCRIPT_FILE_NAME } from '../../index';
import type { DeploymentPlan } from '../../plan/deployment-plan';
import {
  inOtherGroup,
  serviceAccountSubject,
  iacView,
  withClientId,
  WORKLOAD_ID_AUDIENCE,
  type IacView,
  isGuid,
} from '../iac-view';
import { azLine, cloudFirstLines, cosmosAssignmentNote, federatedCredentialNote } from '../header-notes';
import { identityBlockBicep, identityTitle } from '../identity-block';
import { needsLines } from '../needs';
import { API_VERSIONS } from '../resource-types';
import { applyStepLines, applySteps, webAppSidecar } from '../script-steps';
import { bicepComment, bicepString, BicepExpr, expr, type BicepValue } from './bicep-text';
import { grantGroup, grantModules, moduleStatements, type GrantModule } from './grant-modules';
import { grantsText, referenceText, resourceText } from './resources-text';
import { declaresSidecar, sidecarText } from './web-app-sidecar';

export interface BicepFiles {
  readonly bicep: string;
  readonly parameters: string;
  /** The grants modules, one per other resource group, by their path from main.bicep (modules/grants-....bicep). */
  readonly modules: readonly { readonly path: string; readonly text: string }[];
}

/** A plain component document (strings, arrays, objects, the client id expression) as a Bicep value. */
function toBicepValue(value: unknown): BicepValue {
  if (value instanceof BicepExpr) return value;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (Array.isArray(value)) return value.map(toBicepValue);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, toBicepValue(item)]));
  }
  throw new Error(`Not a Bicep value: ${String(value)}`);
}

function header(view: IacView, modules: readonly GrantModule[]): string {
  const { plan } = view;
  const group = plan.resourceGroup;
  // The wizard's subscription, as the script selects it (a name may hold spaces: shell-quoted).
  const subscription =
    plan.subscription === '' ? '' : `--subscription '${plan.subscription.replace(/'/g, "'\\''")}' `;
  const deploy = `${subscription}--resource-group ${group} --template-file main.bicep --parameters main.parameters.json`;
  return bicepComment(
    [
      `Dapr on ${plan.host.title}, ${identityTitle(plan)}: the identity, its least grants and what`,
      `ARM can do of the setup script (${SCRIPT_FILE_NAME}), as one deployment into the resource group ${group}${modules.length === 0 ? '.' : ''}`,
      ...(modules.length === 0
        ? []
        : [
            `(and, for the grants there, a module deployed into ${modules.map((module) => module.resourceGroup).join(', ')}: ${modules.map((module) => module.path).join(', ')}).`,
          ]),
      ...cloudFirstLines(view),
      'Dry run (shows what would change, changes nothing):',
      `  az deployment group what-if ${deploy}`,
      'Deploy:',
      `  az deployment group create ${deploy}`,
      // azd deploys a resource-group-scoped file into AZURE_RESOURCE_GROUP, else prompts for or creates a group
      // (learn.microsoft.com/azure/developer/azure-developer-cli/resource-group-scoped-deployments); its cloud is
      // azd's own setting (learn.microsoft.com/azure/developer/azure-developer-cli/sovereign-clouds).
      `In an azd project, put main.bicep and main.parameters.json${modules.length === 0 ? '' : ' (and the modules folder)'} in infra/, and deploy into this group:`,
      `  azd env set AZURE_RESOURCE_GROUP ${group}`,
      // azd deploys into the subscription AZURE_SUBSCRIPTION_ID names, an id (learn.microsoft.com/azure/developer/
      // azure-developer-cli/manage-environment-variables): a name in the wizard is turned into its id by az.
      ...(plan.subscription === ''
        ? []
        : [
            isGuid(plan.subscription)
              ? `  azd env set AZURE_SUBSCRIPTION_ID ${plan.subscription}`
              : // && so that a failed lookup (not signed in) sets nothing rather than an empty id.
                `  SUBSCRIPTION_ID=$(${azLine(plan, ['az', 'account', 'show', '--query', 'id', '-o', 'tsv'])}) && azd env set AZURE_SUBSCRIPTION_ID "$SUBSCRIPTION_ID"`,
          ]),
      ...(plan.cloud.id === 'public'
        ? []
        : [`  azd config set cloud.name ${plan.cloud.azCloudName} (then azd auth login)`]),
      'A role assignment the setup script already made has another name: delete it first, or ARM reports',
      'RoleAssignmentExists.',
      ...cosmosAssignmentNote(view),
      ...federatedCredentialNote(view, 'Bicep'),
      ...needsLines(view),
    ].join('\n'),
  );
}

/** Whether the file references the user's host: for its principal or OIDC issuer, or to hold the daprd sidecar. */
const referencesHost = (view: IacView): boolean => view.readsHost || declaresSidecar(view.plan);

interface Parameter {
  readonly name: string;
  readonly description: string;
  /** Given in main.parameters.json; undefined: the default below applies. */
  readonly value?: string;
  readonly defaultExpression?: string;
}

function parametersOf(view: IacView): Parameter[] {
  const { plan } = view;
  const parameters: Parameter[] = [];
  if (plan.identity.userAssigned) {
    const { name, location } = plan.identity.userAssigned;
    parameters.push({
      name: 'identityName',
      description: 'The user-assigned identity the app signs in with.',
      value: name,
    });
    // The user's existing identity is only referenced, so its region is not this file's to give.
    if (!view.identityIsExisting)
      parameters.push({
        name: 'location',
        ...(location === ''
          ? {
              description: 'Region of the identity; by default, that of the resource group.',
              defaultExpression: 'resourceGroup().location',
            }
          : {
              description:
                'Region of the identity (main.parameters.json gives the one chosen in the wizard).',
              value: location,
            }),
      });
  }
  if (referencesHost(view))
    parameters.push({
      name: 'hostName',
      description: `The ${plan.host.noun} (yours: this file only reads it${declaresSidecar(plan) ? ', and adds the daprd sidecar container to it' : ''}).`,
      value: plan.hostName,
    });
  if (plan.host.format === 'container-apps')
    parameters.push({
      name: 'environmentName',
      description: 'The Container Apps environment the Dapr components belong to.',
      value: plan.environment,
    });
  return parameters;
}

function parameterText(parameter: Parameter): string {
  return (
    `@description(${bicepString(parameter.description)})\n` +
    `param ${parameter.name} string${parameter.defaultExpression ? ` = ${parameter.defaultExpression}` : ''}\n\n`
  );
}

/** The identity, the host and environment references, the federated credential, and `principalId`. */
function identityText(view: IacView): string {
  const { plan, host } = view;
  const parts: string[] = [];
  if (plan.identity.userAssigned && view.identityIsExisting) {
    // An `existing` reference reads the identity and writes nothing (learn.microsoft.com/azure/azure-resource-manager/
    // bicep/existing-resource); the deployment fails with ResourceNotFound when it is missing, as the script stops.
    parts.push(
      resourceText(
        {
          symbol: 'identity',
          type: 'Microsoft.ManagedIdentity/userAssignedIdentities',
          apiVersion: API_VERSIONS.userAssignedIdentities,
          comment: [
            'The user-assigned identity the app signs in with: yours, referenced, never created or changed here.',
            `Its client id must be ${plan.identity.clientId}, the one entered in the wizard, which the component files carry.`,
          ].join('\n'),
          body: { name: expr('identityName') },
        },
        true,
      ),
    );
  } else if (plan.identity.userAssigned) {
    parts.push(
      resourceText({
        symbol: 'identity',
        type: 'Microsoft.ManagedIdentity/userAssignedIdentities',
        apiVersion: API_VERSIONS.userAssignedIdentities,
        // A template deployment PUTs the whole resource: ARM refuses a second region for a name that exists
        // (InvalidResourceLocation), and the PUT's tags (none) replace the resource's. The setup script tags what
        // it creates createdBy (the teardown deletes only such identities, when asked). This file does not: Bicep
        // cannot keep a tag as it was (no ignore_changes), so a tag here would also land on an identity of this
        // name the user had before the setup, which the teardown would then delete. Untagged, a redeploy over the
        // setup's identity makes the teardown keep it, the safe direction.
        comment: [
          'The user-assigned identity the app signs in with. One of this name that exists (the setup script made it) is',
          'written with these values: in another region the deployment fails (InvalidResourceLocation), and its tags are',
          "replaced by none (the setup's createdBy tag goes, so the teardown keeps the identity).",
        ].join('\n'),
        body: { name: expr('identityName'), location: expr('location') },
      }),
    );
  }
  if (referencesHost(view)) {
    parts.push(
      resourceText(
        {
          symbol: 'hostResource',
          type: host.armType,
          apiVersion: host.apiVersion,
          comment: `Your ${plan.host.noun}: referenced, never redeclared here${declaresSidecar(plan) ? ' (daprSidecar below is a container of it)' : ''}.`,
          body: { name: expr('hostName') },
        },
        true,
      ),
    );
  }
  const workload = plan.kubernetes?.workloadIdentity;
  if (workload && plan.kubernetes) {
    parts.push(
      resourceText({
        symbol: 'federatedCredential',
        type: 'Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials',
        apiVersion: API_VERSIONS.userAssignedIdentities,
        comment: `Let exactly the ServiceAccount ${workload.serviceAccountName} in namespace ${plan.kubernetes.namespace} sign in as the identity (the cluster's OIDC issuer must be on).`,
        body: {
          parent: expr('identity'),
          name: workload.federatedCredentialName,
          properties: {
            issuer: expr('hostResource.properties.oidcIssuerProfile.issuerURL'),
            subject: serviceAccountSubject(plan.kubernetes.namespace, workload.serviceAccountName),
            audiences: [WORKLOAD_ID_AUDIENCE],
          },
        },
      }),
    );
  }
  const principal =
    view.principal === 'created-identity'
      ? 'identity.properties.principalId'
      : `hostResource.${host.bicepSystemPrincipal}`;
  parts.push(
    bicepComment(
      view.principal === 'created-identity'
        ? "The principal that receives every grant: the identity's."
        : `The principal that receives every grant: your ${plan.host.noun}'s ${identityTitle(plan).toLowerCase()}, read from the deployed resource.`,
    ) + `var granteePrincipalId = ${principal}\n`,
  );
  return parts.join('\n');
}

/** The grants on resources in the deployment's own group, and the modules holding those in other groups. */
function grantSections(view: IacView, modules: readonly GrantModule[]): string[] {
  const owner = view.principal === 'created-identity' ? 'identity.id' : 'hostResource.id';
  const here = view.armGrants.filter((grant) => grantGroup(grant) === view.plan.resourceGroup);
  return [grantsText(here, owner), moduleStatements(modules, owner)];
}

function componentsText(view: IacView): string {
  const { plan } = view;
  if (plan.host.format === 'container-apps') {
    const environment = resourceText(
      {
        symbol: 'containerAppsEnvironment',
        type: 'Microsoft.App/managedEnvironments',
        apiVersion: API_VERSIONS.managedEnvironments,
        comment: 'The Container Apps environment: referenced, never redeclared here.',
        body: { name: expr('environmentName') },
      },
      true,
    );
    const components = plan.components.map((component, index) => {
      const clientId = withClientId(plan, component.document, expr('identity.properties.clientId'));
      return resourceText({
        symbol: `daprComponent${index + 1}`,
        type: 'Microsoft.App/managedEnvironments/daprComponents',
        apiVersion: API_VERSIONS.managedEnvironments,
        comment: `The Dapr component ${component.name}: ${component.title}.`,
        body: {
          parent: expr('containerAppsEnvironment'),
          name: component.name,
          properties: toBicepValue(clientId),
        },
      });
    });
    return [environment, ...components].join('\n');
  }
  const sidecar = webAppSidecar(plan);
  const where = (() => {
    if (plan.host.format === 'kubernetes')
      return 'Kubernetes objects are not ARM resources: apply the component files and the ServiceAccount, and patch the Deployment, in the cluster';
    if (plan.host.id === 'aci')
      // containerGroups@2023-05-01 properties.volumes[].secret could carry the files, but the group is the user's.
      return 'this file does not declare the container group; the setup script (re)creates it with the component files as a secret volume';
    if (sidecar)
      return `the component files: Dapr on the ${plan.host.noun} reads them from files under /home, which no ARM resource writes, and only when daprd starts`;
    return `Dapr on the ${plan.host.noun} reads its components from files, which ARM cannot write`;
  })();
  // The sidecar step is the resource above; the script's other steps remain, after this deployment.
  const steps = applySteps(plan).filter((step) => step.comment !== sidecar?.step.comment);
  return (
    (sidecar ? `${sidecarText(plan)}\n` : '') +
    bicepComment(
      [
        `Not here: ${where}.`,
        `The setup script (${SCRIPT_FILE_NAME}) does it in these steps${sidecar ? ', after this deployment' : ''}:`,
        ...applyStepLines(plan, steps),
      ].join('\n'),
    )
  );
}

function notesText(view: IacView): string {
  const lines: string[] = [];
  for (const grant of view.scriptOnly) {
    lines.push(
      `Not here (a grant inside the database, which ARM cannot make): the setup script's step "${grant.step}"`,
    );
  }
  const block = identityBlockBicep(view);
  if (block) lines.push(...block);
  return lines.length === 0 ? '' : `\n${bicepComment(lines.join('\n'))}`;
}

function outputsText(view: IacView): string {
  const lines = ['output principalId string = granteePrincipalId'];
  if (view.plan.identity.userAssigned) {
    lines.push(
      'output identityId string = identity.id',
      'output clientId string = identity.properties.clientId',
    );
  } else if (view.plan.identity.kind === 'kubelet') {
    // The cluster's kubelet identity (ManagedClusterProperties.identityProfile.kubeletidentity, arm-containerservice).
    lines.push(
      bicepComment(
        "The kubelet identity's client id: each component's azureClientId (the setup script writes it into the files).",
      ) + 'output clientId string = hostResource.properties.identityProfile.kubeletidentity.clientId',
    );
  }
  return `${lines.join('\n')}\n`;
}

function parametersFile(parameters: readonly Parameter[]): string {
  const values = Object.fromEntries(
    parameters.flatMap((parameter) =>
      parameter.value === undefined ? [] : [[parameter.name, { value: parameter.value }]],
    ),
  );
  return `${JSON.stringify(
    {
      $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#',
      contentVersion: '1.0.0.0',
      parameters: values,
    },
    null,
    2,
  )}\n`;
}

export function renderBicep(plan: DeploymentPlan): BicepFiles {
  const view = iacView(plan);
  const parameters = parametersOf(view);
  const modules = grantModules(view);
  const sections = [
    header(view, modules) + "targetScope = 'resourceGroup'\n",
    parameters.map(parameterText).join('').trimEnd() + '\n',
    identityText(view),
    // A resource in another resource group is referenced in the module of its group.
    ...view.resources
      .filter((resource) => !inOtherGroup(view, resource))
      .map((resource) => referenceText(view.plan, resource)),
    ...grantSections(view, modules),
    componentsText(view) + notesText(view),
    outputsText(view),
  ].filter((section) => section.trim() !== '');
  return {
    bicep: sections.join('\n'),
    parameters: parametersFile(parameters),
    modules: modules.map(({ path, text }) => ({ path, text })),
  };
}
