import { IsInt, IsString, Max, MaxLength, Min, MinLength, ValidateIf } from 'class-validator';
import { OptionalField } from '../platform/validation';
import { AdminLimits, type SetSeatLimitRequest, type UpdateOrganisationRequest } from '@kefu/contracts';

export class UpdateOrganisationDto implements UpdateOrganisationRequest {
  @OptionalField() @IsString() @MinLength(1) @MaxLength(AdminLimits.orgNameMaxChars) name?: string;
  @OptionalField() @IsString() @MinLength(1) @MaxLength(AdminLimits.websiteMaxChars) website?: string;
}

export class SetSeatLimitDto implements SetSeatLimitRequest {
  /** null = unlimited; the field itself is required. */
  @ValidateIf((_o, v) => v !== null) @IsInt() @Min(0) @Max(AdminLimits.seatLimitMax) limit!: number | null;
}
