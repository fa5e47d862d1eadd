// Runs TypeScript directly in Node (`node -r ./scripts/register-ts.cjs file.ts`) for benchmarks,
// scripts and the child processes of crash tests: a per-file swc transpile plus the @kefu/* aliases
// of tsconfig.base.json. Type checking is `npm run typecheck`'s job, not this hook's.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const Module = require('node:module');
const { transformSync } = require('@swc/core');

const root = path.resolve(__dirname, '..');
const aliases = {
  '@kefu/projections': path.join(root, 'projections', 'index.ts'),
};
for (const lib of ['domain', 'contracts', 'event-store', 'read-store', 'projector']) aliases[`@kefu/${lib}`] = path.join(root, 'libs', lib, 'src', 'index.ts');

const resolve = Module._resolveFilename;
Module._resolveFilename = function resolveAlias(request, ...rest) {
  return resolve.call(this, aliases[request] ?? request, ...rest);
};

require.extensions['.ts'] = function compileTs(module, filename) {
  const { code } = transformSync(fs.readFileSync(filename, 'utf8'), {
    filename,
    jsc: { parser: { syntax: 'typescript', decorators: true }, transform: { legacyDecorator: true, decoratorMetadata: true }, target: 'es2022' },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  });
  module._compile(code, filename);
};
