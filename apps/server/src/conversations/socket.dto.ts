import { DomainError } from '@kefu/domain';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, MaxLength, Min } from 'class-validator';
import { Limits, type CloseChatRequest, type ResumeRequest, type SendMessageRequest, type SetStatusRequest } from '@kefu/contracts';
import type { AgentStatus } from '@kefu/contracts';

export class SendMessageDto implements SendMessageRequest {
  @IsUUID() chatId!: string;
  @IsUUID() clientId!: string;
  @IsString() @MaxLength(Limits.messageMaxChars, { message: `a message has at most ${Limits.messageMaxChars} characters` }) text!: string;
}

export class ResumeDto implements ResumeRequest {
  @IsUUID() chatId!: string;
  @IsOptional() @IsInt() @Min(0) after?: number;
}

export class CloseChatDto implements CloseChatRequest {
  @IsUUID() chatId!: string;
}

export class SetStatusDto implements SetStatusRequest {
  @IsIn(['online', 'away', 'busy', 'offline']) status!: AgentStatus;
}

/** For events that take no arguments: anything but nothing or an empty object is refused. */
export function assertEmpty(body: unknown): void {
  if (body === undefined || body === null) return;
  if (typeof body === 'object' && !Array.isArray(body) && Object.keys(body).length === 0) return;
  throw new DomainError('INVALID', 'this event takes no arguments: send {}');
}
