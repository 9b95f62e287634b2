import { StrictMode, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './ui/App';
import { ThemePicker } from './ui/ThemePicker';
import { applyTheme, storedTheme } from './ui/theme';
import './ui/styles.css';

// Before the first render, so a dark page never flashes light.
applyTheme(storedTheme());

function mount(id: string, node: ReactNode): void {
  const element = document.getElementById(id);
  if (!element) throw new Error(`The page has no #${id} element`);
  createRoot(element).render(<StrictMode>{node}</StrictMode>);
}

// The header is static HTML (index.html) so it paints before this runs; the theme picker joins it here.
mount('theme-root', <ThemePicker />);
mount('root', <App />);
