import { Controller, Get, Inject } from '@nestjs/common';
import type { HealthView } from '@kefu/contracts';
import type { EventStore } from '@kefu/event-store';
import type { ReadStore } from '@kefu/read-store';
import { Public } from '../auth/auth.guard';
import { ProjectorService } from '../platform/projector.service';
import { EVENT_STORE, READ_STORE } from '../platform/tokens';

/** Store kinds, the head position and each projection's lag. */
@Controller('health')
export class HealthController {
  private readonly startedAt = Date.now();

  constructor(
    private readonly projector: ProjectorService,
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(READ_STORE) private readonly reads: ReadStore,
  ) {}

  @Public()
  @Get()
  async health(): Promise<HealthView> {
    const head = await this.events.headPosition();
    const status = this.projector.projector.status();
    return {
      status: 'ok',
      eventStore: { kind: this.events.kind, head },
      readStore: { kind: this.reads.kind },
      projections: status.projections.map((p) => ({
        name: p.name,
        version: p.version,
        position: p.position,
        lag: Math.max(0, head - p.position),
        ...(p.failure ? { failed: `${p.failure.type}@${p.failure.position}: ${p.failure.message}` } : {}),
      })),
      uptimeSeconds: Math.round((Date.now() - this.startedAt) / 1000),
    };
  }
}
