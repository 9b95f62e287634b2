/** What the build's prerender plugin imports (through Vite's module runner, which ends when the import does). */
import { renderFirstView } from './first-view';

export const firstViewHtml = await renderFirstView();
