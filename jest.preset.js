// Shared Jest settings: @swc/jest with the repository's .swcrc (keeps decorator metadata for NestJS),
// workspace libraries resolved to their TypeScript sources, and real PostgreSQL + Kafka started once per run.
const fs = require('node:fs');
const path = require('node:path');

const root = __dirname;
const swcrc = JSON.parse(fs.readFileSync(path.join(root, '.swcrc'), 'utf8'));
const libs = fs.readdirSync(path.join(root, 'libs')).filter((d) => fs.existsSync(path.join(root, 'libs', d, 'src/index.ts')));

module.exports = function preset({ dir, infra = true }) {
  return {
    rootDir: dir,
    testEnvironment: 'node',
    testMatch: ['<rootDir>/src/**/*.spec.ts'],
    transform: { '^.+\\.ts$': ['@swc/jest', { ...swcrc, swcrc: false }] },
    moduleNameMapper: Object.fromEntries(libs.map((l) => [`^@growth/${l}$`, path.join(root, 'libs', l, 'src/index.ts')])),
    ...(infra
      ? {
          globalSetup: path.join(root, 'infra/testing/jest-global-setup.js'),
          globalTeardown: path.join(root, 'infra/testing/jest-global-teardown.js'),
        }
      : {}),
    testTimeout: 60_000,
  };
};
