// Lets a plain `node -r <this file> child.ts` run TypeScript in the child processes the int specs spawn
// (crash and multi-process tests need a real separate Node process, outside jest's transform).
// @swc/core is already a dev dependency; a per-file transpile is all the children need.
'use strict';
const fs = require('node:fs');
const { transformSync } = require('@swc/core');

require.extensions['.ts'] = function compileTs(module, filename) {
  const { code } = transformSync(fs.readFileSync(filename, 'utf8'), {
    filename,
    jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  });
  module._compile(code, filename);
};
