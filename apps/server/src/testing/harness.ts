import type { INestApplication } from '@nestjs/common';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io, type Socket } from 'socket.io-client';
import type { Ack, AgentToServer, ServerToAgent, ServerToVisitor, VisitorToServer } from '@kefu/contracts';
import { Namespace } from '@kefu/contracts';
import { createApp } from '../app';
import { configFromEnv, type ServerConfig } from '../config';

export interface TestServer {
  url: string;
  app: INestApplication;
  config: ServerConfig;
  close(): Promise<void>;
}

/** A real server (real SQLite file, real HTTP and socket.io) on a free port of 127.0.0.1. */
export async function startServer(overrides: Partial<ServerConfig> = {}, env: NodeJS.ProcessEnv = {}): Promise<TestServer> {
  const dataDir = overrides.dataDir ?? mkdtempSync(join(tmpdir(), 'kefu-int-'));
  const config = configFromEnv(env, { dataDir, log: () => undefined, host: '127.0.0.1', port: 0, ...overrides });
  const app = await createApp(config, { quiet: true });
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  return {
    url: `http://127.0.0.1:${address.port}`,
    app,
    config,
    async close() {
      await app.close();
      if (!overrides.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function http<T = unknown>(base: string, method: string, path: string, body?: unknown, token?: string): Promise<{ status: number; body: T }> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
}

export type VisitorClient = Socket<ServerToVisitor, VisitorToServer>;
export type AgentClient = Socket<ServerToAgent, AgentToServer>;

export function connect<S extends Socket>(url: string, ns: 'visitor' | 'agent', token: string): Promise<S> {
  const socket = io(`${url}${Namespace[ns]}`, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true }) as S;
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (e) => {
      socket.close();
      reject(e);
    });
  });
}

/** Emit and wait for the ack (typed loosely: specs also send malformed payloads on purpose). */
export function call<T>(socket: Socket, event: string, payload: unknown): Promise<Ack<T>> {
  return socket.timeout(10_000).emitWithAck(event, payload) as Promise<Ack<T>>;
}

export function unwrap<T>(ack: Ack<T>): T {
  if (!ack.ok) throw new Error(`${ack.error.code}: ${ack.error.message}`);
  return ack.data;
}

/** Resolves with the first event matching `predicate` (rejects after a timeout). */
export function next<T>(socket: Socket, event: string, predicate: (payload: T) => boolean = () => true, timeoutMs = 5000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off(event, handler);
      reject(new Error(`no ${event} within ${timeoutMs} ms`));
    }, timeoutMs);
    const handler = (payload: T) => {
      if (!predicate(payload)) return;
      clearTimeout(timer);
      socket.off(event, handler);
      resolve(payload);
    };
    socket.on(event, handler);
  });
}
