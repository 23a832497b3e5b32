/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test', '<rootDir>/schema', '<rootDir>/subgraphs', '<rootDir>/gateway'],
  testMatch: ['**/*.test.ts'],
  // Decorator metadata is what TypeGraphQL and MikroORM read types from: the options that keep
  // it are those `npm run build` compiles the services with (scripts/build.ts).
  transform: { '^.+\\.ts$': ['@swc/jest', require('./scripts/swc-options.json')] },
  setupFiles: ['reflect-metadata'],
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  testTimeout: 60_000,
  // Test files start servers and databases of their own; two at a time suits a 2-core machine.
  maxWorkers: 2,
};
