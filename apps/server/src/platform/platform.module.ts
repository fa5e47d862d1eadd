import { DynamicModule, Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { createEventStore, type EventStore } from '@kefu/event-store';
import { createReadStore, type ReadStore } from '@kefu/read-store';
import type { ServerConfig } from '../config';
import { Clock } from './clock';
import { DeciderStreams } from './decider-streams';
import { ProjectorService } from './projector.service';
import { EVENT_STORE, READ_STORE, SERVER_CONFIG } from './tokens';

/** Stops the projector before the stores it reads and writes are closed. */
class StoreCloser implements OnApplicationShutdown {
  constructor(
    private readonly projector: ProjectorService,
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(READ_STORE) private readonly reads: ReadStore,
  ) {}
  async onApplicationShutdown(): Promise<void> {
    await this.projector.projector.stop();
    await this.events.close();
    await this.reads.close();
  }
}

/** The ports and their adapters, chosen by configuration. */
@Global()
@Module({})
export class PlatformModule {
  static forRoot(config: ServerConfig): DynamicModule {
    return {
      module: PlatformModule,
      providers: [
        { provide: SERVER_CONFIG, useValue: config },
        { provide: EVENT_STORE, useFactory: () => createEventStore(config.eventStore) },
        { provide: READ_STORE, useFactory: () => createReadStore(config.readStore) },
        Clock,
        DeciderStreams,
        ProjectorService,
        StoreCloser,
      ],
      exports: [SERVER_CONFIG, EVENT_STORE, READ_STORE, Clock, DeciderStreams, ProjectorService],
    };
  }
}
