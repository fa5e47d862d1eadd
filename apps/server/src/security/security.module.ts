import { MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import type { ServerConfig } from '../config';
import { SERVER_CONFIG } from '../platform/tokens';
import { LoginLimiter, RateLimitStore, ThrottlerCounters } from './rate-limits';
import { VisitorCors } from './visitor-cors';

/** The counters, shared by the sign-in limiter and the throttler. */
@Module({ providers: [RateLimitStore, ThrottlerCounters], exports: [RateLimitStore, ThrottlerCounters] })
export class RateLimitCountersModule {}

/** Rate limits (A4 sign-in, the API's flood guard) and CORS for the visitor side. */
@Module({
  imports: [
    RateLimitCountersModule,
    ThrottlerModule.forRootAsync({
      imports: [RateLimitCountersModule],
      inject: [SERVER_CONFIG, ThrottlerCounters],
      useFactory: (config: ServerConfig, storage: ThrottlerCounters) => ({
        throttlers: [{ name: 'default', ttl: 60_000, limit: config.apiRequestsPerMinute ?? 1200 }],
        storage,
      }),
    }),
  ],
  providers: [LoginLimiter, VisitorCors],
  // The flood guard is registered by AuthModule, before the session guard, so unauthenticated floods are counted too.
  exports: [LoginLimiter, ThrottlerModule],
})
export class SecurityModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(VisitorCors).forRoutes({ path: 'visitor/*path', method: RequestMethod.ALL });
  }
}
