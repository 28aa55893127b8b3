/** ts-jest in ESM mode: the app is ESM-only (Probot 14), so tests run as ESM too. */
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.test.json', diagnostics: { ignoreCodes: [151002] } }],
  },
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  setupFiles: ['<rootDir>/test/helpers/quiet-logs.ts'],
  setupFilesAfterEnv: ['<rootDir>/test/helpers/setup-network.ts'],
  // nock keeps its interceptor on the global scope for the whole run (setup-network.ts restores it
  // after each file); Jest 30's soft-delete of globals between files then warns once per file
  // (JEST-01) about an object nock still uses. Not deleting them is the documented opt-out.
  testEnvironmentOptions: { globalsCleanup: 'off' },
  testTimeout: 20000,
};
