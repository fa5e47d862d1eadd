import { IsEmail, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import type { LoginRequest, RegisterOrgRequest } from '@kefu/contracts';

export class RegisterOrgDto implements RegisterOrgRequest {
  @IsString() @MinLength(1) @MaxLength(100) orgName!: string;
  @IsString() @MinLength(1) @MaxLength(200) website!: string;
  @IsString() @IsEmail() @MaxLength(254) email!: string;
  @IsString() @MinLength(8) @MaxLength(200) password!: string;
  @IsOptional() @IsString() @MaxLength(64) name?: string;
}

export class LoginDto implements LoginRequest {
  @IsString() @MaxLength(254) email!: string;
  @IsString() @MaxLength(200) password!: string;
}
