/**
 * Azure App Configuration, Azure OpenAI and Azure SignalR. Each picks Entra ID when it gets an endpoint and no
 * key or connection string (../shared/domain/dapr-components.md section 4).
 * Sources: dapr/components-contrib configuration/azure/appconfig/metadata.yaml, bindings/azure/openai/metadata.yaml,
 * bindings/azure/signalr/metadata.yaml and signalr.go; dapr/docs
 * supported-configuration-stores/azure-appconfig-configuration-store.md, supported-bindings/openai.md, signalr.md.
 */
import type { ComponentSpec } from '../component-spec';
import { ROLES } from '../roles';

export const SERVICE_COMPONENTS = [
  {
    type: 'configuration.azure.appconfig',
    version: 'v1',
    // Registered from Dapr 1.9: dapr/dapr cmd/daprd/components/configuration_azure_appconfig.go at v1.9.0.
    minDapr: '1.9',
    // components-contrib configuration/azure/appconfig/metadata.yaml.
    status: 'alpha',
    title: 'Azure App Configuration store',
    // Summary: what dapr/docs daprdocs/content/en/reference/components-reference/supported-configuration-stores/azure-appconfig-configuration-store.md says it does.
    summary: 'Read and subscribe to key-values in an App Configuration store (Dapr configuration API).',
    defaultName: 'configstore',
    fields: [
      {
        // host: the store endpoint; it selects Entra ID instead of connectionString (metadata.yaml).
        key: 'host',
        label: 'App Configuration endpoint',
        help: 'The store endpoint, e.g. https://mystore.azconfig.io.',
        required: true,
        rule: 'appConfigEndpoint',
        placeholder: 'https://mystore.azconfig.io',
        example: 'https://example-appcs.azconfig.io',
      },
      {
        // maxRetries, default 3 (metadata.yaml).
        key: 'maxRetries',
        label: 'Maximum retries',
        help: 'How often a failed request is retried, default 3.',
        required: false,
        rule: 'integer',
      },
    ],
    resources: [
      {
        id: 'store',
        title: 'App Configuration store',
        field: 'host',
        nameFrom: 'first-label',
        // `az appconfig show` looks the resource group up itself when it is left out (azure-cli 2.45
        // appconfig/custom.py show_configstore: resolve_store_metadata).
        showCommand: ['appconfig', 'show'],
        needsResourceGroup: false,
        variable: 'APPCONFIG_STORE',
      },
    ],
    // [I] The component only gets and subscribes (reads); Dapr's conformance setup uses Data Owner [C]
    // (dapr-components.md sections 2 and 4).
    grantSource: 'No role in the Dapr docs; the component only reads, so App Configuration Data Reader.',
    grants: [{ kind: 'rbac', role: ROLES.appConfigurationDataReader, resource: 'store' }],
  },
  {
    type: 'bindings.azure.openai',
    version: 'v1',
    // Registered from Dapr 1.12: dapr/dapr cmd/daprd/components/binding_azure_openai.go at v1.12.0.
    minDapr: '1.12',
    // components-contrib bindings/azure/openai/metadata.yaml.
    status: 'alpha',
    title: 'Azure OpenAI binding',
    // Summary: what dapr/docs daprdocs/content/en/reference/components-reference/supported-bindings/openai.md (Binding support: completion, chat-completion, get-embedding) says it does.
    summary: 'Completions, chat completions and embeddings from Azure OpenAI deployments (output binding).',
    defaultName: 'openai-binding',
    fields: [
      {
        // endpoint, e.g. https://<account>.openai.azure.com/; Entra ID when apiKey is empty (metadata.yaml).
        key: 'endpoint',
        label: 'Azure OpenAI endpoint',
        help: 'The resource endpoint, e.g. https://myaccount.openai.azure.com/.',
        required: true,
        rule: 'openAiEndpoint',
        placeholder: 'https://myaccount.openai.azure.com/',
        example: 'https://example-openai.openai.azure.com/',
      },
    ],
    resources: [
      {
        id: 'account',
        title: 'Azure OpenAI account',
        field: 'endpoint',
        // The endpoint's first label is the account's custom subdomain, which is the account name unless it was
        // set differently at creation.
        nameFrom: 'first-label',
        // `az cognitiveservices account show` requires --name and --resource-group (azure-cli 2.45 help).
        showCommand: ['cognitiveservices', 'account', 'show'],
        needsResourceGroup: true,
        variable: 'OPENAI_ACCOUNT',
      },
    ],
    // [I] Cognitive Services OpenAI User is the inference data-plane role (dapr-components.md section 4).
    grantSource: 'No role in the Dapr docs; Cognitive Services OpenAI User is the role for inference calls.',
    grants: [{ kind: 'rbac', role: ROLES.cognitiveServicesOpenAiUser, resource: 'account' }],
  },
  {
    type: 'bindings.azure.signalr',
    version: 'v1',
    // Registered from Dapr 1.0: dapr/dapr cmd/daprd/main.go at v1.0.0.
    // Entra ID from 1.9: components-contrib bindings/azure/signalr at v1.9.0-rc.5 (pinned by dapr/dapr v1.9.0 go.mod).
    minDapr: '1.0',
    entraIdMinDapr: '1.9',
    // components-contrib bindings/azure/signalr/metadata.yaml.
    status: 'alpha',
    title: 'Azure SignalR binding',
    // Summary: what dapr/docs daprdocs/content/en/reference/components-reference/supported-bindings/signalr.md (Binding support: output, create) says it does.
    summary:
      'Send messages to SignalR clients, groups or users through the SignalR REST API (output binding).',
    defaultName: 'signalr-binding',
    fields: [
      {
        // endpoint, e.g. https://<name>.service.signalr.net (metadata.yaml, azuread profile).
        key: 'endpoint',
        label: 'SignalR endpoint',
        help: 'The service endpoint, e.g. https://mysignalr.service.signalr.net.',
        required: true,
        rule: 'signalREndpoint',
        placeholder: 'https://mysignalr.service.signalr.net',
        example: 'https://example-signalr.service.signalr.net',
      },
      {
        // hub: the default hub; a request may name another (metadata.yaml).
        key: 'hub',
        label: 'Hub',
        help: 'Default hub for messages; each request may name another.',
        required: false,
        rule: 'signalRHub',
        placeholder: 'myhub',
      },
    ],
    resources: [
      {
        id: 'signalr',
        title: 'SignalR service',
        field: 'endpoint',
        nameFrom: 'first-label',
        // `az signalr show` takes --name with --resource-group (or --ids); azure-cli 2.45 help.
        showCommand: ['signalr', 'show'],
        needsResourceGroup: true,
        variable: 'SIGNALR',
      },
    ],
    // [I] SignalR REST API Owner covers sending through the REST API (dapr-components.md section 4).
    grantSource: 'No role in the Dapr docs; SignalR REST API Owner covers sending through the REST API.',
    grants: [{ kind: 'rbac', role: ROLES.signalRRestApiOwner, resource: 'signalr' }],
  },
] as const satisfies readonly ComponentSpec[];
