// Bundles the widget's loader (plain TS, no Angular) into dist/apps/loader/loader.js:
// an ES2017 IIFE, minified. The server serves it at /loader.js.
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outfile = join(root, 'dist/apps/loader/loader.js');

await build({
  entryPoints: [join(root, 'apps/visitor-widget/loader/loader.ts')],
  outfile,
  bundle: true,
  minify: true,
  format: 'iife',
  target: 'es2017',
  platform: 'browser',
  legalComments: 'none',
  sourcemap: false,
  logLevel: 'warning',
});

const code = readFileSync(outfile);
console.log(`${relative(root, outfile)}: ${code.length} bytes, ${gzipSync(code).length} bytes gzipped`);
