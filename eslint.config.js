import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

// The layers only import downwards: catalog <- model <- generate <- ui (see README, "Architecture").
const layer = (name, forbidden) => ({
  files: [`src/${name}/**/*.{ts,tsx}`],
  ignores: ['src/**/*.test.{ts,tsx}'],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: forbidden.map((target) => ({
          group: [`**/${target}/*`, `../${target}`],
          message: `${name} must not import ${target}`,
        })),
      },
    ],
  },
});

// A focused or skipped test passes a run that checked almost nothing: tests run whole, or not at all
// (README standards; `.ci/run` also sets CI=true, under which Vitest and Playwright fail on `.only`).
const focusedOrSkipped = {
  files: ['src/**/*.test.{ts,tsx}', 'e2e/**/*.ts'],
  rules: {
    'no-restricted-syntax': [
      'error',
      {
        selector: 'MemberExpression[property.name=/^(only|skip|skipIf|runIf|todo|fixme)$/]',
        message: 'No focused, skipped or conditional tests: every test runs on every run.',
      },
    ],
  },
};

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'test-results', 'playwright-report'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: { ...globals.browser, ...globals.node },
      parserOptions: {
        projectService: { allowDefaultProject: ['eslint.config.js'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
  },
  // Plain scripts outside any tsconfig: the config itself, and public/boot.js (served as it is, before the page's own).
  { files: ['eslint.config.js', 'public/**/*.js'], ...tseslint.configs.disableTypeChecked },
  {
    files: ['src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  layer('catalog', ['model', 'generate', 'ui']),
  layer('model', ['generate', 'ui']),
  layer('generate', ['ui']),
  // The setup steps, the host and grant modules and the IaC renderers read the deployment plan, never the form's
  // config.
  ...['generate/setup', 'generate/hosts', 'generate/grants', 'generate/iac'].map((name) =>
    layer(name, ['model', 'ui']),
  ),
  focusedOrSkipped,
);
