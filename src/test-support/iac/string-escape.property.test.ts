// Hostile strings through both checkers: escaped the way each language defines, any user value reads back as the
// same string (so a renderer that escapes like this cannot be broken out of); left unescaped, a quote ends the
// string early and the checker sees it. The renderers' own hostile-input tests will use the same checkers.
import fc from 'fast-check';
import { parse } from '@cdktf/hcl2json';
import { describe, expect, it } from 'vitest';
import { checkBicep } from './bicep-check';
import { parseBicep } from './bicep-parse';

// Text a user might type, weighted to the characters that matter to either language.
const hostile = fc.string({
  unit: fc.oneof(
    fc.constantFrom(
      "'",
      '"',
      '\\',
      '$',
      '{',
      '}',
      '%',
      '$' + '{',
      '%{',
      '\n',
      '\t',
      '\r',
      ' ',
      '#',
      '/*',
      '//',
    ),
    fc.string({ minLength: 1, maxLength: 1 }),
  ),
  maxLength: 40,
});

/** A Bicep single-quoted string (Bicep "Data types": strings). */
const bicepString = (value: string): string =>
  `'${value.replace(/[\\'$\n\r\t]/g, (c) => ({ '\\': '\\\\', "'": "\\'", $: '\\$', '\n': '\\n', '\r': '\\r', '\t': '\\t' })[c]!)}'`;

/** An HCL quoted string (hcl spec: "Template Expressions": \\ \" \n \r \t escapes, $${ and %%{ for literal ${ and %{). */
const hclString = (value: string): string =>
  `"${value
    .replace(/[\\"\n\r\t]/g, (c) => ({ '\\': '\\\\', '"': '\\"', '\n': '\\n', '\r': '\\r', '\t': '\\t' })[c]!)
    .replace(/\$\{/g, () => '$${')
    .replace(/%\{/g, () => '%%{')}"`;

describe('user values inside IaC strings', () => {
  it('Bicep: an escaped value parses back to itself, with no interpolation', () => {
    fc.assert(
      fc.property(hostile, (value) => {
        const text = `var v = ${bicepString(value)}\n`;
        expect(checkBicep(text)).toEqual([]);
        const [statement] = parseBicep(text);
        expect(
          statement?.kind === 'var' && statement.value.kind === 'string' ? statement.value.parts : [],
        ).toEqual([value]);
      }),
    );
  });

  it('Bicep: an unescaped quote never yields the same single string', () => {
    fc.assert(
      fc.property(hostile, hostile, (before, after) => {
        const value = `${before}'${after}`;
        const text = `var v = '${value}'\n`;
        const problems = checkBicep(text);
        if (problems.length === 0) {
          const [statement] = parseBicep(text);
          const parts =
            statement?.kind === 'var' && statement.value.kind === 'string' ? statement.value.parts : [];
          expect(parts).not.toEqual([value]);
        }
      }),
    );
  });

  it("Terraform: an escaped value parses back to itself through HashiCorp's parser", async () => {
    await fc.assert(
      fc.asyncProperty(hostile, async (value) => {
        const parsed = (await parse('main.tf', `locals {\n  v = ${hclString(value)}\n}\n`)) as {
          locals: { v: unknown }[];
        };
        // hcl2json writes Terraform's JSON syntax, whose strings are templates too: a literal ${ or %{ stays doubled.
        const expected = value.replace(/\$\{/g, () => '$${').replace(/%\{/g, () => '%%{');
        expect(parsed.locals[0]?.v).toEqual(expected);
      }),
      { numRuns: 60 },
    );
  });

  it('Terraform: an unescaped double quote never yields the same single string', async () => {
    await fc.assert(
      fc.asyncProperty(hostile, hostile, async (before, after) => {
        const value = `${before}"${after}`;
        const parsed = await parse('main.tf', `locals {\n  v = "${value}"\n}\n`).catch(() => undefined);
        const v = (parsed as { locals?: { v?: unknown }[] } | undefined)?.locals?.[0]?.v;
        expect(v).not.toEqual(value);
      }),
      { numRuns: 60 },
    );
  });
});
