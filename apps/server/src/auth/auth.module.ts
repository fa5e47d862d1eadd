import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { HttpThrottlerGuard } from '../security/rate-limits';
import { SecurityModule } from '../security/security.module';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { RegisterOrganisationHandler } from './register-organisation';
import { Sessions } from './sessions';

@Module({
  imports: [SecurityModule],
  controllers: [AuthController],
  // Global guards run in this order: the flood guard first, then the session and role guard.
  providers: [Sessions, RegisterOrganisationHandler, { provide: APP_GUARD, useClass: HttpThrottlerGuard }, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [Sessions],
})
export class AuthModule {}
