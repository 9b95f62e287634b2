/** Light, dark, or the system's choice; kept in localStorage and applied as data-theme on <html>. */
export const THEMES = ['system', 'light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];

/** Also read by public/boot.js, before the first paint. */
export const THEME_STORAGE_KEY = 'dapr-mi-wizard-theme';

export function storedTheme(): Theme {
  try {
    const value = localStorage.getItem(THEME_STORAGE_KEY);
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
    localStorage.setItem(THEME_STORAGE_KEY, theme);
  } catch {
    // Not remembered; the choice still holds for this visit.
  }
}
