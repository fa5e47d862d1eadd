// One jest command runs every tier: unit specs (pure), int specs (real SQLite, real Nest, real sockets)
// and the Angular component specs. `npm test` adds the e2e tier (real Chromium) afterwards.
const fs = require('node:fs');
const path = require('node:path');
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  },
];
const moduleNameMapper = {
  '^@kefu/projections$': '<rootDir>/projections/index.ts',
  '^@kefu/(domain|contracts|event-store|read-store|projector)$': '<rootDir>/libs/$1/src/index.ts',
};
const server = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: { '^.+\\.(t|j|mj)s$': swc },
  transformIgnorePatterns: ['/node_modules/(?!(@nestjs|@standard-schema|temporal-polyfill|temporal-utils)/)'],
  moduleNameMapper,
  // Only folders that exist in a fresh clone (git keeps no empty folders).
  roots: ['libs', 'projections', 'apps/server', 'test/chaos'].filter((d) => fs.existsSync(path.join(__dirname, d))).map((d) => `<rootDir>/${d}`),
  modulePathIgnorePatterns: ['<rootDir>/dist/'],
};
module.exports = {
  projects: [
    { ...server, displayName: 'unit', testMatch: ['**/*.spec.ts'], testPathIgnorePatterns: ['/node_modules/', '/libs/ui/'] },
    { ...server, displayName: 'int', testMatch: ['**/*.int-spec.ts'], setupFilesAfterEnv: ['<rootDir>/test/slow-tests.setup.js'] },
    path.join(__dirname, 'jest.ui.config.js'),
    // Real Chromium against the built product (npm run build first; scripts/test.mjs does it).
    { ...server, displayName: 'e2e', roots: ['<rootDir>/test/e2e'], testMatch: ['**/*.e2e-spec.ts'], setupFilesAfterEnv: ['<rootDir>/test/slow-tests.setup.js'] },
  ],
};
