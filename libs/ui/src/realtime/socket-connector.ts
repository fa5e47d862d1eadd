import { InjectionToken } from '@angular/core';
import { SOCKET_PATH } from '@kefu/contracts';
import type { Socket } from 'socket.io-client';

/** socket.io's own constraint for event maps (any handler signature). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type EventMap = { [event: string]: any };

/** Asked on every (re)connection, so a refreshed token is used without rebuilding the socket. */
export type TokenSource = () => string | Promise<string>;

export interface SocketConnector {
  connect<L extends EventMap, E extends EventMap>(namespace: string, token: TokenSource): Promise<Socket<L, E>>;
}

/**
 * Same-origin socket.io connection (the server serves the apps); tests replace it with a fake.
 * socket.io-client is imported lazily: it declares no `sideEffects: false`, so a static import here
 * would put it into every app using this library, the admin console included. The widget gains too:
 * the chunk downloads while the session request is in flight.
 */
export const SOCKET_CONNECTOR = new InjectionToken<SocketConnector>('kefu.socket-connector', {
  providedIn: 'root',
  factory: () => ({
    connect: async <L extends EventMap, E extends EventMap>(namespace: string, token: TokenSource): Promise<Socket<L, E>> => {
      const { io } = await import('socket.io-client');
      return io(namespace, {
        path: SOCKET_PATH,
        // WebSocket first: no sticky sessions needed behind a load balancer; polling if it is blocked.
        transports: ['websocket', 'polling'],
        tryAllTransports: true,
        auth: (cb) => {
          Promise.resolve()
            .then(token)
            .then(
              (value) => cb({ token: value }),
              () => cb({}),
            );
        },
      });
    },
  }),
});

/** Did the server refuse the handshake because of the token (rather than the network failing)? */
export function isAuthRefusal(error: Error & { data?: unknown }): boolean {
  const data = error.data as { code?: unknown } | undefined;
  if (data && (data.code === 'UNAUTHENTICATED' || data.code === 'FORBIDDEN')) return true;
  return /unauthenticated|unauthori[sz]ed|forbidden|invalid token|jwt|401/i.test(error.message);
}
