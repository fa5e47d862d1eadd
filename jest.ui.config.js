// Angular specs (jest-preset-angular, zoneless, jsdom): the three apps, the widget's loader and libs/ui.
const { createCjsPreset } = require('jest-preset-angular/presets');

module.exports = {
  ...createCjsPreset({
    tsconfig: '<rootDir>/libs/ui/tsconfig.spec.json',
    testEnvironment: 'jest-preset-angular/environments/jest-jsdom-env',
  }),
  displayName: 'ui',
  rootDir: __dirname,
  testMatch: ['<rootDir>/apps/{admin-console,agent-workspace,visitor-widget}/{src,loader}/**/*.spec.ts', '<rootDir>/libs/ui/src/**/*.spec.ts'],
  setupFilesAfterEnv: ['<rootDir>/libs/ui/jest.setup.ts'],
  transformIgnorePatterns: ['node_modules/(?!(.*\\.mjs$|@jsverse/|@angular/common/locales/.*\\.js$))'],
  moduleNameMapper: {
    '^@kefu/contracts$': '<rootDir>/libs/contracts/src/index.ts',
    '^@kefu/ui$': '<rootDir>/libs/ui/src/index.ts',
    '^@kefu/ui/testing$': '<rootDir>/libs/ui/src/testing/index.ts',
  },
  modulePathIgnorePatterns: ['<rootDir>/dist/'],
};
