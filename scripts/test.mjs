// `npm test`: every tier in one command — type checks, lint, unit + Angular specs, int specs (real
// SQLite, real Nest, real sockets), then the e2e specs in real Chromium against the built product.
// Ends with one summary line "N passed, N failed" (counts of tests over all jest runs).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const out = mkdtempSync(join(tmpdir(), 'kefu-test-'));
let passed = 0;
let failed = 0;
let skipped = 0;
let ok = true;

function run(title, command, args, env = {}) {
  console.log(`\n▶ ${title}: ${command} ${args.join(' ')}`);
  const r = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  if (r.status !== 0) ok = false;
  return r.status === 0;
}

function jest(title, projects, extra = []) {
  const file = join(out, `${title}.json`);
  run(title, 'npx', ['jest', '--selectProjects', ...projects, '--json', `--outputFile=${file}`, ...extra]);
  if (!existsSync(file)) {
    failed += 1;
    return;
  }
  const r = JSON.parse(readFileSync(file, 'utf8'));
  passed += r.numPassedTests;
  failed += r.numFailedTests + (r.numRuntimeErrorTestSuites ?? 0);
  skipped += r.numPendingTests + (r.numTodoTests ?? 0);
}

/**
 * System packages the tiers need, from Debian: Chromium (+ CJK fonts) for e2e, redis-server for the
 * multi-process chaos case. Installed first, when missing and we may (root, apt); otherwise the e2e tier
 * fails with a clear message and the Redis case is skipped with its reason.
 */
function ensureSystemPackages() {
  const missing = [];
  if (!existsSync(chromium)) missing.push('chromium', 'fonts-noto-cjk');
  if (!existsSync('/usr/bin/redis-server')) missing.push('redis-server');
  if (missing.length === 0) return;
  if (process.getuid?.() !== 0 || !existsSync('/usr/bin/apt-get')) return;
  console.log(`\n▶ installing Debian packages: ${missing.join(' ')}`);
  if (run('apt-get update', 'apt-get', ['update', '-qq'])) {
    run('apt-get install', 'apt-get', ['install', '-y', '-qq', ...missing], { DEBIAN_FRONTEND: 'noninteractive' });
  }
}

ensureSystemPackages();
run('type check', 'npm', ['run', '--silent', 'typecheck']);
run('lint', 'npm', ['run', '--silent', 'lint']);
jest('unit', ['unit', 'ui']);
jest('int', ['int'], ['--runInBand']);
if (run('build', 'npm', ['run', '--silent', 'build'])) {
  if (existsSync(chromium)) jest('e2e', ['e2e'], ['--runInBand']);
  else {
    console.log(`\n✖ e2e: no Chromium at ${chromium} and it cannot be installed here (see README: apt-get install chromium)`);
    ok = false;
  }
}

console.log(`\n${ok ? 'all tiers green' : 'some tier failed (see above)'}`);
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(ok && failed === 0 ? 0 : 1);
