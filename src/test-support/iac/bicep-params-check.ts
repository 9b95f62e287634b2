// Checks a .bicepparam file against the Bicep file it names: one `using` first, then `param name = value` lines
// for parameters the Bicep file declares, every parameter without a default given a value, and literal values of
// the declared type and among its @allowed values (learn.microsoft.com/azure/azure-resource-manager/bicep/parameter-files).
import { BicepSyntaxError } from './bicep-lex';
import { parseBicep, type Expr, type Statement } from './bicep-parse';
import { declaredNames, unknownNames } from './bicep-symbols';

type ParamStatement = Extract<Statement, { kind: 'param' }>;

/** The literal value of an expression, when it is one (strings without interpolation, numbers, booleans). */
function literalOf(expr: Expr): string | number | boolean | undefined {
  if (expr.kind === 'string') {
    const text = expr.parts.filter((p) => typeof p === 'string');
    return text.length === expr.parts.length ? text.join('') : undefined;
  }
  if (expr.kind === 'number' || expr.kind === 'bool') return expr.value;
  return undefined;
}

// The Bicep type a literal or literal-shaped expression certainly has.
function typeOf(expr: Expr): string | undefined {
  switch (expr.kind) {
    case 'string':
      return 'string';
    case 'number':
      return 'int';
    case 'bool':
      return 'bool';
    case 'object':
      return 'object';
    case 'array':
    case 'for':
      return 'array';
    default:
      return undefined;
  }
}

function checkValue(assigned: ParamStatement, declared: ParamStatement): string[] {
  const value = assigned.value;
  if (!value) return [`line ${assigned.line}: param ${assigned.name} needs a value`];
  const type = typeOf(value);
  const declaredType = declared.type?.endsWith('[]') ? 'array' : declared.type;
  if (type && declaredType && type !== declaredType) {
    return [`line ${assigned.line}: param ${assigned.name} is declared ${declared.type}, given ${type}`];
  }
  const allowed = declared.decorators.find((d) => d.name.replace(/^sys\./, '') === 'allowed')?.args[0];
  const literal = literalOf(value);
  if (
    allowed?.kind === 'array' &&
    literal !== undefined &&
    !allowed.items.some((i) => literalOf(i) === literal)
  ) {
    return [
      `line ${assigned.line}: param ${assigned.name} = ${JSON.stringify(literal)} is not in its @allowed list`,
    ];
  }
  return [];
}

/**
 * Problems in a .bicepparam file read against the text of the Bicep file its `using` names (empty means every
 * value is for a declared parameter, of its type, and no required parameter is left out).
 */
export function checkBicepParams(paramsText: string, bicepText: string): string[] {
  let params: Statement[];
  let bicep: Statement[];
  try {
    params = parseBicep(paramsText);
    bicep = parseBicep(bicepText);
  } catch (error) {
    if (error instanceof BicepSyntaxError) return [`does not parse: ${error.message}`];
    throw error;
  }
  const problems: string[] = [];
  const [first] = params;
  if (first?.kind !== 'using' || !first.path.endsWith('.bicep')) {
    problems.push("line 1: a .bicepparam file starts with using '<file>.bicep'");
  }
  const declared = new Map(
    bicep.filter((s): s is ParamStatement => s.kind === 'param').map((s) => [s.name, s] as const),
  );
  const { names, problems: duplicates } = declaredNames(params);
  problems.push(...duplicates);
  for (const statement of first?.kind === 'using' ? params.slice(1) : params) {
    if (statement.kind !== 'param') {
      problems.push(`line ${statement.line}: a .bicepparam file holds only param lines after using`);
      continue;
    }
    const declaration = declared.get(statement.name);
    if (!declaration)
      problems.push(`line ${statement.line}: param ${statement.name} is not declared in the Bicep file`);
    else problems.push(...checkValue(statement, declaration));
    // A value may call functions but not name a parameter: each param line stands alone.
    if (statement.value) problems.push(...unknownNames(statement.value, new Set()));
  }
  for (const [name, declaration] of declared) {
    if (!declaration.value && !names.has(name))
      problems.push(`param ${name} has no default and no value here`);
  }
  return problems;
}
