import { EventEmitter } from 'node:events';
import type { MessageMappingProperties } from '@nestjs/websockets';
import { from, isObservable, mergeAll, of, throwError, type Observable } from 'rxjs';
import type { Socket } from 'socket.io';
import { LeanIoAdapter } from './socket-adapter';

/** An incoming message as socket.io delivers it: listeners of the event get the payload and the ack. */
class FakeSocket extends EventEmitter {
  connected = true;
  readonly sent: [string, unknown][] = [];
  receive(event: string, ...args: unknown[]): void {
    super.emit(event, ...args);
  }
  override emit(event: string, data?: unknown): boolean {
    this.sent.push([event, data]);
    return true;
  }
}

// What Nest's WebSocketsController hands the adapter: a handler result (value, promise or observable) as an observable.
const transform = (result: unknown): Observable<unknown> => from(Promise.resolve(result).then((r: unknown) => (isObservable(r) ? r : of(r)))).pipe(mergeAll());
const settle = () => new Promise((r) => setImmediate(r));

function bind(handlers: Partial<MessageMappingProperties>[]): FakeSocket {
  const socket = new FakeSocket();
  const adapter = new LeanIoAdapter();
  (adapter as unknown as { logger: { error(): void } }).logger = { error: () => undefined };
  adapter.bindMessageHandlers(
    socket as unknown as Socket,
    handlers.map((h) => ({ methodName: 'm', isAckHandledManually: false, ...h }) as MessageMappingProperties),
    transform,
  );
  return socket;
}

describe('socket handlers bound without a pipeline per socket (issue 7, benchmark 4)', () => {
  it('answers the ack with the handler result, sync or async', async () => {
    const socket = bind([
      { message: 'sync', callback: (data: unknown) => ({ ok: true, data }) as never },
      { message: 'async', callback: async (data: unknown) => ({ ok: true, data }) as never },
    ]);
    const acks: unknown[] = [];
    socket.receive('sync', { a: 1 }, (r: unknown) => acks.push(r));
    socket.receive('async', { b: 2 }, (r: unknown) => acks.push(r));
    await settle();
    expect(acks).toEqual([
      { ok: true, data: { a: 1 } },
      { ok: true, data: { b: 2 } },
    ]);
  });

  it('emits { event, data } results, sends nothing for null, and leaves the ack to a handler that acks itself', async () => {
    const acks: unknown[] = [];
    const socket = bind([
      { message: 'push', callback: () => ({ event: 'pushed', data: 7 }) as never },
      { message: 'nothing', callback: () => null as never },
      { message: 'manual', isAckHandledManually: true, callback: ((_data: unknown, ack: (r: unknown) => void) => (ack('by hand'), 'ignored')) as never },
    ]);
    socket.receive('push', {}, (r: unknown) => acks.push(r));
    socket.receive('nothing', {}, (r: unknown) => acks.push(r));
    socket.receive('manual', {}, (r: unknown) => acks.push(r));
    await settle();
    expect(socket.sent).toEqual([['pushed', 7]]);
    expect(acks).toEqual(['by hand']);
  });

  it('keeps an event working for the client after its handler threw or failed', async () => {
    let calls = 0;
    const socket = bind([
      {
        message: 'flaky',
        callback: ((data: { fail: string }) => {
          calls++;
          if (data.fail === 'sync') throw new Error('sync');
          if (data.fail === 'stream') return throwError(() => new Error('stream'));
          return 'fine';
        }) as never,
      },
    ]);
    const acks: unknown[] = [];
    socket.receive('flaky', { fail: 'sync' }, (r: unknown) => acks.push(r));
    socket.receive('flaky', { fail: 'stream' }, (r: unknown) => acks.push(r));
    socket.receive('flaky', { fail: 'no' }, (r: unknown) => acks.push(r));
    await settle();
    expect(calls).toBe(3);
    expect(acks).toEqual(['fine']);
  });

  it('drops an answer that is ready only after the socket disconnected', async () => {
    let finish!: (v: string) => void;
    const socket = bind([{ message: 'slow', callback: (() => new Promise<string>((r) => (finish = r))) as never }]);
    const acks: unknown[] = [];
    socket.receive('slow', {}, (r: unknown) => acks.push(r));
    socket.connected = false;
    finish('late');
    await settle();
    expect(acks).toEqual([]);
  });
});
