import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { DomainError } from '@kefu/domain';

function flatten(errors: ValidationError[], parent = ''): { field: string; problems: string[] }[] {
  return errors.flatMap((e) => {
    const field = parent ? `${parent}.${e.property}` : e.property;
    const own = e.constraints ? [{ field, problems: Object.values(e.constraints) }] : [];
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Path of the first own `__proto__` / `constructor` / `prototype` key in a parsed payload, if any. */
function prototypeKey(value: unknown, path = '', depth = 0): string | undefined {
  if (value === null || typeof value !== 'object' || depth > 20) return undefined;
  for (const key of Object.keys(value)) {
    const at = path ? `${path}.${key}` : key;
    if (PROTOTYPE_KEYS.has(key)) return at;
    const inner = prototypeKey((value as Record<string, unknown>)[key], at, depth + 1);
    if (inner) return inner;
  }
  return undefined;
}

/**
 * JSON.parse keeps `"__proto__"` as an own key; class-transformer then makes it the DTO's prototype,
 * so the whitelist never sees it and its fields would read through as if validated. Refuse it first.
 */
class EdgeValidationPipe extends ValidationPipe {
  override transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const key = metadata.type === 'body' || metadata.type === 'query' ? prototypeKey(value) : undefined;
    if (key) return Promise.reject(new DomainError('INVALID', `${key}: this field is not allowed`));
    return super.transform(value, metadata) as Promise<unknown>;
  }
}

/**
 * Validate every input at the edge: unknown fields are refused (not silently dropped), types are
 * checked without implicit conversion, so `{ "$gt": "" }` where a string belongs is an error.
 * Used for HTTP bodies/queries and for socket payloads alike.
 */
export function createValidationPipe(): ValidationPipe {
  return new EdgeValidationPipe({
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
