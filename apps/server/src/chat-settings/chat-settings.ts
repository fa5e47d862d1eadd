import { Body, Controller, Get, Param, ParseUUIDPipe, Put } from '@nestjs/common';
import { CommandBus, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Injectable } from '@nestjs/common';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsEmail, IsIn, IsInt, IsString, MaxLength, Min, ValidateNested } from 'class-validator';
import { OptionalField } from '../platform/validation';
import { CannedResponseDto } from './canned-response.dto';
import { assertSiteOfOrg, CATEGORIES_MAX, chatSettings, site, type ChatSettings, type ChatSettingsChanges } from '@kefu/domain';
import {
  Limits,
  WINDOW_POSITIONS,
  WINDOW_THEMES,
  type ChangeChatSettingsRequest,
  type ChatSettingsView,
  type WindowPosition,
  type WindowTheme,
} from '@kefu/contracts';
import { CurrentPrincipal, Roles } from '../auth/auth.guard';
import type { Principal } from '../auth/principal';
import { Clock } from '../platform/clock';
import { DeciderStreams } from '../platform/decider-streams';

/** A site's conversation settings, folded from `chat-settings-{siteId}` (defaults until changed). */
@Injectable()
export class ChatSettingsReader {
  constructor(private readonly streams: DeciderStreams) {}

  async of(siteId: string): Promise<ChatSettings> {
    return (await this.streams.load(chatSettings, siteId)).state.settings;
  }
}

class AutoRuleDto {
  @OptionalField() @IsBoolean() enabled?: boolean;
  @OptionalField() @IsInt() afterSeconds?: number;
  @OptionalField() @IsInt() maxRefusals?: number;
  @OptionalField() @IsInt() waitAfterRefusalSeconds?: number;
}
class InvitationSettingsDto {
  @OptionalField() @ValidateNested() @Type(() => AutoRuleDto) auto?: AutoRuleDto;
  @OptionalField() @IsInt() manualMaxPerVisitor?: number;
  @OptionalField() @IsString() @MaxLength(200) greeting?: string;
}
class RatingSettingsDto {
  @OptionalField() @IsBoolean() enabled?: boolean;
  @OptionalField() @IsInt() alertBelow?: number;
  @OptionalField() @IsArray() @ArrayMaxSize(20) @IsEmail({}, { each: true }) alertRecipients?: string[];
}
class RequestLimitDto {
  @IsInt() @Min(1) max!: number;
  @IsInt() @Min(1) windowSeconds!: number;
}
class LeaveMessageSettingsDto {
  @IsArray() @ArrayMaxSize(20) @IsEmail({}, { each: true }) forwardTo!: string[];
}
class WindowButtonDto {
  @OptionalField() @IsString() @MaxLength(200) text?: string;
  @OptionalField() @IsInt() width?: number;
  @OptionalField() @IsInt() height?: number;
  @OptionalField() @IsString() @MaxLength(1000) imageUrl?: string;
}
class InvitationWindowDto {
  @OptionalField() @IsIn(WINDOW_POSITIONS) position?: WindowPosition;
  @OptionalField() @IsBoolean() floating?: boolean;
  @OptionalField() @IsIn(WINDOW_THEMES) theme?: WindowTheme;
  @OptionalField() @IsString() @MaxLength(1000) imageUrl?: string;
  @OptionalField() @IsBoolean() showTitle?: boolean;
  @OptionalField() @IsBoolean() showGreeting?: boolean;
  @OptionalField() @ValidateNested() @Type(() => WindowButtonDto) accept?: WindowButtonDto;
  @OptionalField() @ValidateNested() @Type(() => WindowButtonDto) decline?: WindowButtonDto;
}
class DirectChatWindowDto {
  @OptionalField() @IsInt() width?: number;
  @OptionalField() @IsInt() height?: number;
  @OptionalField() @IsIn(WINDOW_POSITIONS) position?: WindowPosition;
}
class WindowSettingsDto {
  @OptionalField() @ValidateNested() @Type(() => InvitationWindowDto) invitation?: InvitationWindowDto;
  @OptionalField() @ValidateNested() @Type(() => DirectChatWindowDto) directChat?: DirectChatWindowDto;
}
export class ChangeChatSettingsDto implements ChangeChatSettingsRequest {
  @OptionalField() @ValidateNested() @Type(() => InvitationSettingsDto) invitation?: InvitationSettingsDto;
  @OptionalField() @IsBoolean() typingPreview?: boolean;
  @OptionalField() @ValidateNested() @Type(() => RatingSettingsDto) rating?: RatingSettingsDto;
  @OptionalField({ nullable: true }) @ValidateNested() @Type(() => RequestLimitDto) chatRequestLimit?: RequestLimitDto | null;
  @OptionalField() @ValidateNested() @Type(() => LeaveMessageSettingsDto) leaveMessage?: LeaveMessageSettingsDto;
  /** C3, C5 (ranges checked by the decider, which names the field). */
  @OptionalField() @ValidateNested() @Type(() => WindowSettingsDto) windows?: WindowSettingsDto;
  /** H1 (sizes and uniqueness checked by the decider, which names the entry). */
  @OptionalField()
  @IsArray()
  @ArrayMaxSize(Limits.cannedMax)
  @ValidateNested({ each: true })
  @Type(() => CannedResponseDto)
  cannedResponses?: CannedResponseDto[];
  @OptionalField()
  @IsArray()
  @ArrayMaxSize(CATEGORIES_MAX)
  @IsString({ each: true })
  @MaxLength(Limits.categoryMaxChars, { each: true, message: `a category has at most ${Limits.categoryMaxChars} characters` })
  categories?: string[];
}

export class ChangeChatSettingsCommand {
  constructor(
    readonly principal: Principal,
    readonly siteId: string,
    readonly changes: ChatSettingsChanges,
  ) {}
}

@CommandHandler(ChangeChatSettingsCommand)
export class ChangeChatSettingsHandler implements ICommandHandler<ChangeChatSettingsCommand, { position: number; settings: ChatSettings }> {
  constructor(
    private readonly streams: DeciderStreams,
    private readonly clock: Clock,
  ) {}

  async execute({ principal, siteId, changes }: ChangeChatSettingsCommand): Promise<{ position: number; settings: ChatSettings }> {
    const now = this.clock.now();
    const { state } = await this.streams.load(site, siteId);
    assertSiteOfOrg(state, principal.orgId);
    const result = await this.streams.handle(
      chatSettings,
      siteId,
      { type: 'ChangeChatSettings', orgId: principal.orgId, siteId, siteOrgId: state.orgId, changes, now },
      { actor: { kind: 'user', id: principal.userId }, now },
    );
    return { position: result.position, settings: result.state.settings };
  }
}

/** F2, B4, I7, C6, H3, C3, C5, H1: GET/PUT /api/sites/:siteId/chat-settings (owner, admin). */
@Controller('sites/:siteId/chat-settings')
export class ChatSettingsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly streams: DeciderStreams,
    private readonly reader: ChatSettingsReader,
  ) {}

  @Get()
  @Roles('owner', 'admin')
  async get(@CurrentPrincipal() principal: Principal, @Param('siteId', ParseUUIDPipe) siteId: string): Promise<ChatSettingsView> {
    const { state } = await this.streams.load(site, siteId);
    assertSiteOfOrg(state, principal.orgId);
    return { siteId, ...(await this.reader.of(siteId)) };
  }

  @Put()
  @Roles('owner', 'admin')
  async put(
    @CurrentPrincipal() principal: Principal,
    @Param('siteId', ParseUUIDPipe) siteId: string,
    @Body() body: ChangeChatSettingsDto,
  ): Promise<ChatSettingsView & { position: number }> {
    const result: { position: number; settings: ChatSettings } = await this.commands.execute(
      new ChangeChatSettingsCommand(principal, siteId, body as ChatSettingsChanges),
    );
    return { siteId, ...result.settings, position: result.position };
  }
}
