/**
 * The deployment plan: everything a configuration resolves to, built once from the form's config, so that
 * every renderer (the setup script today; Bicep and Terraform next) reads resolved facts and never the form.
 * It is plain data, like Terraform's plan: what will be created, attached, granted and written.
 */
import type { CloudSpec } from '../../catalog/clouds';
import type { DaprNeed } from '../../catalog/dapr-versions';
import type { HostSpec } from '../../catalog/hosts';
import type { EffectiveIdentity } from '../../model/config';
import type { AciFixedSettings } from '../aci-group';
import type { ResolvedGrant, ResolvedResource } from '../resources';
import type { PlannedCaveat } from './caveats';
import type { PlannedEntityCheck } from './entity-checks';

/** A named user-assigned identity the setup creates, or reuses when it exists. */
export interface PlannedUserIdentity {
  readonly name: string;
  /** Empty: the resource group's region. */
  readonly location: string;
}

export interface PlannedIdentity {
  readonly kind: EffectiveIdentity;
  /** As the identity step titles it: "System-assigned identity". */
  readonly title: string;
  readonly userAssigned?: PlannedUserIdentity;
  /** The name the identity goes by inside PostgreSQL, Azure SQL and Redis. */
  readonly displayName: string;
  /** The client id the user typed, written into the files as typed; empty when the script looks it up. */
  readonly clientId: string;
}

/** One Dapr component document, in the host's format, with the markers the script fills in. */
export interface PlannedComponent {
  readonly name: string;
  /** The catalog title: "Azure Key Vault secret store". */
  readonly title: string;
  /** Where the script writes it: components/<name>.yaml. */
  readonly path: string;
  readonly yaml: string;
  /** The same document as data (the object `yaml` renders), for renderers that write it in another language. */
  readonly document: Readonly<Record<string, unknown>>;
  /** daprd's "Component loaded" line proves the sign-in: Init calls Azure (catalog ComponentSpec.initSignIn). */
  readonly loadProvesSignIn: boolean;
}

/** AKS: where the app runs in the cluster and the objects it needs. */
export interface PlannedKubernetes {
  readonly namespace: string;
  /** The app's Deployment, which the script patches with podTemplatePatch. */
  readonly deployment: string;
  /** Workload ID only: the ServiceAccount the federated credential trusts. */
  readonly workloadIdentity?: {
    readonly serviceAccountName: string;
    readonly federatedCredentialName: string;
    readonly serviceAccount: Readonly<Record<string, unknown>>;
  };
  /** The pod template fields the app's Deployment needs. */
  readonly podTemplatePatch: Readonly<Record<string, unknown>>;
}

/** Container Instances: the group file, with one secret-volume file per component. */
export interface PlannedContainerGroup {
  readonly group: Readonly<Record<string, unknown>>;
  /** Component position (1-based) -> its path, base64-encoded into the group file by the script. */
  readonly encodedComponents: readonly { readonly position: number; readonly path: string }[];
  /** What the file sets that a PUT cannot change on an existing group. */
  readonly fixedSettings: AciFixedSettings;
  /** The public IP's DNS name label; empty: the group has no public IP. */
  readonly dnsNameLabel: string;
}

export interface DeploymentPlan {
  /** The Azure cloud every resource is in; az must be set to it before it signs in. */
  readonly cloud: CloudSpec;
  readonly host: HostSpec;
  readonly identity: PlannedIdentity;
  /** Empty: the signed-in subscription. */
  readonly subscription: string;
  readonly resourceGroup: string;
  /** The host resource: cluster, container app, web app, function app, VM, scale set or container group. */
  readonly hostName: string;
  /** Dapr app id; empty when not given. */
  readonly appId: string;
  /** The port the app listens on, when Dapr should call it (Web App, ACI); empty otherwise. */
  readonly appPort: string;
  /** Container Apps environment (Container Apps, and function apps on Container Apps). */
  readonly environment: string;
  readonly kubernetes?: PlannedKubernetes;
  readonly containerGroup?: PlannedContainerGroup;
  /** Every Azure resource a grant is scoped to, looked up before anything changes. */
  readonly resources: readonly ResolvedResource[];
  /** Each grant once, in component order. */
  readonly grants: readonly ResolvedGrant[];
  /** Entities inside those resources that Dapr reads and cannot create, checked or named before any change. */
  readonly entityChecks: readonly PlannedEntityCheck[];
  /** What the host or cloud does not support, or is not known to support, for a component. */
  readonly caveats: readonly PlannedCaveat[];
  readonly components: readonly PlannedComponent[];
  /**
   * The Dapr release the components, the fields set and the identity need, with the reason, only when it is
   * newer than the oldest release Dapr still supports: the setup then checks the Dapr the host runs.
   */
  readonly daprNeed?: DaprNeed;
  /**
   * The fields that still hold the wizard's example values (src/model/examples.ts), in the Details order:
   * the setup refuses to run while there is any.
   */
  readonly exampleValues: readonly PlannedExampleValue[];
}

/** A field still holding its example value, as the script names it. */
export interface PlannedExampleValue {
  readonly label: string;
  readonly value: string;
}
