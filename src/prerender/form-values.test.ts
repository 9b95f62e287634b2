import { describe, expect, it } from 'vitest';
import { escapeHtml, valueAtPath, withFormValues } from './form-values';

const values = {
  host: 'aks',
  namespace: 'default',
  appId: '',
  enabled: true,
  tags: ['b'],
  notes: 'a <b> & "c"',
  components: [{ name: 'kv "one"', metadata: { vaultName: 'kv-orders' } }],
};

describe('withFormValues', () => {
  it('checks the radio holding the value, and only that one', () => {
    const html =
      '<input type="radio" id="a" name="host" value="aks"/><input type="radio" id="b" name="host" value="vm"/>';
    expect(withFormValues(html, values)).toBe(
      '<input type="radio" id="a" name="host" value="aks" checked=""/><input type="radio" id="b" name="host" value="vm"/>',
    );
  });

  it('writes text values, escaped, at nested paths; an empty value adds nothing', () => {
    expect(withFormValues('<input id="x" type="text" name="components.0.name"/>', values)).toBe(
      '<input id="x" type="text" name="components.0.name" value="kv &quot;one&quot;"/>',
    );
    expect(withFormValues('<input name="components.0.metadata.vaultName">', values)).toBe(
      '<input name="components.0.metadata.vaultName" value="kv-orders">',
    );
    expect(withFormValues('<input type="text" name="appId"/>', values)).toBe(
      '<input type="text" name="appId"/>',
    );
  });

  it('checks boolean checkboxes and those whose value is in a list', () => {
    expect(withFormValues('<input type="checkbox" name="enabled"/>', values)).toBe(
      '<input type="checkbox" name="enabled" checked=""/>',
    );
    expect(
      withFormValues(
        '<input type="checkbox" name="tags" value="a"/><input type="checkbox" name="tags" value="b"/>',
        values,
      ),
    ).toBe(
      '<input type="checkbox" name="tags" value="a"/><input type="checkbox" name="tags" value="b" checked=""/>',
    );
  });

  it('selects the option holding the value, and fills an empty textarea', () => {
    expect(
      withFormValues(
        '<select name="host"><option value="vm">VM</option><option value="aks">AKS</option></select>',
        values,
      ),
    ).toBe(
      '<select name="host"><option value="vm">VM</option><option value="aks" selected="">AKS</option></select>',
    );
    expect(withFormValues('<textarea name="notes"></textarea>', values)).toBe(
      '<textarea name="notes">a &lt;b&gt; &amp; &quot;c&quot;</textarea>',
    );
  });

  it('leaves unnamed inputs, unknown names, buttons and attributes already there alone', () => {
    const html =
      '<input type="text"/><input type="text" name="nowhere"/><input type="submit" name="host" value="x"/>' +
      '<input type="text" name="namespace" value="kept"/>';
    expect(withFormValues(html, values)).toBe(html);
  });
});

describe('valueAtPath and escapeHtml', () => {
  it('walks objects and arrays by dotted path, undefined past a leaf', () => {
    expect(valueAtPath(values, 'components.0.metadata.vaultName')).toBe('kv-orders');
    expect(valueAtPath(values, 'host.length.more')).toBeUndefined();
    expect(valueAtPath(values, 'components.3.name')).toBeUndefined();
  });

  it('escapes as React does in attributes', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#x27;&amp;&#x27;&lt;/a&gt;');
  });
});
