/**
 * Idle sockets (issue 7, benchmark 4): resident memory of ONE server process holding SOCKETS connected
 * visitor sockets, against a bare socket.io server holding the same number, measured in the same run.
 *
 * Product: the server built as `npm start` runs it (compiled JavaScript, support/server-build.ts, built
 * from the tree at the start of the run). Each visitor gets a session over HTTP (POST /api/visitor/session), connects to /visitor with
 * its signed token and reports its page (visit:page) — what the widget does on every page — then idles.
 * The server therefore also holds what 10k visits put in its read models and stream cache.
 * Baseline: the raw relay child (socket.io only), the same number of plain connections to /visitor.
 *
 * RSS is read from /proc/<pid>/status after the connections settle; "per socket" is the growth over the
 * idle server's RSS divided by the number of sockets. Clients live in this process (one fd each).
 * Standalone: node -r ./scripts/register-ts.cjs test/bench/idle-sockets.bench.ts [--quick]
 */
import { randomUUID } from 'node:crypto';
import type { Socket } from 'socket.io-client';
import type { VisitorSessionResponse } from '@kefu/contracts';
import type { BenchRow } from './bench-row';
import { benchEnv } from './message-path.bench';
import { agentSeat, callOk, connect, http, inBatches } from './support/clients';
import { buildServerForBench } from './support/server-build';
import { GC_ON_SIGNAL, RAW_RELAY_ENTRY, ServerProcess } from './support/server-process';

const GOAL_BYTES = 256 * 1024 * 1024;
const MB = 1024 * 1024;

interface Held {
  idleRss: number;
  /** RSS with the sockets connected, as it settled. */
  rss: number;
  /** The same after a full GC. */
  rssAfterGc: number;
  heapAfterGc: number;
  /** (rssAfterGc - idleRss) / sockets */
  perSocket: number;
}
export interface IdleSocketsResult {
  sockets: number;
  product: Held;
  raw: Held;
}

/** RSS once it stops growing, then RSS and heap after a full GC (garbage not yet collected is not held memory). */
async function measure(server: ServerProcess): Promise<{ rss: number; rssAfterGc: number; heapAfterGc: number }> {
  const rss = await settle(server);
  const m = await server.memoryAfterGc();
  await new Promise((r) => setTimeout(r, 1000));
  return { rss, rssAfterGc: server.rss(), heapAfterGc: m.heapUsed };
}

async function settle(server: ServerProcess): Promise<number> {
  // RSS moves for a while after a burst of connections (GC, allocator): take it once it stops growing.
  let last = server.rss();
  for (let i = 0; i < 10; i++) {
    await new Promise((r) => setTimeout(r, 1000));
    const now = server.rss();
    if (Math.abs(now - last) < 0.5 * MB) return now;
    last = now;
  }
  return last;
}

async function productRss(count: number, log: (line: string) => void): Promise<Held> {
  const server = await ServerProcess.start({ entry: buildServerForBench(log), env: benchEnv(), nodeArgs: GC_ON_SIGNAL });
  const sockets: Socket[] = [];
  try {
    const seat = await agentSeat(server.url, 'idle');
    seat.socket.close();
    const idleRss = (await measure(server)).rssAfterGc;
    const pageUrl = `https://${seat.siteHost}/p/1`;
    let done = 0;
    await inBatches(
      Array.from({ length: count }, (_, i) => i),
      64,
      async () => {
        const session = await http<VisitorSessionResponse>(server.url, 'POST', '/api/visitor/session', { siteId: seat.siteId, pageUrl });
        if (session.status !== 200) throw new Error(`visitor session: HTTP ${session.status} ${JSON.stringify(session.body)}`);
        const socket = await connect(server.url, 'visitor', session.body.token);
        sockets.push(socket);
        await callOk(socket, 'visit:page', { visitId: randomUUID(), url: pageUrl, title: 'Product 1' }, 60_000);
        if (++done % 2000 === 0) log(`  product: ${done} visitors connected, RSS ${Math.round(server.rss() / MB)} MB`);
      },
    );
    const held = await measure(server);
    const stillConnected = sockets.filter((s) => s.connected).length;
    if (stillConnected !== count) throw new Error(`product: only ${stillConnected} of ${count} sockets stayed connected`);
    return { idleRss, ...held, perSocket: (held.rssAfterGc - idleRss) / count };
  } finally {
    sockets.forEach((s) => s.close());
    await server.dispose();
  }
}

async function rawRss(count: number, log: (line: string) => void): Promise<Held> {
  const server = await ServerProcess.start({ entry: RAW_RELAY_ENTRY, nodeArgs: GC_ON_SIGNAL });
  const sockets: Socket[] = [];
  try {
    const idleRss = (await measure(server)).rssAfterGc;
    let done = 0;
    await inBatches(
      Array.from({ length: count }, (_, i) => i),
      64,
      async () => {
        sockets.push(await connect(server.url, 'visitor', undefined));
        if (++done % 2000 === 0) log(`  raw socket.io: ${done} connected, RSS ${Math.round(server.rss() / MB)} MB`);
      },
    );
    const held = await measure(server);
    return { idleRss, ...held, perSocket: (held.rssAfterGc - idleRss) / count };
  } finally {
    sockets.forEach((s) => s.close());
    await server.dispose();
  }
}

export async function runIdleSockets(opts: { quick?: boolean; log?: (line: string) => void } = {}): Promise<IdleSocketsResult> {
  const log = opts.log ?? ((line: string) => console.log(line));
  const sockets = opts.quick ? 1000 : 10_000;
  log(`idle sockets: ${sockets} visitor sockets on one server process (product, then raw socket.io)`);
  const product = await productRss(sockets, log);
  // Let the closed connections of the first half leave the kernel's tables before the second.
  await new Promise((r) => setTimeout(r, 1000));
  const raw = await rawRss(sockets, log);
  return { sockets, product, raw };
}

export function idleSocketsRows(r: IdleSocketsResult): BenchRow[] {
  const kb = (bytes: number) => Math.round(bytes / 102.4) / 10;
  const mb = (bytes: number) => Math.round(bytes / MB);
  const scaled = r.product.idleRss + r.product.perSocket * 10_000;
  return [
    {
      name: `idle sockets: RSS of one server process holding ${r.sockets.toLocaleString('en-US')} visitor sockets (after a full GC)`,
      value: mb(r.product.rssAfterGc),
      unit: 'MB',
      baseline: `raw socket.io server holding ${r.sockets.toLocaleString('en-US')} sockets`,
      baselineValue: mb(r.raw.rssAfterGc),
      ratio: r.product.rssAfterGc / r.raw.rssAfterGc,
      goal: r.sockets === 10_000 ? '≤ 256 MB at 10,000 sockets' : `≤ 256 MB at 10,000 sockets (extrapolated: ${mb(scaled)} MB)`,
      met: scaled <= GOAL_BYTES,
      note:
        `the built server (node main.js, as npm start runs it); ` +
        `per socket ${kb(r.product.perSocket)} KB (each with a session, a socket and a visit) vs ${kb(r.raw.perSocket)} KB raw; ` +
        `before the GC ${mb(r.product.rss)} MB vs ${mb(r.raw.rss)} MB raw; JS heap after GC ${mb(r.product.heapAfterGc)} MB vs ${mb(r.raw.heapAfterGc)} MB; ` +
        `idle server ${mb(r.product.idleRss)} MB vs ${mb(r.raw.idleRss)} MB raw`,
    },
  ];
}

export async function benchIdleSockets(opts: { quick?: boolean } = {}): Promise<BenchRow[]> {
  return idleSocketsRows(await runIdleSockets(opts));
}

if (require.main === module) {
  benchIdleSockets({ quick: process.argv.includes('--quick') })
    .then((rows) => console.table(rows.map((r) => ({ ...r, ratio: r.ratio?.toFixed(2) }))))
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
