import { ArrayMaxSize, ArrayMinSize, IsArray, IsEmail, IsIn, IsString, MaxLength, MinLength } from 'class-validator';
import { OptionalField } from '../platform/validation';
import { ROLES, type Role } from '@kefu/domain';
import {
  AdminLimits,
  type AddEmployeeRequest,
  type ImportEmployeesRequest,
  type RenameEmployeeRequest,
  type ResetPasswordRequest,
  type SetRolesRequest,
} from '@kefu/contracts';

export class AddEmployeeDto implements AddEmployeeRequest {
  @OptionalField() @IsString() @IsEmail() @MaxLength(254) email?: string;
  @OptionalField() @IsString() @MaxLength(32) phone?: string;
  @IsString() @MinLength(1) @MaxLength(AdminLimits.nameMaxChars) name!: string;
  @IsString() @MinLength(AdminLimits.passwordMinChars) @MaxLength(AdminLimits.passwordMaxChars) password!: string;
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(ROLES.length) @IsIn([...ROLES], { each: true }) roles!: Role[];
}

export class ImportEmployeesDto implements ImportEmployeesRequest {
  @IsString() @MaxLength(AdminLimits.csvMaxBytes) csv!: string;
}

export class SetRolesDto implements SetRolesRequest {
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(ROLES.length) @IsIn([...ROLES], { each: true }) roles!: Role[];
}

export class RenameEmployeeDto implements RenameEmployeeRequest {
  @IsString() @MaxLength(AdminLimits.nameMaxChars * 2) name!: string;
}

export class ResetPasswordDto implements ResetPasswordRequest {
  @IsString() @MinLength(AdminLimits.passwordMinChars) @MaxLength(AdminLimits.passwordMaxChars) password!: string;
}
