import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import type { EventStore } from '@kefu/event-store';
import { Projector } from '@kefu/projector';
import type { ReadStore } from '@kefu/read-store';
import { allProjections, parallelCatchUp } from '@kefu/projections';
import type { ServerConfig } from '../config';
import { EVENT_STORE, READ_STORE, SERVER_CONFIG } from './tokens';

/**
 * Runs every projection in this process: catches up at boot (rebuilding projections whose
 * version changed, with progress lines; on the memory read store, part of them in a worker thread), then
 * follows the store live.
 */
@Injectable()
export class ProjectorService implements OnModuleInit {
  readonly projector: Projector;

  constructor(@Inject(EVENT_STORE) events: EventStore, @Inject(READ_STORE) store: ReadStore, @Inject(SERVER_CONFIG) config: ServerConfig) {
    this.projector = new Projector(events, store, [...allProjections], { log: config.log, parallel: parallelCatchUp });
  }

  async onModuleInit(): Promise<void> {
    await this.projector.start();
  }

  /** Read-your-writes: wait until every read model has applied `position`. */
  waitFor(position: number | undefined): Promise<void> {
    return position && position > 0 ? this.projector.waitFor(position) : Promise.resolve();
  }
}
