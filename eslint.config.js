// Lint, including the dependency direction of STYLE.md as rules rather than hopes:
// routes -> service -> {engine, repo, platform}; engines import only shared/;
// repos import only db/ (and shared types); modules meet through services; the
// web imports only shared/ from the server side; shared/ is isomorphic.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const restrict = (...patterns) => ['error', { patterns }];
const group = (group, message) => ({ group, message });

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'bench/tmp/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.object.name=/^(it|test|describe)$/][callee.property.name=/^(only|skip)$/]", message: 'Never commit a focused or skipped test.' },
      ],
    },
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(
        group(['node:*', 'fs', 'path', 'crypto'], 'shared/ is isomorphic: no Node built-ins.'),
        group(['react', 'react-dom', 'react/*'], 'shared/ is isomorphic: no React.'),
        group(['**/server/**', '**/web/**', 'pg', '@electric-sql/*', 'fastify', 'fastify-*', '@fastify/*'], 'shared/ imports only shared/ and zod.'),
      ),
    },
  },
  {
    files: ['src/server/modules/*/engine/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': restrict(
        group(['node:*', 'fs', 'path', 'crypto', 'pg', '@electric-sql/*', 'fastify', 'nodemailer', 'pg-boss'], 'Engines are pure: no I/O, no clock, no env.'),
        group(['**/db/**', '**/platform/**', '../*.repo.js', '../*.service.js', '../*.routes.js', '**/config.js'], 'Engines import only shared/ and their own engine folder.'),
      ),
    },
  },
  {
    files: ['src/server/platform/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(
        group(['**/modules/**', '**/*.service.js', '**/*.repo.js', '**/*.routes.js'], 'platform/ holds ports and adapters and imports no module: a module hands in what it needs (app.ts wires the live hub to identity).'),
      ),
    },
  },
  {
    files: ['src/server/**/*.repo.ts'],
    rules: {
      'no-restricted-imports': restrict(
        group(['**/platform/**', '**/*.service.js', '**/*.routes.js', 'fastify', '@fastify/*', '**/config.js'], 'A repo is SQL only: it imports db/ (and shared types).'),
        group(['../*/*.repo.js'], "One module never reads another module's repo."),
      ),
    },
  },
  {
    files: ['src/server/modules/**/*.service.ts'],
    rules: {
      'no-restricted-imports': restrict(
        group(['../*/*.repo.js', '../*/*.repo'], "Call another module through its service, never its repo."),
        group(['fastify', '@fastify/*', '**/*.routes.js'], 'Services know nothing of HTTP.'),
      ),
    },
  },
  {
    files: ['src/server/modules/**/*.routes.ts'],
    rules: {
      'no-restricted-imports': restrict(
        group(['**/*.repo.js', '**/db/**', 'pg', '@electric-sql/*'], 'Routes are adapters: they call a service, never the database.'),
      ),
    },
  },
  {
    files: ['src/web/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': restrict(
        group(['**/server/**', 'node:*', 'pg', '@electric-sql/*', 'fastify'], 'The web imports only shared/ from the server side.'),
      ),
    },
  },
);
