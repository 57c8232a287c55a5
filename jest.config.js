/** Jest: ts-jest with CommonJS output for server, db and protocol code. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/server', '<rootDir>/db', '<rootDir>/e2e'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  globalSetup: '<rootDir>/scripts/jest-global-setup.js',
  testTimeout: 60000,
  // Three on a 2-core machine: the browser, paced and database tests wait much of their time (CI
  // with two workers kept 1.2 of 2 cores busy and took 582–604 s; the limit is 600).
  maxWorkers: 3,
};
