import { ValidationError, ValidationPipe } from '@nestjs/common';
import { DomainError } from '@kefu/domain';

function flatten(errors: ValidationError[], parent = ''): { field: string; problems: string[] }[] {
  return errors.flatMap((e) => {
    const field = parent ? `${parent}.${e.property}` : e.property;
    const own = e.constraints ? [{ field, problems: Object.values(e.constraints) }] : [];
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

/**
 * Validate every input at the edge: unknown fields are refused (not silently dropped), types are
 * checked without implicit conversion, so `{ "$gt": "" }` where a string belongs is an error.
 * Used for HTTP bodies/queries and for socket payloads alike.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => {
      const details = flatten(errors);
      const message = details.map((d) => `${d.field}: ${d.problems.join(', ')}`).join('; ');
      return new DomainError('INVALID', message || 'invalid input', details);
    },
  });
}
