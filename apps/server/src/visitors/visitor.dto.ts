import { IsString, IsUUID, MaxLength } from 'class-validator';
import { OptionalField } from '../platform/validation';
import type { ChatRequest, PageViewRequest, VisitorSessionRequest } from '@kefu/contracts';

export class VisitorSessionDto implements VisitorSessionRequest {
  @IsUUID() siteId!: string;
  @OptionalField() @IsUUID() visitorId?: string;
  @IsString() @MaxLength(2000) pageUrl!: string;
}

export class PageViewDto implements PageViewRequest {
  @IsUUID() visitId!: string;
  @IsString() @MaxLength(2000) url!: string;
  @IsString() @MaxLength(300) title!: string;
  @OptionalField() @IsString() @MaxLength(2000) referrer?: string;
}

export class ChatRequestDto implements ChatRequest {
  @IsUUID() chatId!: string;
  @IsUUID() visitId!: string;
}
