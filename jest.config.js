// One jest configuration for unit specs (next to the code) and cross-cutting tests (test/).
// ts-jest transpiles each file on its own (isolatedModules) so the suite starts fast;
// `npm run typecheck` is what type-checks the whole tree.
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/libs', '<rootDir>/apps', '<rootDir>/test'],
  testMatch: ['**/*.spec.ts', '**/*.test.ts'],
  transform: {
    '^.+\\.tsx?$': ['ts-jest', { tsconfig: 'tsconfig.json', isolatedModules: true, diagnostics: false }],
  },
  moduleNameMapper: {
    '^@ledger/([a-z-]+)$': '<rootDir>/libs/$1/src',
    '^@ledger/([a-z-]+)/(.*)$': '<rootDir>/libs/$1/src/$2',
  },
  setupFiles: ['reflect-metadata'],
  testTimeout: 60000,
};
