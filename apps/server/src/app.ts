import 'reflect-metadata';
import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { createAdapter } from '@socket.io/redis-adapter';
import type { Server, ServerOptions } from 'socket.io';
import { AppModule } from './app.module';
import type { ServerConfig } from './config';
import { createValidationPipe } from './platform/validation';
import { mountWebApps } from './web/static-apps';
import { mountApiDocs } from './api-docs/api-docs';
import { LeanIoAdapter } from './platform/socket-adapter';

/** socket.io with the Redis adapter, so rooms are shared by several server processes (REDIS_URL). */
class RedisIoAdapter extends LeanIoAdapter {
  private adapter?: ReturnType<typeof createAdapter>;
  private clients: { quit(): Promise<unknown> }[] = [];

  async connect(url: string): Promise<void> {
    // Loaded only when REDIS_URL is set: a single process on the embedded default never pays for the clients.
    /* eslint-disable @typescript-eslint/no-require-imports */
    const { createClient } = require('redis') as typeof import('redis');
    const { createAdapter } = require('@socket.io/redis-adapter') as typeof import('@socket.io/redis-adapter');
    /* eslint-enable @typescript-eslint/no-require-imports */
    const pub = createClient({ url });
    const sub = pub.duplicate();
    pub.on('error', () => undefined);
    sub.on('error', () => undefined);
    await Promise.all([pub.connect(), sub.connect()]);
    this.clients = [pub, sub];
    this.adapter = createAdapter(pub, sub);
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    const server = super.createIOServer(port, options) as Server;
    if (this.adapter) server.adapter(this.adapter);
    return server;
  }

  override async close(server: Server): Promise<void> {
    await super.close(server);
    await Promise.all(this.clients.map((c) => c.quit().catch(() => undefined)));
    this.clients = [];
  }
}

/** Build the whole server (HTTP API, sockets, projector, UIs). Used by main.ts and by the int specs. */
export async function createApp(config: ServerConfig, options: { quiet?: boolean } = {}): Promise<INestApplication> {
  const logger = options.quiet ? (['error'] as const) : (['error', 'warn', 'log'] as const);
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), { logger: [...logger], bodyParser: false });
  const express = app.getHttpAdapter().getInstance();
  express.disable('x-powered-by');
  express.set('trust proxy', 'loopback');
  app.useBodyParser('json', { limit: '256kb' });
  app.setGlobalPrefix('api');
  app.useGlobalPipes(createValidationPipe());
  // Stop cleanly on the signals process managers send to stop (Nest's default list also stops on SIGUSR2,
  // which Node tools use for heap snapshots and others for log rotation).
  app.enableShutdownHooks(['SIGTERM', 'SIGINT', 'SIGHUP']);
  mountWebApps(express, config.uiDir);
  mountApiDocs(app);
  if (config.redisUrl) {
    const adapter = new RedisIoAdapter(app);
    await adapter.connect(config.redisUrl);
    app.useWebSocketAdapter(adapter);
  } else {
    app.useWebSocketAdapter(new LeanIoAdapter(app));
  }
  return app;
}
