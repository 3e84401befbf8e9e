// Shared Jest settings: @swc/jest with the repository's .swcrc (keeps decorator metadata for NestJS),
// workspace libraries resolved to their TypeScript sources, and real PostgreSQL + Kafka started once per run.
const fs = require('node:fs');
const path = require('node:path');

const root = __dirname;
const swcrc = JSON.parse(fs.readFileSync(path.join(root, '.swcrc'), 'utf8'));
const sources = ['libs', 'services'].flatMap((folder) =>
  fs.readdirSync(path.join(root, folder)).filter((d) => fs.existsSync(path.join(root, folder, d, 'src/index.ts'))).map((d) => [d, path.join(root, folder, d, 'src/index.ts')]),
);

const ESM_ONLY = ['jose', 'temporal-polyfill', 'temporal-utils', 'graphile-worker', 'request-filtering-agent'];

// TEST_SCOPE=unit runs only the pure specs (`*.unit.spec.ts`: no database, broker or server), without starting either.
const unitOnly = process.env.TEST_SCOPE === 'unit';

module.exports = function preset({ dir, infra = true }) {
  return {
    rootDir: dir,
    testEnvironment: 'node',
    testMatch: [unitOnly ? '<rootDir>/src/**/*.unit.spec.ts' : '<rootDir>/src/**/*.spec.ts'],
    passWithNoTests: unitOnly,
    transform: {
      '^.+\\.ts$': ['@swc/jest', { ...swcrc, swcrc: false }],
      // These ship only ES modules, which Jest's CommonJS runtime cannot load: compile them like our own sources.
      [`^${path.join(root, 'node_modules')}/(${ESM_ONLY.join('|')})/.+\\.js$`]: ['@swc/jest', { ...swcrc, swcrc: false }],
    },
    transformIgnorePatterns: [`/node_modules/(?!(${ESM_ONLY.join('|')})/)`],
    moduleNameMapper: Object.fromEntries(sources.map(([name, index]) => [`^@growth/${name}$`, index])),
    ...(infra && !unitOnly
      ? {
          globalSetup: path.join(root, 'infra/testing/jest-global-setup.js'),
          globalTeardown: path.join(root, 'infra/testing/jest-global-teardown.js'),
        }
      : {}),
    testTimeout: 60_000,
  };
};
