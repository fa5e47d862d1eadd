import type { MessageMappingProperties } from '@nestjs/websockets';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { isObservable, type Observable } from 'rxjs';
import type { Socket } from 'socket.io';

/**
 * Nest's IoAdapter with message handlers bound as plain socket.io listeners.
 *
 * The stock adapter builds, for EVERY connected socket and EVERY @SubscribeMessage of its gateway, a
 * long-lived rxjs pipeline (fromEvent → mergeMap → takeUntil(disconnect) → subscribe): about 4 KB of
 * subscribers, closures and contexts per handler, ~55 KB for an idle visitor socket (14 handlers) —
 * the bulk of what 10k idle visitors held (issue 7, benchmark 4). Here a socket holds one listener per
 * handler, and a message is answered without rxjs unless its handler returns an observable.
 *
 * Same behaviour as the stock adapter: a sync throw or an error notification is logged and the event
 * keeps working for the client; null/undefined results send nothing; `{ event, data }` results are
 * emitted, other results answer the ack unless the handler acks itself; nothing is sent once the
 * socket has disconnected (the stock takeUntil(disconnect) dropped such late answers too).
 */
export class LeanIoAdapter extends IoAdapter {
  override bindMessageHandlers(socket: Socket, handlers: MessageMappingProperties[], _transform: (data: unknown) => Observable<unknown>): void {
    for (const { message, callback, isAckHandledManually } of handlers) {
      socket.on(message as string, (...args: unknown[]) => {
        // fromEvent (which the stock adapter used) hands over one argument as is, several as an array.
        const { data, ack } = this.mapPayload(args.length === 1 ? args[0] : args);
        let result: unknown;
        try {
          result = callback(data, ack);
        } catch (error) {
          this.logger.error(error);
          return;
        }
        // What Nest's `transform` does (await the handler, then its value or each value of its observable),
        // without building an rxjs pipeline per message: that was ~10 objects of garbage per message.
        void this.answer(result, (response) => {
          if (response === null || response === undefined || !socket.connected) return;
          const answer = response as { event?: string; data?: unknown };
          if (answer.event) {
            socket.emit(answer.event, answer.data);
            return;
          }
          if (!isAckHandledManually && typeof ack === 'function') (ack as (r: unknown) => void)(response);
        });
      });
    }
  }

  private async answer(result: unknown, reply: (response: unknown) => void): Promise<void> {
    try {
      const value: unknown = await result;
      if (isObservable(value)) value.subscribe({ next: reply, error: (error: unknown) => this.logger.error(error) });
      else reply(value);
    } catch (error) {
      this.logger.error(error);
    }
  }
}
