// Preloaded into a server child by ServerProcess({ profileDir }): samples the CPU from boot and writes a
// .cpuprofile (Chrome DevTools / speedscope format) on SIGWINCH (Nest's shutdown hooks own SIGUSR2), so a profile covers exactly the load
// window and the process keeps running (node's own --cpu-prof writes only at a clean exit).
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const inspector = require('node:inspector');

const dir = process.env.KEFU_PROFILE_DIR || process.cwd();
const session = new inspector.Session();
session.connect();
session.post('Profiler.enable', () => {
  session.post('Profiler.setSamplingInterval', { interval: 500 }, () => session.post('Profiler.start'));
});

process.on('SIGWINCH', () => {
  session.post('Profiler.stop', (error, result) => {
    if (error) {
      console.error(`cpu profile failed: ${error.message}`);
      return;
    }
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `server-${process.pid}-${Date.now()}.cpuprofile`);
    fs.writeFileSync(file, JSON.stringify(result.profile));
    console.log(`cpu profile written: ${file}`);
    // Sample the next window too (several load levels may be profiled one after the other).
    session.post('Profiler.start');
  });
});
