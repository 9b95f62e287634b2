import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../model/config';
import { renderFirstView } from './first-view';

describe('renderFirstView', async () => {
  const html = await renderFirstView();

  it('is the first step with the default choices checked', () => {
    expect(html).toMatch(/<h2 tabindex="-1" id="step-heading">1<!-- -->\. <!-- -->Host<\/h2>/);
    const config = defaultConfig();
    for (const [name, value] of [
      ['host', config.host],
      ['cloud', config.cloud],
    ]) {
      const checked = [...html.matchAll(new RegExp(`<input type="radio"[^>]* name="${name}"[^>]*>`, 'g'))]
        .map((match) => match[0])
        .filter((tag) => tag.includes(' checked=""'));
      expect(checked, name).toHaveLength(1);
      expect(checked[0], name).toContain(`value="${value}"`);
    }
  });

  it('holds the output panel itself in its Suspense boundary, not its placeholder', () => {
    expect(html).toMatch(/<!--\$--><section class="output-panel" id="output"[^>]*>/);
    expect(html).toContain('<!--/$-->');
    expect(html).not.toContain('Preparing your files');
    expect(html).toContain('role="tablist"');
  });

  it('carries no script: the page has no inline script (its Content-Security-Policy forbids one)', () => {
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<!--\$[?!]-->/);
  });
});
