/**
 * What a script prints after Dapr's own "Failed to init component" line: the troubleshooting entry that line
 * belongs to, chosen while the script runs, since only then is the error known. The script tests the line
 * against the fixed texts of a few entries likely for that component and identity (grep -i -F, as the
 * troubleshooting view matches them case-insensitively), prints the cause and fix of each that matches, and
 * the generic component-failure entry when none does.
 */
import { troubleshootingEntry, type ErrorPattern } from '../../catalog/troubleshooting';
import type { DeploymentPlan, PlannedComponent } from '../plan/deployment-plan';
import { command, printLine, v, when, type Command, type Conditional } from '../script-model';
import { troubleshootingAdvice } from '../troubleshoot-advice';

/** The entry for a failed init that names no cause an entry knows: read the rest of the line. */
export const COMPONENT_FAILED_ENTRY = 'dapr-component-init-failed';

/**
 * Entries whose text a service answers a component of that type with (the ids are the catalog's,
 * src/catalog/troubleshooting/sign-in.ts; troubleshootingEntry() fails the generator on a typo). Matched on
 * the Dapr type's Azure service part.
 */
const SERVICE_ENTRIES: readonly { readonly service: string; readonly entries: readonly string[] }[] = [
  { service: '.azure.keyvault', entries: ['kv-forbidden-by-rbac'] },
  { service: '.azure.cosmosdb', entries: ['cosmos-data-role-missing'] },
  { service: '.azure.servicebus', entries: ['servicebus-manage-claim-missing'] },
  { service: '.redis', entries: ['redis-entra-auth-refused'] },
  { service: '.postgresql', entries: ['postgres-permission-denied-schema'] },
];

/** Regular expression syntax: a pattern without any is a fixed text grep -F can look for. */
const REGEX_SYNTAX = /[\\.*+?^${}()|[\]]/;

/** The fixed texts of a pattern list: its strings, and its regular expressions that hold no syntax. */
export function fixedTexts(patterns: readonly ErrorPattern[]): string[] {
  return patterns.flatMap((pattern) => {
    if (typeof pattern === 'string') return [pattern];
    return REGEX_SYNTAX.test(pattern.regex) ? [] : [pattern.regex];
  });
}

function entryTexts(id: string): string[] {
  const entry = troubleshootingEntry(id);
  if (entry === undefined) throw new Error(`No troubleshooting entry ${id}`);
  return fixedTexts(entry.patterns);
}

/** The component's Dapr type: `componentType` in Container Apps' schema, `spec.type` in Dapr's. */
function daprType(component: PlannedComponent): string {
  const { componentType, spec } = component.document as { componentType?: unknown; spec?: unknown };
  if (typeof componentType === 'string') return componentType;
  const type = typeof spec === 'object' && spec !== null ? (spec as { type?: unknown }).type : undefined;
  if (typeof type !== 'string') throw new Error(`Component ${component.name} has no type`);
  return type;
}

/**
 * The entries likely for a component's failed init, most specific first: the identity's own (a client id the
 * host does not have, or no system-assigned identity), then the service's; only those with a fixed text.
 */
export function likelyEntries(plan: DeploymentPlan, component: PlannedComponent): string[] {
  const identity = plan.identity.kind === 'system' ? 'mi-no-default-identity' : 'mi-client-id-not-assigned';
  const service = SERVICE_ENTRIES.filter((candidate) => daprType(component).includes(candidate.service));
  return [identity, ...service.flatMap((candidate) => candidate.entries)].filter(
    (id) => entryTexts(id).length > 0,
  );
}

const MATCHES = 'DAPRD_ERROR_MATCHES';

/** How many of the texts occur in the variable's value (grep -c prints 0 and fails when none: kept). */
function countTexts(variable: string, texts: readonly string[]): Command {
  return command(['printf', '%s\\n', v(variable)], {
    captureTo: MATCHES,
    pipeTo: ['grep', '-c', '-i', '-F', ...texts.flatMap((text) => ['-e', text])],
    tolerateFailure: true,
  });
}

/** Lines that print the advice of each entry whose text is in the line, or the generic entry's. */
export function failureLineAdvice(
  lineVariable: string,
  entryIds: readonly string[],
): Conditional['lines'][number][] {
  const specific = entryIds.flatMap((id) => [
    countTexts(lineVariable, entryTexts(id)),
    when(MATCHES, '!=', '0', [printLine(troubleshootingAdvice(id))]),
  ]);
  const all = entryIds.flatMap(entryTexts);
  if (all.length === 0) return [printLine(troubleshootingAdvice(COMPONENT_FAILED_ENTRY))];
  return [
    ...specific,
    countTexts(lineVariable, all),
    when(MATCHES, '=', '0', [printLine(troubleshootingAdvice(COMPONENT_FAILED_ENTRY))]),
  ];
}
