// Name checks for a parsed Bicep file: every identifier an expression uses is declared (a param, var, resource
// or module, a loop variable, or a Bicep function), and no name is declared twice. This is what catches a user
// value that escaped its string as '${...}': the interpolation then names something that does not exist.
import type { Expr, Statement } from './bicep-parse';

// The functions of Bicep's `sys` and `az` namespaces that a generator may call (learn.microsoft.com/azure/
// azure-resource-manager/bicep/bicep-functions: any, array, date, deployment, file, lambda, logical, numeric,
// object, resource, scope and string functions).
export const BICEP_FUNCTIONS = new Set([
  'any',
  'array',
  'concat',
  'contains',
  'empty',
  'first',
  'flatten',
  'indexOf',
  'intersection',
  'last',
  'lastIndexOf',
  'length',
  'max',
  'min',
  'range',
  'skip',
  'take',
  'union',
  'dateTimeAdd',
  'dateTimeFromEpoch',
  'dateTimeToEpoch',
  'utcNow',
  'deployment',
  'environment',
  'loadFileAsBase64',
  'loadJsonContent',
  'loadYamlContent',
  'loadTextContent',
  'filter',
  'map',
  'reduce',
  'sort',
  'toObject',
  'groupBy',
  'items',
  'bool',
  'coalesce',
  'int',
  'float',
  'json',
  'shallowMerge',
  'objectKeys',
  'extensionResourceId',
  'getSecret',
  'list',
  'managementGroupResourceId',
  'pickZones',
  'providers',
  'reference',
  'resourceId',
  'subscriptionResourceId',
  'tenantResourceId',
  'managementGroup',
  'resourceGroup',
  'subscription',
  'tenant',
  'base64',
  'base64ToJson',
  'base64ToString',
  'dataUri',
  'dataUriToString',
  'endsWith',
  'format',
  'guid',
  'join',
  'newGuid',
  'padLeft',
  'replace',
  'split',
  'startsWith',
  'string',
  'substring',
  'toLower',
  'toUpper',
  'trim',
  'uniqueString',
  'uri',
  'uriComponent',
  'uriComponentToString',
  'readEnvironmentVariable',
]);
const NAMESPACES = new Set(['sys', 'az']);

/** Names declared at file level, and the problems with them (a name used twice). */
export function declaredNames(statements: Statement[]): { names: Set<string>; problems: string[] } {
  const names = new Set<string>();
  const problems: string[] = [];
  for (const statement of statements) {
    if (!('name' in statement) || statement.kind === 'metadata') continue;
    if (names.has(statement.name))
      problems.push(`line ${statement.line}: '${statement.name}' is declared twice`);
    // Outputs live in their own namespace in Bicep; the others share one.
    if (statement.kind !== 'output') names.add(statement.name);
  }
  return { names, problems };
}

/** The direct sub-expressions of one expression, with loop variables they bring into scope. */
function children(expr: Expr): { expr: Expr; scope?: string[] }[] {
  switch (expr.kind) {
    case 'string':
      return expr.parts.filter((p): p is Expr => typeof p !== 'string').map((p) => ({ expr: p }));
    case 'number':
    case 'bool':
    case 'null':
    case 'ident':
      return [];
    case 'object':
      return expr.entries.map((entry) => ({ expr: entry.value }));
    case 'array':
      return expr.items.map((item) => ({ expr: item }));
    case 'for':
      return [{ expr: expr.source }, { expr: expr.body, scope: expr.variables }];
    case 'if':
      return [{ expr: expr.condition }, { expr: expr.body }];
    case 'member':
      return [{ expr: expr.object }];
    case 'index':
      return [{ expr: expr.object }, { expr: expr.index }];
    case 'call':
      return [
        ...(expr.callee.kind === 'ident' ? [] : [{ expr: expr.callee }]),
        ...expr.args.map((a) => ({ expr: a })),
      ];
    case 'unary':
      return [{ expr: expr.operand }];
    case 'binary':
      return [{ expr: expr.left }, { expr: expr.right }];
    case 'ternary':
      return [{ expr: expr.test }, { expr: expr.then }, { expr: expr.otherwise }];
    default: {
      const unhandled: never = expr;
      throw new Error(`unhandled expression ${JSON.stringify(unhandled)}`);
    }
  }
}

/** Problems with the names one expression uses, given the names in scope. */
export function unknownNames(expr: Expr, scope: ReadonlySet<string>): string[] {
  if (expr.kind === 'ident' && !scope.has(expr.name) && !NAMESPACES.has(expr.name)) {
    return [`line ${expr.line}: '${expr.name}' is not declared`];
  }
  if (expr.kind === 'call' && expr.callee.kind === 'ident' && !BICEP_FUNCTIONS.has(expr.callee.name)) {
    return [`line ${expr.line}: '${expr.callee.name}()' is not a Bicep function`];
  }
  return children(expr).flatMap((child) =>
    unknownNames(child.expr, child.scope ? new Set([...scope, ...child.scope]) : scope),
  );
}
