/**
 * Open-loop load: messages are sent at a fixed offered rate whatever the server does (a slow server does
 * not slow the sender down, so queueing shows up as latency instead of hiding — no coordinated omission),
 * and each message's latency is measured from the moment it was DUE to be sent:
 *  - ack: due → the sender's ack (the server has validated, decided, appended durably and answered);
 *  - delivery: due → the `chat:event` carrying the message id at the other side of the chat.
 * The sender and the receiver live in this process, so one clock measures both.
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { Socket } from 'socket.io-client';

/** One direction of one chat: `from` sends, `to` must receive. */
export interface Lane {
  chatId: string;
  from: Socket;
  to: Socket;
}

export interface Percentiles {
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

export interface LevelResult {
  offered: number;
  /** Messages acknowledged per second over the measured window. */
  achieved: number;
  sent: number;
  acked: number;
  /** Refused by the server (an error ack). */
  failed: number;
  /** Neither acked nor refused within the drain time. */
  lost: number;
  undelivered: number;
  ack: Percentiles;
  delivery: Percentiles;
  /** Server CPU time per acknowledged message (ms), when the server's CPU can be read. */
  serverCpuMsPerMessage?: number;
  /** First error a refused message got, to say why. */
  firstError?: string;
}

interface InFlight {
  due: number;
  measured: boolean;
  to: Socket;
  ackAt?: number;
  deliveredAt?: number;
  failed?: boolean;
}

export interface LevelOptions {
  durationMs: number;
  warmupMs: number;
  /** How long to wait for the last acks and deliveries after the last send. */
  drainMs?: number;
  server?: { cpuSeconds(): number };
}

const TEXT = '您好，我想问一下这个订单什么时候发货？Hello, when will my order ship?';

/** Sends, to every socket that can receive, its deliveries into one map: attach once per set of lanes. */
export class LoadDriver {
  private readonly inFlight = new Map<string, InFlight>();

  constructor(readonly lanes: readonly Lane[]) {
    const receivers = new Set(lanes.map((l) => l.to));
    for (const socket of receivers) {
      socket.on('chat:event', (event: { id?: string }) => {
        const rec = event.id === undefined ? undefined : this.inFlight.get(event.id);
        if (rec && rec.to === socket && rec.deliveredAt === undefined) rec.deliveredAt = performance.now();
      });
    }
  }

  async level(rate: number, options: LevelOptions): Promise<LevelResult> {
    this.inFlight.clear();
    const { durationMs, warmupMs } = options;
    const total = Math.round((rate * (warmupMs + durationMs)) / 1000);
    const start = performance.now();
    const measureFrom = start + warmupMs;
    let cpuAtMeasure: number | undefined;
    let firstError: string | undefined;
    let sent = 0;
    const send = (k: number) => {
      const lane = this.lanes[k % this.lanes.length]!;
      const due = start + (k * 1000) / rate;
      const id = randomUUID();
      const rec: InFlight = { due, measured: due >= measureFrom, to: lane.to };
      this.inFlight.set(id, rec);
      lane.from.emit('chat:send', { chatId: lane.chatId, clientId: id, text: TEXT }, (ack: { ok: boolean; error?: { code: string; message: string } }) => {
        rec.ackAt = performance.now();
        if (!ack.ok) {
          rec.failed = true;
          firstError ??= `${ack.error?.code}: ${ack.error?.message}`;
        }
      });
      sent++;
    };
    await new Promise<void>((done) => {
      const tick = () => {
        const now = performance.now();
        if (cpuAtMeasure === undefined && now >= measureFrom) cpuAtMeasure = options.server?.cpuSeconds();
        const due = Math.min(total, Math.floor(((now - start) * rate) / 1000) + 1);
        while (sent < due) send(sent);
        if (sent >= total) done();
        else setTimeout(tick, 1);
      };
      tick();
    });
    const lastDue = start + ((total - 1) * 1000) / rate;
    const drainUntil = performance.now() + (options.drainMs ?? 5000);
    const measured = [...this.inFlight.values()].filter((r) => r.measured);
    while (performance.now() < drainUntil && measured.some((r) => r.ackAt === undefined || (!r.failed && r.deliveredAt === undefined))) {
      await new Promise((r) => setTimeout(r, 20));
    }
    const cpuAtEnd = options.server?.cpuSeconds();
    const acked = measured.filter((r) => r.ackAt !== undefined && !r.failed);
    const failed = measured.filter((r) => r.failed).length;
    const lost = measured.filter((r) => r.ackAt === undefined).length;
    const lastAck = acked.reduce((m, r) => Math.max(m, r.ackAt!), lastDue);
    const achieved = acked.length / ((lastAck - measureFrom) / 1000);
    this.inFlight.clear();
    return {
      offered: rate,
      achieved: Math.round(achieved),
      sent: measured.length,
      acked: acked.length,
      failed,
      lost,
      undelivered: acked.filter((r) => r.deliveredAt === undefined).length,
      ack: percentiles(acked.map((r) => r.ackAt! - r.due)),
      delivery: percentiles(acked.filter((r) => r.deliveredAt !== undefined).map((r) => r.deliveredAt! - r.due)),
      ...(cpuAtMeasure !== undefined && cpuAtEnd !== undefined && acked.length > 0
        ? { serverCpuMsPerMessage: ((cpuAtEnd - cpuAtMeasure) * 1000) / acked.length }
        : {}),
      ...(firstError ? { firstError } : {}),
    };
  }
}

export function percentiles(values: number[]): Percentiles {
  if (values.length === 0) return { p50: NaN, p90: NaN, p99: NaN, max: NaN };
  const sorted = Float64Array.from(values).sort();
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
  return { p50: at(0.5), p90: at(0.9), p99: at(0.99), max: sorted[sorted.length - 1]! };
}

/** A level passes when nearly all was carried, nothing was lost or refused, and p99 (ack and delivery) is within the limit. */
export function withinGoal(r: LevelResult, p99LimitMs: number): boolean {
  return r.lost === 0 && r.failed === 0 && r.undelivered === 0 && r.achieved >= 0.95 * r.offered && Math.max(r.ack.p99, r.delivery.p99) <= p99LimitMs;
}
