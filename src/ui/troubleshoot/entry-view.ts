/** One troubleshooting entry as an article: its own deep link, cause, fix, what prevents it, sources. */
import type { ErrorStage, TroubleshootingEntry } from '../../catalog/troubleshooting';

const STAGE_LABELS: Record<ErrorStage, string> = {
  script: 'while the wizard’s script runs',
  runtime: 'when Dapr signs in or uses its grant',
};

/** An element with text only: entry text is data, never parsed as HTML. */
function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  text?: string,
  className?: string,
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className !== undefined) node.className = className;
  return node;
}

function link(href: string, text: string): HTMLAnchorElement {
  const anchor = element('a', text);
  anchor.href = href;
  return anchor;
}

function section(list: HTMLDListElement, term: string, ...content: (Node | string)[]): void {
  const description = element('dd');
  description.append(...content);
  list.append(element('dt', term), description);
}

/** Plain-text error patterns, shown as what the error looks like (regular expressions are left out). */
function examples(entry: TroubleshootingEntry): string[] {
  return entry.patterns.filter((pattern): pattern is string => typeof pattern === 'string');
}

export function entryView(entry: TroubleshootingEntry): HTMLElement {
  const article = element('article', undefined, 'trouble-entry');
  article.id = entry.id;
  // Focusable, so a deep link moves keyboard and screen reader focus to the entry.
  article.tabIndex = -1;
  article.setAttribute('aria-labelledby', `${entry.id}-title`);

  const heading = element('h2');
  heading.id = `${entry.id}-title`;
  heading.append(link(`#${entry.id}`, entry.title));
  const stages = entry.stages.map((stage) => STAGE_LABELS[stage]).join(', or ');
  article.append(heading, element('p', `Shows up ${stages}. Entry id: ${entry.id}`, 'trouble-meta'));

  const details = element('dl');
  const looksLike = examples(entry);
  if (looksLike.length > 0) {
    const list = element('ul');
    for (const text of looksLike) {
      const item = element('li');
      item.append(element('code', text));
      list.append(item);
    }
    section(details, 'Error text', list);
  }
  section(details, 'Cause', entry.cause);
  const fix: Node[] = [element('p', entry.fix)];
  if (entry.commands && entry.commands.length > 0) {
    const pre = element('pre');
    pre.append(element('code', entry.commands.join('\n')));
    // A long command scrolls inside its box instead of widening the page.
    pre.tabIndex = 0;
    pre.setAttribute('aria-label', `Commands for ${entry.title}`);
    fix.push(pre);
  }
  section(details, 'Fix', ...fix);
  const prevention: Node[] = [element('p', entry.prevention.text)];
  if (entry.prevention.fragment !== undefined) {
    const paragraph = element('p');
    paragraph.append(link(`./#${entry.prevention.fragment}`, 'Open the wizard with this choice'));
    prevention.push(paragraph);
  }
  section(details, 'Prevent it', ...prevention);
  const sources = element('ul', undefined, 'trouble-sources');
  for (const source of entry.sources) sources.append(element('li', source));
  section(details, 'Sources', sources);
  article.append(details);
  return article;
}
