// Lint. The dependency direction of STYLE.md (which file may import which) is an allow-list in
// .dependency-cruiser.cjs, run by `npm run lint` after ESLint; it sees every import, with or
// without the `.js` suffix, and refuses cycles. ESLint keeps what an import graph cannot see:
// the clock, environment and I/O globals that engines and modules must not touch, and the
// type-aware promise rules.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// `no-restricted-syntax` and `no-restricted-globals` take one list per file: a later block
// replaces an earlier one's list, so each block below repeats what applies to it.
const noFocusedTests = {
  selector: "CallExpression[callee.object.name=/^(it|test|describe)$/][callee.property.name=/^(only|skip)$/]",
  message: 'Never commit a focused or skipped test.',
};
const noClock = (why) => [
  { selector: "MemberExpression[object.name='Date'][property.name='now']", message: `No Date.now(): ${why}` },
  { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: `No new Date() without an argument: ${why}` },
  { selector: "CallExpression[callee.name='Date']", message: `No Date() (it reads the clock): ${why}` },
  { selector: "MemberExpression[object.name='Math'][property.name='random']", message: `No Math.random(): ${why}` },
];
const noEnv = {
  selector: "MemberExpression[object.name='process'][property.name='env']",
  message: 'Only src/server/config.ts reads process.env (STYLE.md): everything else receives a Config.',
};
const ENGINE_WHY = 'an engine is a function of its inputs; it receives `now` (STYLE.md "Domain logic is pure").';
const MODULE_WHY = 'take the platform Clock and ids so a fake clock drives the tests.';
// Globals that reach the outside world, the clock or randomness. Engines get none of them.
const impureGlobals = [
  'process', 'setTimeout', 'setInterval', 'setImmediate', 'clearTimeout', 'clearInterval', 'clearImmediate',
  'queueMicrotask', 'fetch', 'XMLHttpRequest', 'WebSocket', 'EventSource', 'performance', 'crypto', 'console',
  'globalThis', 'window', 'self', 'document', 'navigator', 'localStorage', 'sessionStorage', 'require',
].map((name) => ({ name, message: `Engines are pure: no \`${name}\`. ${ENGINE_WHY}` }));

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'bench/tmp/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      'no-restricted-syntax': ['error', noFocusedTests],
    },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
  },
  {
    // Type-aware rules for promises: a promise nobody awaits loses its error (an unhandled
    // rejection ends the process on Node 20), and a promise handed to a place that expects a
    // plain function (an event handler, a callback) is never awaited. The project service
    // reads tsconfig.json; only TypeScript files are type-checked.
    files: ['**/*.{ts,tsx,mts,cts}'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
    },
  },
  {
    // Process edges: the one place that reads the environment is config.ts; tests, the test
    // harness, benches, browser tests and scripts set up processes of their own.
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['src/server/config.ts', 'src/server/testing/**', '**/*.test.{ts,tsx}'],
    rules: { 'no-restricted-syntax': ['error', noFocusedTests, noEnv] },
  },
  {
    // Module code reads the clock and draws random values through the platform ports.
    files: ['src/server/modules/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: { 'no-restricted-syntax': ['error', noFocusedTests, noEnv, ...noClock(MODULE_WHY)] },
  },
  {
    // Engines (and their tests, which must be deterministic too) use no clock, environment or
    // I/O global. Which files an engine may import is in .dependency-cruiser.cjs.
    files: ['src/server/modules/*/engine/**/*.ts'],
    rules: {
      'no-restricted-syntax': ['error', noFocusedTests, noEnv, ...noClock(ENGINE_WHY)],
      'no-restricted-globals': ['error', ...impureGlobals],
    },
  },
  {
    // shared/ runs in the browser too: no Node globals (its imports are checked by dependency-cruiser).
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-globals': ['error', ...['process', 'Buffer', 'require', '__dirname', '__filename', 'global', 'setImmediate'].map(
        (name) => ({ name, message: `shared/ is isomorphic: \`${name}\` does not exist in the browser.` }),
      )],
    },
  },
);
