// Checks the `module` statements of a Bicep file against the module files they name, as the Bicep compiler would
// on `az bicep build`: the file is there, the statement sets only the keys a module takes, its scope fits the
// module's targetScope, and its params are exactly the module's (no unknown one, every one without a default
// given, a string parameter not given another kind of literal). The module files themselves are checked by
// checkBicep like any other file (bicep-check.ts calls this).
//
// Sources: learn.microsoft.com/azure/azure-resource-manager/bicep/modules ("Define modules": name, params;
// "Set module scope": scope; dependsOn), .../bicep/deploy-to-resource-group ("Scope to different resource
// group": resourceGroup(name) or resourceGroup(subscriptionId, name) for a resource-group-scoped module).
import type { Expr, Statement } from './bicep-parse';

type ModuleStatement = Extract<Statement, { kind: 'module' }>;

const MODULE_KEYS = ['name', 'scope', 'params', 'dependsOn'];

/** The scope functions that give a scope of each targetScope (Bicep's scope functions, bicep-functions-scope). */
const SCOPE_FUNCTION: Readonly<Record<string, string>> = {
  resourceGroup: 'resourceGroup',
  subscription: 'subscription',
  managementGroup: 'managementGroup',
  tenant: 'tenant',
};

function targetScopeOf(statements: readonly Statement[]): string {
  const declared = statements.find((s) => s.kind === 'targetScope');
  if (declared?.value.kind === 'string' && declared.value.parts.every((p) => typeof p === 'string'))
    return declared.value.parts.join('');
  return 'resourceGroup';
}

function checkScope(module: ModuleStatement, scope: Expr | undefined, target: string): string[] {
  if (!scope) return [];
  const fn = SCOPE_FUNCTION[target];
  const at = `line ${scope.line}: module ${module.name}`;
  if (scope.kind !== 'call' || scope.callee.kind !== 'ident' || scope.callee.name !== fn) {
    return [`${at}: its file's targetScope is '${target}', so scope must be a ${fn ?? target}(...) call`];
  }
  return target === 'resourceGroup' && scope.args.length > 2
    ? [`${at}: resourceGroup() takes a group name, or a subscription id and a group name`]
    : [];
}

function checkParams(
  module: ModuleStatement,
  params: Expr | undefined,
  file: readonly Statement[],
): string[] {
  const declared = file.flatMap((s) => (s.kind === 'param' ? [s] : []));
  const at = `module ${module.name}`;
  if (params && params.kind !== 'object') return [`line ${params.line}: ${at}: params must be an object`];
  const given = params?.kind === 'object' ? params.entries : [];
  const problems: string[] = [];
  for (const entry of given) {
    const param = declared.find((p) => p.name === entry.key);
    if (!param)
      problems.push(`line ${entry.line}: ${at}: '${entry.key}' is not a parameter of ${module.path}`);
    else if (param.type === 'string' && ['number', 'bool', 'object', 'array'].includes(entry.value.kind))
      problems.push(`line ${entry.line}: ${at}: '${entry.key}' is a string parameter`);
  }
  for (const param of declared) {
    if (!param.value && !given.some((entry) => entry.key === param.name))
      problems.push(`line ${module.line}: ${at}: parameter '${param.name}' of ${module.path} is not given`);
  }
  return problems;
}

/**
 * Problems with the module statements of a file, given the module files by the path the statements name
 * (modules/grants.bicep) already parsed (undefined: it does not parse, which the caller reports); and every given
 * file must be used by a statement.
 */
export function checkModules(
  statements: readonly Statement[],
  modules: ReadonlyMap<string, readonly Statement[] | undefined>,
): string[] {
  const problems: string[] = [];
  const used = new Set<string>();
  for (const module of statements) {
    if (module.kind !== 'module') continue;
    if (!modules.has(module.path)) {
      problems.push(
        `line ${module.line}: module ${module.name}: '${module.path}' is not among the files given`,
      );
      continue;
    }
    used.add(module.path);
    const file = modules.get(module.path);
    if (!file) continue;
    const body = module.body;
    if (body.kind !== 'object') {
      problems.push(`line ${module.line}: module ${module.name}: the body must be an object literal`);
      continue;
    }
    const value = (key: string): Expr | undefined => body.entries.find((entry) => entry.key === key)?.value;
    for (const entry of body.entries) {
      if (!MODULE_KEYS.includes(entry.key))
        problems.push(`line ${entry.line}: module ${module.name}: ${entry.key} is not a module property`);
    }
    problems.push(...checkScope(module, value('scope'), targetScopeOf(file)));
    problems.push(...checkParams(module, value('params'), file));
  }
  for (const path of modules.keys()) {
    if (!used.has(path)) problems.push(`${path} is given but no module statement deploys it`);
  }
  return problems;
}
