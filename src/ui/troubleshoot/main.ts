/**
 * The troubleshooting page: a search box that finds the entries a pasted error belongs to, and every
 * entry, each at its own deep link (troubleshoot.html#<entry-id>). What is pasted stays in the page: it
 * is never written to the URL or sent anywhere.
 */
import { troubleshootingEntry, TROUBLESHOOTING_ENTRIES } from '../../catalog/troubleshooting';
import { applyTheme, storedTheme } from '../theme';
import '../styles.css';
import './troubleshoot.css';
import { entryView } from './entry-view';
import { shownEntries, shownSummary } from './filter';
import { themeSelect } from './theme-select';

// Before anything renders, so a dark page never flashes light.
applyTheme(storedTheme());

function required<T extends HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`The page has no #${id} element`);
  return element as T;
}

const query = required<HTMLTextAreaElement>('trouble-query');
const status = required<HTMLElement>('trouble-status');
const list = required<HTMLElement>('trouble-entries');
required<HTMLElement>('theme-root').append(themeSelect());

const views = new Map(TROUBLESHOOTING_ENTRIES.map((entry) => [entry.id, entryView(entry)]));

/** Shows the entries for the query, in their order, and says how many. */
function update(): void {
  const shown = shownEntries(query.value);
  const visible = new Set(shown.entries.map((entry) => entry.id));
  // Matches first, best first; the rest stay in the page (hidden) so a deep link always finds them.
  const ordered = [
    ...shown.entries.map((entry) => entry.id),
    ...[...views.keys()].filter((id) => !visible.has(id)),
  ];
  list.replaceChildren(...ordered.map((id) => views.get(id)).filter((view) => view !== undefined));
  for (const [id, view] of views) view.hidden = !visible.has(id);
  status.textContent = shownSummary(shown);
}

/** Scrolls to the entry the URL names, marks it and moves focus to it. */
function openDeepLink(): void {
  const id = decodeURIComponent(window.location.hash.slice(1));
  for (const view of views.values()) view.removeAttribute('data-highlighted');
  const view = views.get(id);
  if (!view || !troubleshootingEntry(id)) return;
  if (view.hidden) {
    query.value = '';
    update();
  }
  view.setAttribute('data-highlighted', 'true');
  view.focus({ preventScroll: true });
  view.scrollIntoView({ block: 'start' });
}

query.addEventListener('input', update);
window.addEventListener('hashchange', openDeepLink);
update();
openDeepLink();
