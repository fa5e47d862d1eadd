// Preloaded (with --expose-gc) into a server child by the idle-sockets bench: on SIGURG runs a full GC
// and prints the process's memory use, so retained memory can be told apart from garbage not yet collected.
'use strict';
process.on('SIGURG', () => {
  if (typeof global.gc === 'function') global.gc();
  const m = process.memoryUsage();
  console.log(
    `memory after gc: ${JSON.stringify({ rss: m.rss, heapUsed: m.heapUsed, heapTotal: m.heapTotal, external: m.external, arrayBuffers: m.arrayBuffers })}`,
  );
});
