import type { MessageMappingProperties } from '@nestjs/websockets';
import { IoAdapter } from '@nestjs/platform-socket.io';
import type { Observable } from 'rxjs';
import type { Socket } from 'socket.io';

/**
 * Nest's IoAdapter with message handlers bound as plain socket.io listeners.
 *
 * The stock adapter builds, for EVERY connected socket and EVERY @SubscribeMessage of its gateway, a
 * long-lived rxjs pipeline (fromEvent → mergeMap → takeUntil(disconnect) → subscribe): about 4 KB of
 * subscribers, closures and contexts per handler, ~55 KB for an idle visitor socket (14 handlers) —
 * the bulk of what 10k idle visitors held (issue 7, benchmark 4). Here a socket holds one listener per
 * handler; the rxjs work exists only while a message is being answered.
 *
 * Same behaviour as the stock adapter: a sync throw or an error notification is logged and the event
 * keeps working for the client; null/undefined results send nothing; `{ event, data }` results are
 * emitted, other results answer the ack unless the handler acks itself; nothing is sent once the
 * socket has disconnected (the stock takeUntil(disconnect) dropped such late answers too).
 */
export class LeanIoAdapter extends IoAdapter {
  override bindMessageHandlers(socket: Socket, handlers: MessageMappingProperties[], transform: (data: unknown) => Observable<unknown>): void {
    for (const { message, callback, isAckHandledManually } of handlers) {
      socket.on(message as string, (...args: unknown[]) => {
        // fromEvent (which the stock adapter used) hands over one argument as is, several as an array.
        const { data, ack } = this.mapPayload(args.length === 1 ? args[0] : args);
        let result$: Observable<unknown>;
        try {
          result$ = transform(callback(data, ack));
        } catch (error) {
          this.logger.error(error);
          return;
        }
        result$.subscribe({
          next: (response) => {
            if (response === null || response === undefined || !socket.connected) return;
            const reply = response as { event?: string; data?: unknown };
            if (reply.event) {
              socket.emit(reply.event, reply.data);
              return;
            }
            if (!isAckHandledManually && typeof ack === 'function') (ack as (r: unknown) => void)(response);
          },
          error: (error: unknown) => this.logger.error(error),
        });
      });
    }
  }
}
