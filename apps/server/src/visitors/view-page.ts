import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { visit } from '@kefu/domain';
import { Clock } from '../platform/clock';
import { DeciderStreams } from '../platform/decider-streams';
import { derivedId } from '../platform/ids';
import type { VisitorClaims } from './visitor-token';

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
