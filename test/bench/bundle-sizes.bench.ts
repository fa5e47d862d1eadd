/**
 * Bundle sizes (issue 7, benchmark 5): what a browser downloads, gzipped (level 9, as a server or CDN
 * would send it), from the built product in dist/apps:
 *  - the loader (the snippet's script on every page of a customer's site: C1 "does not slow the host page");
 *  - each Angular app's initial load (index.html's stylesheet, modulepreloads and entry script) and all
 *    its files (initial + lazy chunks).
 * Each app's figure is set beside its own budget from angular.json (raw bytes, which is what Angular's
 * budgets count), the loader beside a fixed 5 kB gzip goal.
 *
 * A fresh clone has no dist/: the UIs are built first (npm run build:ui).
 * Standalone: node -r ./scripts/register-ts.cjs test/bench/bundle-sizes.bench.ts
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { BenchRow } from './bench-row';
import { ROOT } from './support/server-process';

const APPS = ['visitor-widget', 'agent-workspace', 'admin-console'] as const;
const LOADER_GOAL_GZIP = 5 * 1024;
const DIST = join(ROOT, 'dist', 'apps');

interface Size {
  raw: number;
  gzip: number;
}

function sizeOf(files: string[]): Size {
  return files.reduce(
    (acc, f) => {
      const bytes = readFileSync(f);
      return { raw: acc.raw + bytes.length, gzip: acc.gzip + gzipSync(bytes, { level: 9 }).length };
    },
    { raw: 0, gzip: 0 },
  );
}

/** Files index.html makes the browser fetch before the app starts. */
function initialFiles(dir: string): string[] {
  const html = readFileSync(join(dir, 'index.html'), 'utf8');
  const refs = [...html.matchAll(/<(?:script[^>]*\ssrc|link[^>]*\shref)="([^"]+\.(?:js|css))"/g)].map((m) => m[1]!);
  return [...new Set(refs)].map((r) => join(dir, r));
}

function budgetOf(app: string): number | undefined {
  const angular = JSON.parse(readFileSync(join(ROOT, 'angular.json'), 'utf8')) as {
    projects: Record<string, { architect: { build: { configurations: { production: { budgets?: { type: string; maximumWarning?: string }[] } } } } }>;
  };
  const budget = angular.projects[app]?.architect.build.configurations.production.budgets?.find((b) => b.type === 'initial')?.maximumWarning;
  if (!budget) return undefined;
  const m = /^([\d.]+)\s*(kB|MB|B)$/i.exec(budget);
  if (!m) return undefined;
  const unit = m[2]!.toLowerCase() === 'mb' ? 1000 * 1000 : m[2]!.toLowerCase() === 'kb' ? 1000 : 1;
  return Number(m[1]) * unit;
}

const kB = (n: number) => Math.round(n / 100) / 10;

export function benchBundleSizes(opts: { log?: (line: string) => void } = {}): BenchRow[] {
  const log = opts.log ?? ((line: string) => console.log(line));
  const missing = [...APPS.map((a) => join(DIST, a, 'browser', 'index.html')), join(DIST, 'loader', 'loader.js')].filter((f) => !existsSync(f));
  if (missing.length > 0) {
    log(`bundle sizes: ${missing.length} built file(s) missing (${missing[0]}): running npm run build:ui`);
    const built = spawnSync('npm', ['run', '--silent', 'build:ui'], { cwd: ROOT, stdio: 'inherit' });
    if (built.status !== 0) throw new Error('bundle sizes: npm run build:ui failed');
  }
  const rows: BenchRow[] = [];
  const loader = sizeOf([join(DIST, 'loader', 'loader.js')]);
  rows.push({
    name: 'bundle: loader.js (the snippet, on every page of a site), gzip',
    value: kB(loader.gzip),
    unit: 'kB',
    goal: `≤ ${LOADER_GOAL_GZIP / 1024} kB gzip`,
    met: loader.gzip <= LOADER_GOAL_GZIP,
    note: `${kB(loader.raw)} kB raw`,
  });
  for (const app of APPS) {
    const dir = join(DIST, app, 'browser');
    const initial = sizeOf(initialFiles(dir));
    const all = sizeOf(
      readdirSync(dir)
        .filter((f) => /\.(js|css)$/.test(f))
        .map((f) => join(dir, f)),
    );
    const budget = budgetOf(app);
    rows.push({
      name: `bundle: ${app} initial load, gzip`,
      value: kB(initial.gzip),
      unit: 'kB',
      ...(budget !== undefined
        ? {
            baseline: "angular.json budget 'initial' (raw bytes)",
            baselineValue: kB(budget),
            ratio: initial.raw / budget,
            goal: `raw ≤ ${kB(budget)} kB`,
            met: initial.raw <= budget,
          }
        : {}),
      note: `initial ${kB(initial.raw)} kB raw; all files ${kB(all.raw)} kB raw, ${kB(all.gzip)} kB gzip`,
    });
  }
  return rows;
}

if (require.main === module) {
  console.table(benchBundleSizes().map((r) => ({ ...r, ratio: r.ratio?.toFixed(2) })));
}
