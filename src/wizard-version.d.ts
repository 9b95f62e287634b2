/** The wizard's version from package.json, put in by Vite's `define` (vite.config.ts). */
declare const __WIZARD_VERSION__: string;
