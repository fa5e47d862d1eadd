import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { presence, type AgentStatus } from '@kefu/domain';
import type { Principal } from '../auth/principal';
import { Clock } from '../platform/clock';
import { DeciderStreams } from '../platform/decider-streams';
import { ProjectorService } from '../platform/projector.service';

export class SetAgentStatusCommand {
  constructor(
    readonly principal: Principal,
    readonly status: AgentStatus,
    readonly reason: 'chosen' | 'disconnected',
  ) {}
}

/** B10: the agent's status, on the agent's own stream. */
@CommandHandler(SetAgentStatusCommand)
export class SetAgentStatusHandler implements ICommandHandler<SetAgentStatusCommand, { position: number }> {
  constructor(
    private readonly streams: DeciderStreams,
    private readonly projector: ProjectorService,
    private readonly clock: Clock,
  ) {}

  async execute({ principal, status, reason }: SetAgentStatusCommand): Promise<{ position: number }> {
    const now = this.clock.now();
    const result = await this.streams.handle(
      presence,
      principal.userId,
      { type: 'SetAgentStatus', userId: principal.userId, orgId: principal.orgId, status, reason, now },
      { actor: { kind: reason === 'chosen' ? 'user' : 'system', id: principal.userId }, now },
    );
    // Routing reads presence from the read model: make "I am online" effective before answering.
    await this.projector.waitFor(result.position);
    return { position: result.position };
  }
}
