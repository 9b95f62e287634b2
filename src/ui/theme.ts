/** Light, dark, or the system's choice; kept in localStorage and applied as data-theme on <html>. */
export const THEMES = ['system', 'light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];

const STORAGE_KEY = 'dapr-mi-wizard-theme';

export function storedTheme(): Theme {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return (THEMES as readonly string[]).includes(value ?? '') ? (value as Theme) : 'system';
  } catch {
    // Storage can be blocked (private modes, policies): fall back to the system's choice.
    return 'system';
  }
}

/** Applies the theme to the page and remembers it. */
export function applyTheme(theme: Theme): void {
  if (theme === 'system') document.documentElement.removeAttribute('data-theme');
  else document.documentElement.setAttribute('data-theme', theme);
  try {
    localStorage.setItem(STORAGE_KEY, theme);
  } catch {
    // Not remembered; the choice still holds for this visit.
  }
}
