import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import type { AssignAgentRequest, CreateSiteRequest, Language } from '@kefu/contracts';

export class CreateSiteDto implements CreateSiteRequest {
  @IsString() @MinLength(1) @MaxLength(100) name!: string;
  @IsString() @MinLength(1) @MaxLength(500) url!: string;
  @IsOptional() @IsIn(['zh-CN', 'zh-TW', 'en']) language?: Language;
  @IsOptional() @IsString() @MaxLength(64) timeZone?: string;
  @IsOptional() @IsArray() @ArrayMaxSize(50) @IsString({ each: true }) @MaxLength(253, { each: true }) allowedDomains?: string[];
}

export class AssignAgentDto implements AssignAgentRequest {
  @IsUUID() userId!: string;
  @IsString() @MaxLength(32) nickname!: string;
}
