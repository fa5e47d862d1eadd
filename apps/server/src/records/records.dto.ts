import { IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import type { ChatRecordQuery, LeaveMessageQuery, RatingQuery, VisitorKind, VisitQuery } from '@kefu/contracts';

const COUNT = /^\d{1,6}$/;

class PagedQuery {
  @IsOptional() @IsString() @MaxLength(10) from?: string;
  @IsOptional() @IsString() @MaxLength(10) to?: string;
  @IsOptional() @IsString() @Matches(COUNT) limit?: string;
  @IsOptional() @IsString() @Matches(COUNT) skip?: string;
  @IsOptional() @IsString() @Matches(/^\d{1,15}$/) waitFor?: string;
}

export class ChatRecordQueryDto extends PagedQuery implements Omit<ChatRecordQuery, 'limit' | 'skip'> {
  @IsOptional() @IsString() @MaxLength(32) category?: string;
  @IsOptional() @IsIn(['queued', 'active', 'closed']) status?: 'queued' | 'active' | 'closed';
  @IsOptional() @IsUUID() agentId?: string;
  @IsOptional() @IsString() @MinLength(1) @MaxLength(100) q?: string;
}

export class VisitQueryDto extends PagedQuery implements Omit<VisitQuery, 'limit' | 'skip'> {
  @IsOptional() @IsIn(['member', 'intent', 'returning', 'new']) kind?: VisitorKind;
  @IsOptional() @IsIn(['yes', 'no']) chatted?: 'yes' | 'no';
  @IsOptional() @IsIn(['online', 'ended']) status?: 'online' | 'ended';
}

export class LeaveMessageQueryDto extends PagedQuery implements Omit<LeaveMessageQuery, 'limit' | 'skip'> {
  @IsOptional() @IsIn(['new', 'handled']) status?: 'new' | 'handled';
  @IsOptional() @IsString() @MinLength(1) @MaxLength(100) q?: string;
}

export class RatingQueryDto extends PagedQuery implements Omit<RatingQuery, 'limit' | 'skip' | 'score'> {
  @IsOptional() @IsUUID() agentId?: string;
  @IsOptional() @IsIn(['1', '2', '3', '4', '5']) score?: string;
}
