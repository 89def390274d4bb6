// The dependency direction of STYLE.md as an allow-list: every import edge must match one of
// the `allowed` rules below, and any edge that matches none is an error ("not-in-allowed").
// A new kind of edge is therefore refused until someone adds it here, with a reason.
//
// Paths are relative to the repository root. Imports are resolved the way TypeScript resolves
// them (tsconfig.json, `.js` specifiers mapped to the `.ts` file, extensionless specifiers
// too), so `../other/other.repo` and `../other/other.repo.js` are the same edge. Type-only
// imports count: a type is a dependency too, and a type-only cycle is still a cycle.
//
// `npm run lint` runs this with the `err` reporter; boundaries.lint.test.ts plants one file for
// each forbidden edge and shows that each is refused.

const SHARED = '^src/shared/';
const DB = '^src/server/db/';
const PLATFORM = '^src/server/platform/';
const TESTING = '^src/server/(testing|fuzz)/';
const SERVER_TOP = '^src/server/[^/]+[.]ts$'; // main, app, config, admin-cli, http-edge
const CONFIG = '^src/server/config[.]ts$';
const MODULE_ENTRY = '^src/server/modules/[^/]+/index[.]ts$';
const ENGINE = '^src/server/modules/[^/]+/engine/';
const REPO = '^src/server/modules/[^/]+/[^/]+[.]repo[.]ts$';
const ROUTES = '^src/server/modules/[^/]+/[^/]+[.]routes[.]ts$';
const TEST = '[.]test[.]tsx?$';
// The demo clinic's activity seed (issue 11): main.ts calls its entry after the demo clinic is seeded.
const DEMO = '^src/server/demo/';
const DEMO_ENTRY = '^src/server/demo/seed-activity[.]ts$';
// Test-only libraries: what a test file may use on top of what its subject may.
const TEST_LIBS = '^node_modules/(vitest|@vitest/[^/]+|fast-check|@fast-check/[^/]+)/';
// Packages that only make sense in a server process; the web and shared/ never get them.
const SERVER_ONLY_NPM =
  '^node_modules/(pg|pg-[^/]+|@electric-sql/[^/]+|fastify|fastify-[^/]+|@fastify/[^/]+|nodemailer|@node-rs/[^/]+|ws|qrcode|smtp-server|playwright-core|pdfkit|file-type)/';
// What a server file may take from npm: production dependencies and Node's own modules.
const NPM = ['npm'];
const NODE = ['core'];
const HTTP_NPM = '^node_modules/(fastify|fastify-[^/]+|@fastify/[^/]+)/';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'No import cycles anywhere (STYLE.md "Dependency direction"): a cycle means two files are one.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'An import that does not resolve to a file cannot be checked against the allow-list.',
      from: {},
      to: { couldNotResolve: true },
    },
  ],

  allowedSeverity: 'error',
  allowed: [
    // ---- shared/: isomorphic, used by server and web alike.
    {
      comment: 'shared/ imports only shared/ and zod: no node built-ins, no React, nothing of server or web.',
      from: { path: SHARED, pathNot: TEST },
      to: { path: [SHARED, '^node_modules/zod/'] },
    },
    {
      comment: 'A shared/ test may also use the test libraries.',
      from: { path: `${SHARED}.*${TEST}` },
      to: { path: [SHARED, '^node_modules/zod/', TEST_LIBS] },
    },

    // ---- engines: pure domain logic.
    {
      comment:
        'An engine imports only shared/ and its own engine folder: no db, platform, repo, service, ' +
        'other module, npm package or node built-in. Clock, env and I/O globals are refused by ESLint.',
      from: { path: '^src/server/modules/([^/]+)/engine/', pathNot: TEST },
      to: { path: '^(src/shared/|src/server/modules/$1/engine/)' },
    },
    {
      comment: 'An engine test adds the test libraries and nothing else, so engine tests stay pure and fast.',
      from: { path: `^src/server/modules/([^/]+)/engine/.*${TEST}` },
      to: { path: `^(src/shared/|src/server/modules/$1/engine/|${TEST_LIBS.slice(1)})` },
    },

    // ---- repos: SQL only.
    {
      comment: 'A repo imports only db/ (and shared/ types): SQL lives here and nothing else does.',
      from: { path: REPO, pathNot: TEST },
      to: { path: [DB, SHARED] },
    },
    {
      comment:
        "A repo may name its own engine's domain types (`import type`) for the rows it maps, so the " +
        'shape an engine consumes is declared once. A type-only import runs no engine code; values, ' +
        "another module's engine and everything else stay refused.",
      from: { path: '^src/server/modules/([^/]+)/[^/]+[.]repo[.]ts$' },
      to: { path: '^src/server/modules/$1/engine/', preCompilationOnly: true },
    },

    // ---- the other files of a module (services, routes, plugins, index.ts, CLIs, seeds).
    {
      comment:
        'Inside its own folder a module may use its own files (an engine, a repo, its service), ' +
        'except that routes never reach the database (no repo, no db/).',
      from: { path: '^src/server/modules/([^/]+)/[^/]+$', pathNot: [TEST, ROUTES, REPO] },
      to: { path: '^src/server/modules/$1/' },
    },
    {
      comment: 'Routes are adapters: their own module minus the repo (they call a service).',
      from: { path: '^src/server/modules/([^/]+)/[^/]+[.]routes[.]ts$' },
      to: { path: '^src/server/modules/$1/', pathNot: REPO },
    },
    {
      comment: "One module reaches another only through that module's entry file, modules/<other>/index.ts.",
      from: { path: '^src/server/modules/[^/]+/[^/]+$', pathNot: [TEST, REPO] },
      to: { path: MODULE_ENTRY },
    },
    {
      comment: 'Every module file may use shared/ and the platform ports.',
      from: { path: '^src/server/modules/[^/]+/[^/]+$', pathNot: [TEST, REPO] },
      to: { path: [SHARED, PLATFORM] },
    },
    {
      comment: 'Module files other than routes may use db/ (the Db port, transactions).',
      from: { path: '^src/server/modules/[^/]+/[^/]+$', pathNot: [TEST, ROUTES, REPO] },
      to: { path: DB },
    },
    {
      comment:
        'A module command-line entry (audit-verify-cli.ts) is a process edge like main.ts: it may read the config. ' +
        'Everything else in a module is handed its config.',
      from: { path: '^src/server/modules/[^/]+/[^/]+-cli[.]ts$' },
      to: { path: CONFIG },
    },
    {
      comment: 'Services know nothing of HTTP: no fastify. Other module files may use any production dependency and node built-ins.',
      from: { path: '^src/server/modules/[^/]+/[^/]+$', pathNot: [TEST, REPO, '[.]service[.]ts$'] },
      to: { dependencyTypes: [...NPM, ...NODE] },
    },
    {
      comment: 'A service may use production dependencies except the HTTP framework, and node built-ins.',
      from: { path: '^src/server/modules/[^/]+/[^/]+[.]service[.]ts$' },
      to: { dependencyTypes: [...NPM, ...NODE], pathNot: HTTP_NPM },
    },

    {
      comment:
        'Production server code may import types from a development dependency (`import type { WebSocket } ' +
        "from 'ws'` is served by @types/ws): types vanish at build time. Engines and repos still may not.",
      from: { path: '^src/server/', pathNot: [TEST, ENGINE, REPO, TESTING] },
      to: { dependencyTypes: ['npm-dev'], preCompilationOnly: true },
    },

    // ---- platform/: ports and adapters that every module uses.
    {
      comment:
        'platform/ imports no module: a module hands in what it needs. It may use db/, shared/, ' +
        'itself, production dependencies and node built-ins.',
      from: { path: PLATFORM, pathNot: TEST },
      to: { path: [PLATFORM, DB, SHARED] },
    },
    {
      comment: 'platform/ and db/ use production dependencies and node built-ins.',
      from: { path: `(${PLATFORM}|${DB})`, pathNot: TEST },
      to: { dependencyTypes: [...NPM, ...NODE] },
    },

    // ---- db/: the Db port and its adapters.
    {
      comment: 'db/ imports itself, shared/ and the config (open.ts picks PGlite or pg from it).',
      from: { path: DB, pathNot: TEST },
      to: { path: [DB, SHARED, CONFIG] },
    },

    // ---- the process edge: main, app, config, admin-cli, http-edge.
    {
      comment:
        'The top-level server files compose the house: each other, db/, platform/, shared/ and the ' +
        "modules' entry files (never a module's repo, service or engine directly).",
      from: { path: SERVER_TOP, pathNot: TEST },
      to: { path: [SERVER_TOP, DB, PLATFORM, SHARED, MODULE_ENTRY, DEMO_ENTRY] },
    },
    {
      comment:
        "demo/ seeds the demo clinic's patients and visits at start: a process-edge helper like main.ts. It uses " +
        "itself, db/, platform/, shared/ and the modules' entry files (the audit service), never a module's inside; " +
        'its SQL stays in its .repo.ts file.',
      from: { path: DEMO, pathNot: TEST },
      to: { path: [DEMO, DB, PLATFORM, SHARED, MODULE_ENTRY] },
    },
    {
      comment: 'demo/ uses production dependencies and node built-ins.',
      from: { path: DEMO, pathNot: TEST },
      to: { dependencyTypes: [...NPM, ...NODE] },
    },
    {
      comment: 'The top-level server files use production dependencies and node built-ins.',
      from: { path: SERVER_TOP, pathNot: TEST },
      to: { dependencyTypes: [...NPM, ...NODE] },
    },

    // ---- the web.
    {
      comment:
        'The web imports only shared/ from the server side, plus itself and browser-side packages ' +
        '(no node built-ins, no server-only packages).',
      from: { path: '^src/web/', pathNot: TEST },
      to: { path: ['^src/web/', SHARED, '^node_modules/'], pathNot: SERVER_ONLY_NPM },
    },
    {
      comment: 'A web test may also use the test libraries and development dependencies, still nothing of the server.',
      from: { path: `^src/web/.*${TEST}` },
      to: { path: ['^src/web/', SHARED, '^node_modules/'], pathNot: SERVER_ONLY_NPM },
    },

    // ---- what may reach further, and why.
    {
      comment:
        'Server tests (outside engines), testing/ and fuzz/ may reach any server file: a service test ' +
        'seeds through a repo, the audit-seal test tampers with rows, the fuzzer drives the access policy ' +
        'directly. They still never import the web, and cycles are still refused.',
      from: { path: `^src/server/(.*${TEST}|testing/|fuzz/)`, pathNot: ENGINE },
      to: { path: ['^src/server/', SHARED] },
    },
    {
      comment: 'Tests, testing/ and fuzz/ may use development dependencies and node built-ins.',
      from: { path: `^src/server/(.*${TEST}|testing/|fuzz/)`, pathNot: ENGINE },
      to: { dependencyTypes: ['npm', 'npm-dev', 'core'] },
    },
    {
      comment:
        'bench/, e2e/ and scripts/ stand outside the house and measure or drive it: they may import any ' +
        'server file and shared/, their own folder (scripts/ also drives the fuzzer), and any dependency. ' +
        'Never the web: e2e drives the built web through a browser.',
      from: { path: '^(bench|e2e|scripts)/' },
      to: { path: ['^src/server/', SHARED, '^$1/', '^node_modules/'] },
    },
    {
      comment: 'bench/, e2e/ and scripts/ use node built-ins.',
      from: { path: '^(bench|e2e|scripts)/' },
      to: { dependencyTypes: NODE },
    },
  ],

  options: {
    doNotFollow: { path: '^node_modules/' },
    exclude: { path: '^(dist|data|coverage|bench/tmp)/' },
    // Type-only imports are edges too ('specify' keeps them and marks them preCompilationOnly).
    tsPreCompilationDeps: 'specify',
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'],
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
    moduleSystems: ['es6', 'cjs'],
    reporterOptions: { text: { highlightFocused: true } },
  },
};
