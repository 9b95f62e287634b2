import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './ui/App';
import { applyTheme, storedTheme } from './ui/theme';
import './ui/styles.css';

// Before the first render, so a dark page never flashes light.
applyTheme(storedTheme());

const root = document.getElementById('root');
if (!root) throw new Error('The page has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
