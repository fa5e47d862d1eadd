import { MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import express from 'express';
import { AdminLimits } from '@kefu/contracts';
import { AddEmployeeHandler } from './add-employee';
import { EmployeesController } from './employees.controller';

const csvText = express.text({ type: ['text/csv', 'text/plain'], limit: AdminLimits.csvMaxBytes });

/** Reads a `text/csv` body up to 1 MB; a larger file gets a clear 413 instead of a half-read body. */
function csvBody(req: Request, res: Response, next: NextFunction): void {
  csvText(req, res, (error?: unknown) => {
    if (!error) return next();
    const status = (error as { status?: number }).status ?? 400;
    const message = status === 413 ? `the file is larger than ${AdminLimits.csvMaxBytes / 1_048_576} MB; split it` : 'the file could not be read as UTF-8 text';
    res.status(status).json({ code: 'INVALID', message });
  });
}

@Module({
  controllers: [EmployeesController],
  providers: [AddEmployeeHandler],
})
export class EmployeesModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(csvBody).forRoutes({ path: 'employees/import', method: RequestMethod.POST });
  }
}
