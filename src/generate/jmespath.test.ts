/**
 * The JMESPath string literals, read by the jmespath package az itself uses (python3-jmespath, as the fake
 * cloud does): each value, quotes and backslashes included, matches itself and nothing else.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { jmesJson, jmesString } from './jmespath';

/** The names of the items whose `name` equals the literal, by Python's jmespath. */
function namesMatching(literal: string, names: readonly string[]): unknown {
  const program = [
    'import json, sys, jmespath',
    'query, data = sys.argv[1], json.loads(sys.argv[2])',
    'print(json.dumps(jmespath.search(query, data)))',
  ].join('\n');
  const data = JSON.stringify(names.map((name) => ({ name })));
  const result = spawnSync('python3', ['-c', program, `[?name==${literal}].name`, data], {
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(result.stderr);
  return JSON.parse(result.stdout);
}

const VALUES = ['orders-api', "it's", 'back\\slash', 'tick`tock', "both'\\`", '"double"', ''];

describe('jmesString', () => {
  it('keeps the raw-string spelling for a value without a quote or backslash', () => {
    expect(jmesString('system:serviceaccount:orders:orders-api')).toBe(
      "'system:serviceaccount:orders:orders-api'",
    );
  });

  it.each(VALUES)('matches exactly the value %j', (value) => {
    expect(namesMatching(jmesString(value), VALUES)).toEqual([value]);
  });

  it('cannot end its literal early: a value written as a query clause is still only a value', () => {
    const clause = "x' || name=='orders-api";
    expect(namesMatching(jmesString(clause), ['orders-api', clause])).toEqual([clause]);
  });
});

describe('jmesJson', () => {
  it('writes numbers and lists as JSON literals', () => {
    expect(jmesJson(0)).toBe('`0`');
    expect(jmesJson([['app', 1, 1.5]])).toBe('`[["app",1,1.5]]`');
  });
});
