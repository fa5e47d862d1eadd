import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { presence, seatChange, seats, type AgentStatus } from '@kefu/domain';
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

/**
 * B10: the agent's status, on the agent's own stream. D4/G11: going from offline to
 * online/away/busy first takes a seat on `seats-{orgId}` (appended with its expected revision, so
 * two agents cannot take the last seat at once); beyond the limit the change is refused with
 * RULE_VIOLATED and the status stays offline. Going offline releases the seat.
 */
@CommandHandler(SetAgentStatusCommand)
export class SetAgentStatusHandler implements ICommandHandler<SetAgentStatusCommand, { position: number }> {
  constructor(
    private readonly streams: DeciderStreams,
    private readonly projector: ProjectorService,
    private readonly clock: Clock,
  ) {}

  async execute({ principal, status, reason }: SetAgentStatusCommand): Promise<{ position: number }> {
    const now = this.clock.now();
    const { userId, orgId } = principal;
    const actor = { kind: reason === 'chosen' ? ('user' as const) : ('system' as const), id: userId };
    const current = (await this.streams.load(presence, userId)).state.status;
    let position = 0;
    if (seatChange(current, status) === 'take') {
      position = (await this.streams.handle(seats, orgId, { type: 'TakeSeat', orgId, userId, now }, { actor, now })).position;
    }
    const result = await this.streams.handle(presence, userId, { type: 'SetAgentStatus', userId, orgId, status, reason, now }, { actor, now });
    position = Math.max(position, result.position);
    // Released whenever the agent is offline, so a seat left behind by an interrupted change is freed too.
    if (status === 'offline')
      position = Math.max(position, (await this.streams.handle(seats, orgId, { type: 'ReleaseSeat', orgId, userId, now }, { actor, now })).position);
    // Routing reads presence from the read model: make "I am online" effective before answering.
    await this.projector.waitFor(position);
    return { position };
  }
}
