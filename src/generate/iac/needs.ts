/**
 * What must be true before the deployment's grants are of use, which neither ARM nor azurerm checks here: the
 * setup script's preflight, as "Needs:" lines in both IaC headers. They read the same plan facts the script's
 * steps do: the entities Dapr reads but cannot create (plan.entityChecks; the topic notes are the script's own,
 * from setup/entity-preflight.ts), what the host or cloud does not support (plan.caveats), and on AKS Workload ID
 * the webhook the script turns on with the OIDC issuer.
 */
import type { DeploymentPlan } from '../plan/deployment-plan';
import type { PlannedEntityCheck } from '../plan/entity-checks';
import type { ResolvedResource } from '../resources';
import { quoteLiteral } from '../bash/quoting';
import { entityPreflightSteps } from '../setup/entity-preflight';
import { azLine, pastedLine, subscriptionWords } from './header-notes';
import type { IacView } from './iac-view';

/** The consumer group every event hub comes with. */
const DEFAULT_CONSUMER_GROUP = '$Default';

/** An az command in a note's text, up to its first flag: `az servicebus queue create --`. */
const AZ_COMMAND_BEFORE_FLAGS = /\baz((?: [a-z][a-z-]*)+) --/g;

/** `--subscription <s>` in each az command of a text line, before its first flag; the text as it is without one. */
function withSubscription(plan: DeploymentPlan, text: string): string {
  const subscription = pastedLine(subscriptionWords(plan));
  return subscription === '' ? text : text.replace(AZ_COMMAND_BEFORE_FLAGS, `az$1 ${subscription} --`);
}

/**
 * A resource's precondition (Entra sign-in on a Redis cache or PostgreSQL server), as a "Needs:" line with the
 * resource's own name and group in its command, quoted as setup/preflight.ts pasteableMessage quotes them (the
 * catalog writes `<name>` and `<resource-group>`), and the subscription.
 */
export function preconditionNeed(plan: DeploymentPlan, resource: ResolvedResource): string[] {
  const message = resource.ref.precondition?.message;
  if (message === undefined) return [];
  const named = message
    .replaceAll('<name>', quoteLiteral(resource.name))
    .replaceAll('<resource-group>', quoteLiteral(resource.resourceGroup));
  return [`Needs: ${withSubscription(plan, named)}`];
}

/**
 * The script's own notes for the topics a pub/sub names per call (no command checks them). The script prints
 * them after its `az account set`; pasted from these files they need the subscription in each az line.
 */
function topicNotes(view: IacView): string[] {
  const subscription = pastedLine(subscriptionWords(view.plan));
  return entityPreflightSteps(view.plan).flatMap((step) =>
    step.lines.flatMap((line) =>
      line.kind === 'note'
        ? [
            subscription === ''
              ? line.text
              : line.text.replace(AZ_COMMAND_BEFORE_FLAGS, `az$1 ${subscription} --`),
          ]
        : [],
    ),
  );
}

function checkedEntity(plan: DeploymentPlan, check: PlannedEntityCheck): string | undefined {
  switch (check.kind) {
    case 'cosmos-container': {
      const { account, database, container, partitionKeyPath } = check;
      return (
        `Component ${check.component}: the container ${container} of the database ${database} in the Cosmos DB account ${account.name}, ` +
        `with the one partition key path ${partitionKeyPath} (${check.partitionKeyReason}); Dapr reads it, and its data-plane role creates neither: ` +
        azLine(plan, [
          'az',
          'cosmosdb',
          'sql',
          'container',
          'create',
          '--account-name',
          account.name,
          '--database-name',
          database,
          '--name',
          container,
          '--partition-key-path',
          partitionKeyPath,
          '--resource-group',
          account.resourceGroup,
        ]) +
        // `az cosmosdb sql database create` requires --account-name, --name and --resource-group (az 2.45 help).
        ` (the database first, if missing: ${azLine(plan, ['az', 'cosmosdb', 'sql', 'database', 'create', '--account-name', account.name, '--name', database, '--resource-group', account.resourceGroup])}).`
      );
    }
    case 'eventhubs-consumer-group': {
      const { eventHub, consumerGroup } = check;
      // Every event hub has the $Default consumer group, made with it ("A default consumer group ($Default) is
      // automatically created for each event hub": Event Hubs consumer group schema, learn.microsoft.com/azure/
      // event-hubs/event-hubs-features "Consumer groups"; src/catalog/naming-rules.ts): nothing to create.
      if (consumerGroup === DEFAULT_CONSUMER_GROUP) return undefined;
      return (
        `Component ${check.component}: the consumer group ${consumerGroup} of the event hub ${eventHub.name}; Dapr receives with it and does not create it: ` +
        azLine(plan, [
          'az',
          'eventhubs',
          'eventhub',
          'consumer-group',
          'create',
          '--namespace-name',
          eventHub.parent?.name ?? '<namespace>',
          '--eventhub-name',
          eventHub.name,
          '--name',
          consumerGroup,
          '--resource-group',
          eventHub.resourceGroup,
        ])
      );
    }
    case 'servicebus-queue': {
      const { namespace, queue } = check;
      return (
        `Component ${check.component}: the Service Bus queue ${queue} in ${namespace.name}; with entity management off Dapr does not create it: ` +
        azLine(plan, [
          'az',
          'servicebus',
          'queue',
          'create',
          '--namespace-name',
          namespace.name,
          '--name',
          queue,
          '--resource-group',
          namespace.resourceGroup,
        ])
      );
    }
    case 'topics-must-exist':
      return undefined; // the script's notes, below
    default: {
      const unhandled: never = check;
      throw new Error(`unhandled entity check ${JSON.stringify(unhandled)}`);
    }
  }
}

/** The "Needs:" lines of both headers; empty when the plan needs nothing beyond the grants. */
export function needsLines(view: IacView): string[] {
  const { plan } = view;
  const needs = [
    // The script turns both on (az aks update --enable-oidc-issuer --enable-workload-identity): the issuer
    // alone signs the tokens, the webhook (securityProfile.workloadIdentity.enabled) puts them in the pods
    // (MicrosoftDocs azure-docs articles/aks/workload-identity-deploy-cluster.md).
    ...(plan.kubernetes?.workloadIdentity
      ? [
          // Azure CLI 2.47 first takes --enable-workload-identity (the setup script's header says so: hosts/aks.ts).
          // As the setup script, the update only when the check prints other than true, with its warning
          // (MicrosoftDocs/azure-aks-docs articles/aks/use-oidc-issuer.md; hosts/aks-identity.ts
          // workloadIdentitySteps).
          `Workload ID on the cluster (securityProfile.workloadIdentity.enabled), not only its OIDC issuer: the webhook puts the token in the pods. Both are on when this prints true:\n  ${azLine(plan, ['az', 'aks', 'show', '--name', plan.hostName, '--resource-group', plan.resourceGroup, '--query', 'oidcIssuerProfile.enabled && securityProfile.workloadIdentity.enabled', '-o', 'tsv'])}\nOtherwise turn both on as the setup script does (Azure CLI 2.47 or later; on a running cluster the issuer changes the ServiceAccount token issuer and restarts the API server, possible downtime, pods that fail afterwards need a restart, and it cannot be turned off again):\n  ${azLine(plan, ['az', 'aks', 'update', '--name', plan.hostName, '--resource-group', plan.resourceGroup, '--enable-oidc-issuer', '--enable-workload-identity', '-o', 'none'])}`,
        ]
      : []),
    ...plan.entityChecks.flatMap((check) => checkedEntity(plan, check) ?? []),
    ...topicNotes(view),
  ];
  // As the script's "Read first:" step words them (setup/preflight.ts caveatSteps).
  const caveats = plan.caveats.flatMap((caveat) =>
    caveat.reasons.map((reason) => `Read first: component ${caveat.component}: ${reason}`),
  );
  // A resource the files do not reference (a PostgreSQL server, whose grant is the script's) has its
  // precondition here; a referenced one has it beside its reference.
  const unreferenced = plan.resources
    .filter((resource) => !view.resources.includes(resource))
    .flatMap((resource) => preconditionNeed(plan, resource));
  return [...needs.map((line) => `Needs: ${line}`), ...unreferenced, ...caveats];
}
