/**
 * kill -9 of the server process while chats carry 1,000 msg/s. After a restart on the same data folder
 * and port: every message the server acknowledged is stored exactly once; the clients (reconnecting on
 * their own, as the widget and the workspace do) resend every message that got no ack with the SAME id,
 * and none is doubled — the ones that were committed but whose ack was lost in the crash answer with
 * their first position.
 */
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import type { Socket } from 'socket.io-client';
import type { ResumeResult } from '@kefu/contracts';
import { benchEnv } from '../../bench/message-path.bench';
import { agentSeat, call, callOk, inBatches, visitorChat } from '../../bench/support/clients';
import { ServerProcess } from '../../bench/support/server-process';
import { Verdict, type ChaosCase } from '../support/chaos-case';

interface Sent {
  id: string;
  chatId: string;
  from: Socket;
  text: string;
  acked: boolean;
}

async function allConnected(sockets: Socket[], timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (sockets.every((s) => s.connected)) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return false;
}

/** Message ids of MessagePosted events stored per messageId (the event store itself, read-only). */
function storedCounts(dataDir: string): Map<string, number> {
  const db = new Database(join(dataDir, 'events.db'), { readonly: true, fileMustExist: true });
  try {
    const rows = db
      .prepare<[], { m: string; n: number }>("SELECT json_extract(data, '$.messageId') AS m, count(*) AS n FROM events WHERE type = 'MessagePosted' GROUP BY m")
      .all();
    return new Map(rows.map((r) => [r.m, r.n]));
  } finally {
    db.close();
  }
}

export const kill9UnderLoad: ChaosCase = async ({ quick, log }) => {
  const name = 'kill -9 of the server during 1,000 msg/s';
  const rate = 1000;
  const chatsCount = quick ? 60 : 200;
  const agents = quick ? 3 : 20;
  const loadMs = quick ? 1500 : 8000;
  const verdict = new Verdict();
  let server = await ServerProcess.start({ env: benchEnv() });
  const { port, dataDir } = server;
  const sockets: Socket[] = [];
  try {
    const seats = await inBatches(
      Array.from({ length: agents }, (_, i) => i),
      4,
      (i) => agentSeat(server.url, `k${i}`, { reconnection: true }),
    );
    const chats = await inBatches(
      Array.from({ length: chatsCount }, (_, i) => seats[i % agents]!),
      16,
      (seat) => visitorChat(server.url, seat, { reconnection: true }),
    );
    sockets.push(...seats.map((s) => s.socket), ...chats.map((c) => c.socket));
    const lanes = chats.flatMap((c, i) => [
      { chatId: c.chatId, from: c.socket },
      { chatId: c.chatId, from: seats[i % agents]!.socket },
    ]);

    // Open-loop sending at `rate`, until the kill.
    const sent: Sent[] = [];
    const emit = (m: Sent) =>
      m.from.emit('chat:send', { chatId: m.chatId, clientId: m.id, text: m.text }, (ack: { ok: boolean }) => {
        if (ack.ok) m.acked = true;
      });
    const start = performance.now();
    let stopped = false;
    const sending = new Promise<void>((done) => {
      const tick = () => {
        if (stopped) return done();
        const due = Math.floor(((performance.now() - start) * rate) / 1000);
        while (sent.length < due) {
          const lane = lanes[sent.length % lanes.length]!;
          const m: Sent = { id: randomUUID(), chatId: lane.chatId, from: lane.from, text: `message ${sent.length}`, acked: false };
          sent.push(m);
          emit(m);
        }
        setTimeout(tick, 1);
      };
      tick();
    });
    await new Promise((r) => setTimeout(r, loadMs));
    await server.kill9();
    stopped = true;
    await sending;
    const ackedAtKill = new Set(sent.filter((m) => m.acked).map((m) => m.id));
    const unacked = sent.filter((m) => !m.acked);
    log(`  killed after ${sent.length} sends: ${ackedAtKill.size} acknowledged, ${unacked.length} not`);
    // Only a kill between acknowledged and unacknowledged messages tests both promises below.
    verdict.check(ackedAtKill.size > 0 && unacked.length > 0, `the kill did not land mid-stream (${ackedAtKill.size} acknowledged, ${unacked.length} not)`);

    const restartedAt = performance.now();
    server = await ServerProcess.start({ port, dataDir, env: benchEnv() });
    const restartMs = performance.now() - restartedAt;
    const afterRestart = storedCounts(dataDir);
    const ackedMissing = [...ackedAtKill].filter((id) => afterRestart.get(id) !== 1);
    verdict.check(ackedMissing.length === 0, `${ackedMissing.length} acknowledged messages are not stored exactly once after the restart`);
    const committedUnacked = unacked.filter((m) => afterRestart.has(m.id)).length;

    const reconnectedAt = performance.now();
    verdict.check(await allConnected(sockets, 20_000), 'not every client reconnected within 20 s');
    const reconnectMs = performance.now() - reconnectedAt;
    // What the widget does on reconnect: resume each chat (rejoining its room), then resend its outbox.
    await inBatches(chats, 16, (c) => callOk<ResumeResult>(c.socket, 'chat:resume', { chatId: c.chatId }));
    const retried = sent.filter((m) => !m.acked);
    const retryAcks = await inBatches(retried, 64, (m) =>
      call<{ position: number }>(m.from, 'chat:send', { chatId: m.chatId, clientId: m.id, text: m.text }, 20_000),
    );
    const retryRefused = retryAcks.filter((a) => !a.ok).length;
    verdict.check(retryRefused === 0, `${retryRefused} retried messages were refused`);

    const final = storedCounts(dataDir);
    const missing = sent.filter((m) => !final.has(m.id)).length;
    const doubled = [...final.values()].filter((n) => n > 1).length;
    verdict.check(missing === 0, `${missing} sent messages are missing after the retries`);
    verdict.check(doubled === 0, `${doubled} messages are stored more than once`);
    // What a participant sees: each chat's transcript has every message of that chat once.
    let transcriptProblems = 0;
    await inBatches(chats, 16, async (c) => {
      const resumed = await callOk<ResumeResult>(c.socket, 'chat:resume', { chatId: c.chatId });
      const ids = resumed.events.filter((e) => e.kind === 'message').map((e) => e.id);
      const expected = sent.filter((m) => m.chatId === c.chatId).map((m) => m.id);
      if (ids.length !== new Set(ids).size || ids.length !== expected.length || !expected.every((id) => ids.includes(id))) transcriptProblems++;
    });
    verdict.check(transcriptProblems === 0, `${transcriptProblems} chats show a transcript with a message missing or twice`);

    return verdict.outcome(name, {
      'sent before the kill': sent.length,
      'acked before the kill': ackedAtKill.size,
      'unacked at the kill': unacked.length,
      'of which already committed': committedUnacked,
      retried: retried.length,
      'missing after retry': missing,
      doubled,
      'restart (ms)': Math.round(restartMs),
      'clients back (ms)': Math.round(reconnectMs),
    });
  } finally {
    sockets.forEach((s) => s.close());
    await server.dispose();
    rmSync(dataDir, { recursive: true, force: true });
  }
};
