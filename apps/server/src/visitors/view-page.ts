import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { visit } from '@kefu/domain';
import { Clock } from '../platform/clock';
import { DeciderStreams } from '../platform/decider-streams';
import { derivedId } from '../platform/ids';
import type { VisitorClaims } from './visitor-token';
import { regionOfIp } from './geo-region';
import { deviceOf } from './user-agent';

export class ViewPageCommand {
  constructor(
    readonly visitor: VisitorClaims & { returning: boolean; userAgent: string; ip: string },
    readonly visitId: string,
    readonly page: { url: string; title: string; referrer: string },
  ) {}
}

/** K1: the first page of a visit starts it (VisitStarted + PageViewed); later pages add PageViewed. */
@CommandHandler(ViewPageCommand)
export class ViewPageHandler implements ICommandHandler<ViewPageCommand, { visitId: string; position: number }> {
  constructor(
    private readonly streams: DeciderStreams,
    private readonly clock: Clock,
  ) {}

  async execute({ visitor, visitId, page }: ViewPageCommand): Promise<{ visitId: string; position: number }> {
    const now = this.clock.now();
    const started = (await this.streams.load(visit, visitId)).state.started;
    // Looked up only for the first page: the region and device are recorded once, on VisitStarted.
    const enrichment = started ? {} : { region: regionOfIp(visitor.ip), device: deviceOf(visitor.userAgent) };
    const result = await this.streams.handle(
      visit,
      visitId,
      {
        type: 'ViewPage',
        orgId: visitor.orgId,
        siteId: visitor.siteId,
        visitId,
        visitorId: visitor.visitorId,
        returning: visitor.returning,
        url: page.url,
        title: page.title,
        referrer: page.referrer,
        userAgent: visitor.userAgent,
        ip: visitor.ip,
        now,
        ...enrichment,
      },
      // The visit's start is derived from the visit id, so two tabs racing to start it write it once.
      {
        actor: { kind: 'visitor', id: visitor.visitorId },
        now,
        eventId: (e, i) => (e.type === 'VisitStarted' ? derivedId('visit-started', visitId) : derivedId('page', visitId, now, String(i))),
      },
    );
    return { visitId, position: result.position };
  }
}

export class EndVisitCommand {
  constructor(
    readonly visitId: string,
    readonly reason: 'inactive' | 'closed',
  ) {}
}

/** K1: a visit ends after inactivity or when its last tab is gone; a timer firing twice appends nothing (the id is derived). */
@CommandHandler(EndVisitCommand)
export class EndVisitHandler implements ICommandHandler<EndVisitCommand, { position: number; ended: boolean }> {
  constructor(
    private readonly streams: DeciderStreams,
    private readonly clock: Clock,
  ) {}

  async execute({ visitId, reason }: EndVisitCommand): Promise<{ position: number; ended: boolean }> {
    const now = this.clock.now();
    const result = await this.streams.handle(
      visit,
      visitId,
      { type: 'EndVisit', visitId, reason, now },
      { actor: { kind: 'system', id: 'visit-timer' }, now, eventId: () => derivedId('visit-ended', visitId) },
    );
    return { position: result.position, ended: result.appended.length > 0 };
  }
}
