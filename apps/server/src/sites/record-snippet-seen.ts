import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { installCheck, pageOfUrl } from '@kefu/domain';
import { Clock } from '../platform/clock';
import { DeciderStreams } from '../platform/decider-streams';

export class RecordSnippetSeenCommand {
  constructor(
    readonly orgId: string,
    readonly siteId: string,
    readonly pageUrl: string,
  ) {}
}

const HOUR_MS = 3_600_000;
const REMEMBERED = 10_000;

/**
 * E1 install check: the widget started on a customer's page. The decider records a page at most
 * once an hour; this process also remembers what it recorded, so most widget starts do not even
 * read the stream.
 */
@CommandHandler(RecordSnippetSeenCommand)
export class RecordSnippetSeenHandler implements ICommandHandler<RecordSnippetSeenCommand, void> {
  private readonly recent = new Map<string, number>();

  constructor(
    private readonly streams: DeciderStreams,
    private readonly clock: Clock,
  ) {}

  async execute({ orgId, siteId, pageUrl }: RecordSnippetSeenCommand): Promise<void> {
    const page = pageOfUrl(pageUrl);
    const key = `${siteId} ${page}`;
    const now = this.clock.now();
    const last = this.recent.get(key);
    if (last !== undefined && Date.parse(now) - last < HOUR_MS) return;
    await this.streams.handle(
      installCheck,
      siteId,
      { type: 'RecordSnippetSeen', orgId, siteId, page, now },
      { actor: { kind: 'system', id: 'install-check' }, now },
    );
    this.recent.delete(key);
    this.recent.set(key, Date.parse(now));
    if (this.recent.size > REMEMBERED) {
      const oldest = this.recent.keys().next().value;
      if (oldest !== undefined) this.recent.delete(oldest);
    }
  }
}
