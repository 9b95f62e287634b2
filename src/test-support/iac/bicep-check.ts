// Checks Bicep text without the Bicep compiler: it is parsed with the small parser beside this file, every
// identifier must be declared, and every resource is checked against the models Microsoft generates from the
// REST API specs (the @azure/arm-* packages, extracted into arm-models.json): the type is known, the declared API
// version is the one the pinned package models, every property path exists in its PUT body, required properties
// are there, read-only ones are not set, and closed enums hold one of their values.
// `az bicep build` on GitHub covers the rest (see pages.yml).
import { armModels, type ArmNode, type ArmResourceType } from './arm-models';
import { BicepSyntaxError } from './bicep-lex';
import { checkModules } from './bicep-module-check';
import { parseBicep, type Decorator, type Expr, type Statement } from './bicep-parse';
import { declaredNames, unknownNames } from './bicep-symbols';

type ResourceStatement = Extract<Statement, { kind: 'resource' }>;

// Bicep's own resource-level keys, which are not in the REST body, and the only ones an `existing` reference
// needs: it "must provide the name" and may set scope (github.com/Azure/bicep, docs/spec/resources.md: "Parent
// property", "Resource dependencies", "Referencing existing resources"). Anything else on an existing reference
// would describe a deployment that does not happen, so it is reported.
const BICEP_RESOURCE_KEYS = ['name', 'parent', 'scope', 'dependsOn'];
const EXISTING_KEYS = ['name', 'parent', 'scope'];
const TARGET_SCOPES = ['resourceGroup', 'subscription', 'managementGroup', 'tenant'];
const TYPES = ['string', 'int', 'bool', 'object', 'array'];
// Bicep docs, "Parameter decorators" / "Output decorators" (sys. prefix allowed).
const DECORATORS = [
  'allowed',
  'batchSize',
  'description',
  'discriminator',
  'export',
  'maxLength',
  'maxValue',
  'metadata',
  'minLength',
  'minValue',
  'sealed',
  'secure',
];

const literalOf = (expr: Expr): unknown => {
  if (expr.kind === 'string' && expr.parts.every((p) => typeof p === 'string')) return expr.parts.join('');
  if (expr.kind === 'number' || expr.kind === 'bool') return expr.value;
  return undefined;
};

/** The kind of value an expression certainly is, or undefined when only evaluation could tell. */
function kindOf(expr: Expr): ArmNode['kind'] | undefined {
  switch (expr.kind) {
    case 'string':
      return 'string';
    case 'number':
      return 'number';
    case 'bool':
      return 'boolean';
    case 'object':
      return 'object';
    case 'array':
    case 'for':
      return 'array';
    default:
      return undefined;
  }
}

/** Problems with one value against its model node; `path` is the property path for the reader. */
function checkValue(path: string, expr: Expr, node: ArmNode): string[] {
  const at = `line ${expr.line}: ${path}`;
  if (node.readOnly) return [`${at} is read-only in the API`];
  const literal = literalOf(expr);
  if (node.constant !== undefined && literal !== undefined && literal !== node.constant) {
    return [`${at} must be ${JSON.stringify(node.constant)}`];
  }
  if (expr.kind === 'ternary')
    return [...checkValue(path, expr.then, node), ...checkValue(path, expr.otherwise, node)];
  const kind = kindOf(expr);
  const fits =
    kind === undefined ||
    node.kind === 'any' ||
    kind === node.kind ||
    (kind === 'object' && node.kind === 'map');
  if (!fits) return [`${at} must be ${node.kind === 'array' ? 'an' : 'a'} ${node.kind}, not ${kind}`];
  if (node.enum && typeof literal === 'string' && !node.enum.includes(literal)) {
    return [`${at} is '${literal}', not one of ${node.enum.map((v) => `'${v}'`).join(', ')}`];
  }
  // An extensible enum: the API may take values it does not list, so this is stricter than Azure, on purpose:
  // the generator only needs listed values, and a typo would otherwise reach a deployment. ARM compares these
  // case-insensitively, so this does too.
  if (
    node.known &&
    typeof literal === 'string' &&
    !node.known.some((v) => v.toLowerCase() === literal.toLowerCase())
  ) {
    return [
      `${at} is '${literal}', not one of the values the API lists: ${node.known.map((v) => `'${v}'`).join(', ')}`,
    ];
  }
  if (expr.kind === 'array' && node.items) {
    return expr.items.flatMap((item, index) => checkValue(`${path}[${index}]`, item, node.items!));
  }
  if (expr.kind === 'for' && node.items) return checkValue(`${path}[]`, expr.body, node.items);
  if (expr.kind === 'object' && node.kind === 'map' && node.items) {
    return expr.entries.flatMap((entry) => checkValue(`${path}.${entry.key}`, entry.value, node.items!));
  }
  if (expr.kind === 'object' && node.kind === 'object')
    return checkObject(path, expr, node.properties ?? {}, []);
  return [];
}

function checkObject(
  path: string,
  object: Extract<Expr, { kind: 'object' }>,
  properties: Record<string, ArmNode>,
  bicepKeys: readonly string[],
): string[] {
  const problems: string[] = [];
  const prefix = path ? `${path}.` : '';
  for (const entry of object.entries) {
    if (bicepKeys.includes(entry.key)) continue;
    const node = properties[entry.key];
    if (!node) problems.push(`line ${entry.line}: ${prefix}${entry.key} is not a property of the API model`);
    else problems.push(...checkValue(`${prefix}${entry.key}`, entry.value, node));
  }
  for (const [key, node] of Object.entries(properties)) {
    if (node.required && !node.readOnly && !object.entries.some((entry) => entry.key === key)) {
      problems.push(`line ${object.line}: ${prefix}${key} is required by the API model`);
    }
  }
  return problems;
}

/** The object literal a resource declares, through `if (...)` and `[for ...: ...]`. */
function resourceObject(body: Expr): Extract<Expr, { kind: 'object' }> | undefined {
  if (body.kind === 'object') return body;
  if (body.kind === 'if' || body.kind === 'for') return resourceObject(body.body);
  return undefined;
}

function lookUpType(resource: ResourceStatement): ArmResourceType | string {
  const known = armModels.resourceTypes[resource.type];
  if (known) return known;
  const otherCase = Object.keys(armModels.resourceTypes).find(
    (t) => t.toLowerCase() === resource.type.toLowerCase(),
  );
  if (otherCase) return `write the type as '${otherCase}'`;
  return 'unknown resource type (or not in scripts/extract-arm-models.ts)';
}

function checkParent(
  resource: ResourceStatement,
  object: Extract<Expr, { kind: 'object' }>,
  all: Statement[],
): string[] {
  const parent = object.entries.find((entry) => entry.key === 'parent');
  const isChild = resource.type.split('/').length > 2;
  if (!parent) {
    const name = object.entries.find((entry) => entry.key === 'name');
    const nameHasSlash =
      name?.value.kind === 'string' && name.value.parts.some((p) => typeof p === 'string' && p.includes('/'));
    return isChild && !nameHasSlash
      ? [`line ${object.line}: a child resource needs parent: (or a 'parent/child' name)`]
      : [];
  }
  const target = parent.value.kind === 'ident' ? parent.value.name : undefined;
  const declaration = all.find((s): s is ResourceStatement => s.kind === 'resource' && s.name === target);
  if (!declaration) return [`line ${parent.line}: parent: must name a resource declared in this file`];
  const expected = resource.type.split('/').slice(0, -1).join('/');
  return declaration.type === expected
    ? []
    : [`line ${parent.line}: parent: is a ${declaration.type}, not a ${expected}`];
}

function checkResource(resource: ResourceStatement, all: Statement[]): string[] {
  const where = `line ${resource.line}: resource ${resource.name} '${resource.type}@${resource.apiVersion}'`;
  const known = lookUpType(resource);
  if (typeof known === 'string') return [`${where}: ${known}`];
  const pkg = `${known.package}@${armModels.packages[known.package]?.version ?? '?'}`;
  const problems: string[] = [];
  if (resource.apiVersion !== known.apiVersion) {
    problems.push(`${where}: ${pkg} models API version ${known.apiVersion}, not ${resource.apiVersion}`);
  }
  const object = resourceObject(resource.body);
  if (!object) return [...problems, `${where}: the body must be an object literal`];
  if (!object.entries.some((entry) => entry.key === 'name')) problems.push(`${where}: name is required`);
  problems.push(...checkParent(resource, object, all));
  if (resource.existing) {
    for (const entry of object.entries) {
      if (!EXISTING_KEYS.includes(entry.key))
        problems.push(
          `line ${entry.line}: an existing reference sets only name, parent and scope, not ${entry.key}`,
        );
    }
    return problems;
  }
  if (!known.body)
    return [
      ...problems,
      `${where}: ${resource.type} is extracted for existing references only (scripts/extract-arm-models.ts)`,
    ];
  return [...problems, ...checkObject('', object, known.body.properties ?? {}, BICEP_RESOURCE_KEYS)];
}

function checkDecorators(decorators: Decorator[]): string[] {
  return decorators
    .filter((d) => !DECORATORS.includes(d.name.replace(/^sys\./, '')))
    .map((d) => `line ${d.line}: @${d.name}() is not a Bicep decorator`);
}

function checkStatement(statement: Statement, all: Statement[]): string[] {
  switch (statement.kind) {
    case 'targetScope': {
      const value = literalOf(statement.value);
      return typeof value === 'string' && TARGET_SCOPES.includes(value)
        ? []
        : [`line ${statement.line}: targetScope must be one of ${TARGET_SCOPES.join(', ')}`];
    }
    case 'param':
    case 'output': {
      const type = statement.type?.replace(/(\[\])+$/, '');
      const typeProblem =
        type !== undefined && !TYPES.includes(type)
          ? [`line ${statement.line}: '${statement.type}' is not a type here`]
          : [];
      return [...typeProblem, ...checkDecorators(statement.decorators)];
    }
    case 'var':
    case 'module':
      return checkDecorators(statement.decorators);
    case 'resource':
      return [...checkDecorators(statement.decorators), ...checkResource(statement, all)];
    case 'metadata':
    case 'using':
      return [];
    default: {
      const unhandled: never = statement;
      throw new Error(`unhandled statement ${JSON.stringify(unhandled)}`);
    }
  }
}

const expressionsOf = (statement: Statement): Expr[] => {
  switch (statement.kind) {
    case 'targetScope':
    case 'metadata':
    case 'var':
    case 'output':
      return [
        statement.value,
        ...(statement.kind === 'var' || statement.kind === 'output'
          ? statement.decorators.flatMap((d) => d.args)
          : []),
      ];
    case 'param':
      return [...(statement.value ? [statement.value] : []), ...statement.decorators.flatMap((d) => d.args)];
    case 'module':
    case 'resource':
      return [statement.body, ...statement.decorators.flatMap((d) => d.args)];
    case 'using':
      return [];
    default: {
      const unhandled: never = statement;
      throw new Error(`unhandled statement ${JSON.stringify(unhandled)}`);
    }
  }
};

/** The statements of a file, or the syntax problem that stops them. */
function parsed(text: string): Statement[] | string {
  try {
    return parseBicep(text);
  } catch (error) {
    if (error instanceof BicepSyntaxError) return `does not parse: ${error.message}`;
    throw error;
  }
}

function checkStatements(statements: Statement[]): string[] {
  const { names, problems } = declaredNames(statements);
  for (const statement of statements) {
    problems.push(...checkStatement(statement, statements));
    problems.push(...expressionsOf(statement).flatMap((expr) => unknownNames(expr, names)));
  }
  return problems;
}

/**
 * Problems in a Bicep file (empty means it parses as the subset above, every name is declared, and every resource
 * fits the API model of the pinned @azure/arm-* package for its type, at exactly that package's API version).
 * `modules`: the files its module statements deploy, by the path they name (modules/grants.bicep); each is
 * checked the same way (its problems prefixed with its path), and each statement against its file
 * (bicep-module-check.ts).
 */
export function checkBicep(text: string, modules: Readonly<Record<string, string>> = {}): string[] {
  const statements = parsed(text);
  if (typeof statements === 'string') return [statements];
  const problems = checkStatements(statements);
  // A module file that does not parse is reported as such, and its statements are not checked against it.
  const files = new Map<string, Statement[] | undefined>();
  for (const [path, moduleText] of Object.entries(modules)) {
    const moduleStatements = parsed(moduleText);
    const ok = typeof moduleStatements !== 'string';
    files.set(path, ok ? moduleStatements : undefined);
    problems.push(
      ...(ok ? checkStatements(moduleStatements) : [moduleStatements]).map(
        (problem) => `${path}: ${problem}`,
      ),
    );
  }
  return [...problems, ...checkModules(statements, files)];
}

/** The SDK packages, versions and API versions the checker holds, for a test or report to name. */
export function bicepModelVersions(): string[] {
  return Object.entries(armModels.packages).map(
    ([name, p]) => `${name}@${p.version}: ${p.apiVersions.join(', ')}`,
  );
}
