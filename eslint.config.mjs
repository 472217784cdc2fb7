// @ts-check
/**
 * ESLint (flat config): JavaScript's and typescript-eslint's recommended rules, without type information so a
 * run stays quick on a small machine, plus a few rules this project relies on. Formatting is Prettier's job
 * (`npm run format:check`), so no stylistic rules here. Rules turned off say why.
 */
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

/** Tests wait on idle signals (`settle()`, `outbox.whenIdle()`, `worker.idle()`), never on a pause. */
const NO_SLEEP_IN_TESTS =
  'Tests wait on idle signals (bot.settle(), outbox.whenIdle(), worker.idle(), nockLine.waitFor), never on a pause. ' +
  'A deliberate duration (a slow handler, an outage, a deadline) needs an eslint-disable comment saying why.';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'coverage/', '.data/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      'no-console': 'error', // the server logs with pino (src/log.ts); scripts, which talk to a person, may print
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'no-throw-literal': 'error',
      'prefer-const': ['error', { destructuring: 'all' }],
      'no-constant-condition': ['error', { checkLoops: false }], // `for (;;)` and `while (true)` loops are deliberate
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true },
      ],
      // `any` only where JSON from outside is walked generically, each with a disable comment saying so.
      '@typescript-eslint/no-explicit-any': 'error',
      // `import x = require()` is not used; `require` appears only in CommonJS config files.
      '@typescript-eslint/no-require-imports': 'error',
      // The code's style: `import type { A }` when all are types, `import { b, type A }` when mixed.
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false }],
      '@typescript-eslint/no-import-type-side-effects': 'error',
    },
  },
  {
    // Tests read LINE's request bodies and the dev server's raw documents as `any` on purpose.
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.name='setTimeout']", message: NO_SLEEP_IN_TESTS },
        { selector: "CallExpression[callee.name='setInterval']", message: NO_SLEEP_IN_TESTS },
        { selector: "CallExpression[callee.property.name='waitForTimeout']", message: NO_SLEEP_IN_TESTS },
      ],
      'no-restricted-imports': [
        'error',
        { paths: ['timers/promises', 'node:timers/promises'].map((name) => ({ name, message: NO_SLEEP_IN_TESTS })) },
      ],
    },
  },
  {
    // Command-line scripts talk to the person running them.
    files: ['scripts/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
  {
    // \x01 marks placeholders while text is normalised: a control character on purpose.
    files: ['src/nlu/normalise.ts'],
    rules: { 'no-control-regex': 'off' },
  },
  {
    // The staff console and the simulator page run in the browser, without a build step.
    files: ['src/**/public/**/*.js'],
    languageOptions: { globals: { ...globals.browser }, sourceType: 'module' },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    ignores: ['src/**/public/**'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
