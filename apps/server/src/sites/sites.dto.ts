import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength, ValidateIf, ValidateNested } from 'class-validator';
import { OptionalField } from '../platform/validation';
import {
  AdminLimits,
  type AddGroupRequest,
  type AssignAgentDetailsRequest,
  type CreateSiteRequest,
  type Distribution,
  type FixedLinkRequest,
  type Language,
  type RenameGroupRequest,
  type ReorderAgentsRequest,
  type ReorderGroupsRequest,
  type UpdateSiteAgentRequest,
  type UpdateSiteRequest,
} from '@kefu/contracts';

const LANGUAGES: Language[] = ['zh-CN', 'zh-TW', 'en'];
const DISTRIBUTIONS: Distribution[] = ['auto', 'regional'];
/** A group id, or '' for "no group". */
const GROUP_ID = /^$|^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export class CreateSiteDto implements CreateSiteRequest {
  @IsString() @MinLength(1) @MaxLength(AdminLimits.siteNameMaxChars) name!: string;
  @IsString() @MinLength(1) @MaxLength(AdminLimits.siteUrlMaxChars) url!: string;
  @OptionalField() @IsIn(LANGUAGES) language?: Language;
  @OptionalField() @IsString() @MaxLength(64) timeZone?: string;
  @OptionalField() @IsArray() @ArrayMaxSize(AdminLimits.allowedDomainsMax) @IsString({ each: true }) @MaxLength(253, { each: true }) allowedDomains?: string[];
}

export class UpdateSiteDto implements UpdateSiteRequest {
  @OptionalField() @IsString() @MinLength(1) @MaxLength(AdminLimits.siteNameMaxChars) name?: string;
  @OptionalField() @IsString() @MinLength(1) @MaxLength(AdminLimits.siteUrlMaxChars) url?: string;
  @OptionalField() @IsIn(LANGUAGES) language?: Language;
  @OptionalField() @IsString() @MaxLength(64) timeZone?: string;
  @OptionalField() @IsArray() @ArrayMaxSize(AdminLimits.allowedDomainsMax) @IsString({ each: true }) @MaxLength(253, { each: true }) allowedDomains?: string[];
  /** G4: checked in characters by the domain (a 21-character title is refused). */
  @OptionalField() @IsString() @MaxLength(200) customTitle?: string;
}

class AgentFieldsDto {
  @OptionalField() @IsString() @MaxLength(AdminLimits.jobNumberMaxChars) jobNumber?: string;
  @OptionalField() @IsString() @MaxLength(254) email?: string;
  @OptionalField() @IsString() @MaxLength(32) phone?: string;
  @OptionalField() @IsString() @Matches(GROUP_ID, { message: 'groupId must be a group id or empty (no group)' }) groupId?: string;
  @OptionalField() @IsIn(DISTRIBUTIONS) distribution?: Distribution;
  @OptionalField()
  @IsArray()
  @ArrayMaxSize(AdminLimits.regionsMax)
  @IsString({ each: true })
  @MaxLength(AdminLimits.regionMaxChars, { each: true })
  regions?: string[];
  /** null = no cap. */
  @OptionalField({ nullable: true }) @IsInt() @Min(1) @Max(AdminLimits.maxChatsMax) maxChats?: number | null;
}

/** D3 assign (first slice: userId + nickname; the rest optional). */
export class AssignAgentDto extends AgentFieldsDto implements AssignAgentDetailsRequest {
  @IsUUID() userId!: string;
  @IsString() @MaxLength(AdminLimits.nicknameMaxChars) nickname!: string;
}

export class UpdateSiteAgentDto extends AgentFieldsDto implements UpdateSiteAgentRequest {
  @OptionalField() @IsString() @MaxLength(AdminLimits.nicknameMaxChars) nickname?: string;
}

export class ReorderAgentsDto implements ReorderAgentsRequest {
  @IsArray() @ArrayMaxSize(1000) @IsUUID('all', { each: true }) userIds!: string[];
}

export class AddGroupDto implements AddGroupRequest {
  @IsString() @MaxLength(AdminLimits.groupNameMaxChars) name!: string;
}

export class RenameGroupDto implements RenameGroupRequest {
  @IsString() @MaxLength(AdminLimits.groupNameMaxChars) name!: string;
}

export class ReorderGroupsDto implements ReorderGroupsRequest {
  @IsArray() @ArrayMaxSize(AdminLimits.groupsMax) @IsUUID('all', { each: true }) groupIds!: string[];
}

export class FixedLinkTargetDto {
  @IsIn(['auto', 'agent', 'group', 'robot']) kind!: 'auto' | 'agent' | 'group' | 'robot';
  @ValidateIf((o: FixedLinkTargetDto) => o.kind === 'agent' || o.agentId !== undefined) @IsUUID() agentId?: string;
  @ValidateIf((o: FixedLinkTargetDto) => o.kind === 'group' || o.groupId !== undefined) @IsUUID() groupId?: string;
}

export class FixedLinkDto implements Omit<FixedLinkRequest, 'target'> {
  @ValidateNested() @Type(() => FixedLinkTargetDto) target!: FixedLinkTargetDto;
  @IsIn(['text', 'image']) style!: 'text' | 'image';
  @OptionalField() @IsString() @MaxLength(AdminLimits.fixedLinkTextMaxChars) text?: string;
  @ValidateIf((o: FixedLinkDto) => o.style === 'image' || o.imageUrl !== undefined) @IsString() @MaxLength(2000) imageUrl?: string;
}
