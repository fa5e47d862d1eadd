import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ServerProcess } from '../../bench/support/server-process';
import type { SharedServer } from './chaos-case';

/** A product server whose clock the case can move forward (the clock-offset preload reads a file on SIGURG). */
export async function startShiftedServer(env: NodeJS.ProcessEnv): Promise<SharedServer & { dispose(): Promise<void> }> {
  const scratch = mkdtempSync(join(tmpdir(), 'kefu-clock-'));
  const offsetFile = join(scratch, 'offset');
  writeFileSync(offsetFile, '0');
  const server = await ServerProcess.start({
    env: { ...env, KEFU_CLOCK_OFFSET_FILE: offsetFile },
    nodeArgs: ['-r', join(__dirname, 'clock-offset.cjs')],
  });
  return {
    server,
    async shiftClock(ms: number) {
      writeFileSync(offsetFile, String(ms));
      server.child.kill('SIGURG');
      await new Promise((r) => setTimeout(r, 5));
    },
    async dispose() {
      await server.dispose();
      rmSync(scratch, { recursive: true, force: true });
    },
  };
}
