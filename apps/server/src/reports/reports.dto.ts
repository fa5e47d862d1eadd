import { IsIn, IsString, Matches, MaxLength } from 'class-validator';
import { OptionalField } from '../platform/validation';
import { GRANULARITIES, type Granularity, type RegionLevel } from '@kefu/contracts';

/** Query of every statistics report; unknown parameters are refused like unknown body fields. */
export class ReportQueryDto {
  @OptionalField() @IsString() @MaxLength(10) from?: string;
  @OptionalField() @IsString() @MaxLength(10) to?: string;
  @OptionalField() @IsIn(GRANULARITIES) granularity?: Granularity;
  /** J2: one page's trend. */
  @OptionalField() @IsString() @MaxLength(2000) url?: string;
  /** J3: one source's trend (`direct`, `search:<engine>`, `referral:<host>`). */
  @OptionalField() @IsString() @MaxLength(300) source?: string;
  /** J5 */
  @OptionalField() @IsIn(['country', 'province', 'city']) level?: RegionLevel;
  @OptionalField() @IsString() @Matches(/^\d{1,15}$/) waitFor?: string;
}
