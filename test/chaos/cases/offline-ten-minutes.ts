/**
 * A visitor offline for 10 minutes reconnects and receives exactly what it missed, in order (C8).
 *
 * The server runs with its clock shifted forward step by step (test/chaos/support/clock-offset.cjs):
 * while the visitor is away the agent keeps writing, and ten minutes of server time pass — every
 * event stamped across them, tokens and sessions checked against it — in a few seconds of real time.
 * The visitor then reconnects with the token it had, resumes after the last position it saw, gets
 * exactly the missed messages in store order, sends what it wrote while offline, and live delivery
 * goes on (each message once).
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { Socket } from 'socket.io-client';
import type { ChatEventView, ResumeResult } from '@kefu/contracts';
import { SqliteEventStore } from '@kefu/event-store';
import { toChatEventView } from '@kefu/projections';
import { benchEnv } from '../../bench/message-path.bench';
import { agentSeat, callOk, connect, visitorChat } from '../../bench/support/clients';
import { Verdict, type ChaosCase } from '../support/chaos-case';
import { startShiftedServer } from '../support/shifted-server';

const OFFLINE_MS = 10 * 60 * 1000;

function collect(socket: Socket, into: ChatEventView[]): void {
  socket.on('chat:event', (e: ChatEventView) => into.push(e));
}

async function until(check: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 20));
  }
  return true;
}

export const offlineTenMinutes: ChaosCase = async ({ quick, shared }) => {
  const name = 'a visitor offline for 10 minutes gets exactly what it missed, in order';
  const verdict = new Verdict();
  const missedCount = quick ? 30 : 120;
  const own = shared ? undefined : await startShiftedServer(benchEnv());
  const { server, shiftClock } = shared ? await shared() : own!;
  const sockets: Socket[] = [];
  try {
    const seat = await agentSeat(server.url, 'offline');
    const chat = await visitorChat(server.url, seat);
    sockets.push(seat.socket, chat.socket);
    const seenBefore: ChatEventView[] = [];
    collect(chat.socket, seenBefore);
    for (let i = 0; i < 3; i++) await callOk(seat.socket, 'chat:send', { chatId: chat.chatId, clientId: randomUUID(), text: `before ${i}` });
    verdict.check(await until(() => seenBefore.filter((e) => e.kind === 'message').length === 3, 5000), 'the visitor did not get the first messages live');
    const lastSeen = Math.max(...seenBefore.map((e) => e.position));

    chat.socket.disconnect();
    const missedIds: string[] = [];
    for (let i = 0; i < missedCount; i++) {
      await shiftClock(Math.round(((i + 1) * OFFLINE_MS) / missedCount));
      const id = randomUUID();
      missedIds.push(id);
      await callOk(seat.socket, 'chat:send', { chatId: chat.chatId, clientId: id, text: `while you were away ${i}` });
    }

    // Back, with the token it had: resume after the last position seen, then send the offline outbox.
    const back = await connect(server.url, 'visitor', chat.token);
    sockets.push(back);
    const live: ChatEventView[] = [];
    collect(back, live);
    const resumed = await callOk<ResumeResult>(back, 'chat:resume', { chatId: chat.chatId, after: lastSeen });
    // The truth: the chat's stream in the store itself, after the last position the visitor saw.
    const store = new SqliteEventStore(join(server.dataDir, 'events.db'));
    const truth = (await store.read(`chat-${chat.chatId}`)).filter((e) => e.position > lastSeen).flatMap((e) => toChatEventView(e) ?? []);
    await store.close();
    const ids = (list: ChatEventView[]) => list.map((e) => e.id);
    const got = resumed.events.filter((e) => e.kind === 'message').map((e) => e.id);
    verdict.check(
      JSON.stringify(ids(resumed.events)) === JSON.stringify(ids(truth)),
      `resume gave ${resumed.events.length} events, the store holds ${truth.length} after ${lastSeen}`,
    );
    verdict.check(
      missedIds.every((id) => got.includes(id)) && JSON.stringify(got.filter((id) => missedIds.includes(id))) === JSON.stringify(missedIds),
      `resume gave ${got.length} messages, expected the ${missedIds.length} missed ones in order`,
    );
    const positions = resumed.events.map((e) => e.position);
    verdict.check(
      positions.every((p, i) => p > lastSeen && (i === 0 || p > positions[i - 1]!)),
      'resume events are not strictly after the last seen position and in store order',
    );
    const first = resumed.events[0];
    const last = resumed.events[resumed.events.length - 1];
    const spanSeconds = first && last ? Math.round((Date.parse(last.at) - Date.parse(first.at)) / 1000) : 0;
    verdict.check(spanSeconds >= (OFFLINE_MS / 1000) * 0.9, `the missed messages span ${spanSeconds} s of server time, not ~600 s`);

    const outbox = [randomUUID(), randomUUID()];
    const atAgent: ChatEventView[] = [];
    collect(seat.socket, atAgent);
    for (const id of outbox) await callOk(back, 'chat:send', { chatId: chat.chatId, clientId: id, text: 'written while offline' });
    const liveId = randomUUID();
    await callOk(seat.socket, 'chat:send', { chatId: chat.chatId, clientId: liveId, text: 'welcome back' });
    verdict.check(await until(() => live.some((e) => e.id === liveId), 5000), 'live delivery did not resume after the reconnect');
    verdict.check(await until(() => outbox.every((id) => atAgent.some((e) => e.id === id)), 5000), 'the agent did not get the messages written offline');
    await new Promise((r) => setTimeout(r, 300));
    const liveIds = live.filter((e) => e.kind === 'message').map((e) => e.id);
    verdict.check(liveIds.filter((id) => missedIds.includes(id)).length === 0, 'a missed message was also pushed live (twice)');
    verdict.check(new Set(liveIds).size === liveIds.length, 'a live message arrived twice');

    return verdict.outcome(name, {
      'server time away (s)': OFFLINE_MS / 1000,
      'missed messages': missedIds.length,
      'resumed in order': got.length,
      'other events resumed': resumed.events.length - got.length,
      'doubled live': liveIds.length - new Set(liveIds).size,
      'span of missed (server s)': spanSeconds,
    });
  } finally {
    sockets.forEach((s) => s.close());
    await own?.dispose();
  }
};
