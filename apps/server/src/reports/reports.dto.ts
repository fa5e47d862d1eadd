import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { GRANULARITIES, type Granularity, type RegionLevel } from '@kefu/contracts';

/** Query of every statistics report; unknown parameters are refused like unknown body fields. */
export class ReportQueryDto {
  @IsOptional() @IsString() @MaxLength(10) from?: string;
  @IsOptional() @IsString() @MaxLength(10) to?: string;
  @IsOptional() @IsIn(GRANULARITIES) granularity?: Granularity;
  /** J2: one page's trend. */
  @IsOptional() @IsString() @MaxLength(2000) url?: string;
  /** J3: one source's trend (`direct`, `search:<engine>`, `referral:<host>`). */
  @IsOptional() @IsString() @MaxLength(300) source?: string;
  /** J5 */
  @IsOptional() @IsIn(['country', 'province', 'city']) level?: RegionLevel;
  @IsOptional() @IsString() @Matches(/^\d{1,15}$/) waitFor?: string;
}
