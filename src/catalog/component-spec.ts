/**
 * The shape of a Dapr component's catalog entry: what the wizard asks, what the YAML carries, which Azure
 * resources the component talks to, and the least grant each needs. Entries live in ./components/.
 */
import type { DaprVersion } from './dapr';
import type { NamingRuleId } from './naming-rules';
import type { AzureRole } from './roles';

/** A metadata field Dapr reads under managed identity. Secret and connection-string fields are never listed. */
export interface ComponentField {
  /** The metadata key Dapr reads. */
  readonly key: string;
  readonly label: string;
  readonly help: string;
  /** Required fields are always asked; optional ones sit behind "More options" and are emitted only when set. */
  readonly required: boolean;
  readonly rule: NamingRuleId;
  /** Shown as the input's placeholder. */
  readonly placeholder?: string;
  /**
   * The prefilled example value of a required field: valid for its rule, plainly an example (an `example`
   * part; the secret store's `mykeyvault` is the Dapr docs' own), and "still an example" while the field holds
   * it (src/model/examples.ts), so the setup script refuses to run with it.
   */
  readonly example?: string;
  /** False for inputs the wizard composes into the connection string instead of emitting them as metadata. */
  readonly emit?: false;
  /** The first Dapr release that reads this field, where it is newer than its component's (set fields only). */
  readonly minDapr?: DaprVersion;
}

/** A component's maturity, from the `status` of its metadata.yaml in dapr/components-contrib. */
export type ComponentStatus = 'stable' | 'beta' | 'alpha';

/** One answer to a trade-off question; the first option of a choice is the default and the least privileged. */
export interface ChoiceOption {
  readonly id: string;
  readonly title: string;
  /** One line: what this means and when to pick it. */
  readonly description: string;
  /** Metadata this option sets in the component, e.g. disableEntityManagement: "true". */
  readonly metadata?: Readonly<Record<string, string>>;
}

/** A real trade-off the user decides, such as entity management versus existing entities. */
export interface ComponentChoice {
  /** Share-link key; must not clash with the wizard's top-level keys. */
  readonly key: string;
  readonly legend: string;
  readonly options: readonly ChoiceOption[];
}

/** Option ids of choices that must hold for a grant to apply; absent means always. */
export type GrantCondition = Readonly<Record<string, readonly string[]>>;

/** An Azure resource the component talks to, and how the script finds its resource id. */
export interface ResourceRef {
  /** Referenced by grants. */
  readonly id: string;
  /** In comments: "Key Vault", "Service Bus namespace". */
  readonly title: string;
  /** The component field that names it. */
  readonly field: string;
  /** 'value': the field is the name; 'first-label': the name is the first DNS label of a host name or URL. */
  readonly nameFrom: 'value' | 'first-label';
  /** `az <showCommand> --name <name> [--resource-group <group>] --query id -o tsv`. */
  readonly showCommand: readonly string[];
  /** Whether the show command needs --resource-group. */
  readonly needsResourceGroup: boolean;
  /** Shell variable prefix: VAULT gives VAULT_NAME and VAULT_ID. */
  readonly variable: string;
  /** Key Vault: the choice that says which permission model the vault uses, checked before any change. */
  readonly keyVaultModelChoice?: string;
  /**
   * A child entity of another resource of the same component, e.g. a Service Bus queue in its namespace:
   * `az <showCommand> <flag> <the parent's name> --name <name> ...`, so a grant can be scoped to the one entity.
   */
  readonly parent?: {
    /** The parent ResourceRef's id. */
    readonly resource: string;
    /** The show command's flag that takes the parent's name, e.g. --namespace-name. */
    readonly flag: string;
  };
  /** A setting the resource must have before its grant can work, checked before any change. */
  readonly precondition?: {
    /** `az <showCommand> ... --query <query> -o tsv` must print `expected`, compared case-insensitively. */
    readonly query: string;
    readonly expected: string;
    /** Printed when it does not. */
    readonly message: string;
    /** The troubleshooting entry the message names (src/catalog/troubleshooting). */
    readonly entry: string;
  };
}

interface GrantBase {
  /** The ResourceRef id the grant is scoped to. */
  readonly resource: string;
  readonly when?: GrantCondition;
}

export type Grant =
  /** An Azure built-in role assigned on the resource. */
  | (GrantBase & { readonly kind: 'rbac'; readonly role: AzureRole })
  /** Key Vault access policy (vaults on the access-policy model). */
  | (GrantBase & {
      readonly kind: 'keyvault-policy';
      readonly flag: '--secret-permissions' | '--key-permissions';
      readonly permissions: readonly string[];
    })
  /** Cosmos DB data-plane role, assigned with az cosmosdb sql role assignment create. */
  | (GrantBase & {
      readonly kind: 'cosmos-sql-role';
      readonly roleName: string;
      readonly roleDefinitionId: string;
    })
  /** Azure Cache for Redis data access policy. */
  | (GrantBase & { readonly kind: 'redis-access-policy'; readonly policy: string })
  /**
   * Azure Database for PostgreSQL: a database role mapped to the identity, then GRANT statements in the app
   * database ("{field}" stands for that field's value).
   */
  | (GrantBase & { readonly kind: 'postgres-role'; readonly privileges: readonly string[] })
  /** Azure SQL: a contained database user for the identity, its database roles and extra GRANT statements. */
  | (GrantBase & {
      readonly kind: 'sql-contained-user';
      readonly roles: readonly string[];
      readonly permissions: readonly string[];
    });

/** How the wizard composes a password-less connection string from the component's inputs. */
export type ConnectionStringFormat = 'postgres' | 'sqlserver';

/**
 * The component's Init makes an Azure call with the identity, so daprd's "Component loaded" line proves the
 * sign-in and the grant; absent, Init only builds a client and the first use is the proof.
 */
export interface InitSignIn {
  /** The components-contrib source of the call. */
  readonly source: string;
  /** Metadata values with which Init skips the call. */
  readonly skippedWhen?: Readonly<Record<string, string>>;
}

export interface ComponentSpec {
  readonly type: string;
  readonly version: string;
  /** Set only where the source was read; absent means "loaded; sign-in not proved until first use". */
  readonly initSignIn?: InitSignIn;
  readonly title: string;
  /** One line on the component step. */
  readonly summary: string;
  /** Default metadata.name. */
  readonly defaultName: string;
  /**
   * The first Dapr release that registers this type and version: dapr/dapr cmd/daprd/components/*.go at the
   * release tags (cmd/daprd/main.go before v1.9.0). A component file naming an unregistered version fails to
   * load (dapr/dapr pkg/components/state/registry.go, "couldn't find state store").
   */
  readonly minDapr: DaprVersion;
  /**
   * Where newer than minDapr: the first Dapr release whose component signs in with Entra ID as this entry
   * configures it (its fixedMetadata, or the shared Azure auth code), read in the components-contrib version
   * pinned by dapr/dapr go.mod at that release tag.
   */
  readonly entraIdMinDapr?: DaprVersion;
  readonly status: ComponentStatus;
  /** Set when Dapr registers this version as deprecated and a newer one is recommended instead. */
  readonly deprecated?: string;
  /** Metadata that selects Entra ID, always emitted: useAzureAD, useEntraID, enableTLS. */
  readonly fixedMetadata?: Readonly<Record<string, string>>;
  /** Emit connectionString composed from the inputs (host and database fields); it never holds a secret. */
  readonly connectionString?: ConnectionStringFormat;
  readonly fields: readonly ComponentField[];
  readonly choices?: readonly ComponentChoice[];
  readonly resources: readonly ResourceRef[];
  readonly grants: readonly Grant[];
  /** Where the role choice rests when the Dapr docs name none. */
  readonly grantSource?: string;
}

/** An Azure-facing Dapr component that cannot sign in with Entra ID: listed, not offered. */
export interface UnsupportedComponent {
  readonly type: string;
  readonly title: string;
  readonly reason: string;
}
