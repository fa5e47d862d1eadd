import { DomainError, type ChatTarget } from '@kefu/domain';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsString, IsUUID, MaxLength, Min, ValidateNested } from 'class-validator';
import {
  LeaveMessageLimits,
  Limits,
  type AcceptInvitationRequest,
  type AgentTypingRequest,
  type AttachmentView,
  type CategoriseChatRequest,
  type ChatRequestIdRequest,
  type CloseChatRequest,
  type DeclineInvitationRequest,
  type LeaveMessageRequest,
  type LeaveVisitRequest,
  type OpenChatRequest,
  type RateChatRequest,
  type ResumeRequest,
  type SendInvitationRequest,
  type SendMessageRequest,
  type SetStatusRequest,
  type VisitorsRequest,
  type VisitorTypingRequest,
  type VisitRequest,
} from '@kefu/contracts';
import type { AgentStatus } from '@kefu/contracts';
import { acceptPlain, UUID_PATTERN, OptionalField } from '../platform/validation';

export class SendMessageDto implements SendMessageRequest {
  @IsUUID() chatId!: string;
  @IsUUID() clientId!: string;
  @IsString() @MaxLength(Limits.messageMaxChars, { message: `a message has at most ${Limits.messageMaxChars} characters` }) text!: string;
}

export class ResumeDto implements ResumeRequest {
  @IsUUID() chatId!: string;
  @OptionalField() @IsInt() @Min(0) after?: number;
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

class ChatTargetDto {
  @IsIn(['auto', 'group', 'agent']) kind!: 'auto' | 'group' | 'agent';
  @OptionalField() @IsUUID() groupId?: string;
  @OptionalField() @IsUUID() agentId?: string;
}

/** A ChatTarget from its DTO: a group target needs groupId, an agent target agentId. */
export function targetOf(dto: { kind: 'auto' | 'group' | 'agent'; groupId?: string; agentId?: string } | undefined): ChatTarget | undefined {
  if (!dto || dto.kind === 'auto') return dto ? { kind: 'auto' } : undefined;
  if (dto.kind === 'group') {
    if (!dto.groupId) throw new DomainError('INVALID', 'target.groupId is required for a group target');
    return { kind: 'group', groupId: dto.groupId };
  }
  if (!dto.agentId) throw new DomainError('INVALID', 'target.agentId is required for an agent target');
  return { kind: 'agent', agentId: dto.agentId };
}

export class AttachmentDto implements AttachmentView {
  @IsIn(['image', 'file']) kind!: 'image' | 'file';
  @IsString() @MaxLength(Limits.attachmentRefMaxChars) ref!: string;
  @IsString() @MaxLength(Limits.attachmentNameMaxChars) name!: string;
  @OptionalField() @IsInt() @Min(0) size?: number;
  @OptionalField() @IsString() @MaxLength(100) mime?: string;
}

export class SendMessageWithAttachmentDto extends SendMessageDto {
  @OptionalField() @ValidateNested() @Type(() => AttachmentDto) attachment?: AttachmentDto;
}

/** chat:send's usual payload (three strings, nothing else), as the decorators above would accept it. */
function isPlainMessage(v: Record<string, unknown>): boolean {
  return (
    Object.keys(v).length === 3 &&
    typeof v['chatId'] === 'string' &&
    UUID_PATTERN.test(v['chatId']) &&
    typeof v['clientId'] === 'string' &&
    UUID_PATTERN.test(v['clientId']) &&
    typeof v['text'] === 'string' &&
    // String length ≥ the characters @MaxLength counts (it counts a surrogate pair once): never more lenient.
    v['text'].length <= Limits.messageMaxChars
  );
}
acceptPlain(SendMessageDto, isPlainMessage);
acceptPlain(SendMessageWithAttachmentDto, isPlainMessage);

export class ChatRequestWithTargetDto {
  @IsUUID() chatId!: string;
  @IsUUID() visitId!: string;
  @OptionalField() @ValidateNested() @Type(() => ChatTargetDto) target?: ChatTargetDto;
}

export class VisitorTypingDto implements VisitorTypingRequest {
  @IsUUID() chatId!: string;
  @IsBoolean() typing!: boolean;
  @IsString() @MaxLength(Limits.draftMaxChars) draft!: string;
}
export class AgentTypingDto implements AgentTypingRequest {
  @IsUUID() chatId!: string;
  @IsBoolean() typing!: boolean;
}
export class RateChatDto implements RateChatRequest {
  @IsUUID() chatId!: string;
  @IsInt() score!: number;
  @OptionalField() @IsString() @MaxLength(Limits.suggestionMaxChars) suggestion?: string;
}
export class AcceptInvitationDto implements AcceptInvitationRequest {
  @IsUUID() invitationId!: string;
  @IsUUID() chatId!: string;
  @IsUUID() visitId!: string;
}
export class DeclineInvitationDto implements DeclineInvitationRequest {
  @IsUUID() invitationId!: string;
}
export class LeaveMessageDto implements LeaveMessageRequest {
  @IsUUID() leaveMessageId!: string;
  @OptionalField() @IsUUID() visitId?: string;
  @IsString() @MaxLength(LeaveMessageLimits.nameMaxChars) name!: string;
  @OptionalField() @IsString() @MaxLength(LeaveMessageLimits.phoneMaxChars) phone?: string;
  @OptionalField() @IsString() @MaxLength(LeaveMessageLimits.emailMaxChars) email?: string;
  @IsString() @MaxLength(LeaveMessageLimits.contentMaxChars) content!: string;
}
export class LeaveVisitDto implements LeaveVisitRequest {
  @IsUUID() visitId!: string;
}
export class VisitorsDto implements VisitorsRequest {
  @OptionalField() @IsUUID() siteId?: string;
}
export class VisitDto implements VisitRequest {
  @IsUUID() visitId!: string;
}
export class SendInvitationDto implements SendInvitationRequest {
  @IsUUID() invitationId!: string;
  @IsUUID() visitId!: string;
}
export class OpenChatDto implements OpenChatRequest {
  @IsUUID() chatId!: string;
  @IsUUID() visitId!: string;
}
class TransferTargetDto {
  @IsIn(['agent', 'group']) kind!: 'agent' | 'group';
  @OptionalField() @IsUUID() agentId?: string;
  @OptionalField() @IsUUID() groupId?: string;
}
export class TransferChatDto {
  @IsUUID() chatId!: string;
  @ValidateNested() @Type(() => TransferTargetDto) to!: TransferTargetDto;
  @OptionalField() @IsString() @MaxLength(Limits.transferReasonMaxChars) reason?: string;
}
export class CategoriseChatDto implements CategoriseChatRequest {
  @IsUUID() chatId!: string;
  @IsString() @MaxLength(Limits.categoryMaxChars) category!: string;
}
export class ChatIdDto implements ChatRequestIdRequest {
  @IsUUID() chatId!: string;
}
