import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { SecurityModule } from '../security/security.module';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { RegisterOrganisationHandler } from './register-organisation';
import { Sessions } from './sessions';

@Module({
  imports: [SecurityModule],
  controllers: [AuthController],
  providers: [Sessions, RegisterOrganisationHandler, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [Sessions],
})
export class AuthModule {}
