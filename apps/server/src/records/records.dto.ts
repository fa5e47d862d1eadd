import { IsIn, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { OptionalField } from '../platform/validation';
import type { ChatRecordQuery, LeaveMessageQuery, RatingQuery, VisitorKind, VisitQuery } from '@kefu/contracts';

const COUNT = /^\d{1,6}$/;

class PagedQuery {
  @OptionalField() @IsString() @MaxLength(10) from?: string;
  @OptionalField() @IsString() @MaxLength(10) to?: string;
  @OptionalField() @IsString() @Matches(COUNT) limit?: string;
  @OptionalField() @IsString() @Matches(COUNT) skip?: string;
  @OptionalField() @IsString() @Matches(/^\d{1,15}$/) waitFor?: string;
}

export class ChatRecordQueryDto extends PagedQuery implements Omit<ChatRecordQuery, 'limit' | 'skip'> {
  @OptionalField() @IsString() @MaxLength(32) category?: string;
  @OptionalField() @IsIn(['queued', 'active', 'closed']) status?: 'queued' | 'active' | 'closed';
  @OptionalField() @IsUUID() agentId?: string;
  @OptionalField() @IsString() @MinLength(1) @MaxLength(100) q?: string;
}

export class VisitQueryDto extends PagedQuery implements Omit<VisitQuery, 'limit' | 'skip'> {
  @OptionalField() @IsIn(['member', 'intent', 'returning', 'new']) kind?: VisitorKind;
  @OptionalField() @IsIn(['yes', 'no']) chatted?: 'yes' | 'no';
  @OptionalField() @IsIn(['online', 'ended']) status?: 'online' | 'ended';
}

export class LeaveMessageQueryDto extends PagedQuery implements Omit<LeaveMessageQuery, 'limit' | 'skip'> {
  @OptionalField() @IsIn(['new', 'handled']) status?: 'new' | 'handled';
  @OptionalField() @IsString() @MinLength(1) @MaxLength(100) q?: string;
}

export class RatingQueryDto extends PagedQuery implements Omit<RatingQuery, 'limit' | 'skip' | 'score'> {
  @OptionalField() @IsUUID() agentId?: string;
  @OptionalField() @IsIn(['1', '2', '3', '4', '5']) score?: string;
}
