import type { Ack, AckFn, ErrorBody } from '@kefu/contracts';
import type { Socket } from 'socket.io-client';
import { isErrorBody } from '../api/ui-error';
import type { EventMap } from './socket-connector';

/** How long a client waits for an ack before it treats the request as lost and retries. */
export const ACK_TIMEOUT_MS = 5000;

/** `unreachable`: not connected, or no ack in time. The request may or may not have arrived. */
export type AckOutcome<T> = { kind: 'ok'; data: T } | { kind: 'rejected'; error: ErrorBody } | { kind: 'unreachable' };

/* eslint-disable @typescript-eslint/no-explicit-any */
export type RequestOf<F> = F extends (req: infer R, ack: AckFn<any>) => void ? R : never;
export type AckDataOf<F> = F extends (req: any, ack: AckFn<infer T>) => void ? T : never;
/* eslint-enable @typescript-eslint/no-explicit-any */

type TimedEmitter = { emit(event: string, req: unknown, ack: (err: Error | null, answer?: Ack<unknown>) => void): void };

/**
 * Emits a typed request and resolves with its ack, never rejecting. Uses
 * `socket.timeout(ms).emit(...)`; when the socket is down it does not emit at all (socket.io
 * would buffer the packet and send it on reconnect, behind the caller's back).
 */
export function request<L extends EventMap, C extends EventMap, E extends keyof C & string>(
  socket: Socket<L, C>,
  event: E,
  req: RequestOf<C[E]>,
  timeoutMs = ACK_TIMEOUT_MS,
): Promise<AckOutcome<AckDataOf<C[E]>>> {
  if (!socket.connected) return Promise.resolve({ kind: 'unreachable' });
  return new Promise((resolve) => {
    // socket.io's variadic emit typing cannot follow a generic event name; the signature above can.
    const emitter = socket.timeout(timeoutMs) as unknown as TimedEmitter;
    emitter.emit(event, req, (err, answer) => {
      if (err || !answer) return resolve({ kind: 'unreachable' });
      if (answer.ok === true) return resolve({ kind: 'ok', data: answer.data as AckDataOf<C[E]> });
      const error = isErrorBody(answer.error) ? answer.error : { code: 'INTERNAL' as const, message: 'Malformed acknowledgement.' };
      resolve({ kind: 'rejected', error });
    });
  });
}

/** Codes worth trying again later with the same id (the server is busy or hiccupped). */
export function isTransient(error: ErrorBody): boolean {
  return error.code === 'RATE_LIMITED' || error.code === 'INTERNAL';
}
