import { Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { AllSubscription, EventStore, RecordedEvent } from '@kefu/event-store';

/**
 * A live follower of `$all` (chat delivery, ended sessions, monitoring, the workspace team panel): from the
 * head at boot, it hands each event it `wants` to `push`, one at a time, in store order. A failed push is logged and the
 * next event still goes out; the loop ends with the subscription at shutdown.
 */
export abstract class LivePushes implements OnApplicationBootstrap, OnApplicationShutdown {
  private subscription?: AllSubscription;
  private loop?: Promise<void>;

  protected constructor(
    protected readonly events: EventStore,
    protected readonly logger: Logger,
  ) {}

  protected abstract wants(e: RecordedEvent): boolean;
  protected abstract push(e: RecordedEvent): Promise<void>;

  async onApplicationBootstrap(): Promise<void> {
    this.subscription = this.events.subscribeToAll({ after: await this.events.headPosition() });
    this.loop = this.follow(this.subscription);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.subscription?.close();
    await this.loop;
  }

  private async follow(subscription: AllSubscription): Promise<void> {
    try {
      for await (const e of subscription) {
        if (!this.wants(e)) continue;
        await this.push(e).catch((error: unknown) => this.logger.error(`push of ${e.type}@${e.position} failed: ${String(error)}`));
      }
    } catch (error) {
      this.logger.error(`pushes stopped: ${String(error)}`);
    }
  }
}
