/** The theme picker of the main page's header, without React: this page ships no framework. */
import { applyTheme, storedTheme, THEMES, type Theme } from '../theme';

const LABELS: Record<Theme, string> = { system: 'System', light: 'Light', dark: 'Dark' };

export function themeSelect(): HTMLElement {
  const wrapper = document.createElement('div');
  wrapper.className = 'theme-picker';
  const label = document.createElement('label');
  label.htmlFor = 'theme-select';
  label.textContent = 'Theme';
  const select = document.createElement('select');
  select.id = 'theme-select';
  for (const theme of THEMES) select.add(new Option(LABELS[theme], theme));
  select.value = storedTheme();
  select.addEventListener('change', () => {
    const next = THEMES.find((theme) => theme === select.value) ?? 'system';
    applyTheme(next);
  });
  wrapper.append(label, select);
  return wrapper;
}
