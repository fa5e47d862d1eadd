import type { Ack } from '@kefu/contracts';
import type { Socket } from 'socket.io-client';
import type { EventMap, SocketConnector, TokenSource } from '../realtime/socket-connector';

type Listener = (...args: unknown[]) => void;
type AckCallback = (err: Error | null, answer?: Ack<unknown>) => void;

export interface FakeCall {
  readonly event: string;
  readonly payload: unknown;
  answered: boolean;
  answer(ack: Ack<unknown>): void;
  /** The ack never came: what `socket.timeout(ms)` reports after `ms`. */
  timeOut(): void;
}

/**
 * Stands in for a socket.io client socket: the test plays the server, connecting, dropping,
 * pushing events and answering (or not answering) each request.
 */
export class FakeSocket {
  connected = false;
  connectCalls = 0;
  disconnectCalls = 0;
  readonly calls: FakeCall[] = [];
  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly responders = new Map<string, (payload: never) => Ack<unknown> | undefined>();

  on(event: string, listener: Listener): this {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(listener);
    return this;
  }

  off(event?: string, listener?: Listener): this {
    if (!event) this.listeners.clear();
    else if (!listener) this.listeners.delete(event);
    else this.listeners.get(event)?.delete(listener);
    return this;
  }

  removeAllListeners(): this {
    this.listeners.clear();
    return this;
  }

  timeout(_ms: number): { emit: (event: string, payload: unknown, ack: AckCallback) => void } {
    return { emit: (event, payload, ack) => this.record(event, payload, ack) };
  }

  emit(event: string, payload: unknown, ack?: (answer: Ack<unknown>) => void): this {
    this.record(event, payload, (err, answer) => {
      if (!err && answer) ack?.(answer);
    });
    return this;
  }

  connect(): this {
    this.connectCalls++;
    return this;
  }

  disconnect(): this {
    this.disconnectCalls++;
    const was = this.connected;
    this.connected = false;
    if (was) this.fire('disconnect', 'io client disconnect');
    return this;
  }

  // ---- the test's side (the server) ----

  /** Answer every future `event` request with `reply(payload)` (undefined = leave it unanswered). */
  respond<P = never>(event: string, reply: (payload: P) => Ack<unknown> | undefined): this {
    this.responders.set(event, reply as (payload: never) => Ack<unknown> | undefined);
    return this;
  }

  serverConnect(): void {
    this.connected = true;
    this.fire('connect');
  }

  serverDrop(reason = 'transport close'): void {
    this.connected = false;
    this.fire('disconnect', reason);
  }

  connectError(error: Error & { data?: unknown }): void {
    this.connected = false;
    this.fire('connect_error', error);
  }

  push(event: string, payload: unknown): void {
    this.fire(event, payload);
  }

  callsOf(event: string): FakeCall[] {
    return this.calls.filter((call) => call.event === event);
  }

  pendingCalls(event?: string): FakeCall[] {
    return this.calls.filter((call) => !call.answered && (!event || call.event === event));
  }

  asSocket<L extends EventMap, E extends EventMap>(): Socket<L, E> {
    return this as unknown as Socket<L, E>;
  }

  private record(event: string, payload: unknown, ack: AckCallback): void {
    const call: FakeCall = {
      event,
      payload,
      answered: false,
      answer: (answer) => {
        if (call.answered) return;
        call.answered = true;
        ack(null, answer);
      },
      timeOut: () => {
        if (call.answered) return;
        call.answered = true;
        ack(new Error('operation has timed out'));
      },
    };
    this.calls.push(call);
    const responder = this.responders.get(event);
    if (responder) {
      const answer = responder(payload as never);
      if (answer) queueMicrotask(() => call.answer(answer));
    }
  }

  private fire(event: string, ...args: unknown[]): void {
    for (const listener of [...(this.listeners.get(event) ?? [])]) listener(...args);
  }
}

export class FakeSocketConnector implements SocketConnector {
  readonly sockets: FakeSocket[] = [];
  readonly namespaces: string[] = [];
  readonly tokens: TokenSource[] = [];

  get socket(): FakeSocket {
    const last = this.sockets.at(-1);
    if (!last) throw new Error('No socket was connected');
    return last;
  }

  connect<L extends EventMap, E extends EventMap>(namespace: string, token: TokenSource): Promise<Socket<L, E>> {
    const socket = new FakeSocket();
    this.sockets.push(socket);
    this.namespaces.push(namespace);
    this.tokens.push(token);
    return Promise.resolve(socket.asSocket<L, E>());
  }
}

/** Let promise chains (acks answered in microtasks, awaited fetches) settle. */
export async function settle(rounds = 5): Promise<void> {
  for (let i = 0; i < rounds; i++) await Promise.resolve();
}
