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

/** Debian's Chromium for the e2e tier; installed here when missing and we may (root, apt). */
function ensureChromium() {
  if (existsSync(chromium)) return true;
  if (process.getuid?.() !== 0 || !existsSync('/usr/bin/apt-get')) return false;
  console.log('\n▶ installing Debian chromium and CJK fonts for the e2e tier');
  return (
    run('apt-get update', 'apt-get', ['update', '-qq']) &&
    run('apt-get install', 'apt-get', ['install', '-y', '-qq', 'chromium', 'fonts-noto-cjk', 'redis-server'], { DEBIAN_FRONTEND: 'noninteractive' }) &&
    existsSync(chromium)
  );
}

run('type check', 'npm', ['run', '--silent', 'typecheck']);
run('lint', 'npm', ['run', '--silent', 'lint']);
jest('unit', ['unit', 'ui']);
jest('int', ['int'], ['--runInBand']);
if (run('build', 'npm', ['run', '--silent', 'build'])) {
  if (ensureChromium()) jest('e2e', ['e2e'], ['--runInBand']);
  else {
    console.log(`\n✖ e2e: no Chromium at ${chromium} and it cannot be installed here (see README: apt-get install chromium)`);
    ok = false;
  }
}

console.log(`\n${ok ? 'all tiers green' : 'some tier failed (see above)'}`);
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(ok && failed === 0 ? 0 : 1);
