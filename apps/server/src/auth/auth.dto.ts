import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsEmail, IsString, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { CannedResponseDto } from '../chat-settings/canned-response.dto';
import { OptionalField } from '../platform/validation';
import { Limits, type ChangePasswordRequest, type OwnCannedResponses, type RegisterOrgRequest } from '@kefu/contracts';

export class RegisterOrgDto implements RegisterOrgRequest {
  @IsString() @MinLength(1) @MaxLength(100) orgName!: string;
  @IsString() @MinLength(1) @MaxLength(200) website!: string;
  @IsString() @IsEmail() @MaxLength(254) email!: string;
  @IsString() @MinLength(8) @MaxLength(200) password!: string;
  @OptionalField() @IsString() @MaxLength(64) name?: string;
}

/** `{ email, password }` (first slice) or `{ login, password }` where login is an e-mail address or a phone number. */
export class LoginDto {
  @OptionalField() @IsString() @MaxLength(254) email?: string;
  @OptionalField() @IsString() @MaxLength(254) login?: string;
  @IsString() @MaxLength(200) password!: string;
}

/** B5: one's own canned responses (sizes and uniqueness checked by the decider, which names the entry). */
export class OwnCannedResponsesDto implements OwnCannedResponses {
  @IsArray() @ArrayMaxSize(Limits.cannedMax) @ValidateNested({ each: true }) @Type(() => CannedResponseDto) cannedResponses!: CannedResponseDto[];
}

export class ChangePasswordDto implements ChangePasswordRequest {
  @IsString() @MaxLength(200) currentPassword!: string;
  @IsString() @MinLength(8) @MaxLength(200) newPassword!: string;
}
