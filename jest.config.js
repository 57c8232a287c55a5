/** Jest: ts-jest with CommonJS output for server, db and protocol code. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/server', '<rootDir>/db', '<rootDir>/e2e'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  globalSetup: '<rootDir>/scripts/jest-global-setup.js',
  testTimeout: 60000,
  // Three on two cores: the files wait as well as compute (scripts/jest-sequencer.js).
  maxWorkers: 3,
  // Browser files spread out beside plain ones rather than two at once (see the file).
  testSequencer: '<rootDir>/scripts/jest-sequencer.js',
};
