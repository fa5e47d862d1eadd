/**
 * The server as `npm start` runs it (compiled JavaScript, no TypeScript hook), built for a benchmark
 * from the tree as it is, into node_modules/.cache/kefu-bench-server/ — never the shared dist/, which
 * other work rebuilds and deletes, and never a stale one: it is rebuilt on every call (`nest build`,
 * ~15–30 s). Inside node_modules, its requires resolve to the project's packages and linters skip it.
 *
 * Memory figures need it: the TypeScript hook (scripts/register-ts.cjs: swc loaded, every module's
 * source kept with an inline source map) adds ~30 MB to an idle server that production never carries.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ROOT } from './server-process';

const CACHE = join(ROOT, 'node_modules', '.cache');

/** Builds the server; resolves with its entry file (main.js). */
export function buildServerForBench(log: (line: string) => void = () => undefined): string {
  mkdirSync(CACHE, { recursive: true });
  const outDir = join(CACHE, 'kefu-bench-server');
  const tsconfig = join(CACHE, 'kefu-bench-server.tsconfig.json');
  // Extends the server's own build configuration; only the output folder differs.
  writeFileSync(tsconfig, JSON.stringify({ extends: join(ROOT, 'apps', 'server', 'tsconfig.app.json'), compilerOptions: { outDir } }, null, 2));
  const started = Date.now();
  execFileSync(process.execPath, [join(ROOT, 'node_modules', '@nestjs', 'cli', 'bin', 'nest.js'), 'build', 'server', '-p', relative(ROOT, tsconfig)], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  log(`  server built into ${outDir} in ${Math.round((Date.now() - started) / 1000)} s`);
  return join(outDir, 'apps', 'server', 'src', 'main.js');
}
