import { IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength, ValidateIf } from 'class-validator';
import { AdminLimits, type SetSeatLimitRequest, type UpdateOrganisationRequest } from '@kefu/contracts';

export class UpdateOrganisationDto implements UpdateOrganisationRequest {
  @IsOptional() @IsString() @MinLength(1) @MaxLength(AdminLimits.orgNameMaxChars) name?: string;
  @IsOptional() @IsString() @MinLength(1) @MaxLength(AdminLimits.websiteMaxChars) website?: string;
}

export class SetSeatLimitDto implements SetSeatLimitRequest {
  /** null = unlimited; the field itself is required. */
  @ValidateIf((_o, v) => v !== null) @IsInt() @Min(0) @Max(AdminLimits.seatLimitMax) limit!: number | null;
}
