import { Logger } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { chat } from '@kefu/domain';
import { ChatSettingsReader } from '../chat-settings/chat-settings';
import { Mailer } from '../notifications/mailer';
import { Clock } from '../platform/clock';
import { DeciderStreams } from '../platform/decider-streams';
import { derivedId } from '../platform/ids';

export class RateChatCommand {
  constructor(
    readonly chatId: string,
    readonly visitorId: string,
    readonly score: number,
    readonly suggestion: string,
  ) {}
}

/** I7: one rating per chat, linked to it and its agent; a score below the site's threshold alerts the chosen people by e-mail. */
@CommandHandler(RateChatCommand)
export class RateChatHandler implements ICommandHandler<RateChatCommand, { position: number; alerted: boolean }> {
  private readonly logger = new Logger('ratings');

  constructor(
    private readonly streams: DeciderStreams,
    private readonly settings: ChatSettingsReader,
    private readonly mailer: Mailer,
    private readonly clock: Clock,
  ) {}

  async execute({ chatId, visitorId, score, suggestion }: RateChatCommand): Promise<{ position: number; alerted: boolean }> {
    const now = this.clock.now();
    const current = (await this.streams.load(chat, chatId)).state;
    const settings = await this.settings.of(current.siteId);
    const result = await this.streams.handle(
      chat,
      chatId,
      { type: 'RateChat', visitorId, score, suggestion, ratingEnabled: settings.rating.enabled, now },
      { actor: { kind: 'visitor', id: visitorId }, now, eventId: () => derivedId('rated', chatId) },
    );
    const { alertBelow, alertRecipients } = settings.rating;
    if (result.appended.length === 0 || score >= alertBelow || alertRecipients.length === 0) return { position: result.position, alerted: false };
    const alerted = await this.mailer
      .send({
        to: alertRecipients,
        subject: `低分评价 ${score}/5 — ${result.state.agentName ?? ''}`,
        text: `会话 ${chatId} 收到 ${score} 分（低于 ${alertBelow} 分）。\n客服：${result.state.agentName ?? ''}\n建议：${suggestion || '（无）'}\n时间：${now}`,
      })
      .catch((error: unknown) => {
        this.logger.warn(`rating alert for ${chatId} not sent: ${String(error)}`);
        return false;
      });
    return { position: result.position, alerted };
  }
}
